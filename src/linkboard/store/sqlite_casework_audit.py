"""The audit log: entries appended to its hash chain (``store.auditchain``), or spooled while a
pipeline stage holds the write lock (``store.auditspool``), and read back. (SQLite)."""

from __future__ import annotations

import json
from typing import Any

from linkboard.store import auditspool
from linkboard.store.auditchain import ChainCheck, append
from linkboard.store.auditchain import verify as verify_chain
from linkboard.store.casework import AuditEntry
from linkboard.store.sqlite_casework_base import CaseworkTables, now


class AuditSQL(CaseworkTables):
    def add_audit_entry(
        self,
        actor: str,
        action: str,
        target: str,
        detail: str,
        *,
        client: str,
        outcome: str,
        wait: float | None,
    ) -> int | None:
        """Append one entry (DETAIL is JSON) and return its id.

        The entry follows the head of the chain, read under the write lock (taken up front):
        two writers, in two processes, append one after the other, never both after the same
        entry. Inside a transaction the entry is part of it. Otherwise entries spooled earlier
        are chained first; and an entry that finds the lock taken for WAIT seconds (None: as
        long as any write waits) is spooled (None returned) rather than waiting longer."""
        fields = (now(), actor, action, target, outcome, detail, client)
        if self.db.depth:
            return append(self.db, fields)
        spooled = auditspool.waiting(self.path)
        with self.db.if_free(wait) as free:
            if free:
                upto = auditspool.chain(self.db, spooled)
                entry = append(self.db, fields)
        if not free:
            auditspool.add(self.path, fields)
            return None
        auditspool.forget(self.path, spooled, upto)
        return entry

    def audit_waiting(self) -> int:
        """Entries spooled while a pipeline stage held the lock, not yet in the chain."""
        return auditspool.count(self.path)

    def verify_audit(self) -> ChainCheck:
        """Recompute the audit log's hash chain: how many entries hold, or the first that breaks."""
        return verify_chain(self.db)

    def audit_entries(
        self,
        *,
        actor: str | None = None,
        action: str | None = None,
        target: str | None = None,
        since: str | None = None,
        limit: int = 1000,
    ) -> list[AuditEntry]:
        """Entries, newest first, filtered by any of actor, action (or ``prefix.*``), target,
        since."""
        where, params = _filters(actor, action, target, since)
        sql = "SELECT * FROM audit_log" + (" WHERE " + " AND ".join(where) if where else "")
        rows = self.execute(sql + " ORDER BY id DESC LIMIT ?", [*params, limit])
        return [
            AuditEntry(
                r["id"],
                r["at"],
                r["actor"],
                r["action"],
                r["target"],
                r["outcome"],
                json.loads(r["detail"]),
                r["client"],
            )
            for r in rows
        ]


def _filters(
    actor: str | None, action: str | None, target: str | None, since: str | None
) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if actor is not None:
        where.append("actor = ?")
        params.append(actor)
    if action is not None:
        if action.endswith(".*"):
            where.append("action LIKE ?")
            params.append(action[:-1] + "%")
        else:
            where.append("action = ?")
            params.append(action)
    if target is not None:
        where.append("target = ?")
        params.append(target)
    if since is not None:
        where.append("at >= ?")
        params.append(since)
    return where, params
