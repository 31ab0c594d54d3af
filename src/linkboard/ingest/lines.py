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
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Quarantined(
                    source,
                    locator,
                    f"invalid UTF-8 at byte {exc.start}",
                    line[:200].decode("utf-8", "replace"),
                )
                continue
            text = text.rstrip("\r\n")
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                yield Quarantined(
                    source, locator, f"invalid JSON: {exc.msg} at column {exc.colno}", text[:200]
                )
                continue
            if not isinstance(obj, dict):
                yield Quarantined(
                    source, locator, "wrong type: a line must be a JSON object", text[:200]
                )
                continue
            try:
                yield parse(obj, text, number)
            except BadRecord as exc:
                yield Quarantined(source, locator, str(exc), text[:200])
