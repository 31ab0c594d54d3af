"""Links, identifier statuses, networks, and the counts of everything (SQLite)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from linkboard import PIPELINE_VERSION
from linkboard.model import Link
from linkboard.network import StoredNetwork
from linkboard.store.sqlite_rows import (
    chunks,
    dump,
    network_from_row,
    now,
)

if TYPE_CHECKING:
    from linkboard.store.sqlite_connection import Connection


class LinksSQL:
    """Mixed into :class:`linkboard.store.sqlite.SQLiteStore`."""

    db: Connection

    if TYPE_CHECKING:

        def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor: ...

    def save_links(self, links: Iterable[Link]) -> int:
        with self.db:
            before = self.db.total_changes
            self.db.executemany(
                "INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        lk.a,
                        lk.b,
                        lk.kind,
                        int(lk.hard),
                        lk.score,
                        dump(lk.evidence),
                        PIPELINE_VERSION,
                    )
                    for lk in links
                ],
            )
            return self.db.total_changes - before

    def links_of(self, record_ids: Iterable[str]) -> list[Link]:
        ids = list(record_ids)
        seen: dict[tuple[str, str, str], Link] = {}
        for chunk in chunks(ids, 400):
            marks = ",".join("?" * len(chunk))
            rows = self.execute(
                f"SELECT * FROM links WHERE a IN ({marks}) UNION SELECT * FROM links "
                f"WHERE b IN ({marks})",
                [*chunk, *chunk],
            )
            for r in rows:
                seen[(r["a"], r["b"], r["kind"])] = Link(
                    r["a"],
                    r["b"],
                    r["kind"],
                    bool(r["hard"]),
                    r["score"],
                    json.loads(r["evidence"]),
                )
        return list(seen.values())

    def identifier_status(self) -> dict[str, str]:
        return {
            r[0]: r[1] for r in self.execute("SELECT identifier, status FROM identifier_status")
        }

    def set_identifier_status(self, identifier: str, status: str, reason: str, by: str) -> None:
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO identifier_status VALUES (?, ?, ?, ?, ?)",
                (identifier, status, reason, by, now()),
            )

    def networks(self, limit: int = 20, offset: int = 0, min_size: int = 2) -> list[StoredNetwork]:
        """Networks by risk (possible minors first), with their summaries."""
        rows = self.execute(
            "SELECT * FROM networks WHERE size >= ? ORDER BY possible_minor DESC, risk DESC, "
            "size DESC, id LIMIT ? OFFSET ?",
            (min_size, limit, offset),
        )
        return [network_from_row(r) for r in rows]

    def network(self, network_id: str) -> StoredNetwork | None:
        row = self.execute("SELECT * FROM networks WHERE id = ?", (network_id,)).fetchone()
        return network_from_row(row) if row else None

    def network_members(self, network_id: str) -> list[str]:
        rows = self.execute(
            "SELECT id FROM records WHERE network_id = ? ORDER BY posted_at, id", (network_id,)
        )
        return [r[0] for r in rows]
