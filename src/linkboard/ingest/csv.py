"""CSV with a column mapping: ``--map body=description`` flags or a small YAML mapping file.

Columns named like linkboard's fields (id, url, site, posted_at, title, body, location, images)
map to themselves; ``images`` may hold several paths separated by ``|``. A row without an id gets
one from its content hash.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from linkboard.ingest.fields import BadRecord, image_list, site_of, text_field, timestamp
from linkboard.ingest.images import resolve_image
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import InputError, open_binary
from linkboard.model import Provenance, Quarantined, Record, sha256_text

FIELDS = ("id", "url", "site", "posted_at", "title", "body", "location", "images")


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
        text = io.TextIOWrapper(stream, encoding="utf-8", errors="surrogateescape", newline="")
        csv.field_size_limit(8 * 1024 * 1024)
        rows = csv.reader(text)
        try:
            header = next(rows, None)
        except csv.Error as exc:
            yield Quarantined(source, f"{path}:1", f"unreadable CSV header: {exc}")
            return
        if header is None:
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
                yield _row(row, index, header, locator, source, folder, options)
            except BadRecord as exc:
                sample = "" if isinstance(row, csv.Error) else ",".join(row)[:200]
                yield Quarantined(source, locator, str(exc), sample)


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
