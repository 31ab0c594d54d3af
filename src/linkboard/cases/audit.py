"""The audit trail: who did what to which target, when, from where, and whether it was allowed.

The table is append-only: triggers in the schema raise on UPDATE and DELETE, so not even this
module can rewrite history. Each entry is chained to the one before by hash
(``store.auditchain``): ``verify`` shows an entry edited, deleted or slipped in with raw SQL.
"""

from __future__ import annotations

import json
from typing import Any, TypedDict

from linkboard.cases.roles import Actor
from linkboard.store.auditchain import ChainCheck
from linkboard.store.casework import AuditEntry as AuditEntry
from linkboard.store.casework import AuditStore

#: The name the audit log gives the local operator at the command line (``actor=None``).
LOCAL_ACTOR = "local"
#: Seconds an entry that need not wait (a page view) waits for the write lock before it is
#: spooled.
VIEW_WAIT = 0.05


class Who(TypedDict):
    """Who asks for a casework step, as each step takes it (``**who``): the signed-in user
    (None: the local operator) and the address they asked from."""

    actor: Actor | None
    client: str


def actor_name(actor: Actor | None) -> str:
    return LOCAL_ACTOR if actor is None else actor.username


def record(
    store: AuditStore,
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

    The entry follows the head of the chain, read under the write lock (taken up front): two
    writers, in two processes, append one after the other, never both after the same entry.
    Inside a caller's transaction the entry is part of it (written or not with
    the rest). Otherwise entries spooled earlier (``store.auditspool``) are chained first; and
    with WAIT false (a page view), an entry that finds the lock taken by a pipeline stage is
    spooled (None returned) rather than waiting for it."""
    name = actor if isinstance(actor, str) else actor_name(actor)
    text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    return store.add_audit_entry(name, action, target, text, client=client, outcome=outcome,
                                 wait=None if wait else VIEW_WAIT)  # fmt: skip


def waiting(store: AuditStore) -> int:
    """Entries spooled while a pipeline stage held the lock, not yet in the chain."""
    return store.audit_waiting()


def verify(store: AuditStore) -> ChainCheck:
    """Recompute the audit log's hash chain: how many entries hold, or the first that breaks."""
    return store.verify_audit()


def entries(
    store: AuditStore,
    *,
    actor: str | None = None,
    action: str | None = None,
    target: str | None = None,
    since: str | None = None,
    limit: int = 1000,
) -> list[AuditEntry]:
    """Entries, newest first, filtered by any of actor, action (or ``prefix.*``), target, since."""
    return store.audit_entries(actor=actor, action=action, target=target, since=since, limit=limit)
