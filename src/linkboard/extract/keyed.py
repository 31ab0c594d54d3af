"""Keyword patterns tried only where one of their words starts, instead of scanned for.

A pattern such as ``v(?<![\\w].)(?:isiting)|i(?<![\\w].)(?:n)|...`` starts on a letter, and so
``re`` enters it at nearly every letter of an ad, hundreds of times, to find the two or three
places where it matches. Yet each of its matches starts a word (a run of a-z in the lower-cased
text) out of a small known set: ``visiting``, ``in``... ``first_words`` reads that set off the
pattern itself, and ``Keyed`` tries the pattern only at the starts of those words, which the
text's word set and ``str.find`` give far faster. The matches are exactly those of ``finditer``
(a test checks it).

``first_words`` walks the parsed pattern from its start: literal letters make the word; a
non-letter (a space, ``'``, ``:``), a word boundary or a look-ahead that no letter passes ends it.
A word may also go on into the text: ``call\\s*`` matches the start of ``callme``; such words are
kept as prefixes. A pattern whose matches need not start on a word of letters it can list (one
that may start on a digit, or on a letter in the middle of a word) raises ``Unkeyable``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from re import _constants as C  # type: ignore[attr-defined, unused-ignore]
from re import _parser as P  # type: ignore[attr-defined, unused-ignore]
from typing import Any

from linkboard.extract import patterns

_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_MAX_REPEAT = 4


class Unkeyable(ValueError):
    """The pattern's matches cannot be told by the word they start."""


#: Every byte but a-z as a space (a non-ASCII character is encoded as ``?`` first).
_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def _spaced(lower: str) -> str:
    """``lower`` with every character but a-z as a space, one more space at each end."""
    letters = lower.encode("ascii", "replace").translate(_LETTERS_ONLY)
    return f" {letters.decode('ascii')} "


class Words:
    """A lower-cased text and its words (runs of a-z letters: ``set``), with where each stands,
    found when first asked for and kept."""

    __slots__ = ("_spaced", "_starts", "lower", "set")

    def __init__(self, lower: str):
        self.lower = lower
        self._spaced = _spaced(lower)
        #: The runs of a-z (what ``re.findall("[a-z]+")`` finds, a third faster).
        self.set = frozenset(self._spaced.split())
        self._starts: dict[str, list[int]] = {}

    def starts(self, word: str, whole: bool = True) -> list[int]:
        """Where ``word`` stands in the text as a whole word (else: where a word starts so)."""
        key = word if whole else word + "-"  # no word holds a "-"
        found = self._starts.get(key)
        if found is None:
            # In the spaced text a word is " word ", and its position there is the space's.
            needle = f" {word} " if whole else f" {word}"
            found = []
            i = self._spaced.find(needle)
            while i >= 0:
                found.append(i)
                i = self._spaced.find(needle, i + len(needle) - 1)
            self._starts[key] = found
        return found


#: What a pattern needs in a text before it is worth scanning for: one of these whole
#: words, this substring, or nothing.
Cue = frozenset[str] | str | None


def cued(cue: Cue, words: Words) -> bool:
    """Whether the text holds the cue."""
    if cue is None:
        return True
    return cue in words.lower if isinstance(cue, str) else not cue.isdisjoint(words.set)


class Keyed:
    """A compiled pattern with the words its matches start: ``exact`` (the whole word) and
    ``prefixes`` (the word's beginning)."""

    __slots__ = ("exact", "pattern", "prefixes")

    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern
        exact, prefixes = first_words(pattern)
        self.exact = frozenset(exact)
        self.prefixes = tuple(sorted(prefixes))

    def positions(self, words: Words) -> list[int]:
        """Where a match can start in the text, in order."""
        found = self.exact & words.set
        out = [p for prefix in self.prefixes for p in words.starts(prefix, whole=False)]
        if len(found) == 1 and not out:
            return words.starts(next(iter(found)))
        for w in found:
            out += words.starts(w)
        out.sort()
        return out

    def finditer(self, words: Words) -> list[re.Match[str]]:
        """What ``self.pattern.finditer(words.lower)`` finds."""
        out: list[re.Match[str]] = []
        lower, last = words.lower, 0
        match = self.pattern.match
        for pos in self.positions(words):
            if pos >= last:
                m = match(lower, pos)
                if m is not None:
                    out.append(m)
                    last = m.end()
        return out

    def searcher(self, words: Words) -> Searcher | None:
        """The pattern bound to where it can start in the text (None where nowhere)."""
        positions = self.positions(words)
        return Searcher(self.pattern, positions) if positions else None


class Searcher:
    """A pattern tried only at known positions, searched as ``patterns.leftmost`` does."""

    __slots__ = ("pattern", "positions")

    def __init__(self, pattern: re.Pattern[str], positions: list[int]):
        self.pattern = pattern
        self.positions = positions

    def search(self, string: str, pos: int = 0) -> re.Match[str] | None:
        positions = self.positions
        for i in range(bisect_left(positions, pos), len(positions)):
            m = self.pattern.match(string, positions[i])
            if m is not None:
                return m
        return None


class Scanned:
    """A pattern that cannot be keyed, scanned for in the lower-cased text when its cue holds."""

    __slots__ = ("cue", "pattern")

    def __init__(self, pattern: re.Pattern[str], cue: Cue = None):
        self.pattern = pattern
        self.cue = cue

    def finditer(self, words: Words) -> list[re.Match[str]]:
        return list(self.pattern.finditer(words.lower)) if cued(self.cue, words) else []

    def searcher(self, words: Words) -> re.Pattern[str] | None:
        return self.pattern if cued(self.cue, words) else None


def finder(pattern: re.Pattern[str], cue: Cue = None) -> Keyed | Scanned:
    """The pattern keyed by its first words where they can be read off it, else scanned for
    (when ``cue`` holds)."""
    try:
        return Keyed(pattern)
    except Unkeyable:
        return Scanned(pattern, cue)


def leftmost(finders: Iterable[Keyed | Scanned], words: Words) -> list[re.Match[str]]:
    """What ``patterns.leftmost`` finds with the finders' patterns in the text: each finder that
    can match there, bound to it, merged as one alternation of them would match."""
    bound = []
    for f in finders:
        s = f.searcher(words)
        if s is not None:
            bound.append(s)
    return patterns.leftmost(bound, words.lower)


# --- reading the words off a pattern ----------------------------------------------------------


def first_words(pattern: re.Pattern[str]) -> tuple[set[str], set[str]]:
    """(whole words, word prefixes) that every match of ``pattern`` starts with; ``Unkeyable`` if
    a match may start otherwise. The pattern must say that no letter comes before the match (a
    look-behind on its first character or on the position before it, or ``\\b``)."""
    if pattern.flags & re.IGNORECASE:
        raise Unkeyable("case-insensitive")
    exact: set[str] = set()
    prefixes: set[str] = set()
    _walk(list(P.parse(pattern.pattern, pattern.flags)), "", False, exact, prefixes)
    return {w for w in exact if not w.startswith(tuple(prefixes))}, prefixes


# One branch per kind of regex item (sre_parse opcode); the zero-width ones (assertions and
# anchors) are read by ``_ends_word`` and ``_anchors_word``.
def _walk(items: list[Any], word: str, anchored: bool, exact: set[str], prefixes: set[str]) -> None:  # noqa: C901
    """Follow every way through ``items`` after ``word`` has been matched; record where it ends.
    ``anchored``: the pattern has said that no letter comes before the word."""
    if not items:
        _end(word, anchored, prefixes)  # the text may go on with letters
        return
    (op, av), rest = items[0], items[1:]
    letters = _letters(op, av)
    if letters is not None:
        if not letters:
            _end(word, anchored, exact)
            return
        if not _listed(op, av) or letters != _chars(op, av):
            raise Unkeyable(f"a letter from a class after {word!r}")
        for c in sorted(letters):
            _walk(rest, word + c, anchored, exact, prefixes)
    elif op is C.BRANCH:
        for alternative in av[1]:
            _walk(list(alternative) + rest, word, anchored, exact, prefixes)
    elif op is C.SUBPATTERN:
        _walk(list(av[3]) + rest, word, anchored, exact, prefixes)
    elif op is C.ATOMIC_GROUP:
        _walk(list(av) + rest, word, anchored, exact, prefixes)
    elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        _repeat(av, rest, word, anchored, exact, prefixes)
    elif op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        if _ends_word(op, av, word):
            _end(word, anchored, exact)
            return
        _walk(rest, word, _anchors_word(op, av, word) or anchored, exact, prefixes)
    else:
        raise Unkeyable(f"{op} after {word!r}")


def _ends_word(op: Any, av: Any, word: str) -> bool:
    """Whether a zero-width item after the letters of ``word`` says that the word ends there:
    a look-ahead ``(?![a-z])``, a word boundary, or the end of the text or line."""
    if op is C.ASSERT_NOT:
        direction, sub = av
        return direction == 1 and bool(word) and _one_of(sub) == _LETTERS
    if op is C.AT and word:
        return av in (C.AT_BOUNDARY, C.AT_UNI_BOUNDARY, C.AT_END, C.AT_END_STRING, C.AT_END_LINE)
    return False


def _anchors_word(op: Any, av: Any, word: str) -> bool:
    """Whether a zero-width item says that no letter comes before ``word``: a look-behind that
    no letter passes (see ``_not_after_letter``), or a word boundary or the beginning of the
    text before its first letter."""
    if op is C.ASSERT_NOT:
        direction, sub = av
        return direction == -1 and _not_after_letter(sub, word)
    if op is C.AT and not word:
        return av in (C.AT_BOUNDARY, C.AT_UNI_BOUNDARY, C.AT_BEGINNING, C.AT_BEGINNING_STRING)
    return False


def _repeat(
    av: Any, rest: list[Any], word: str, anchored: bool, exact: set[str], prefixes: set[str]
) -> None:
    low, high, sub = av
    if not _may_take_letter(list(sub)):
        least, most = sub.getwidth()
        if low == 0 or least == 0:
            _walk(rest, word, anchored, exact, prefixes)
        if high > 0 and most > 0:
            _end(word, anchored, exact)  # a character that is no letter
        return
    if high > _MAX_REPEAT:
        raise Unkeyable(f"letters repeated without bound after {word!r}")
    for times in range(low, high + 1):
        _walk(list(sub) * times + rest, word, anchored, exact, prefixes)


def _end(word: str, anchored: bool, into: set[str]) -> None:
    if not word:
        raise Unkeyable("a match can start on something other than a letter")
    if not anchored:
        raise Unkeyable(f"a match can start inside a word ({word!r})")
    into.add(word)


def _not_after_letter(sub: Any, word: str) -> bool:
    """A look-behind ``(?<![...])`` before the word, or ``(?<![...].)`` on its first letter,
    whose class holds every letter."""
    items = list(sub)
    if len(items) == 1 and not word:
        return _one_of(sub) == _LETTERS
    if len(items) == 2 and len(word) == 1 and items[1][0] is C.ANY:
        return _one_of(P.SubPattern(sub.state, items[:1])) == _LETTERS
    return False


def _one_of(sub: Any) -> frozenset[str] | None:
    """The letters a one-character pattern matches (None if it is not one character)."""
    items = list(sub)
    if len(items) != 1:
        return None
    letters = _letters(*items[0])
    return None if letters is None else frozenset(letters)


def _letters(op: Any, av: Any) -> set[str] | None:
    """The a-z letters a one-character item matches; None if the item is not one character."""
    chars = _chars(op, av)
    return None if chars is None else chars & _LETTERS


_ASCII = frozenset(map(chr, range(128)))
_CATEGORIES = {
    C.CATEGORY_WORD: _LETTERS | set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"),
    C.CATEGORY_SPACE: frozenset(" \t\n\r\f\v"),
    C.CATEGORY_DIGIT: frozenset("0123456789"),
}
_CATEGORIES[C.CATEGORY_UNI_WORD] = _CATEGORIES[C.CATEGORY_WORD]
_CATEGORIES[C.CATEGORY_UNI_SPACE] = _CATEGORIES[C.CATEGORY_SPACE]
_CATEGORIES[C.CATEGORY_UNI_DIGIT] = _CATEGORIES[C.CATEGORY_DIGIT]
for _yes, _no in (
    (C.CATEGORY_WORD, C.CATEGORY_NOT_WORD),
    (C.CATEGORY_SPACE, C.CATEGORY_NOT_SPACE),
    (C.CATEGORY_DIGIT, C.CATEGORY_NOT_DIGIT),
    (C.CATEGORY_UNI_WORD, C.CATEGORY_UNI_NOT_WORD),
    (C.CATEGORY_UNI_SPACE, C.CATEGORY_UNI_NOT_SPACE),
    (C.CATEGORY_UNI_DIGIT, C.CATEGORY_UNI_NOT_DIGIT),
):
    _CATEGORIES[_no] = _ASCII - _CATEGORIES[_yes]


# One branch per kind of one-character regex item (sre_parse opcode).
def _chars(op: Any, av: Any) -> set[str] | None:  # noqa: C901
    """The ASCII characters a one-character item matches; None if it is not one character."""
    if op is C.LITERAL:
        return {chr(av)} & _ASCII
    if op is C.NOT_LITERAL:
        return set(_ASCII - {chr(av)})
    if op is C.ANY:
        return set(_ASCII)
    if op is C.CATEGORY:
        return set(_category(av))
    if op is not C.IN:
        return None
    out: set[str] = set()
    negate = False
    for item_op, item in av:
        if item_op is C.NEGATE:
            negate = True
        elif item_op is C.LITERAL:
            out.add(chr(item))
        elif item_op is C.RANGE:
            out.update(chr(c) for c in range(item[0], item[1] + 1))
        elif item_op is C.CATEGORY:
            out |= _category(item)
        else:
            raise Unkeyable(f"a class holding {item_op}")
    out &= _ASCII
    return set(_ASCII - out) if negate else out


def _category(code: Any) -> frozenset[str]:
    found = _CATEGORIES.get(code)
    if found is None:
        raise Unkeyable(f"category {code}")
    return frozenset(found)


def _listed(op: Any, av: Any) -> bool:
    """Whether the characters an item matches are written out (``a``, ``[ae]``, ``[0-9]``)."""
    if op is C.LITERAL:
        return True
    return op is C.IN and all(item_op in (C.LITERAL, C.RANGE) for item_op, _ in av)


def _may_take_letter(items: list[Any]) -> bool:
    """Whether a sequence can take a letter before it takes any other character."""
    for op, av in items:
        letters = _letters(op, av)
        if letters is not None:
            return bool(letters)
        if op is C.SUBPATTERN:
            inner = list(av[3])
        elif op is C.ATOMIC_GROUP:
            inner = list(av)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            inner = list(av[2])
        elif op is C.BRANCH:
            if any(_may_take_letter(list(a)) for a in av[1]):
                return True
            continue
        elif op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            continue
        else:
            return True
        if _may_take_letter(inner):
            return True
    return False
