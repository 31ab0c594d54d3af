"""Spreadsheet-safe CSV cells: every CSV-like export writes its rows through ``csv_writer``.

Ad text is scraped and hostile. A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is read by Excel, LibreOffice and Google Sheets as a formula
(``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``). OWASP's CSV-injection rule: prefix such a text
cell with a single quote, so the spreadsheet shows it as text. Numbers the exporter itself
writes (``int``/``float``, a negative score say) are not text and stay numeric.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

#: The first characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet will read it as data: formula-like text gets a leading ``'``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SafeWriter:
    """``csv.writer`` whose every text cell is neutralised by ``safe_cell``."""

    def __init__(self, out: IO[str]) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(v) for v in row])


def csv_writer(out: IO[str]) -> SafeWriter:
    return SafeWriter(out)
