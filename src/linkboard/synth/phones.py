"""Fictional phone numbers, handed out so that no two posters ever share one by chance.

Every number is ``+1 <area code> 555 <line>``, with a real area code of a corpus city:

1. lines 0100–0199 first (the range NANPA reserves for fiction), then
2. lines 0200–9999 (except 1212, directory assistance), then 0000–0099,

so each area code holds 9,999 numbers and the ~100 area codes of ``cities.yaml`` about a
million: enough for the phones of a 1M-ad corpus. ``phonenumbers.is_valid_number`` accepts all
of them (checked in the tests), so extraction normalises them to E.164 like real numbers.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

#: Line numbers in the order they are handed out within one area code.
LINES: tuple[int, ...] = (
    tuple(range(100, 200)) + tuple(n for n in range(200, 10000) if n != 1212) + tuple(range(0, 100))
)


class PhoneBook:
    """Hands out each fictional number at most once (deterministic given the calls)."""

    def __init__(self, area_codes: Sequence[int]) -> None:
        self._used: dict[int, int] = {code: 0 for code in area_codes}

    def allocate(self, preferred: Sequence[int], rng: random.Random) -> str:
        """A new E.164 number, in one of ``preferred`` area codes while any has room."""
        start = rng.randrange(len(preferred))
        for i in range(len(preferred)):
            code = preferred[(start + i) % len(preferred)]
            if self._used.get(code, 0) < len(LINES):
                return self._take(code)
        for code in sorted(self._used, key=self._used.__getitem__):
            if self._used[code] < len(LINES):
                return self._take(code)
        raise RuntimeError("all fictional phone numbers are used up")

    def _take(self, code: int) -> str:
        line = LINES[self._used.get(code, 0)]
        self._used[code] = self._used.get(code, 0) + 1
        return f"+1{code}555{line:04d}"
