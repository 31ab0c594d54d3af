"""Photos, known by their 256-bit PDQ hash in hex (never by their pixels)."""

from __future__ import annotations

import re

KIND = "image"
_HEX = re.compile(r"^[0-9a-f]{64}$")


def clean(text: str) -> str | None:
    value = text.strip().lower()
    return value if _HEX.match(value) else None


def display(value: str) -> str:
    return f"photo {value[:12]}…"
