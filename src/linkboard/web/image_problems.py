"""Why a record's photo could not be decoded, in the analyst's words.

The record stage stores an image's error as the decoder said it (``not an image:
UnidentifiedImageError: cannot identify image file <_io.BytesIO object at 0x...>``); pages and
the API show the reason instead, never a Python object or exception name.
"""

from __future__ import annotations

import re

FORMATS = "PNG, JPEG, GIF or WebP"
_REPR = re.compile(r"<[^<>]*? object at 0x[0-9a-fA-F]+>")


def plain(error: str) -> str:
    """ERROR (an ``images.error``) as a reason an analyst can read; '' for no error."""
    if not error:
        return ""
    kind, _, rest = error.partition(": ")
    if kind == "not an image":
        return _undecodable(rest)
    if kind == "unreadable":
        return f"the file could not be read ({rest.lower() or 'no reason given'})"
    if kind == "refused":
        return f"the reference was refused: {rest}"
    if kind == "remote image":
        return "a web address, which linkboard never fetches"
    return _REPR.sub("the file", error)


def _undecodable(detail: str) -> str:
    name, _, said = detail.partition(": ")
    text = f"{name} {said}".lower()
    if "decompressionbomb" in text or "decompression bomb" in text:
        return "it has more pixels than linkboard decodes (a possible decompression bomb)"
    if "truncated" in text:
        return "the image file is cut short (truncated)"
    if name == "UnidentifiedImageError":
        return f"the file is not a picture in a format linkboard reads ({FORMATS})"
    return "the image file is damaged and could not be decoded"
