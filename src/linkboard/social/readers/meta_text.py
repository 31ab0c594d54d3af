"""Text in Meta's "Download your information" JSON (Instagram, Facebook, Messenger): Meta writes
UTF-8 bytes as if each were a Latin-1 character (``"Ã©"`` for ``é``, an emoji as
``"\\u00f0\\u009f\\u0098\\u0080"``). ``repaired`` turns such text back; text that does not
round-trip (it was right, or it is something else) is left as it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def repair(text: str) -> str:
    """TEXT with Meta's mis-encoding undone, when undoing it gives UTF-8; else TEXT."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def repaired(value: Any) -> Any:
    """VALUE (decoded JSON) with every string in it repaired (keys too)."""
    if isinstance(value, str):
        return repair(value)
    if isinstance(value, list):
        return [repaired(v) for v in value]
    if isinstance(value, dict):
        return {repair(str(k)): repaired(v) for k, v in value.items()}
    return value


def platform_of(path: Path) -> str:
    """``facebook`` for a file in a Facebook export's folder (Messenger writes conversations the
    way Instagram does), else ``instagram``."""
    folders = [p.lower() for p in path.resolve().parent.parts]
    return "facebook" if any("facebook" in f for f in folders) else "instagram"
