"""Ingest: inputs in, records (or quarantined lines with their reasons) out, streaming.

``read`` is pure iteration over one input; ``ingest`` writes to a store in batches and is
idempotent: the same input twice adds nothing, a changed record is stored as an update.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from tqdm import tqdm

from linkboard import hooks
from linkboard.engine.crashpoints import crash_point
from linkboard.ingest import cdr, csv, html, jsonl
from linkboard.ingest.images import image_folder, keep_image
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import STREAM_ERRORS, InputError, open_binary, strip_compression
from linkboard.model import Quarantined, Record
from linkboard.store.base import IngestCounts, Store

#: linkboard's own input formats, registered as any plugin's are (``hooks.readers``).
FORMATS = {"jsonl": jsonl.read, "csv": csv.read, "cdr": cdr.read, "html": html.read}
for _name, _read in FORMATS.items():
    hooks.readers.register(_name, hooks.Reader(_read))
BATCH = 2000
#: Files a folder is read for besides its HTML pages (optionally .gz or .zst).
DATA_SUFFIXES = (".jsonl", ".json", ".ndjson", ".jl", ".cdr", ".csv", ".tsv")


def formats() -> list[str]:
    """Every input format: linkboard's own, then those plugins registered (by name: the order
    plugins happened to load in changes nothing)."""
    return [*FORMATS, *sorted(name for name in hooks.readers.all() if name not in FORMATS)]


def detect_format(path: Path) -> str:
    """A plugin's format whose ``detect`` knows the file; else jsonl, cdr, csv or html, from the
    path and, for JSON lines, the first object's keys."""
    if path.is_dir():
        return "html"
    if not path.exists():
        raise InputError(f"no such file: {path}")
    for name, reader in hooks.readers.all().items():
        if reader.detect is not None and reader.detect(path):
            return name
    name = strip_compression(path.name.lower())
    if name.endswith(".csv") or name.endswith(".tsv"):
        return "csv"
    if name.endswith((".jsonl", ".json", ".ndjson", ".jl", ".cdr")):
        stream, raw = open_binary(path)
        with raw, stream:
            try:
                first = stream.readline(1 << 20)
            except STREAM_ERRORS:  # damaged from the start: the reader quarantines it
                return "jsonl"
        try:
            keys = json.loads(first) if first.strip() else {}
        except (ValueError, RecursionError):  # bad JSON, UTF-8, or a number or nesting too far:
            return "jsonl"  # the reader quarantines it
        is_cdr = (
            isinstance(keys, dict)
            and "_id" in keys
            and ("raw_content" in keys or "extracted_text" in keys)
        )
        return "cdr" if is_cdr else "jsonl"
    raise InputError(f"unknown input format for {path}: use --format {'|'.join(formats())}")


def read(
    path: Path,
    fmt: str | None = None,
    options: ReadOptions | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Record | Quarantined]:
    fmt = fmt or detect_format(path)
    reader = hooks.readers.get(fmt)
    if reader is None:
        raise InputError(f"unknown format {fmt!r}: use one of {', '.join(formats())}")
    return reader.read(path, options or ReadOptions(), progress)


def sources(
    paths: Iterable[Path], fmt: str | None = None, options: ReadOptions | None = None
) -> list[tuple[Path, str, ReadOptions]]:
    """(input, format, options) for each thing to read. A folder is read for its HTML pages and
    for its data files (JSON Lines, CSV, CDR), each with its own format; image references in
    any of them stay inside that folder."""
    options = options or ReadOptions()
    out = []
    for path in paths:
        if not path.is_dir():
            out.append((path, fmt or detect_format(path), options))
            continue
        inside = replace(options, root=options.root or path.resolve())
        if fmt in (None, "html") and (fmt == "html" or html.pages(path)):
            out.append((path, "html", inside))
        if fmt != "html":
            out += [(f, found, inside) for f in data_files(path)
                    if (found := fmt or _format_in_folder(f))]  # fmt: skip
    return out


def _format_in_folder(path: Path) -> str | None:
    """PATH's format; None for a file that only a plugin's name ending brought in (an ``.xml``
    that is no camt.053 statement is not an input, as it was not before the plugin)."""
    try:
        return detect_format(path)
    except InputError:
        if strip_compression(path.name.lower()).endswith(DATA_SUFFIXES):
            raise
        return None


def data_files(folder: Path) -> list[Path]:
    """The JSON Lines, CSV and CDR files in FOLDER and below (and those a plugin's reader reads),
    hidden ones left out."""
    suffixes = DATA_SUFFIXES + tuple(s for r in hooks.readers.all().values() for s in r.suffixes)
    return sorted(
        p
        for p in folder.rglob("*")
        if strip_compression(p.name.lower()).endswith(suffixes)
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and p.is_file()
    )


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
    """Read every input into the store. Bad lines are quarantined; the batch always goes on.

    Each local image a record names is copied into the store's own image folder by its sha256
    (``ingest.images``): the web app serves photos from there, never from an input path."""
    inputs = sources(paths, fmt, options)  # fail fast, before writing anything
    counts = IngestCounts()
    store_path = getattr(store, "path", None)
    kept = image_folder(store_path) if store_path is not None else None
    for path, path_fmt, path_options in inputs:
        bar, update = _progress_bar(path, show_progress)
        with bar:
            records: list[Record] = []
            bad: list[Quarantined] = []
            for item in read(path, path_fmt, path_options, update):
                (bad if isinstance(item, Quarantined) else records).append(item)  # type: ignore[arg-type]
                if kept is not None and isinstance(item, Record):
                    for ref in item.images:
                        keep_image(kept, ref)
                if len(records) >= BATCH:
                    counts += store.add_records(records)
                    crash_point("ingest:committed")
                    records = []
            counts += store.add_records(records)
            store.add_quarantine(bad)
            counts.quarantined += len(bad)
    return counts


__all__ = ["FORMATS", "InputError", "ReadOptions", "detect_format", "ingest", "read", "sources"]
