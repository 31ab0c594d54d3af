"""How a person types: as written (``clean``), in text speak (``texting``: lower case, u/ur,
apostrophes dropped, letters stretched), or carelessly (``sloppy``: texting with typos). A voice
changes the words of a line, never what it means, so a line keeps the codes it planted: a typo
that breaks a phrase the indicators look for is a miss they should own.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from linkboard.synth.writing import pick

VOICES = ("clean", "texting", "sloppy")
_SHORT = (
    (re.compile(r"\byou're\b"), ("ur", "youre", "u r")),
    (re.compile(r"\byour\b"), ("ur", "ur", "your", "yr")),
    (re.compile(r"\byou\b"), ("u", "u", "you", "ya")),
    (re.compile(r"\btonight\b"), ("tonite", "2nite", "tonight")),
    (re.compile(r"\btomorrow\b"), ("tmrw", "tomorrow", "tmr")),
    (re.compile(r"\bplease\b"), ("pls", "plz")),
    (re.compile(r"\bare\b"), ("r", "are")),
    (re.compile(r"\bwant to\b"), ("wanna",)),
    (re.compile(r"\bgoing to\b"), ("gonna",)),
    (re.compile(r"\bbecause\b"), ("bc", "cuz")),
)
_EMOJI = ("😘", "💰", "✈️", "💅", "🔥", "😍", "💯", "🙏", "😉", "💕")
_WORD = re.compile(r"(?<![{\w])[a-z]{4,}(?![\w}])")


def said(template: str, voice: str, rng: random.Random, **slots: str) -> str:
    """``template`` as a person of ``voice`` types it, its ``{slots}`` filled after (a handle or
    a phone is pasted, not typed)."""
    return speak(template, voice, rng).format(**slots) if slots else speak(template, voice, rng)


def speak(text: str, voice: str, rng: random.Random) -> str:
    """``text`` as a person of ``voice`` types it (``{slots}`` are left as they are)."""
    if voice == "clean":
        return text[:1].upper() + text[1:]
    out = text.lower()
    for rx, options in _SHORT:
        out = rx.sub(_chooser(options, rng), out)
    if rng.random() < 0.5:
        out = out.replace("'", "")
    if rng.random() < 0.2:
        out = re.sub(r"\b(hey|so|omg|yes|please)\b", lambda m: m.group() + m.group()[-1] * 2, out)
    if voice == "sloppy":
        out = _WORD.sub(lambda m: typo(m.group(), rng) if rng.random() < 0.06 else m.group(), out)
    if rng.random() < 0.3:
        out += " " + pick(rng, _EMOJI)
    return out


def typo(word: str, rng: random.Random) -> str:
    """One slip of the thumb: a letter dropped, doubled or swapped with the next."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _chooser(options: tuple[str, ...], rng: random.Random) -> Callable[[re.Match[str]], str]:
    return lambda _m: pick(rng, options)
