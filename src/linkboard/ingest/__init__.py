"""Ingest: inputs in, records (or quarantined lines with their reasons) out, streaming.

``read`` is pure iteration over one input; ``ingest`` writes to a store in batches and is
idempotent: the same input twice adds nothing, a changed record is stored as an update.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tqdm import tqdm

from linkboard.ingest import cdr, csv, html, jsonl
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import InputError, open_binary, strip_compression
from linkboard.model import Quarantined, Record
from linkboard.store.base import IngestCounts, Store

FORMATS = {"jsonl": jsonl.read, "cdr": cdr.read, "csv": csv.read, "html": html.read}
BATCH = 2000


def detect_format(path: Path) -> str:
    """jsonl, cdr, csv or html, from the path and, for JSON lines, the first object's keys."""
    if path.is_dir():
        return "html"
    if not path.exists():
        raise InputError(f"no such file: {path}")
    name = strip_compression(path.name.lower())
    if name.endswith(".csv") or name.endswith(".tsv"):
        return "csv"
    if name.endswith((".jsonl", ".json", ".ndjson", ".jl", ".cdr")):
        stream, raw = open_binary(path)
        with raw, stream:
            first = stream.readline(1 << 20)
        try:
            keys = json.loads(first) if first.strip() else {}
        except (json.JSONDecodeError, UnicodeDecodeError):
            return "jsonl"
        is_cdr = (
            isinstance(keys, dict)
            and "_id" in keys
            and ("raw_content" in keys or "extracted_text" in keys)
        )
        return "cdr" if is_cdr else "jsonl"
    raise InputError(f"unknown input format for {path}: use --format jsonl|csv|cdr|html")


def read(
    path: Path,
    fmt: str | None = None,
    options: ReadOptions | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Record | Quarantined]:
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    return FORMATS[fmt](path, options or ReadOptions(), progress)


def _progress_bar(path: Path, show: bool) -> tuple[tqdm, Callable[[int], None]]:
    if path.is_dir():
        total, unit = len(html.pages(path)), "page"
    else:
        total, unit = path.stat().st_size, "B"
    bar = tqdm(
        total=total, unit=unit, unit_scale=True, desc=path.name, disable=not show, leave=False
    )

    def update(position: int) -> None:
        bar.update(position - bar.n)

    return bar, update


def ingest(
    store: Store,
    paths: Iterable[Path],
    fmt: str | None = None,
    options: ReadOptions | None = None,
    show_progress: bool = False,
) -> IngestCounts:
    """Read every input into the store. Bad lines are quarantined; the batch always goes on."""
    paths = list(paths)
    formats = [fmt or detect_format(p) for p in paths]  # fail fast, before writing anything
    counts = IngestCounts()
    for path, path_fmt in zip(paths, formats, strict=True):
        bar, update = _progress_bar(path, show_progress)
        with bar:
            records: list[Record] = []
            bad: list[Quarantined] = []
            for item in read(path, path_fmt, options, update):
                (bad if isinstance(item, Quarantined) else records).append(item)  # type: ignore[arg-type]
                if len(records) >= BATCH:
                    counts += store.add_records(records)
                    records = []
            counts += store.add_records(records)
            store.add_quarantine(bad)
            counts.quarantined += len(bad)
    return counts


__all__ = ["FORMATS", "InputError", "ReadOptions", "detect_format", "ingest", "read"]
