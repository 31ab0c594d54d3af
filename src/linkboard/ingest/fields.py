"""Validating and normalising the fields of an input record (types, dates, sizes)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

#: A single text field longer than this is a bad record, not an ad.
MAX_FIELD_CHARS = 1_000_000


class BadRecord(ValueError):
    """Why one input record cannot be loaded; becomes its quarantine reason."""


def text_field(obj: dict[str, Any], name: str, *, required: bool = False) -> str:
    value = obj.get(name)
    if value is None:
        if required:
            raise BadRecord(f"missing field: {name}")
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and name == "id":
        value = str(value)
    if not isinstance(value, str):
        raise BadRecord(f"wrong type: {name} must be a string, got {type(value).__name__}")
    if len(value) > MAX_FIELD_CHARS:
        raise BadRecord(f"field too large: {name} has {len(value):,} characters")
    if required and not value.strip():
        raise BadRecord(f"empty field: {name}")
    return value


def timestamp(value: Any, name: str = "posted_at") -> str | None:
    """ISO-8601 (or epoch seconds/milliseconds) to an ISO-8601 string in UTC."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            seconds = value / 1000 if value > 1e11 else value
            return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")
        if isinstance(value, str):
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            return parsed.astimezone(UTC).isoformat(timespec="seconds")
    except (ValueError, OverflowError, OSError):
        pass
    raise BadRecord(f"wrong type: {name} must be an ISO-8601 date, got {str(value)[:40]!r}")


def image_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadRecord("wrong type: images must be a list of strings")
    return value


def site_of(url: str) -> str:
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")
