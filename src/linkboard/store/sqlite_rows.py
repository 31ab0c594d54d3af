"""SQLite rows to model objects and back, and the small helpers the SQLite mixins share."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from linkboard.model import Breakdown, Hit, Mention, Provenance, Record
from linkboard.network import NetworkSummary, StoredNetwork
from linkboard.store.page_rows import json_object

RECORD_COLUMNS = (
    "id, kind, source, locator, ingested_at, sha256, raw, title, body, url, site, posted_at, "
    "location, images, region, extra"
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def record_from_row(row: sqlite3.Row) -> Record:
    return Record(
        id=row["id"],
        kind=row["kind"],
        raw=row["raw"],
        provenance=Provenance(row["source"], row["locator"], row["ingested_at"], row["sha256"]),
        title=row["title"],
        body=row["body"],
        url=row["url"],
        site=row["site"],
        posted_at=row["posted_at"],
        location=row["location"],
        images=tuple(json.loads(row["images"])),
        region=row["region"],
        extra=json.loads(row["extra"]),
    )


def mention_from_row(row: sqlite3.Row) -> Mention:
    return Mention(
        kind=row["kind"],
        value=row["value"],
        text=row["text"],
        start=row["start"],
        end=row["end"],
        rule=row["rule"],
        field=row["field"],
        data=json.loads(row["data"]),
        role=row["role"],
    )


def hit_from_row(row: sqlite3.Row) -> Hit:
    return Hit(
        code=row["code"],
        level=row["level"],
        weight=row["weight"],
        evidence=row["evidence"],
        field=row["field"],
        start=row["start"],
        end=row["end"],
        detail=json.loads(row["detail"]),
    )


def network_from_row(row: sqlite3.Row) -> StoredNetwork:
    return StoredNetwork(
        id=row["id"], name=row["name"], size=row["size"], first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        summary=NetworkSummary.from_dict(json_object(row["summary"])),
        risk=row["risk"], possible_minor=bool(row["possible_minor"]),
        breakdown=Breakdown.from_json(row["breakdown"]) if row["breakdown"] else None,
        created_at=row["created_at"], updated_at=row["updated_at"],
    )  # fmt: skip


UNLINKED = (
    "processed_sha IS NOT NULL AND (linked_sha IS NOT processed_sha "
    "OR linked_version IS NOT processed_version)"
)


def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
