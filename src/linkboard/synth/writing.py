"""Ad text: an operation's template, an independent poster's own voice, and the phrases in them.

A :class:`Draft` is the text a poster settles on when it starts: a title and sentences drawn
from the lexicon's pools (``phrases.yaml`` with descriptive words chosen), the ad-level slots
(``{name}``, ``{name2}``, ``{city}``) left open. An operation fills the same draft in every ad,
with small word edits (that is what makes it a template); an independent poster redraws a third
of its sentences in every ad (its own words, but never a shared template).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")

#: Sentence categories in body order, and how likely a draft includes each.
CATEGORIES = (
    ("intro", 0.85),
    ("describe", 1.0),
    ("offer", 0.8),
    ("describe", 0.35),
    ("availability", 0.6),
    ("location", 0.6),
    ("rules", 0.7),
    ("closing", 0.75),
)


@dataclass(slots=True)
class Draft:
    title: str
    sentences: list[tuple[str, str]]  # (category, text with open slots)
    separator: str


def make_draft(
    rng: random.Random, pools: dict[str, tuple[str, ...]], separators: list[str]
) -> Draft:
    sentences = [(cat, pick(rng, pools[cat])) for cat, p in CATEGORIES if rng.random() < p]
    return Draft(pick(rng, pools["titles"]), sentences, pick(rng, separators))


def redraw(
    draft: Draft, rng: random.Random, pools: dict[str, tuple[str, ...]], share: float
) -> Draft:
    """The draft with about ``share`` of its sentences (and maybe its title) drawn anew."""
    rand = rng.random
    sentences = [
        (cat, pick(rng, pools[cat])) if rand() < share else (cat, text)
        for cat, text in draft.sentences
    ]
    title = pick(rng, pools["titles"]) if rand() < share else draft.title
    return Draft(title, sentences, draft.separator)


def pick(rng: random.Random, options: Sequence[T]) -> T:
    """``rng.choice``, cheaper (this runs a few dozen times per ad)."""
    return options[int(rng.random() * len(options))]


def edit(draft: Draft, rng: random.Random, phrases: dict[str, Any]) -> Draft:
    """The template with zero to two small edits: a word swapped, a sentence dropped."""
    sentences = list(draft.sentences)
    for _ in range(pick(rng, (0, 1, 1, 2))):
        i = int(rng.random() * len(sentences))
        cat, text = sentences[i]
        if rng.random() < 0.25 and len(sentences) > 3 and cat != "intro":
            del sentences[i]
            continue
        for word, alternatives in phrases["edits"].items():
            if word in text and _word(word).search(text):
                sentences[i] = (cat, _word(word).sub(pick(rng, alternatives), text, count=1))
                break
    return Draft(draft.title, sentences, draft.separator)


@cache
def _word(word: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(word)}\b")


def fill(text: str, slots: dict[str, str]) -> str:
    for slot, value in slots.items():
        if slot in text:
            text = text.replace(slot, value)
    return text


def as_sentence(phrase: str, rng: random.Random) -> str:
    """A phrase written as a sentence of its own: ``New in town!``."""
    return phrase[0].upper() + phrase[1:] + pick(rng, (".", "!", "", "!!"))


def price_text(hourly: int, rng: random.Random, phrases: dict[str, Any]) -> tuple[str, str]:
    """A price for one duration, and its normalised value (``150 USD/30min``)."""
    key, minutes, share = pick(
        rng, (("h", 60, 1.0), ("h", 60, 1.0), ("hh", 30, 0.6), ("qv", 15, 0.4))
    )
    amount = max(20, round(hourly * share / 10) * 10)
    text = pick(rng, phrases["prices"][key]).format(amount=amount)
    return text, f"{amount} USD/{minutes}min"
