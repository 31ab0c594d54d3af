"""Fire every text indicator of the taxonomy with two regex scans per field.

All phrases (and coded terms) of all indicators compile into ONE regex built from a token trie,
so each position of the text tries only the phrases that start with its letter; raw ``patterns``
compile into a second regex with one named group per indicator. Matching runs on a lower-cased
copy of the field that keeps every character at its index, so spans index the original text.

A phrase is a sequence of tokens (words, numbers, emoji); ``(a|b)`` in a phrase spells
alternatives ("(call|text) her driver" is two phrases). Between tokens the text may hold one to
four spaces or punctuation marks ("new  in-town", "24 / 7"); a phrase that starts or ends with a
letter or digit only matches at a word boundary ("new in town" not in "renew in townhouse").
``not`` patterns are near misses: a hit is dropped when one of its indicator's ``not`` patterns
matches text overlapping it ("new to this area" is movement, not inexperience).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from linkboard.score.taxonomy import Indicator, TaxonomyError, Term

_EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf"
TOKEN = re.compile(rf"[^\W_]+|[{_EMOJI}]")
SEP = rf"[^\w{_EMOJI}]{{1,4}}"  # spaces and punctuation, not letters, digits or emoji
NOT_WINDOW = 40


def tokens(text: str) -> tuple[str, ...]:
    """The tokens of a phrase or a matched text, lower-cased: words, numbers, emoji."""
    return tuple(TOKEN.findall(text.lower()))


def lowered(text: str) -> str:
    """``text`` lower-cased character by character, so that every index still lines up."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass(frozen=True, slots=True)
class Match:
    """A text indicator found in a field: which indicator, which term, where."""

    code: str
    term: Term
    start: int
    end: int
    rule: str


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    terminal: bool = False


class PhraseMatcher:
    """The compiled text side of a taxonomy. Build once (``Taxonomy.matcher`` caches it)."""

    def __init__(self, indicators: Sequence[Indicator]) -> None:
        self.phrases: dict[tuple[str, ...], tuple[str, Term]] = {}
        root = _Node()
        groups: list[str] = []
        self.group_code: dict[str, str] = {}
        self.nots: dict[str, re.Pattern[str]] = {}
        for ind in indicators:
            for term in ind.phrases:
                for spelling in expand(term.phrase):
                    self._add_phrase(root, ind.code, Term(spelling, term.meaning, term.key))
            for rx in ind.patterns:
                name = f"p{len(groups)}"
                groups.append(f"(?P<{name}>{rx})")
                self.group_code[name] = ind.code
            if ind.not_patterns:
                self.nots[ind.code] = re.compile("|".join(f"(?:{p})" for p in ind.not_patterns))
        self.phrase_rx = _compile_trie(root)
        self.pattern_rx = re.compile("|".join(groups)) if groups else None

    def _add_phrase(self, root: _Node, code: str, term: Term) -> None:
        toks = tokens(term.phrase)
        if not toks:
            raise TaxonomyError(f"{code}: phrase {term.phrase!r} has no words")
        if toks in self.phrases and self.phrases[toks][0] != code:
            other = self.phrases[toks][0]
            raise TaxonomyError(f"{code}: phrase {term.phrase!r} already belongs to {other}")
        self.phrases[toks] = (code, term)
        node = root
        for tok in toks:
            node = node.children.setdefault(tok, _Node())
        node.terminal = True

    def find(self, text: str) -> list[Match]:
        """Every text indicator in ``text`` (one field), near misses removed, in text order."""
        if not text:
            return []
        low = lowered(text)
        nots = self.nots
        found = [
            m
            for m in self._scan(low)
            if m.code not in nots or not self.near_miss(low, m.code, m.start, m.end)
        ]
        found.sort(key=lambda m: (m.start, m.code))
        return found

    def _scan(self, low: str) -> Iterator[Match]:
        if self.phrase_rx is not None:
            for m in self.phrase_rx.finditer(low):
                code, term = self.phrases[tokens(m.group())]
                yield Match(code, term, m.start(), m.end(), "phrase")
        if self.pattern_rx is not None:
            for m in self.pattern_rx.finditer(low):
                name = m.lastgroup or ""
                if m.end() > m.start():
                    yield Match(
                        self.group_code[name], Term(m.group()), m.start(), m.end(), "pattern"
                    )

    def near_miss(self, low: str, code: str, start: int, end: int) -> bool:
        """Whether a ``not`` pattern of ``code`` overlaps ``low[start:end]`` (lower-cased text)."""
        rx = self.nots.get(code)
        if rx is None:
            return False
        lo, hi = max(0, start - NOT_WINDOW), min(len(low), end + NOT_WINDOW)
        return any(n.start() < end and n.end() > start for n in rx.finditer(low, lo, hi))


def _compile_trie(root: _Node) -> re.Pattern[str] | None:
    """One regex for the whole trie. Phrases that start with a letter or digit sit behind one
    word-start check, which fails fast inside words (most positions of a text)."""
    words = {t: n for t, n in root.children.items() if t[0].isalnum()}
    others = {t: n for t, n in root.children.items() if not t[0].isalnum()}
    alts = [rf"\b(?:{_alternatives(words)})"] if words else []
    alts += [_alternatives(others)] if others else []
    return re.compile("|".join(alts)) if alts else None


def _alternatives(children: dict[str, _Node]) -> str:
    """The tokens of ``children`` and what follows each, factored by their first characters so
    that the regex engine rejects a position after one test per character, not one per token."""
    return _factor([(tok, _after(tok, node)) for tok, node in sorted(children.items())])


def _factor(entries: list[tuple[str, str]]) -> str:
    if len(entries) == 1:
        lit, rest = entries[0]
        return re.escape(lit) + rest
    groups: dict[str, list[tuple[str, str]]] = {}
    for lit, rest in entries:
        groups.setdefault(lit[:1], []).append((lit[1:], rest))
    alts = []
    for head, group in groups.items():
        body = _factor(group) if head else "|".join(rest for _, rest in group)
        alts.append(re.escape(head) + (f"(?:{body})" if len(group) > 1 else body))
    return "|".join(alts)


def _after(tok: str, node: _Node) -> str:
    """Regex for what follows ``tok``: greedily, the longest phrase continuing from it."""
    parts = []
    if node.children:
        parts.append(f"{SEP}(?:{_alternatives(node.children)})")
    if node.terminal:
        parts.append(r"(?![^\W_])" if tok[-1].isalnum() else "")
    # No capture groups anywhere: they would make every alternative save and restore marks,
    # which doubles the scan time. The matched text's tokens tell which phrase it is.
    return f"(?:{'|'.join(parts)})" if len(parts) > 1 else parts[0]


def expand(phrase: str, limit: int = 2000) -> list[str]:
    """The phrases a phrase with alternatives spells: ``(call|text) (her|my) driver`` gives four."""
    parts = re.split(r"\(([^()]*)\)", phrase)
    choices = [[p] if i % 2 == 0 else p.split("|") for i, p in enumerate(parts)]
    count = 1
    for c in choices:
        count *= len(c)
    if count > limit:
        raise TaxonomyError(f"phrase {phrase!r} spells {count} phrases (limit {limit})")
    return [" ".join("".join(combo).split()) for combo in itertools.product(*choices)]
