"""The property every fuzz target checks, one target per input reader.

A target takes the fuzzer's bytes as one input (for the line formats the first byte picks a
plain, .gz or .zst file, the rest is the file as written), reads it with the real reader, and
checks that:

- nothing escapes but the reader's own outcomes: each item is a ``Record`` or a ``Quarantined``
  (an input refused as a whole, ``InputError``, only before any item: a CSV header that names
  no body column);
- nothing is dropped in silence: each non-blank line of a plain JSON Lines or CDR file gives
  one item, a page gives one, and every rejected one is quarantined with a reason in words;
- every record can be stored: an id, a body, and text that UTF-8 (the store's encoding) holds;
- an image gives one fact per reference, hashed or with the reason it is not.

Time and memory are bounded by the driver (libFuzzer's ``-timeout`` and ``-rss_limit_mb``) and,
for the hostile seeds, by tests/fuzz.
"""

from __future__ import annotations

import atexit
import functools
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from linkboard.ingest import detect_format, read
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import MAX_RECORD_BYTES, InputError
from linkboard.model import Quarantined, Record

#: What the first byte of a line-format input picks (its value modulo 3).
SUFFIXES = ("", ".gz", ".zst")
OPTIONS = ReadOptions(source="fuzz", ingested_at="2026-01-01T00:00:00+00:00")


#: The kinds of error the record stage gives an image (``engine.stages``, ``link.photos``). Its
#: decoder's words are kept as said, a Python object repr at times (``cannot identify image file
#: <_io.BytesIO object at 0x...>``): the web app shows them in words (``web.image_problems``).
IMAGE_ERRORS = ("not an image: ", "unreadable: ", "refused: ", "remote image: ")


class PropertyBroken(AssertionError):
    """A reader broke the property: the fuzzer keeps the input that did it."""


@functools.cache
def scratch() -> Path:
    """A folder of this process's own for the inputs, removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="linkboard-fuzz-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _folder(name: str) -> Path:
    folder = scratch() / name
    folder.mkdir(exist_ok=True)
    return folder


def items_of(path: Path, fmt: str) -> list[Record | Quarantined]:
    """Every item the reader gives for PATH, each checked; an ``InputError`` only up front."""
    items: list[Record | Quarantined] = []
    try:
        for item in read(path, fmt, OPTIONS):
            check_item(item)
            items.append(item)
    except InputError as exc:
        if items:
            raise PropertyBroken(f"input refused after {len(items)} items: {exc}") from None
    return items


def check_item(item: object) -> None:
    if isinstance(item, Quarantined):
        if not item.reason.strip() or "object at 0x" in item.reason:
            raise PropertyBroken(f"quarantined without a reason in words: {item.reason!r}")
        return
    if not isinstance(item, Record):
        raise PropertyBroken(f"neither a record nor quarantined: {type(item).__name__}")
    if not item.id or not item.body.strip():
        raise PropertyBroken(f"a record without an id or a body: {item.id!r}")
    texts = (
        item.id,
        item.kind,
        item.raw,
        item.title,
        item.body,
        item.url,
        item.site,
        item.location,
        item.region,
        item.posted_at or "",
        *item.images,
    )
    try:
        for text in texts:
            text.encode("utf-8")
        json.dumps(item.extra, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, TypeError, ValueError) as exc:
        raise PropertyBroken(f"record {item.id!r} cannot be stored: {exc}") from None


def line_file(data: bytes, fmt: str) -> tuple[Path, bool]:
    """Write a line-format input (all but its first byte); return its path and whether it is
    plain (its lines can be counted)."""
    suffix = SUFFIXES[data[0] % len(SUFFIXES)] if data else ""
    path = _folder(fmt) / f"input.{fmt}{suffix}"
    path.write_bytes(memoryview(data)[1:])  # no copy: a hostile seed may be 30 MB
    return path, not suffix


def lines_in(data: bytes, start: int = 1) -> int:
    """The lines from START a JSON Lines reader must give an item for: non-blank or over-long
    (measured before any copy is made of them)."""
    count = 0
    while start <= len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start > MAX_RECORD_BYTES or data[start:end].strip():
            count += 1
        start = end + 1
    return count


def reasons(items: list[Record | Quarantined]) -> list[str]:
    return [item.reason for item in items if isinstance(item, Quarantined)]


def json_lines(data: bytes, fmt: str = "jsonl") -> list[str]:
    """JSON Lines (or CDR): one item per line. Returns the reasons of what was quarantined."""
    path, plain = line_file(data, fmt)
    if detect_format(path) not in ("jsonl", "cdr"):  # as `linkboard run` does without --format
        raise PropertyBroken(f"{path.name} detected as {detect_format(path)}")
    items = items_of(path, fmt)
    if plain and len(items) != lines_in(data):
        raise PropertyBroken(f"{lines_in(data)} lines gave {len(items)} items")
    return reasons(items)


def cdr(data: bytes) -> list[str]:
    return json_lines(data, "cdr")


def csv(data: bytes) -> list[str]:
    path, plain = line_file(data, "csv")
    items = items_of(path, "csv")
    if plain and len(items) > data.count(b"\n") + data.count(b"\r") + 1:
        raise PropertyBroken(f"more items ({len(items)}) than lines")
    return reasons(items)


def html(data: bytes) -> list[str]:
    folder = _folder("pages")
    (folder / "page.html").write_bytes(data)
    items = items_of(folder, "html")
    if len(items) != 1:
        raise PropertyBroken(f"one page gave {len(items)} items")
    return reasons(items)


def image(data: bytes) -> list[str]:
    """An ad naming one image file with these bytes, read and then hashed as the record stage
    does, after ingest has kept it (or refused it)."""
    from linkboard.engine.stages import RecordStage
    from linkboard.ingest.images import keep_image, stored_image

    folder = _folder("images")
    (folder / "photo.jpg").write_bytes(data)
    ad = {"id": "ad-1", "body": "Call 702-555-0101", "images": ["photo.jpg"]}
    (folder / "ad.jsonl").write_text(json.dumps(ad) + "\n")
    [record] = items_of(folder / "ad.jsonl", "jsonl")
    if not isinstance(record, Record):
        raise PropertyBroken(f"the ad was quarantined: {record.reason}")
    kept = keep_image(_folder("kept"), record.images[0])
    if kept is not None:  # as ingest keeps it; then gone again, so the folder stays small
        (stored_image(_folder("kept"), kept) or Path("/nonexistent")).unlink(missing_ok=True)
    [fact] = RecordStage.images(record)
    if fact.error:
        if not fact.error.startswith(IMAGE_ERRORS):
            raise PropertyBroken(f"an image error of no known kind: {fact.error!r}")
        return [fact.error]
    if len(fact.sha256) != 64 or len(fact.pdq) != 64 or min(fact.width, fact.height) < 1:
        raise PropertyBroken(f"an image hashed without its facts: {fact}")
    return []


TARGETS: dict[str, Callable[[bytes], list[str]]] = {
    "jsonl": json_lines,
    "csv": csv,
    "cdr": cdr,
    "html": html,
    "image": image,
}
