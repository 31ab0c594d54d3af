"""Cases: the networks, records and identifiers an analyst gathers, with notes, tags, a status,
and a timeline that merges when the posts appeared with what the analysts did.

Every change is audited against the target ``case:ID``; the timeline reads those entries back,
so the audit log is the one history of a case. A change and its audit entry are one transaction
(``engine.crashpoints`` names the points a test kills the process at): there is no change without
its entry, nor an entry for a change that did not happen.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from linkboard.cases import audit
from linkboard.cases.roles import Actor, require
from linkboard.engine.crashpoints import crash_point, step
from linkboard.store.sqlite import SQLiteStore, now
from linkboard.values import NotAnIdentifier, canonical

CASE_STATUSES = ("open", "active", "referred", "closed")
ITEM_KINDS = ("network", "record", "identifier")
#: Audited actions on a case that are not analyst work and stay off its timeline.
QUIET_ACTIONS = frozenset({"case.view"})


class CaseError(Exception):
    """A case request that cannot be done (unknown case or item, bad status)."""


@dataclass(frozen=True, slots=True)
class Case:
    id: int
    title: str
    description: str
    status: str
    created_by: str
    created_at: str
    updated_at: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseItem:
    kind: str
    ref: str
    added_by: str
    added_at: str


@dataclass(frozen=True, slots=True)
class Note:
    id: int
    author: str
    at: str
    body: str
    about: str


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One moment of a case: a post appearing (``kind='post'``) or an analyst action."""

    at: str
    kind: str
    actor: str
    summary: str
    ref: str
    detail: dict[str, object] = field(default_factory=dict)


def target(case_id: int) -> str:
    return f"case:{case_id}"


def _case(store: SQLiteStore, row: sqlite3.Row) -> Case:
    tags = tuple(
        r[0]
        for r in store.execute(
            "SELECT tag FROM case_tags WHERE case_id = ? ORDER BY tag", (row["id"],)
        )
    )
    return Case(
        row["id"],
        row["title"],
        row["description"],
        row["status"],
        row["created_by"],
        row["created_at"],
        row["updated_at"],
        tags,
    )


def get_case(store: SQLiteStore, case_id: int) -> Case:
    row = store.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
    if row is None:
        raise CaseError(f"no case {case_id}")
    return _case(store, row)


def list_cases(store: SQLiteStore, status: str | None = None) -> list[Case]:
    sql, params = "SELECT * FROM cases", ()  # type: tuple[str, tuple[str, ...]]
    if status is not None:
        sql, params = sql + " WHERE status = ?", (status,)
    return [_case(store, r) for r in store.execute(sql + " ORDER BY id DESC", params)]


def create_case(
    store: SQLiteStore,
    title: str,
    *,
    description: str = "",
    actor: Actor | None = None,
    client: str = "",
) -> Case:
    require(actor, "case.edit")
    if not title.strip():
        raise CaseError("a case needs a title")
    at = now()
    with step(store.db, "case"):
        cur = store.db.execute(
            "INSERT INTO cases (title, description, created_by, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (title.strip(), description, audit.actor_name(actor), at, at),
        )
        case_id = int(cur.lastrowid or 0)
        crash_point("case:written")
        audit.record(store, actor, "case.create", target(case_id), {"title": title}, client=client)
        return get_case(store, case_id)


def _change(
    store: SQLiteStore,
    case_id: int,
    actor: Actor | None,
    action: str,
    detail: dict[str, object],
    client: str,
    sql: str,
    params: tuple[object, ...],
) -> None:
    require(actor, "case.edit")
    with step(store.db, "case"):
        get_case(store, case_id)
        store.db.execute(sql, params)
        store.db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (now(), case_id))
        crash_point("case:written")
        audit.record(store, actor, action, target(case_id), detail, client=client)


def _check_item(store: SQLiteStore, kind: str, ref: str) -> None:
    if kind not in ITEM_KINDS:
        raise CaseError(f"unknown item kind {kind!r}: choose one of {', '.join(ITEM_KINDS)}")
    table = {"network": "networks", "record": "records"}.get(kind)
    if table and store.execute(f"SELECT 1 FROM {table} WHERE id = ?", (ref,)).fetchone() is None:
        raise CaseError(f"no {kind} {ref}")


def _cleaned(kind: str, ref: str) -> str:
    if kind != "identifier":
        return ref
    try:
        return str(canonical(ref))
    except NotAnIdentifier:
        raise CaseError(f"identifier {ref!r} must read kind:value (phone:+15555550123)") from None


def add_item(
    store: SQLiteStore,
    case_id: int,
    kind: str,
    ref: str,
    *,
    actor: Actor | None = None,
    client: str = "",
) -> None:
    """Put a network, record or identifier (``kind:value``, cleaned) into a case."""
    ref = _cleaned(kind, ref)
    with step(store.db, "case"):
        _check_item(store, kind, ref)
        _change(
            store,
            case_id,
            actor,
            "case.add",
            {"kind": kind, "ref": ref},
            client,
            "INSERT OR IGNORE INTO case_items VALUES (?, ?, ?, ?, ?)",
            (case_id, kind, ref, audit.actor_name(actor), now()),
        )


def file_item(
    store: SQLiteStore,
    kind: str,
    ref: str,
    *,
    case_id: int | None = None,
    new_title: str = "",
    actor: Actor | None = None,
    client: str = "",
) -> int:
    """Put an item into case CASE_ID, or into a new case titled NEW_TITLE (when CASE_ID is
    None): one step, so that an item refused, or a crash, leaves no new case behind, empty.
    Returns the case's id."""
    with step(store.db, "case"):
        if case_id is None:
            case_id = create_case(store, new_title, actor=actor, client=client).id
        add_item(store, case_id, kind, ref, actor=actor, client=client)
    return case_id


def remove_item(
    store: SQLiteStore,
    case_id: int,
    kind: str,
    ref: str,
    *,
    actor: Actor | None = None,
    client: str = "",
) -> None:
    _change(
        store,
        case_id,
        actor,
        "case.remove",
        {"kind": kind, "ref": ref},
        client,
        "DELETE FROM case_items WHERE case_id = ? AND kind = ? AND ref = ?",
        (case_id, kind, ref),
    )


def add_note(
    store: SQLiteStore,
    case_id: int,
    body: str,
    *,
    about: str = "",
    actor: Actor | None = None,
    client: str = "",
) -> None:
    """Annotate a case, optionally ABOUT one of its items (``record:ID``, ``network:ID``...)."""
    if not body.strip():
        raise CaseError("an empty note")
    _change(
        store,
        case_id,
        actor,
        "case.note",
        {"about": about, "body": body},
        client,
        "INSERT INTO case_notes (case_id, author, at, body, about) VALUES (?, ?, ?, ?, ?)",
        (case_id, audit.actor_name(actor), now(), body, about),
    )


def set_status(
    store: SQLiteStore, case_id: int, status: str, *, actor: Actor | None = None, client: str = ""
) -> None:
    if status not in CASE_STATUSES:
        raise CaseError(f"unknown status {status!r}: choose one of {', '.join(CASE_STATUSES)}")
    with step(store.db, "case"):
        old = get_case(store, case_id).status
        _change(
            store,
            case_id,
            actor,
            "case.status",
            {"from": old, "to": status},
            client,
            "UPDATE cases SET status = ? WHERE id = ?",
            (status, case_id),
        )


def tag(
    store: SQLiteStore,
    case_id: int,
    name: str,
    *,
    remove: bool = False,
    actor: Actor | None = None,
    client: str = "",
) -> None:
    name = name.strip().lower()
    if not name:
        raise CaseError("an empty tag")
    sql = (
        "DELETE FROM case_tags WHERE case_id = ? AND tag = ?"
        if remove
        else "INSERT OR IGNORE INTO case_tags VALUES (?, ?)"
    )
    _change(
        store,
        case_id,
        actor,
        "case.untag" if remove else "case.tag",
        {"tag": name},
        client,
        sql,
        (case_id, name),
    )


def items(store: SQLiteStore, case_id: int) -> list[CaseItem]:
    rows = store.execute(
        "SELECT kind, ref, added_by, added_at FROM case_items WHERE case_id = ? "
        "ORDER BY added_at, kind, ref",
        (case_id,),
    )
    return [CaseItem(*r) for r in rows]


def notes(store: SQLiteStore, case_id: int) -> list[Note]:
    rows = store.execute(
        "SELECT id, author, at, body, about FROM case_notes WHERE case_id = ? ORDER BY id",
        (case_id,),
    )
    return [Note(*r) for r in rows]


def record_ids(store: SQLiteStore, case_id: int) -> list[str]:
    """Every record of a case: its records, its networks' records, its identifiers' records."""
    ids: set[str] = set()
    for item in items(store, case_id):
        if item.kind == "record":
            ids.add(item.ref)
        elif item.kind == "network":
            ids.update(
                r[0]
                for r in store.execute("SELECT id FROM records WHERE network_id = ?", (item.ref,))
            )
        else:
            ids.update(store.records_with(item.ref))
    return sorted(ids)


def timeline(store: SQLiteStore, case_id: int) -> list[TimelineEvent]:
    """Posts (by posted date) and analyst actions (by time), oldest first."""
    get_case(store, case_id)
    events = [
        TimelineEvent(
            rec.posted_at,
            "post",
            "",
            rec.title or rec.id,
            f"record:{rec.id}",
            {"site": rec.site, "location": rec.location},
        )
        for rec in store.records(record_ids(store, case_id))
        if rec.posted_at
    ]
    for entry in reversed(audit.entries(store, target=target(case_id), limit=100_000)):
        if entry.outcome == "ok" and entry.action not in QUIET_ACTIONS:
            events.append(
                TimelineEvent(
                    entry.at, "action", entry.actor, entry.action, entry.target, entry.detail
                )
            )
    return sorted(events, key=lambda e: e.at)  # stable: same-second actions keep their order
