"""What a reader needs to know besides the file: source name, region, CSV column mapping."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass(frozen=True, slots=True)
class ReadOptions:
    source: str | None = None
    region: str = "US"
    kind: str = "ad"
    mapping: dict[str, str] = field(default_factory=dict)
    ingested_at: str = field(
        default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds")
    )
