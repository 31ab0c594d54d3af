"""A folder of saved HTML pages: one record per page, text and images pulled out with lxml."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from linkboard.ingest.fields import MAX_FIELD_CHARS, BadRecord, site_of, timestamp
from linkboard.ingest.images import resolve_image
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import MAX_RECORD_BYTES, InputError
from linkboard.ingest.text import parse_page
from linkboard.model import Provenance, Quarantined, Record, sha256_text

SUFFIXES = {".html", ".htm", ".xhtml"}


def pages(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder of HTML pages")
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())


def _record(page_path: Path, folder: Path, options: ReadOptions, source: str) -> Record:
    with page_path.open("rb") as fh:  # never more than the limit in memory, whatever the size
        data = fh.read(MAX_RECORD_BYTES + 1)
    if len(data) > MAX_RECORD_BYTES:
        raise BadRecord(f"record too large: over {MAX_RECORD_BYTES:,} bytes")
    try:
        html = data.decode("utf-8")
    except UnicodeDecodeError:
        html = data.decode("cp1252", errors="replace")
    page = parse_page(html)
    if not page.text.strip():
        raise BadRecord("missing field: the page has no visible text")
    if len(page.text) > MAX_FIELD_CHARS:
        raise BadRecord(f"field too large: body has {len(page.text):,} characters")
    try:
        posted = timestamp(page.posted_at) if page.posted_at else None
    except BadRecord:
        posted = None
    rel = page_path.relative_to(folder).as_posix()
    root = options.root or folder
    return Record(
        id=f"{source}/{rel}",
        kind=options.kind,
        raw=html,
        provenance=Provenance(source, str(page_path), options.ingested_at, sha256_text(data)),
        title=page.title,
        body=page.text,
        url=page.url,
        site=site_of(page.url),
        posted_at=posted,
        location=page.location,
        images=tuple(resolve_image(i, page_path.parent, root) for i in page.images),
        region=options.region,
    )


def read(
    folder: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Record | Quarantined]:
    source = options.source or folder.name
    for done, page_path in enumerate(pages(folder), start=1):
        if progress is not None:
            progress(done)
        try:
            yield _record(page_path, folder, options, source)
        except (BadRecord, OSError) as exc:
            yield Quarantined(source, str(page_path), str(exc))
