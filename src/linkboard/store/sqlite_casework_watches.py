"""Watches, their alerts, and the records that match a watch. (SQLite)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from linkboard.store.base import BadQuery
from linkboard.store.casework import Alert, ImageHashes, NewAlert, Watch
from linkboard.store.fts5 import match
from linkboard.store.query_hints import hint
from linkboard.store.sqlite_casework_base import CaseworkTables, id_clauses, now


def _watch(r: sqlite3.Row) -> Watch:
    return Watch(r["id"], r["kind"], r["value"], r["label"], r["owner"], r["webhook"],
                 r["max_distance"], bool(r["active"]), r["created_at"])  # fmt: skip


def _alert(r: sqlite3.Row) -> Alert:
    return Alert(r["id"], r["watch_id"], r["record_id"], r["at"], bool(r["retroactive"]),
                 bool(r["seen"]), json.loads(r["detail"]), r["kind"], r["value"],
                 r["label"])  # fmt: skip


class WatchesSQL(CaseworkTables):
    def watch(self, watch_id: int) -> Watch | None:
        row = self.execute("SELECT * FROM watches WHERE id = ?", (watch_id,)).fetchone()
        return _watch(row) if row else None

    def watches(self, *, owner: str | None = None, active_only: bool = True) -> list[Watch]:
        where = ["active = 1"] if active_only else []
        params: list[Any] = []
        if owner is not None:
            where.append("owner = ?")
            params.append(owner)
        sql = "SELECT * FROM watches" + (" WHERE " + " AND ".join(where) if where else "")
        return [_watch(r) for r in self.execute(sql + " ORDER BY id", params)]

    def add_watch(
        self, kind: str, value: str, label: str, owner: str, webhook: str, max_distance: int
    ) -> int:
        """A new, active watch; returns its id."""
        with self.db:
            cur = self.db.execute(
                "INSERT INTO watches (kind, value, label, owner, webhook, max_distance, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (kind, value, label, owner, webhook, max_distance, now()),
            )
        return int(cur.lastrowid or 0)

    def retire_watch(self, watch_id: int) -> None:
        with self.db:
            self.db.execute("UPDATE watches SET active = 0 WHERE id = ?", (watch_id,))

    def check_search_query(self, query: str) -> None:
        """Raise BadQuery (with a hint) unless the full-text index can run QUERY."""
        rendered = match(query)
        try:
            self.db.execute(
                "SELECT rowid FROM records_fts WHERE records_fts MATCH ? LIMIT 1", (rendered,)
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise BadQuery(hint(query)) from exc

    # -- matching: among the records AMONG (None: all) ------------------------------------------

    def records_mentioning(self, kind: str, value: str, among: list[str] | None) -> list[str]:
        return [
            r[0]
            for clause, chunk in id_clauses(among, "record_id")
            for r in self.execute(
                f"SELECT DISTINCT record_id FROM mentions WHERE kind = ? AND value = ?{clause}",
                [kind, value, *chunk],
            )
        ]

    def image_hashes(self, among: list[str] | None) -> list[ImageHashes]:
        return [
            ImageHashes(r["record_id"], r["ref"], r["sha256"], r["pdq"])
            for clause, chunk in id_clauses(among, "record_id")
            for r in self.execute(
                f"SELECT record_id, ref, sha256, pdq FROM images WHERE 1 = 1{clause}", chunk
            )
        ]

    def records_matching_search(self, query: str, among: list[str] | None) -> list[str]:
        rendered = match(query)
        return [
            r[0]
            for clause, chunk in id_clauses(among, "r.id")
            for r in self.execute(
                "SELECT r.id FROM records_fts JOIN records r ON r.rowid = records_fts.rowid "
                f"WHERE records_fts MATCH ?{clause}",
                [rendered, *chunk],
            )
        ]

    def network_records_among(self, network_id: str, among: list[str] | None) -> list[str]:
        return [
            r[0]
            for clause, chunk in id_clauses(among, "id")
            for r in self.execute(
                f"SELECT id FROM records WHERE network_id = ?{clause}", [network_id, *chunk]
            )
        ]

    # -- alerts ---------------------------------------------------------------------------------

    def add_alerts(self, watch_id: int, found: list[NewAlert], retroactive: bool) -> list[int]:
        """An alert of WATCH_ID for each of FOUND that has none yet; returns the new ones' ids."""
        new_ids = []
        with self.db:
            for alert in found:
                cur = self.db.execute(
                    "INSERT OR IGNORE INTO alerts (watch_id, record_id, at, retroactive, detail) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (
                        watch_id,
                        alert.record_id,
                        now(),
                        int(retroactive),
                        json.dumps(alert.detail, sort_keys=True),
                    ),
                )
                if cur.rowcount:
                    new_ids.append(int(cur.lastrowid or 0))
        return new_ids

    def alerts(
        self,
        *,
        ids: list[int] | None = None,
        unseen: bool = False,
        owner: str | None = None,
        limit: int = 100_000,
    ) -> list[Alert]:
        """Alerts, newest first: those of IDS (or all), unseen ones only, OWNER's watches only."""
        where, params = ["1 = 1"], []  # type: tuple[list[str], list[Any]]
        if ids is not None:
            where.append("a.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(ids))
        if unseen:
            where.append("a.seen = 0")
        if owner is not None:
            where.append("w.owner = ?")
            params.append(owner)
        rows = self.execute(
            "SELECT a.*, w.kind, w.value, w.label FROM alerts a JOIN watches w "
            f"ON w.id = a.watch_id WHERE {' AND '.join(where)} ORDER BY a.id DESC LIMIT ?",
            [*params, limit],
        )
        return [_alert(r) for r in rows]

    def mark_alerts_seen(self, alert_ids: list[int]) -> int:
        """Mark alerts seen; returns how many rows changed."""
        with self.db:
            cur = self.db.executemany(
                "UPDATE alerts SET seen = 1 WHERE id = ?", [(i,) for i in alert_ids]
            )
        return cur.rowcount
