"""A set of character spans with a fast overlap test, so that claiming spans stays linear-ish."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable


class Spans:
    """Disjoint ``[start, end)`` intervals, kept sorted; adding an overlapping one merges them."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and self._ends[i] > start:
            return True
        return i + 1 < len(self._starts) and self._starts[i + 1] < end

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and self._ends[i] >= start:  # merge with the one before
            start = self._starts[i]
        else:
            i += 1
        j = i
        while j < len(self._starts) and self._starts[j] <= end:
            end = max(end, self._ends[j])
            j += 1
        end = max(end, self._ends[i]) if i < j else end
        self._starts[i:j] = [start]
        self._ends[i:j] = [end]
