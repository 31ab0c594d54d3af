"""Opening inputs: plain, gzip or zstandard files, read line by line without loading them whole."""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import zstandard

#: A single input record larger than this is quarantined, not parsed.
MAX_RECORD_BYTES = 8 * 1024 * 1024
#: What reading a damaged input raises: a truncated or corrupt .gz or .zst, a failing disk.
STREAM_ERRORS = (OSError, EOFError, zlib.error, zstandard.ZstdError)


class InputError(Exception):
    """A problem with an input as a whole (missing file, unknown format): one clear line."""


def open_binary(path: Path) -> tuple[IO[bytes], IO[bytes]]:
    """Return (decompressed stream, underlying file) for progress reporting."""
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file, or use --format html for saved pages")
    raw = path.open("rb")
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.GzipFile(fileobj=raw), raw  # type: ignore[return-value]
    if name.endswith(".zst"):
        reader = zstandard.ZstdDecompressor().stream_reader(raw)
        return io.BufferedReader(reader, buffer_size=1 << 20), raw
    return raw, raw


@dataclass(frozen=True, slots=True)
class Damaged:
    """Where an input stops being readable (a truncated or corrupt .gz or .zst), and why."""

    reason: str


def read_lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes | Damaged | None]]:
    """Yield (line number, line bytes); an over-long line yields None and is skipped to its end;
    damage yields ``Damaged`` and ends the lines (those before it stand)."""
    number = 0
    try:
        while True:
            line = stream.readline(MAX_RECORD_BYTES + 1)
            if not line:
                return
            number += 1
            if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
                while True:  # drain the rest of the over-long line in bounded chunks
                    rest = stream.readline(MAX_RECORD_BYTES)
                    if not rest or rest.endswith(b"\n"):
                        break
                yield number, None
                continue
            yield number, line
    except STREAM_ERRORS as exc:
        why = str(exc) or type(exc).__name__
        yield number + 1, Damaged(f"unreadable input from here on: {why}"[:300])


def strip_compression(name: str) -> str:
    for ext in (".gz", ".zst"):
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return name
