"""A view of a field's text: the text after a chain of rewrites, each of which remembers its
edits, so that a span found in the view maps back to a span of the original text."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

#: A replacement for a match: None keeps it; ``(text, back)`` also replaces the ``back``
#: characters before the match (whitespace, look-alike letters) that the pattern could not take.
Rewrite = Callable[[re.Match[str]], str | tuple[str, int] | None]


class View:
    """A text derived from its parent by replacements; spans map back through ``edits``."""

    __slots__ = ("_edits", "_starts", "parent", "text")

    def __init__(
        self,
        text: str,
        parent: View | None = None,
        edits: list[tuple[int, int, int, int]] | None = None,
    ):
        self.text = text
        self.parent = parent
        #: (start, end) in this view, (start, end) in the parent, in order.
        self._edits: list[tuple[int, int, int, int]] = edits or []
        self._starts = [e[0] for e in self._edits]

    def _up(self, pos: int, is_end: bool) -> int:
        i = (bisect_left(self._starts, pos) if is_end else bisect_right(self._starts, pos)) - 1
        if i < 0:
            return pos
        _start, end, p_start, p_end = self._edits[i]
        if is_end and pos <= end:
            return p_end
        if not is_end and pos < end:
            return p_start
        return pos - end + p_end

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        view: View | None = self
        while view is not None and view.parent is not None:
            start, end = view._up(start, False), view._up(end, True)
            view = view.parent
        return start, end

    @property
    def original(self) -> str:
        view = self
        while view.parent is not None:
            view = view.parent
        return view.text

    def rewrite(self, pattern: re.Pattern[str], repl: Rewrite, haystack: str | None = None) -> View:
        """A child view with each match of ``pattern`` replaced by ``repl(match)`` (None: keep).

        ``haystack`` (same length as the text, e.g. its lower-case form) is searched instead.
        """
        out: list[str] = []
        edits: list[tuple[int, int, int, int]] = []
        last = shift = 0
        text = self.text
        for m in pattern.finditer(text if haystack is None else haystack):
            new = repl(m)
            if new is None:
                continue
            new, back = new if isinstance(new, tuple) else (new, 0)
            if new == m.group() and not back:
                continue
            s, e = m.span()
            s -= back
            if s < last:
                continue
            out.append(text[last:s])
            edits.append((s + shift, s + shift + len(new), s, e))
            out.append(new)
            shift += len(new) - (e - s)
            last = e
        if not edits:
            return self
        out.append(text[last:])
        return View("".join(out), self, edits)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
NON_ASCII_CHAR = re.compile(r"[^\x00-\x7f]")


def ascii_lower(text: str) -> str:
    """``text`` with A-Z lower-cased and nothing else changed (same length, same offsets)."""
    if text.isascii():
        return text.lower()
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ")
        return text.translate(_ASCII_LOWER)
    parts: list[str] = []
    last = 0
    for m in NON_ASCII_CHAR.finditer(text):  # put the non-ASCII characters back as they were
        parts += (lowered[last : m.start()], m.group())
        last = m.end()
    parts.append(lowered[last:])
    return "".join(parts)
