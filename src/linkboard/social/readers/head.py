"""A file's first bytes as text, for the readers' ``detect``: cheap, and never an error."""

from __future__ import annotations

from pathlib import Path

from linkboard.ingest.sources import STREAM_ERRORS, InputError, open_binary

#: How much of a file ``detect`` reads.
HEAD_BYTES = 65536


def head_text(path: Path, size: int = HEAD_BYTES) -> str:
    """The first SIZE bytes of PATH (plain, .gz or .zst) as UTF-8 text ("" if unreadable)."""
    try:
        stream, raw_file = open_binary(path)
        with raw_file, stream:
            data = stream.read(size)
    except (*STREAM_ERRORS, InputError):
        return ""
    return data.decode("utf-8", "replace")
