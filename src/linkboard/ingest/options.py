"""What a reader needs to know besides the file: source name, region, CSV column mapping, and
the folder its image references must stay inside."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ReadOptions:
    source: str | None = None
    region: str = "US"
    kind: str = "ad"
    mapping: dict[str, str] = field(default_factory=dict)
    #: The statement's own account where a file does not name it (``--account``).
    account: str = ""
    #: The folder being ingested: no image reference may leave it (default: the input's folder).
    root: Path | None = None
    ingested_at: str = field(
        default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds")
    )
