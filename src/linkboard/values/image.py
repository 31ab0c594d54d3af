"""Photos, known by their 256-bit PDQ hash in hex (never by their pixels)."""

from __future__ import annotations

import re

KIND = "image"
_HEX = re.compile(r"^[0-9a-f]{64}$")
#: Bits two PDQ hashes of one photo may differ in (``link.config.PhotoConfig.pdq_match``).
NEAR = 31


def clean(text: str) -> str | None:
    value = text.strip().lower()
    return value if _HEX.match(value) else None


def display(value: str) -> str:
    return f"photo {value[:12]}…"


def read(text: str, namespace: str = "", region: str = "US") -> str | None:
    """The value a record's photo-hash field holds (a PDQ hash in hex)."""
    return clean(text)


def distance(a: str, b: str) -> int:
    """Bits that differ between two PDQ hashes."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


def same(a: str, b: str, within: int = NEAR) -> bool:
    """Two photos are one when their PDQ hashes differ in at most WITHIN bits (the linker's
    ``PhotoConfig.pdq_match``)."""
    return distance(a, b) <= within
