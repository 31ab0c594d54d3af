"""Curation: the analyst's corrections to linking, attributed, reversible and lasting.

- ``suppress_identifier``: this phone is a public number (an agency, a hotel): an
  ``identifier_status`` row 'suppressed' with who and why, which linking reads.
- ``merge_networks``: these two networks are one: an 'analyst' link (hard) between them and a
  'join' decision.
- ``split_network``: this network is two: 'cut' decisions between the chosen records and the rest.
- ``rename_network``.

Each step is one entry of the append-only ``curation_log`` (and of the audit log); ``undo`` appends
an entry that reverses an earlier one. Merges and splits are stored as decisions, so a re-link
re-applies them (``linkboard.cases.decisions``).

Each step is one transaction, the write lock taken before it reads what it changes: its
decision, its log and audit entries and the networks it re-forms are written together or not at
all, whatever stops the process (``engine.crashpoints`` names the points a test kills it at).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypedDict

from linkboard.cases import audit
from linkboard.cases.decisions import Cause, networks_of, rebuild_networks, relink_records
from linkboard.cases.roles import Actor, require
from linkboard.engine.crashpoints import crash_point, step
from linkboard.model import Link
from linkboard.store.base import Store
from linkboard.store.casework import CurationEntry as CurationEntry

SUPPRESSED = "suppressed"


class CurationError(Exception):
    """A curation request that cannot be done (unknown network, nothing to undo...)."""


def _log(
    store: Store,
    actor: Actor | None,
    action: str,
    target: str,
    reason: str,
    detail: dict[str, Any],
    client: str,
    undoes: int | None = None,
) -> int:
    with store.transaction():
        entry_id = store.log_curation(audit.actor_name(actor), action, target, reason, detail,
                                      undoes)  # fmt: skip
        audit.record(
            store,
            actor,
            f"curate.{action}",
            target,
            {"curation_id": entry_id, "reason": reason, **detail},
            client=client,
        )
    crash_point("curate:logged")
    return entry_id


def history(store: Store, target: str | None = None) -> list[CurationEntry]:
    """The curation log, newest first, for one target (``phone:+1...``, ``network:ID``) or all."""
    return store.curation_log(target)


def network_records(store: Store, network_id: str) -> list[str]:
    return store.network_record_ids(network_id)


# -- identifiers ------------------------------------------------------------------------------


def suppress_identifier(
    store: Store,
    identifier: str,
    reason: str,
    *,
    actor: Actor | None = None,
    client: str = "",
) -> int:
    """Mark an identifier generic so it links nothing; returns the curation entry id."""
    require(actor, "curate")
    if ":" not in identifier or not reason.strip():
        raise CurationError("suppressing needs an identifier (kind:value) and a reason")
    with step(store.transaction(), "curate"):
        previous = store.identifier_status_entry(identifier)
        store.set_identifier_status(identifier, SUPPRESSED, reason, audit.actor_name(actor))
        crash_point("curate:decided")
        entry = _log(store, actor, "suppress", identifier, reason, {"previous": previous}, client)
        cause = _cause(entry, "suppress", identifier, actor, reason)
        rebuild_networks(store, networks_of(store, store.records_with(identifier)), cause)
    return entry


def _cause(
    entry: int,
    action: str,
    target: str,
    actor: Actor | None,
    reason: str,
    *,
    other: str | None = None,
    undone: str | None = None,
) -> Cause:
    """What the network events of a curation step say caused them (the step, who and why)."""
    return Cause(entry, action, target, audit.actor_name(actor), reason, other, undone)


def suppressed(store: Store) -> set[str]:
    return {i for i, status in store.identifier_status().items() if status == SUPPRESSED}


# -- networks ---------------------------------------------------------------------------------


def _require_network(store: Store, network_id: str) -> str:
    """The network's name; CurationError if there is no such network."""
    name = store.network_name(network_id)
    if name is None:
        raise CurationError(f"no network {network_id}")
    return name


def merge_networks(
    store: Store,
    keep_id: str,
    other_id: str,
    reason: str,
    *,
    actor: Actor | None = None,
    client: str = "",
) -> int:
    """Join two networks with one hard analyst link between their first records (a 'join')."""
    require(actor, "curate")
    with step(store.transaction(), "curate"):
        for nid in (keep_id, other_id):
            _require_network(store, nid)
        ours, theirs = network_records(store, keep_id), network_records(store, other_id)
        if keep_id == other_id or not ours or not theirs:
            raise CurationError("merging needs two different networks that hold records")
        link = Link(ours[0], theirs[0], "analyst", True, 1.0, {})
        detail = {"other": other_id, "link": [link.a, link.b]}
        entry = _log(store, actor, "merge", f"network:{keep_id}", reason, detail, client)
        evidence = {"decision": "join", "curation_id": entry, "by": audit.actor_name(actor),
                    "reason": reason}  # fmt: skip
        store.save_links([Link(link.a, link.b, "analyst", True, 1.0, evidence)])
        store.add_link_decisions([(link.a, link.b)], "join", entry)
        for nid in (keep_id, other_id):
            store.add_network_event(nid, "merged", {"keep": keep_id, "other": other_id,
                                                    "curation_id": entry})  # fmt: skip
        crash_point("curate:decided")
        cause = _cause(entry, "merge", f"network:{keep_id}", actor, reason, other=other_id)
        rebuild_networks(store, {keep_id, other_id}, cause)
    return entry


def split_network(
    store: Store,
    network_id: str,
    record_ids: Iterable[str],
    reason: str,
    *,
    actor: Actor | None = None,
    client: str = "",
) -> int:
    """Cut the chosen records of a network from the rest: a 'cut' decision per pair, and the
    stored links across the cut removed (kept in the log, so that undo puts them back)."""
    require(actor, "curate")
    with step(store.transaction(), "curate"):
        _require_network(store, network_id)
        members = set(network_records(store, network_id))
        chosen = set(record_ids)
        if not chosen or not chosen < members:
            raise CurationError("choose some, but not all, of the network's records")
        rest = members - chosen
        crossing = [lk for lk in store.links_of(sorted(chosen)) if {lk.a, lk.b} & rest]
        detail = {"records": sorted(chosen), "removed_links": [_dump_link(lk) for lk in crossing]}
        entry = _log(store, actor, "split", f"network:{network_id}", reason, detail, client)
        pairs = [(min(x, y), max(x, y)) for x in chosen for y in rest]
        store.add_link_decisions(pairs, "cut", entry)
        store.delete_links([(lk.a, lk.b, lk.kind) for lk in crossing])
        store.add_network_event(network_id, "split", {"records": sorted(chosen),
                                                      "curation_id": entry})  # fmt: skip
        crash_point("curate:decided")
        cause = _cause(entry, "split", f"network:{network_id}", actor, reason)
        rebuild_networks(store, {network_id}, cause)
    return entry


class LoggedLink(TypedDict):
    """A link a split removed, as its curation entry keeps it (``removed_links``) for undo."""

    a: str
    b: str
    kind: str
    hard: bool
    score: float
    evidence: dict[str, object]


def _dump_link(lk: Link) -> LoggedLink:
    return {
        "a": lk.a,
        "b": lk.b,
        "kind": lk.kind,
        "hard": lk.hard,
        "score": lk.score,
        "evidence": lk.evidence,
    }


def rename_network(
    store: Store, network_id: str, name: str, *, actor: Actor | None = None, client: str = ""
) -> int:
    require(actor, "curate")
    with step(store.transaction(), "curate"):
        old = _require_network(store, network_id)
        store.set_network_name(network_id, name)
        crash_point("curate:decided")
        detail = {"from": old, "to": name}
        return _log(store, actor, "rename", f"network:{network_id}", "", detail, client)


# -- undo -------------------------------------------------------------------------------------


def undo(store: Store, entry_id: int, *, actor: Actor | None = None, client: str = "") -> int:
    """Reverse an earlier curation step; returns the id of the 'undo' entry."""
    require(actor, "curate")
    with step(store.transaction(), "curate"):
        found = [e for e in history(store) if e.id == entry_id]
        if not found or found[0].action == "undo" or found[0].undone:
            raise CurationError(f"nothing to undo for curation entry {entry_id}")
        entry = found[0]
        records: set[str] = set()
        cause = _cause(entry.id, "undo", entry.target, actor, "", undone=entry.action)
        if entry.action == "suppress":
            _restore_status(store, entry.target, entry.detail.get("previous"))
            relink_records(store, store.records_with(entry.target), cause)
        elif entry.action in ("merge", "split"):
            records = _drop_decisions(store, entry)
        elif entry.action == "rename":
            store.set_network_name(entry.target.removeprefix("network:"), entry.detail["from"])
        crash_point("curate:decided")
        undo_id = _log(store, actor, "undo", entry.target, "", {"action": entry.action}, client,
                       undoes=entry.id)  # fmt: skip
        rebuild_networks(store, networks_of(store, records), cause)
        unlinked = [rid for rid, nid in store.record_network_ids(records).items() if not nid]
        relink_records(store, unlinked, cause)
    return undo_id


def _restore_status(store: Store, identifier: str, previous: dict[str, Any] | None) -> None:
    if previous is None:
        store.clear_identifier_status(identifier)
        return
    store.restore_identifier_status(previous)


def _drop_decisions(store: Store, entry: CurationEntry) -> set[str]:
    """Forget a merge's or split's decisions and links (restoring what a split removed);
    return the records they touched."""
    pairs = store.drop_link_decisions(entry.id, analyst_links=entry.action == "merge")
    store.save_links([Link(**d) for d in entry.detail.get("removed_links", [])])
    return {rid for p in pairs for rid in p}
