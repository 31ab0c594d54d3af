"""linkboard's own ad format, one JSON object per line (optionally .gz or .zst).

``{"id", "url"?, "site"?, "posted_at"?, "title"?, "body", "location"?, "images"?}``; unknown
fields are kept in the raw record and in ``extra``. Image paths are relative to the file's folder
and never leave it (``ingest.images``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from linkboard.ingest.fields import image_list, site_of, text_field, timestamp
from linkboard.ingest.images import resolve_image
from linkboard.ingest.lines import read_json_lines
from linkboard.ingest.options import ReadOptions
from linkboard.model import Provenance, Quarantined, Record, sha256_text

KNOWN = {"id", "kind", "url", "site", "posted_at", "title", "body", "location", "images", "region"}


def read(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Record | Quarantined]:
    source = options.source or path.name
    folder = path.resolve().parent
    root = options.root or folder

    def parse(obj: dict[str, Any], raw: str, line: int) -> Record:
        url = text_field(obj, "url")
        kind = text_field(obj, "kind") or options.kind
        return Record(
            id=text_field(obj, "id", required=True),
            kind=kind,
            raw=raw,
            provenance=Provenance(source, f"{path}:{line}", options.ingested_at, sha256_text(raw)),
            title=text_field(obj, "title"),
            body=text_field(obj, "body", required=True),
            url=url,
            site=text_field(obj, "site") or site_of(url),
            posted_at=timestamp(obj.get("posted_at")),
            location=text_field(obj, "location"),
            images=tuple(resolve_image(i, folder, root) for i in image_list(obj.get("images"))),
            region=text_field(obj, "region") or options.region,
            extra={k: v for k, v in obj.items() if k not in KNOWN},
        )

    return read_json_lines(path, source, parse, progress)
