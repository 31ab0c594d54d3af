"""The record page's reads (SQLite): the record with its network's name, its photos' stored
references, and how many other records share each identifier or photo."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from linkboard.store.page_rows import RecordView

if TYPE_CHECKING:
    from linkboard.store.sqlite import Connection


class RecordPageSQL:
    db: Connection

    def record_view(self, record_id: str) -> RecordView | None:
        row = self.db.execute("SELECT * FROM records WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            return None
        network_name = ""
        if row["network_id"]:
            net = self.db.execute(
                "SELECT name FROM networks WHERE id = ?", (row["network_id"],)
            ).fetchone()
            network_name = (net["name"] if net else "") or ""
        return RecordView(
            id=row["id"], kind=row["kind"], title=row["title"], body=row["body"], url=row["url"],
            site=row["site"], posted_at=row["posted_at"], location=row["location"],
            city=row["city"], risk=row["risk"], possible_minor=bool(row["possible_minor"]),
            network_id=row["network_id"], network_name=network_name, source=row["source"],
            locator=row["locator"], ingested_at=row["ingested_at"], sha256=row["sha256"],
            breakdown=row["breakdown"], images=list(json.loads(row["images"] or "[]")),
            extra=json.loads(row["extra"] or "{}"),
        )  # fmt: skip

    def record_image_refs(self, record_id: str) -> list[str] | None:
        """The photos a record names, in its order; None when there is no such record."""
        row = self.db.execute(
            "SELECT id, images FROM records WHERE id = ?", (record_id,)
        ).fetchone()
        return None if row is None else list(json.loads(row["images"] or "[]"))

    def identifier_shared(self, kind: str, value: str, exclude: str, cap: int) -> int:
        """How many records other than EXCLUDE hold the identifier, counted up to CAP."""
        return int(
            self.db.execute(
                "SELECT count(*) FROM (SELECT DISTINCT record_id FROM mentions "
                "WHERE kind = ? AND value = ? AND record_id != ? LIMIT ?)",
                (kind, value, exclude, cap),
            ).fetchone()[0]
        )

    def photo_shared(self, sha256: str, exclude: str, cap: int) -> int:
        """How many records other than EXCLUDE hold the same photo, counted up to CAP."""
        return int(
            self.db.execute(
                "SELECT count(*) FROM (SELECT DISTINCT record_id FROM images WHERE sha256 = ? "
                "AND record_id != ? LIMIT ?)",
                (sha256, exclude, cap),
            ).fetchone()[0]
        )

    def photo_decoded(self, record_id: str, sha256: str) -> bool:
        """Whether the record stage decoded this photo of the record (hashed, no error)."""
        found = self.db.execute(
            "SELECT 1 FROM images WHERE record_id = ? AND sha256 = ? AND error = '' AND pdq != ''",
            (record_id, sha256),
        )
        return found.fetchone() is not None
