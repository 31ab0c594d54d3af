"""The line-reading loop shared by the JSON Lines formats: decode, parse, quarantine what fails."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from linkboard.ingest.fields import BadRecord
from linkboard.ingest.sources import MAX_RECORD_BYTES, open_binary, read_lines
from linkboard.model import Quarantined, Record

#: Turns one parsed JSON object into a record (raising BadRecord to quarantine it).
Parser = Callable[[dict[str, Any], str, int], Record]
#: A line nested deeper than this (objects and arrays) is quarantined: no ad is, and the
#: stages that copy a record (JSON, pickling to workers) recurse once per level.
MAX_DEPTH = 64


def read_json_lines(
    path: Path, source: str, parse: Parser, progress: Callable[[int], None] | None = None
) -> Iterator[Record | Quarantined]:
    stream, raw_file = open_binary(path)
    with raw_file, stream:
        for number, line in read_lines(stream):
            if progress is not None:
                progress(raw_file.tell())
            locator = f"{path}:{number}"
            if line is None:
                yield Quarantined(
                    source, locator, f"record too large: over {MAX_RECORD_BYTES:,} bytes"
                )
                continue
            if not line.strip():
                continue
            text = line[:200].decode("utf-8", "replace")
            try:
                text, obj = json_object(line)
                yield parse(obj, text, number)
            except BadRecord as exc:
                yield Quarantined(source, locator, str(exc), text[:200])


def json_object(line: bytes) -> tuple[str, dict[str, Any]]:
    """(text, object) of one line, or BadRecord saying why it is none."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRecord(f"invalid UTF-8 at byte {exc.start}") from None
    text = text.rstrip("\r\n")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadRecord(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:  # deeper than Python's parser goes: far over MAX_DEPTH
        raise BadRecord(f"too deeply nested: over {MAX_DEPTH} levels") from None
    if too_deep(obj):
        raise BadRecord(f"too deeply nested: over {MAX_DEPTH} levels")
    if not isinstance(obj, dict):
        raise BadRecord("wrong type: a line must be a JSON object")
    return text, obj


def too_deep(obj: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether OBJ nests objects and arrays more than LIMIT levels (iteratively: no recursion)."""
    stack = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if not isinstance(value, (dict, list)):
            continue
        if depth > limit:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children)
    return False
