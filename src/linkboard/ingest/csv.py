"""CSV with a column mapping: ``--map body=description`` flags or a small YAML mapping file.

Columns named like linkboard's fields (id, url, site, posted_at, title, body, location, images)
map to themselves; ``images`` may hold several paths separated by ``|``. A row without an id gets
one from its content hash.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from linkboard.ingest.fields import BadRecord, image_list, site_of, text_field, timestamp
from linkboard.ingest.images import resolve_image
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import MAX_RECORD_BYTES, Damaged, InputError, open_binary, read_lines
from linkboard.model import Provenance, Quarantined, Record, sha256_text

FIELDS = ("id", "url", "site", "posted_at", "title", "body", "location", "images")
#: Splits a line after a carriage return that no line feed follows (old Mac line ends).
LONE_CR = re.compile(r"(?<=\r)(?!\n)")


def column_map(header: list[str], mapping: dict[str, str]) -> dict[str, str]:
    """field -> column; explicit mapping first, then same-named columns."""
    unknown = [f for f in mapping if f not in FIELDS]
    if unknown:
        raise InputError(
            f"unknown field(s) in mapping: {', '.join(unknown)}; use {', '.join(FIELDS)}"
        )
    missing = [c for c in mapping.values() if c not in header]
    if missing:
        raise InputError(f"column(s) not in the CSV header: {', '.join(missing)}")
    out = {f: f for f in FIELDS if f in header}
    out.update(mapping)
    if "body" not in out:
        raise InputError("no body column: map one with --map body=COLUMN")
    return out


def read(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Record | Quarantined]:
    source = options.source or path.name
    folder = path.resolve().parent
    stream, raw_file = open_binary(path)
    with raw_file, stream:
        lines = BoundedLines(stream)
        csv.field_size_limit(MAX_RECORD_BYTES)
        rows = csv.reader(lines)
        try:
            header = next(rows, None)
        except csv.Error as exc:
            yield Quarantined(source, f"{path}:1", f"unreadable CSV header: {exc}")
            return
        if header is None or lines.cut(rows.line_num):
            yield from lines.quarantine(source, path)
            return
        cols = column_map(header, options.mapping)
        index = {f: header.index(c) for f, c in cols.items()}
        for number, row in enumerate(_rows(rows), start=2):
            if progress is not None:
                progress(raw_file.tell())
            locator = f"{path}:{number}"
            try:
                if isinstance(row, csv.Error):
                    raise BadRecord(f"unreadable CSV row: {row}")
                if lines.cut(rows.line_num):
                    raise BadRecord(f"record too large: over {MAX_RECORD_BYTES:,} bytes")
                yield _row(row, index, header, locator, source, folder, options)
            except BadRecord as exc:
                sample = "" if isinstance(row, csv.Error) else ",".join(row)[:200]
                yield Quarantined(source, locator, str(exc), sample)
        yield from lines.quarantine(source, path)


class BoundedLines:
    """The lines of a CSV file for the csv module, each at most MAX_RECORD_BYTES: an over-long
    line is read in bounded chunks and passed on as an empty line (``cut`` says which), so that
    no line is ever held whole; damage (a broken .gz) ends the lines (``quarantine`` says why).
    Lines end at LF, CR LF or a lone CR, as in a text file opened with ``newline=""``."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._lines = read_lines(stream)
        self._pending: list[str] = []
        self._count = 0
        self._cut: set[int] = set()
        self.damaged: Damaged | None = None

    def __iter__(self) -> BoundedLines:
        return self

    def __next__(self) -> str:
        while not self._pending:
            number, line = next(self._lines)  # StopIteration ends the csv reader too
            if isinstance(line, Damaged):
                self.damaged = Damaged(line.reason + f" (line {number})")
                raise StopIteration
            if line is None:
                self._cut.add(self._count + 1)
                self._pending = ["\n"]
            else:
                text = line.decode("utf-8", errors="surrogateescape")
                self._pending = [p for p in LONE_CR.split(text) if p]
            self._pending.reverse()
        self._count += 1
        return self._pending.pop()

    def cut(self, line_num: int) -> bool:
        """Whether the csv reader's last line (its ``line_num``) stood for an over-long line."""
        return line_num in self._cut

    def quarantine(self, source: str, path: Path) -> Iterator[Quarantined]:
        if self.damaged is not None:
            yield Quarantined(source, str(path), self.damaged.reason)


def _rows(rows: Iterator[list[str]]) -> Iterator[list[str] | csv.Error]:
    """The rows, and in place of a row the csv module cannot read, its error (reading goes on
    at the next line)."""
    while True:
        try:
            yield next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield exc


def _row(
    row: list[str],
    index: dict[str, int],
    header: list[str],
    locator: str,
    source: str,
    folder: Path,
    options: ReadOptions,
) -> Record:
    if len(row) != len(header):
        raise BadRecord(f"wrong number of columns: {len(row)}, header has {len(header)}")
    values = {f: row[i] for f, i in index.items()}
    raw = json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False)
    if any("\udc80" <= ch <= "\udcff" for ch in raw):
        raise BadRecord("invalid UTF-8 in row")
    digest = sha256_text(raw)
    url = text_field(values, "url")
    images = values.get("images", "")
    return Record(
        id=text_field(values, "id") or f"sha256:{digest[:20]}",
        kind=options.kind,
        raw=raw,
        provenance=Provenance(source, locator, options.ingested_at, digest),
        title=text_field(values, "title"),
        body=text_field(values, "body", required=True),
        url=url,
        site=text_field(values, "site") or site_of(url),
        posted_at=timestamp(values.get("posted_at")),
        location=text_field(values, "location"),
        images=tuple(
            resolve_image(i, folder, options.root)
            for i in image_list(images.split("|") if images else [])
        ),
        region=options.region,
        extra={c: row[i] for i, c in enumerate(header) if i not in index.values()},
    )
