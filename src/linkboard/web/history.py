"""A network's history in words, from its stored events (create, grow, merge, merged_into,
split, dissolve, and the analysts' merged/split steps): the split that last changed a network
(where its other records went), and the fate of a network id that no longer exists (when, why,
and where its records are now)."""

from __future__ import annotations

from typing import Any

from linkboard.store.page_rows import NetworkEvent
from linkboard.store.pages import PageQueries
from linkboard.values import Identifier, NotAnIdentifier, display
from linkboard.web.details import clean
from linkboard.web.schemas import FormerRecord, NetworkChange, NetworkGone

#: Events shown on a page; how far a chain of merges is followed.
SHOWN = 50
MAX_HOPS = 20


def why(detail: dict[str, Any]) -> str:
    """The analyst's step behind a change, as a phrase (empty when linking did it alone)."""
    cause = detail.get("cause")
    if not isinstance(cause, dict):
        return ""
    by, reason = cause.get("by") or "an analyst", cause.get("reason") or ""
    action, target = cause.get("action"), str(cause.get("target") or "")
    if action == "suppress":
        said = f"{by} marked {_shown(target)} generic"
    elif action == "merge":
        said = f"{by} merged {target.removeprefix('network:')} with {cause.get('other', '')}"
    elif action == "split":
        said = f"{by} split {target.removeprefix('network:')} by hand"
    elif action == "undo":
        said = f"{by} undid curation step #{cause.get('curation_id')} ({cause.get('undone')})"
    else:
        said = f"{by}: {action} {target}"
    return clean(f"{said} (“{reason}”)" if reason else said)


def _split_parts(detail: dict[str, Any], network_id: str, parent: str) -> dict[str, int]:
    """The other parts of a split of PARENT, seen from its part NETWORK_ID: id -> records."""
    moved = detail.get("moved")
    parts = dict(moved) if isinstance(moved, dict) else {n: 0 for n in detail.get("into", [])}
    if parent != network_id:
        parts[parent] = int(detail.get("kept") or 0)
    parts.pop(network_id, None)
    return {str(n): int(c or 0) for n, c in sorted(parts.items())}


def _change(row: NetworkEvent, headline: str, records: int = 0,
            to: list[str] | None = None) -> NetworkChange:  # fmt: skip
    return NetworkChange(at=row.at, event=row.event, headline=headline, records=records,
                         to=to or [], why=why(row.detail))  # fmt: skip


def change(row: NetworkEvent) -> NetworkChange:
    """One event in words."""
    d, nid = row.detail, row.network_id
    event = row.event
    if event == "split" and "into" in d:
        parts = _split_parts(d, nid, nid)
        return _change(row, "Network split", sum(parts.values()), list(parts))
    if event == "split":
        return _change(row, f"Split by hand: {len(d.get('records', []))} records chosen to leave")
    if event == "merged_into":
        into = str(d.get("into", ""))
        return _change(row, f"Merged into {into}", int(d.get("records") or 0), [into])
    if event == "merge":
        absorbed = str(d.get("absorbed", ""))
        return _change(row, f"Absorbed network {absorbed}", int(d.get("records") or 0), [])
    if event == "merged":
        return _change(row, f"Merged by hand: {d.get('keep')} and {d.get('other')}")
    if event == "dissolve":
        return _change(row, f"Dissolved: {d.get('reason', 'no links left')}",
                       int(d.get("size") or len(d.get("records", []))))  # fmt: skip
    if event == "grow":
        return _change(row, f"Grew by {d.get('added')} records to {d.get('size')}")
    if event in ("create", "created"):
        came = ", ".join(str(n) for n in d.get("split_from") or [])
        size = f"{d['records']} records" if "records" in d else "records"
        return _change(row, f"Formed from {size}" + (f" of {came}" if came else ""))
    return _change(row, event.replace("_", " ").capitalize())


def history(store: PageQueries, network_id: str) -> list[NetworkChange]:
    """The network's events in words, newest first."""
    return [change(r) for r in reversed(store.network_events(network_id)[-SHOWN:])]


def last_split(store: PageQueries, network_id: str) -> NetworkChange | None:
    """The split that last changed NETWORK_ID (unless a merge came after it): how many of its
    records went to which networks, when and why."""
    for row in reversed(store.network_events(network_id)):
        d = row.detail
        if row.event in ("merge", "merged"):
            return None
        if row.event == "split" and "into" in d:
            return change(row)
        if row.event == "create" and d.get("split_from"):
            return _sibling_split(store, row, [str(p) for p in d["split_from"]])
    return None


def _sibling_split(store: PageQueries, created: NetworkEvent,
                   parents: list[str]) -> NetworkChange | None:  # fmt: skip
    """For a network made by a split: the split event of its parents, seen from it."""
    parts: dict[str, int] = {}
    found = None
    for parent in parents:
        row = store.split_after(parent, created.id)
        if row is not None:
            found = found or row
            parts |= _split_parts(row.detail, created.network_id, parent)
    if found is None:
        return None
    return _change(found, "Network split", sum(parts.values()), list(parts))


def fate(store: PageQueries, network_id: str) -> NetworkGone | None:
    """What became of a network id that is no longer stored; None when it never existed."""
    if store.network_exists(network_id):
        return None
    rows = store.network_events(network_id)
    ending = next((r for r in reversed(rows) if r.event in ("merged_into", "dissolve")), None)
    if ending is None:
        return None
    held = ending.detail.get("records") if ending.event == "dissolve" else None
    records = [str(r) for r in held] if isinstance(held, list) else []
    former = [FormerRecord(id=r.id, title=r.title or r.id, network_id=r.network_id)
              for r in store.record_refs(records)]  # fmt: skip
    return NetworkGone(
        id=network_id, fate=change(ending), now=_current(store, network_id), records=former,
        history=history(store, network_id),
    )  # fmt: skip


def _current(store: PageQueries, network_id: str) -> str | None:
    """Where the merges that ended NETWORK_ID lead: the network that holds its records now."""
    here = network_id
    for _ in range(MAX_HOPS):
        if store.network_exists(here):
            return here if here != network_id else None
        row = store.last_merged_into(here)
        if row is None:
            return None
        here = str(row.detail.get("into", ""))
    return None


def _shown(target: str) -> str:
    """``phone +1 702-555-0123`` for ``phone:+17025550123``; other targets as they are."""
    try:
        ident = Identifier.parse(target)
    except NotAnIdentifier:
        return target
    return f"{ident.kind} {display(ident)}"
