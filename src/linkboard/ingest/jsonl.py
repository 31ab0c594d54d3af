"""linkboard's own format, one JSON object per line (optionally .gz or .zst).

An ad is ``{"id", "url"?, "site"?, "posted_at"?, "title"?, "body", "location"?, "images"?}``; a
record's ``kind`` (or the source's) names its declaration in ``data/kinds/``, which says which
field fills which slot of the record (a profile's ``bio`` is its body). Other fields are kept in
the raw record and in ``extra``. Image paths are relative to the file's folder and never leave it
(``ingest.images``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from linkboard.ingest.fields import BadRecord, image_list, site_of, text_field, timestamp
from linkboard.ingest.images import resolve_image
from linkboard.ingest.lines import read_json_lines
from linkboard.ingest.options import ReadOptions
from linkboard.kinds import Kind, UnknownKind, kind
from linkboard.model import Provenance, Quarantined, Record, sha256_text

#: Fields every kind has.
COMMON = frozenset({"id", "kind"})


def read(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Record | Quarantined]:
    source = options.source or path.name
    folder = path.resolve().parent
    root = options.root or folder

    def parse(obj: dict[str, Any], raw: str, line: int) -> Record:
        declared = _declared(text_field(obj, "kind") or options.kind)
        text = _text_slots(obj, declared)
        posted, pictures = declared.field_for("posted_at"), declared.field_for("images")
        return Record(
            id=text_field(obj, "id", required=True),
            kind=declared.name,
            raw=raw,
            provenance=Provenance(source, f"{path}:{line}", options.ingested_at, sha256_text(raw)),
            title=text["title"],
            body=text["body"],
            url=text["url"],
            site=text["site"] or site_of(text["url"]),
            posted_at=timestamp(obj.get(posted), posted) if posted else None,
            location=text["location"],
            images=tuple(resolve_image(i, folder, root)
                         for i in (image_list(obj.get(pictures)) if pictures else [])),
            region=text["region"] or options.region,
            extra={k: v for k, v in obj.items() if k not in COMMON and k not in declared.fields},
        )  # fmt: skip

    return read_json_lines(path, source, parse, progress)


def _declared(name: str) -> Kind:
    try:
        return kind(name)
    except UnknownKind as exc:
        raise BadRecord(str(exc)) from None


def _text_slots(obj: dict[str, Any], declared: Kind) -> dict[str, str]:
    """Each text slot's value, from the field the kind fills it with ("" when none)."""
    out = {}
    for slot in ("title", "body", "url", "site", "location", "region"):
        field = declared.field_for(slot)
        out[slot] = text_field(obj, field, required=field in declared.required) if field else ""
    return out
