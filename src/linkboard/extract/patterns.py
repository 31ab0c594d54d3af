"""Alternations of literal words written so that ``re`` can skip to where one could start.

``re`` scans a text quickly only when a pattern begins with a literal character or a set of them:
it then jumps from one such character to the next. A pattern that begins with a look-behind
(``(?<!\\w)ig|insta``) or a group of alternatives is instead tried at every position, five to
ten times slower on an ad. ``words`` writes ``(?<![\\w@])(?:instagram|insta|ig)`` as
``i(?<![\\w@].)(?:nstagram|nsta|g)``: one alternative per first letter, the look-behind moved
after that letter (two characters wide, the letter included), so the pattern starts on a literal.

Digits are written ``[0-9]``, not ``\\d``: the views hold ASCII digits only (``normalise`` folds the
others), and ``re`` skips to a range two to three times faster than to a Unicode category.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol


def alternation(alternatives: Iterable[str]) -> str:
    """``a|b|c``: the words escaped, longest first, a space matching any whitespace (for use
    inside a pattern, where the first-letter form of ``words`` buys nothing)."""
    parts = sorted(alternatives, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s*") for w in parts)


def words(
    alternatives: Iterable[str],
    not_after: str = "",
    after: str = "",
    guard: str = "",
    then: str = "",
    spaces: str = r"\s*",
    raw: bool = False,
) -> str:
    """Top-level alternatives matching any of ``alternatives`` literally (longest first).

    ``not_after``/``after``: a character class that must not / must come just before the word;
    ``guard``: more look-behind text, placed after the first character; ``then``: pattern
    text every alternative ends with; a space in a word matches ``spaces``. With ``raw`` the
    alternatives are patterns, tried in the order given, each starting with a plain letter. The
    result has no group around it: join several with ``|`` and wrap them in one group.
    """
    if raw:
        ordered = list(dict.fromkeys(alternatives))
    else:
        ordered = sorted(set(alternatives), key=lambda w: (-len(w), w))
    by_first: dict[str, list[str]] = {}
    for word in ordered:
        rest = word[1:] if raw else re.escape(word[1:]).replace(r"\ ", spaces)
        by_first.setdefault(word[0], []).append(rest)
    guard = (
        (f"(?<!{not_after}.)" if not_after else "") + (f"(?<={after}.)" if after else "") + guard
    )
    return "|".join(
        f"{re.escape(first)}{guard}(?:{'|'.join(rests)}){then}" for first, rests in by_first.items()
    )


class Searcher(Protocol):
    """A compiled pattern, or anything that finds its next match at or after ``pos`` as one."""

    def search(self, string: str, pos: int = 0) -> re.Match[str] | None: ...


def leftmost(searchers: Sequence[Searcher], text: str) -> list[re.Match[str]]:
    """Exactly what ``finditer`` gives for the alternation of several patterns: the leftmost
    match, the earliest pattern's where two start together, then on from its end. Each pattern
    can then start on its own literal characters. Patterns must not match the empty string."""
    out: list[re.Match[str]] = []
    upcoming = [s.search(text, 0) for s in searchers]
    pos = 0
    while True:
        best = None
        for i, m in enumerate(upcoming):
            if m is not None and m.start() < pos:
                m = upcoming[i] = searchers[i].search(text, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return out
        out.append(best)
        pos = best.end()
