"""The audit trail: who did what to which target, when, from where, and whether it was allowed.

The table is append-only: triggers in the schema raise on UPDATE and DELETE, so not even this
module can rewrite history. Each entry is chained to the one before by hash
(``store.auditchain``): ``verify`` shows an entry edited, deleted or slipped in with raw SQL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from linkboard.cases.roles import Actor
from linkboard.store import auditspool
from linkboard.store.auditchain import ChainCheck, append
from linkboard.store.auditchain import verify as verify_chain
from linkboard.store.sqlite import SQLiteStore, now

#: The name the audit log gives the local operator at the command line (``actor=None``).
LOCAL_ACTOR = "local"
#: Seconds an entry that need not wait (a page view) waits for the write lock before it is
#: spooled.
VIEW_WAIT = 0.05


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    action: str
    target: str
    outcome: str
    detail: dict[str, Any]
    client: str


def actor_name(actor: Actor | None) -> str:
    return LOCAL_ACTOR if actor is None else actor.username


def record(
    store: SQLiteStore,
    actor: Actor | str | None,
    action: str,
    target: str = "",
    detail: dict[str, Any] | None = None,
    *,
    client: str = "",
    outcome: str = "ok",
    wait: bool = True,
) -> int | None:
    """Append one entry and return its id. OUTCOME is ``ok``, ``refused`` or ``failed``.

    The entry follows the head of the chain, read under the write lock (``with store.db`` takes
    it up front): two writers, in two processes, append one after the other, never both after
    the same entry. Inside a caller's transaction the entry is part of it (written or not with
    the rest). Otherwise entries spooled earlier (``store.auditspool``) are chained first; and
    with WAIT false (a page view), an entry that finds the lock taken by a pipeline stage is
    spooled (None returned) rather than waiting for it."""
    name = actor if isinstance(actor, str) else actor_name(actor)
    text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    fields = (now(), name, action, target, outcome, text, client)
    if store.db.depth:
        return append(store.db, fields)
    spooled = auditspool.waiting(store.path)
    with store.db.if_free(None if wait else VIEW_WAIT) as free:
        if free:
            upto = auditspool.chain(store.db, spooled)
            entry = append(store.db, fields)
    if not free:
        auditspool.add(store.path, fields)
        return None
    auditspool.forget(store.path, spooled, upto)
    return entry


def waiting(store: SQLiteStore) -> int:
    """Entries spooled while a pipeline stage held the lock, not yet in the chain."""
    return auditspool.count(store.path)


def verify(store: SQLiteStore) -> ChainCheck:
    """Recompute the audit log's hash chain: how many entries hold, or the first that breaks."""
    return verify_chain(store.db)


def entries(
    store: SQLiteStore,
    *,
    actor: str | None = None,
    action: str | None = None,
    target: str | None = None,
    since: str | None = None,
    limit: int = 1000,
) -> list[AuditEntry]:
    """Entries, newest first, filtered by any of actor, action (or ``prefix.*``), target, since."""
    where, params = [], []
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
    sql = "SELECT * FROM audit_log" + (" WHERE " + " AND ".join(where) if where else "")
    rows = store.execute(sql + " ORDER BY id DESC LIMIT ?", [*params, limit])
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
