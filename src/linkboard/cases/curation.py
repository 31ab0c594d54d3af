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

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from linkboard.cases import audit
from linkboard.cases.decisions import (
    networks_of,
    rebuild_networks,
    record_rows,
    relink_records,
)
from linkboard.cases.roles import Actor, require
from linkboard.engine.crashpoints import crash_point, step
from linkboard.model import Link
from linkboard.store.sqlite import SQLiteStore, now

SUPPRESSED = "suppressed"


class CurationError(Exception):
    """A curation request that cannot be done (unknown network, nothing to undo...)."""


@dataclass(frozen=True, slots=True)
class CurationEntry:
    id: int
    at: str
    actor: str
    action: str
    target: str
    reason: str
    detail: dict[str, Any]
    undoes: int | None
    undone: bool


def _log(
    store: SQLiteStore,
    actor: Actor | None,
    action: str,
    target: str,
    reason: str,
    detail: dict[str, Any],
    client: str,
    undoes: int | None = None,
) -> int:
    with store.db:
        cur = store.db.execute(
            "INSERT INTO curation_log (at, actor, action, target, reason, detail, undoes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                now(),
                audit.actor_name(actor),
                action,
                target,
                reason,
                json.dumps(detail, ensure_ascii=False, sort_keys=True),
                undoes,
            ),
        )
        entry_id = int(cur.lastrowid or 0)
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


def _entry(row: sqlite3.Row, undone: bool) -> CurationEntry:
    return CurationEntry(
        row["id"],
        row["at"],
        row["actor"],
        row["action"],
        row["target"],
        row["reason"],
        json.loads(row["detail"]),
        row["undoes"],
        undone,
    )


def history(store: SQLiteStore, target: str | None = None) -> list[CurationEntry]:
    """The curation log, newest first, for one target (``phone:+1...``, ``network:ID``) or all."""
    undone = {
        r[0] for r in store.execute("SELECT undoes FROM curation_log WHERE undoes IS NOT NULL")
    }
    sql, params = "SELECT * FROM curation_log", ()  # type: tuple[str, tuple[str, ...]]
    if target is not None:
        sql, params = sql + " WHERE target = ?", (target,)
    return [_entry(r, r["id"] in undone) for r in store.execute(sql + " ORDER BY id DESC", params)]


def network_records(store: SQLiteStore, network_id: str) -> list[str]:
    return [
        r[0]
        for r in store.execute(
            "SELECT id FROM records WHERE network_id = ? ORDER BY id", (network_id,)
        )
    ]


# -- identifiers ------------------------------------------------------------------------------


def suppress_identifier(
    store: SQLiteStore,
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
    with step(store.db, "curate"):
        prev = store.execute(
            "SELECT * FROM identifier_status WHERE identifier = ?", (identifier,)
        ).fetchone()
        previous = dict(prev) if prev else None
        store.set_identifier_status(identifier, SUPPRESSED, reason, audit.actor_name(actor))
        crash_point("curate:decided")
        entry = _log(store, actor, "suppress", identifier, reason, {"previous": previous}, client)
        cause = _cause(entry, "suppress", identifier, actor, reason)
        rebuild_networks(store, networks_of(store, store.records_with(identifier)), cause)
    return entry


def _cause(
    entry: int, action: str, target: str, actor: Actor | None, reason: str, **more: Any
) -> dict[str, Any]:
    """What the network events of a curation step say caused them (the step, who and why)."""
    return {"curation_id": entry, "action": action, "target": target,
            "by": audit.actor_name(actor), "reason": reason, **more}  # fmt: skip


def suppressed(store: SQLiteStore) -> set[str]:
    return {i for i, status in store.identifier_status().items() if status == SUPPRESSED}


# -- networks ---------------------------------------------------------------------------------


def _require_network(store: SQLiteStore, network_id: str) -> sqlite3.Row:
    row = store.execute("SELECT * FROM networks WHERE id = ?", (network_id,)).fetchone()
    if row is None:
        raise CurationError(f"no network {network_id}")
    return row


def _event(store: SQLiteStore, network_id: str, event: str, detail: dict[str, Any]) -> None:
    with store.db:
        store.db.execute(
            "INSERT INTO network_events (at, event, network_id, detail) VALUES (?, ?, ?, ?)",
            (now(), event, network_id, json.dumps(detail, sort_keys=True)),
        )


def merge_networks(
    store: SQLiteStore,
    keep_id: str,
    other_id: str,
    reason: str,
    *,
    actor: Actor | None = None,
    client: str = "",
) -> int:
    """Join two networks with one hard analyst link between their first records (a 'join')."""
    require(actor, "curate")
    with step(store.db, "curate"):
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
        store.db.execute(
            "INSERT OR REPLACE INTO link_decisions VALUES (?, ?, 'join', ?)",
            (link.a, link.b, entry),
        )
        for nid in (keep_id, other_id):
            _event(store, nid, "merged", {"keep": keep_id, "other": other_id,
                                          "curation_id": entry})  # fmt: skip
        crash_point("curate:decided")
        cause = _cause(entry, "merge", f"network:{keep_id}", actor, reason, other=other_id)
        rebuild_networks(store, {keep_id, other_id}, cause)
    return entry


def split_network(
    store: SQLiteStore,
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
    with step(store.db, "curate"):
        _require_network(store, network_id)
        members = set(network_records(store, network_id))
        chosen = set(record_ids)
        if not chosen or not chosen < members:
            raise CurationError("choose some, but not all, of the network's records")
        rest = members - chosen
        crossing = [lk for lk in store.links_of(sorted(chosen)) if {lk.a, lk.b} & rest]
        detail = {"records": sorted(chosen), "removed_links": [_dump_link(lk) for lk in crossing]}
        entry = _log(store, actor, "split", f"network:{network_id}", reason, detail, client)
        pairs = [(min(x, y), max(x, y), entry) for x in chosen for y in rest]
        store.db.executemany("INSERT OR REPLACE INTO link_decisions VALUES (?, ?, 'cut', ?)", pairs)
        store.db.executemany(
            "DELETE FROM links WHERE a = ? AND b = ? AND kind = ?",
            [(lk.a, lk.b, lk.kind) for lk in crossing],
        )
        _event(store, network_id, "split", {"records": sorted(chosen), "curation_id": entry})
        crash_point("curate:decided")
        cause = _cause(entry, "split", f"network:{network_id}", actor, reason)
        rebuild_networks(store, {network_id}, cause)
    return entry


def _dump_link(lk: Link) -> dict[str, Any]:
    return {
        "a": lk.a,
        "b": lk.b,
        "kind": lk.kind,
        "hard": lk.hard,
        "score": lk.score,
        "evidence": lk.evidence,
    }


def rename_network(
    store: SQLiteStore, network_id: str, name: str, *, actor: Actor | None = None, client: str = ""
) -> int:
    require(actor, "curate")
    with step(store.db, "curate"):
        old = _require_network(store, network_id)["name"]
        store.db.execute("UPDATE networks SET name = ? WHERE id = ?", (name, network_id))
        crash_point("curate:decided")
        detail = {"from": old, "to": name}
        return _log(store, actor, "rename", f"network:{network_id}", "", detail, client)


# -- undo -------------------------------------------------------------------------------------


def undo(store: SQLiteStore, entry_id: int, *, actor: Actor | None = None, client: str = "") -> int:
    """Reverse an earlier curation step; returns the id of the 'undo' entry."""
    require(actor, "curate")
    with step(store.db, "curate"):
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
            store.db.execute(
                "UPDATE networks SET name = ? WHERE id = ?",
                (entry.detail["from"], entry.target.removeprefix("network:")),
            )
        crash_point("curate:decided")
        undo_id = _log(store, actor, "undo", entry.target, "", {"action": entry.action}, client,
                       undoes=entry.id)  # fmt: skip
        rebuild_networks(store, networks_of(store, records), cause)
        unlinked = [r["id"] for r in record_rows(store, records) if not r["network_id"]]
        relink_records(store, unlinked, cause)
    return undo_id


def _restore_status(store: SQLiteStore, identifier: str, previous: dict[str, Any] | None) -> None:
    if previous is None:
        store.clear_identifier_status(identifier)
        return
    with store.db:
        store.db.execute(
            "INSERT OR REPLACE INTO identifier_status (identifier, status, reason, by, at) "
            "VALUES (:identifier, :status, :reason, :by, :at)",
            previous,
        )


def _drop_decisions(store: SQLiteStore, entry: CurationEntry) -> set[str]:
    """Forget a merge's or split's decisions and links (restoring what a split removed);
    return the records they touched."""
    pairs = store.execute(
        "SELECT a, b FROM link_decisions WHERE curation_id = ?", (entry.id,)
    ).fetchall()
    with store.db:
        store.db.execute("DELETE FROM link_decisions WHERE curation_id = ?", (entry.id,))
        if entry.action == "merge":
            store.db.executemany(
                "DELETE FROM links WHERE a = ? AND b = ? AND kind = 'analyst'",
                [tuple(p) for p in pairs],
            )
    store.save_links([Link(**d) for d in entry.detail.get("removed_links", [])])
    return {rid for p in pairs for rid in p}
