"""Memex CDR JSON Lines: the crawl format of the DARPA Memex programme.

Each line: ``_id``, ``url``, ``timestamp`` (epoch ms or ISO) or ``crawl_data``, ``raw_content``
(the page), ``content_type``, and ``extracted_text`` / ``extracted_metadata`` where present.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from linkboard.ingest.fields import BadRecord, site_of, text_field, timestamp
from linkboard.ingest.images import resolve_image
from linkboard.ingest.lines import read_json_lines
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.text import parse_page
from linkboard.model import Provenance, Quarantined, Record, sha256_text


def _crawl_time(obj: dict[str, Any]) -> str | None:
    if obj.get("timestamp") not in (None, ""):
        return timestamp(obj["timestamp"], "timestamp")
    crawl = obj.get("crawl_data")
    if isinstance(crawl, dict):
        for key in ("timestamp", "crawl_time", "fetched_at"):
            if crawl.get(key) not in (None, ""):
                return timestamp(crawl[key], f"crawl_data.{key}")
    return None


def read(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Record | Quarantined]:
    source = options.source or path.name
    folder = path.resolve().parent

    def parse(obj: dict[str, Any], raw: str, line: int) -> Record:
        record_id = text_field(obj, "_id", required=True)
        url = text_field(obj, "url")
        content = text_field(obj, "raw_content")
        extracted = text_field(obj, "extracted_text")
        content_type = text_field(obj, "content_type").lower()
        page = parse_page(content) if content and "html" in (content_type or "html") else None
        body = extracted or (page.text if page else content)
        if not body.strip():
            raise BadRecord("missing field: neither extracted_text nor raw_content has text")
        meta = obj.get("extracted_metadata")
        title = text_field(meta, "title") if isinstance(meta, dict) else ""
        return Record(
            id=record_id,
            kind=options.kind,
            raw=raw,
            provenance=Provenance(source, f"{path}:{line}", options.ingested_at, sha256_text(raw)),
            title=title or (page.title if page else ""),
            body=body,
            url=url,
            site=site_of(url),
            posted_at=_crawl_time(obj),
            location=page.location if page else "",
            images=tuple(resolve_image(i, folder, options.root) for i in page.images)
            if page
            else (),
            region=options.region,
            extra={k: obj[k] for k in ("team", "crawler", "content_type") if k in obj},
        )

    return read_json_lines(path, source, parse, progress)
