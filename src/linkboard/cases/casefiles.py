"""Cases: the networks, records and identifiers an analyst gathers, with notes, tags, a status,
and a timeline that merges when the posts appeared with what the analysts did.

Every change is audited against the target ``case:ID``; the timeline reads those entries back,
so the audit log is the one history of a case. A change and its audit entry are one transaction
(``engine.crashpoints`` names the points a test kills the process at): there is no change without
its entry, nor an entry for a change that did not happen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from linkboard.cases import audit
from linkboard.cases.roles import Actor, require
from linkboard.engine.crashpoints import crash_point, step
from linkboard.store.base import Store
from linkboard.store.casework import Case as Case
from linkboard.store.casework import CaseItem as CaseItem
from linkboard.store.casework import CaseworkStore
from linkboard.store.casework import Note as Note
from linkboard.values import NotAnIdentifier, canonical

CASE_STATUSES = ("open", "active", "referred", "closed")
ITEM_KINDS = ("network", "record", "identifier")
#: Audited actions on a case that are not analyst work and stay off its timeline.
QUIET_ACTIONS = frozenset({"case.view"})


class CaseError(Exception):
    """A case request that cannot be done (unknown case or item, bad status)."""


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


def get_case(store: CaseworkStore, case_id: int) -> Case:
    found = store.case(case_id)
    if found is None:
        raise CaseError(f"no case {case_id}")
    return found


def list_cases(store: Store, status: str | None = None) -> list[Case]:
    return store.cases(status)


def create_case(
    store: Store,
    title: str,
    *,
    description: str = "",
    actor: Actor | None = None,
    client: str = "",
) -> Case:
    require(actor, "case.edit")
    if not title.strip():
        raise CaseError("a case needs a title")
    with step(store.transaction(), "case"):
        case_id = store.create_case_row(title.strip(), description, audit.actor_name(actor))
        crash_point("case:written")
        audit.record(store, actor, "case.create", target(case_id), {"title": title}, client=client)
        return get_case(store, case_id)


def _change(
    store: Store,
    case_id: int,
    actor: Actor | None,
    action: str,
    detail: dict[str, object],
    client: str,
    write: Callable[[], None],
) -> None:
    """One change of a case (WRITE), its time noted and its audit entry, in one step."""
    require(actor, "case.edit")
    with step(store.transaction(), "case"):
        get_case(store, case_id)
        write()
        store.touch_case(case_id)
        crash_point("case:written")
        audit.record(store, actor, action, target(case_id), detail, client=client)


def _check_item(store: CaseworkStore, kind: str, ref: str) -> None:
    if kind not in ITEM_KINDS:
        raise CaseError(f"unknown item kind {kind!r}: choose one of {', '.join(ITEM_KINDS)}")
    if not store.case_item_exists(kind, ref):
        raise CaseError(f"no {kind} {ref}")


def _cleaned(kind: str, ref: str) -> str:
    if kind != "identifier":
        return ref
    try:
        return str(canonical(ref))
    except NotAnIdentifier:
        raise CaseError(f"identifier {ref!r} must read kind:value (phone:+15555550123)") from None


def add_item(
    store: Store,
    case_id: int,
    kind: str,
    ref: str,
    *,
    actor: Actor | None = None,
    client: str = "",
) -> None:
    """Put a network, record or identifier (``kind:value``, cleaned) into a case."""
    ref = _cleaned(kind, ref)
    with step(store.transaction(), "case"):
        _check_item(store, kind, ref)
        by = audit.actor_name(actor)
        _change(store, case_id, actor, "case.add", {"kind": kind, "ref": ref}, client,
                lambda: store.add_case_item(case_id, kind, ref, by))  # fmt: skip


def file_item(
    store: Store,
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
    with step(store.transaction(), "case"):
        if case_id is None:
            case_id = create_case(store, new_title, actor=actor, client=client).id
        add_item(store, case_id, kind, ref, actor=actor, client=client)
    return case_id


def remove_item(
    store: Store,
    case_id: int,
    kind: str,
    ref: str,
    *,
    actor: Actor | None = None,
    client: str = "",
) -> None:
    _change(store, case_id, actor, "case.remove", {"kind": kind, "ref": ref}, client,
            lambda: store.remove_case_item(case_id, kind, ref))  # fmt: skip


def add_note(
    store: Store,
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
    author = audit.actor_name(actor)
    _change(store, case_id, actor, "case.note", {"about": about, "body": body}, client,
            lambda: store.add_case_note(case_id, author, body, about))  # fmt: skip


def set_status(
    store: Store, case_id: int, status: str, *, actor: Actor | None = None, client: str = ""
) -> None:
    if status not in CASE_STATUSES:
        raise CaseError(f"unknown status {status!r}: choose one of {', '.join(CASE_STATUSES)}")
    with step(store.transaction(), "case"):
        old = get_case(store, case_id).status
        _change(store, case_id, actor, "case.status", {"from": old, "to": status}, client,
                lambda: store.set_case_status(case_id, status))  # fmt: skip


def tag(
    store: Store,
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
    write = store.untag_case if remove else store.tag_case
    _change(store, case_id, actor, "case.untag" if remove else "case.tag", {"tag": name}, client,
            lambda: write(case_id, name))  # fmt: skip


def items(store: Store, case_id: int) -> list[CaseItem]:
    return store.case_items(case_id)


def notes(store: Store, case_id: int) -> list[Note]:
    return store.case_notes(case_id)


def record_ids(store: Store, case_id: int) -> list[str]:
    """Every record of a case: its records, its networks' records, its identifiers' records."""
    ids: set[str] = set()
    for item in items(store, case_id):
        if item.kind == "record":
            ids.add(item.ref)
        elif item.kind == "network":
            ids.update(store.network_record_ids(item.ref))
        else:
            ids.update(store.records_with(item.ref))
    return sorted(ids)


def timeline(store: Store, case_id: int) -> list[TimelineEvent]:
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
