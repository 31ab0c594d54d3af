"""The curation log, the analysts' link decisions, and the network changes a curation step makes
(a name, an event, links removed). (SQLite)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from linkboard.model import Link
from linkboard.store.casework import CurationEntry
from linkboard.store.sqlite_casework_base import CaseworkTables, now


def _entry(row: sqlite3.Row, undone: bool) -> CurationEntry:
    detail = json.loads(row["detail"])
    return CurationEntry(row["id"], row["at"], row["actor"], row["action"], row["target"],
                         row["reason"], detail, row["undoes"], undone)  # fmt: skip


def _join(r: sqlite3.Row) -> Link:
    evidence = {"decision": "join", "curation_id": r["curation_id"], "by": r["actor"],
                "reason": r["reason"]}  # fmt: skip
    return Link(r["a"], r["b"], "analyst", True, 1.0, evidence)


class CurationSQL(CaseworkTables):
    def log_curation(
        self,
        actor: str,
        action: str,
        target: str,
        reason: str,
        detail: dict[str, Any],
        undoes: int | None = None,
    ) -> int:
        """Append one entry to the curation log; returns its id."""
        text = json.dumps(detail, ensure_ascii=False, sort_keys=True)
        with self.db:
            cur = self.db.execute(
                "INSERT INTO curation_log (at, actor, action, target, reason, detail, undoes) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (now(), actor, action, target, reason, text, undoes),
            )
        return int(cur.lastrowid or 0)

    def curation_log(self, target: str | None = None) -> list[CurationEntry]:
        """The curation log, newest first, for one target or all."""
        undone = {
            r[0] for r in self.execute("SELECT undoes FROM curation_log WHERE undoes IS NOT NULL")
        }
        sql, params = "SELECT * FROM curation_log", ()  # type: tuple[str, tuple[str, ...]]
        if target is not None:
            sql, params = sql + " WHERE target = ?", (target,)
        rows = self.execute(sql + " ORDER BY id DESC", params)
        return [_entry(r, r["id"] in undone) for r in rows]

    def identifier_status_entry(self, identifier: str) -> dict[str, Any] | None:
        """The identifier's status row (identifier, status, reason, by, at), if it has one."""
        row = self.execute(
            "SELECT * FROM identifier_status WHERE identifier = ?", (identifier,)
        ).fetchone()
        return dict(row) if row else None

    def restore_identifier_status(self, entry: dict[str, Any]) -> None:
        """Put back a status row that ``identifier_status_entry`` read."""
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO identifier_status (identifier, status, reason, by, at) "
                "VALUES (:identifier, :status, :reason, :by, :at)",
                entry,
            )

    def clear_identifier_status(self, identifier: str) -> None:
        with self.db:
            self.db.execute("DELETE FROM identifier_status WHERE identifier = ?", (identifier,))

    def network_name(self, network_id: str) -> str | None:
        """The network's name ('' when unnamed), or None when there is no such network."""
        row = self.execute("SELECT name FROM networks WHERE id = ?", (network_id,)).fetchone()
        return str(row[0]) if row else None

    def set_network_name(self, network_id: str, name: str) -> None:
        with self.db:
            self.db.execute("UPDATE networks SET name = ? WHERE id = ?", (name, network_id))

    def network_record_ids(self, network_id: str) -> list[str]:
        """The network's records, by id."""
        rows = self.execute(
            "SELECT id FROM records WHERE network_id = ? ORDER BY id", (network_id,)
        )
        return [r[0] for r in rows]

    def record_network_ids(self, record_ids: Iterable[str]) -> dict[str, str | None]:
        """Each stored record of RECORD_IDS → its network (None: in none)."""
        out: dict[str, str | None] = {}
        for rid in record_ids:
            row = self.execute("SELECT network_id FROM records WHERE id = ?", (rid,)).fetchone()
            if row is not None:
                out[rid] = row[0] or None
        return out

    def add_network_event(self, network_id: str, event: str, detail: dict[str, Any]) -> None:
        with self.db:
            self.db.execute(
                "INSERT INTO network_events (at, event, network_id, detail) VALUES (?, ?, ?, ?)",
                (now(), event, network_id, json.dumps(detail, sort_keys=True)),
            )

    def add_link_decisions(
        self, pairs: Iterable[tuple[str, str]], decision: str, curation_id: int
    ) -> None:
        """A 'join' or 'cut' decision of curation entry CURATION_ID for each pair ``(a, b)``."""
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO link_decisions VALUES (?, ?, ?, ?)",
                [(a, b, decision, curation_id) for a, b in pairs],
            )

    def drop_link_decisions(
        self, curation_id: int, *, analyst_links: bool
    ) -> list[tuple[str, str]]:
        """Forget the decisions of curation entry CURATION_ID (and, with ANALYST_LINKS, the
        analyst links between their pairs); returns those pairs."""
        rows = self.execute(
            "SELECT a, b FROM link_decisions WHERE curation_id = ?", (curation_id,)
        ).fetchall()
        pairs = [(r[0], r[1]) for r in rows]
        with self.db:
            self.db.execute("DELETE FROM link_decisions WHERE curation_id = ?", (curation_id,))
            if analyst_links:
                self.db.executemany(
                    "DELETE FROM links WHERE a = ? AND b = ? AND kind = 'analyst'", pairs
                )
        return pairs

    def link_decisions(self) -> tuple[list[Link], set[tuple[str, str]]]:
        """The analysts' joins (as hard 'analyst' links) and their cuts (pairs ``(a, b)``, a < b,
        never to link)."""
        joins, cuts = [], set()
        for r in self.execute(
            "SELECT d.a, d.b, d.decision, d.curation_id, c.actor, c.reason FROM link_decisions d "
            "JOIN curation_log c ON c.id = d.curation_id"
        ):
            if r["decision"] == "cut":
                cuts.add((r["a"], r["b"]))
            else:
                joins.append(_join(r))
        return joins, cuts

    def cut_links(self, pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        """Delete every stored link between each pair; returns the pairs that had one."""
        with self.db:
            return [
                pair
                for pair in pairs
                if self.db.execute("DELETE FROM links WHERE a = ? AND b = ?", pair).rowcount
            ]
