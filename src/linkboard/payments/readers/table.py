"""Statement CSV files row by row, in bounded memory (``ingest.csv.BoundedLines``): each row with
the line it starts on, or the reason it cannot be read; and a file's first bytes and first rows,
for the readers' ``detect``."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from linkboard.ingest.csv import BoundedLines
from linkboard.ingest.fields import MAX_FIELD_CHARS
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import MAX_RECORD_BYTES, STREAM_ERRORS, InputError, open_binary
from linkboard.model import Quarantined
from linkboard.payments.readers.records import Origin

#: How much of a file ``detect`` reads.
HEAD_BYTES = 8192
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Row:
    """A CSV row and the line it starts on; ``problem`` says why it cannot be read, if so."""

    line: int
    cells: list[str]
    problem: str = ""

    def origin(self, source: str, path: Path) -> Origin:
        """Where the row came from, its raw text the row written back as CSV."""
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(self.cells)
        return Origin(source, f"{path}:{self.line}", out.getvalue())


def rows(path: Path, progress: Callable[[int], None] | None = None) -> Iterator[Row]:
    """Every row of the CSV file at PATH (plain, .gz or .zst); damage ends them with a row that
    says why."""
    stream, raw_file = open_binary(path)
    with raw_file, stream:
        lines = BoundedLines(stream)
        csv.field_size_limit(MAX_RECORD_BYTES)
        reader = csv.reader(lines)
        start = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield Row(start, [], f"unreadable CSV row: {exc}")
            else:
                cut = any(lines.cut(n) for n in range(start, reader.line_num + 1))
                yield Row(start, cells, _problem(cells, cut))
            start = reader.line_num + 1
            if progress is not None:
                progress(raw_file.tell())
        if lines.damaged is not None:
            yield Row(start, [], lines.damaged.reason)


def opened(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> tuple[list[str], Iterator[Row]] | Quarantined:
    """PATH's column names (its header's) and the rows after them; what is quarantined instead
    when the file has no readable header."""
    found = rows(path, progress)
    first = next(found, None)
    if first is None or first.problem:
        where = f"{path}:1"
        return Quarantined(options.source or path.name, where,
                           first.problem if first else "empty file")  # fmt: skip
    return names(first.cells), found


def _problem(cells: list[str], cut: bool) -> str:
    if cut or sum(map(len, cells)) > MAX_RECORD_BYTES:
        return f"record too large: over {MAX_RECORD_BYTES:,} bytes"
    for number, cell in enumerate(cells, start=1):
        if len(cell) > MAX_FIELD_CHARS:
            return f"field too large: column {number} has {len(cell):,} characters"
        if any("\udc80" <= ch <= "\udcff" for ch in cell):
            return "invalid UTF-8 in row"
    return ""


def head(path: Path, size: int = HEAD_BYTES) -> str:
    """The first SIZE bytes of PATH, decompressed, as text; "" when it cannot be read."""
    try:
        stream, raw_file = open_binary(path)
        with raw_file, stream:
            data = stream.read(size)
    except (InputError, *STREAM_ERRORS):
        return ""
    return data.decode("utf-8", errors="replace").lstrip("\ufeff")


def head_rows(path: Path, count: int = 12) -> list[list[str]]:
    """The first COUNT rows of a CSV file (fewer when its head holds fewer); [] when its head
    is no CSV."""
    lines = head(path).splitlines()[:count]
    try:
        return list(csv.reader(lines))
    except csv.Error:
        return []


def names(cells: list[str]) -> list[str]:
    """A header row's column names, without a byte-order mark or spaces around them."""
    return [c.lstrip("\ufeff").strip() for c in cells]


def key(name: str) -> str:
    """A column name as synonyms are matched: lower case, letters and digits only."""
    return _NOT_ALNUM.sub("", name.lower())
