"""A channel as a package that registers its parts (``linkboard.hooks``): a record kind (field
notes), its input format (``.notes``: one note a line, ``id | contact | device | place | text``),
a value type (a device serial, typed ``serial``: linkboard's own ``device`` is a camera's), an
indicator file and an export format (one line a record)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from linkboard import hooks
from linkboard.export.scope import Scope
from linkboard.ingest.options import ReadOptions
from linkboard.model import Provenance, Quarantined, Record, sha256_text
from linkboard.store.base import Store
from linkboard.values import ValueType

HERE = Path(__file__).parent
SERIAL = re.compile(r"^[A-Z0-9]{6,20}$")


def read(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Record | Quarantined]:
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        parts = [p.strip() for p in line.split("|")]
        where = f"{path}:{number}"
        if len(parts) != 5 or not parts[0] or not parts[4]:
            yield Quarantined(path.name, where, "a note is id | contact | device | place | text",
                              line[:200])  # fmt: skip
            continue
        note, contact, device, place, text = parts
        yield Record(
            id=note, kind="note", raw=line,
            provenance=Provenance(path.name, where, options.ingested_at, sha256_text(line)),
            body=text, location=place, region=options.region,
            extra={"contact": contact, "device": device},
        )  # fmt: skip


def read_serial(text: str, namespace: str = "", region: str = "US") -> str | None:
    value = text.strip().upper()
    return value if SERIAL.match(value) else None


def write_lines(store: Store, scope: Scope, out: IO[Any], options: hooks.ExportOptions) -> int:
    for record in scope.records:
        out.write(f"{record.id}\t{record.kind}\t{record.body}\n")
    return len(scope.records)


def register() -> None:
    hooks.kind_files.register("note", HERE / "note.yaml")
    hooks.readers.register(
        "notes",
        hooks.Reader(read, detect=lambda p: p.name.endswith(".notes"), suffixes=(".notes",)),
    )
    hooks.value_types.register(
        "serial", ValueType("serial", read_serial, lambda v: f"serial {v}", str.__eq__)
    )
    hooks.indicator_files.register("notes", HERE / "indicators.yaml")
    hooks.exporters.register("lines", hooks.Exporter(".txt", write_lines, media_type="text/plain"))


def unregister() -> None:
    for registry, key in [
        (hooks.kind_files, "note"),
        (hooks.readers, "notes"),
        (hooks.value_types, "serial"),
        (hooks.indicator_files, "notes"),
        (hooks.exporters, "lines"),
    ]:
        registry.unregister(key)
