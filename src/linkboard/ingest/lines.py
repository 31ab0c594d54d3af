"""The line-reading loop shared by the JSON Lines formats: decode, parse, quarantine what fails."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from linkboard.ingest.fields import BadRecord
from linkboard.ingest.sources import MAX_RECORD_BYTES, Damaged, open_binary, read_lines
from linkboard.model import Quarantined, Record

#: Turns one parsed JSON object into a record (raising BadRecord to quarantine it).
Parser = Callable[[dict[str, Any], str, int], Record]
#: A line nested deeper than this (objects and arrays) is quarantined: no ad is, and the
#: stages that copy a record (JSON, pickling to workers) recurse once per level.
MAX_DEPTH = 64
#: An escaped UTF-16 surrogate: JSON allows ``\ud800`` alone, but it is no character and the
#: store (UTF-8) cannot hold it; a pair (an emoji written as two escapes) is one character.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")


def read_json_lines(
    path: Path, source: str, parse: Parser, progress: Callable[[int], None] | None = None
) -> Iterator[Record | Quarantined]:
    stream, raw_file = open_binary(path)
    with raw_file, stream:
        for number, line in read_lines(stream):
            if progress is not None:
                progress(raw_file.tell())
            yield from _item(line, path, number, source, parse)


def _item(
    line: bytes | Damaged | None, path: Path, number: int, source: str, parse: Parser
) -> Iterator[Record | Quarantined]:
    locator = f"{path}:{number}"
    if isinstance(line, Damaged):  # a damaged .gz or .zst: the lines before it are kept
        yield Quarantined(source, locator, line.reason)
        return
    if line is None:
        yield Quarantined(source, locator, f"record too large: over {MAX_RECORD_BYTES:,} bytes")
        return
    if not line.strip():
        return
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
    except ValueError as exc:  # Python refuses integers of more digits than it converts
        if "digits" not in str(exc):
            raise BadRecord(f"invalid JSON: {str(exc)[:100]}") from None
        limit = sys.get_int_max_str_digits()
        raise BadRecord(f"invalid JSON: a number of over {limit:,} digits") from None
    if too_deep(obj):
        raise BadRecord(f"too deeply nested: over {MAX_DEPTH} levels")
    if SURROGATE_ESCAPE.search(text) and not _encodable(obj):
        raise BadRecord("invalid JSON: a lone surrogate escape (\\udXXX), not a character")
    if not isinstance(obj, dict):
        raise BadRecord("wrong type: a line must be a JSON object")
    return text, obj


def _encodable(obj: Any) -> bool:
    """Whether OBJ's strings are all text UTF-8 can hold (the store's encoding)."""
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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
