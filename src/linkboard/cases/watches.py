"""Watches and alerts: tell the analyst when new records match what they are watching.

A watch follows an identifier (``phone:+15555550123``), a photo hash (sha256 exactly, or PDQ
within a Hamming distance), a saved full-text search, or a network. Creating a watch reports
the records that already match (retroactive alerts); ``check_new`` runs after each ingest+link and
raises alerts for new records, once per watch and record. An optional webhook gets a JSON POST;
its failures are logged, never raised.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from linkboard.cases import audit
from linkboard.cases.roles import Actor, require
from linkboard.store.query_hints import hint
from linkboard.store.sqlite import SQLiteStore, now
from linkboard.values import Identifier, NotAnIdentifier, canonical

log = logging.getLogger(__name__)
WATCH_KINDS = ("identifier", "image", "search", "network")
#: PDQ bits that may differ for a photo to match (crops and resizes stay under it; see FIELD-NOTES).
DEFAULT_PDQ_DISTANCE = 31
WEBHOOK_TIMEOUT = 5.0


class WatchError(Exception):
    """A watch that cannot be made (bad kind, bad search syntax, bad webhook URL)."""


@dataclass(frozen=True, slots=True)
class Watch:
    id: int
    kind: str
    value: str
    label: str
    owner: str
    webhook: str
    max_distance: int
    active: bool
    created_at: str


@dataclass(frozen=True, slots=True)
class Alert:
    id: int
    watch_id: int
    record_id: str
    at: str
    retroactive: bool
    seen: bool
    detail: dict[str, Any]
    watch_kind: str
    watch_value: str
    watch_label: str


def _watch(r: sqlite3.Row) -> Watch:
    return Watch(
        r["id"],
        r["kind"],
        r["value"],
        r["label"],
        r["owner"],
        r["webhook"],
        r["max_distance"],
        bool(r["active"]),
        r["created_at"],
    )


def get_watch(store: SQLiteStore, watch_id: int) -> Watch:
    row = store.execute("SELECT * FROM watches WHERE id = ?", (watch_id,)).fetchone()
    if row is None:
        raise WatchError(f"no watch {watch_id}")
    return _watch(row)


def list_watches(
    store: SQLiteStore, *, owner: str | None = None, active_only: bool = True
) -> list[Watch]:
    where = ["active = 1"] if active_only else []
    params: list[Any] = []
    if owner is not None:
        where.append("owner = ?")
        params.append(owner)
    sql = "SELECT * FROM watches" + (" WHERE " + " AND ".join(where) if where else "")
    return [_watch(r) for r in store.execute(sql + " ORDER BY id", params)]


def _cleaned(kind: str, value: str) -> str:
    if kind == "image":
        return value.lower()
    if kind != "identifier":
        return value
    try:
        return str(canonical(value))
    except NotAnIdentifier:
        raise WatchError("watch an identifier as kind:value (phone:+15555550123)") from None


def _validate(store: SQLiteStore, kind: str, value: str, webhook: str) -> None:
    if kind not in WATCH_KINDS:
        raise WatchError(f"unknown watch kind {kind!r}: choose one of {', '.join(WATCH_KINDS)}")
    if not value.strip():
        raise WatchError("a watch needs a value")
    if kind == "image" and not all(c in "0123456789abcdef" for c in value.lower()):
        raise WatchError("watch a photo by its hex sha256 or PDQ hash")
    if kind == "search":
        try:
            store.db.execute(
                "SELECT rowid FROM records_fts WHERE records_fts MATCH ? LIMIT 1", (value,)
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise WatchError(f"cannot watch the search {value!r}: {hint(value)}") from exc
    if webhook and not webhook.startswith(("http://", "https://")):
        raise WatchError("a webhook must be an http(s) URL")


def create_watch(
    store: SQLiteStore,
    kind: str,
    value: str,
    *,
    label: str = "",
    webhook: str = "",
    max_distance: int | None = None,
    actor: Actor | None = None,
    client: str = "",
) -> tuple[Watch, list[Alert]]:
    """Make a watch; return it with the alerts for records that already match."""
    require(actor, "watch")
    value = _cleaned(kind, value)
    _validate(store, kind, value, webhook)
    distance = DEFAULT_PDQ_DISTANCE if max_distance is None and kind == "image" else max_distance
    with store.db:
        cur = store.db.execute(
            "INSERT INTO watches (kind, value, label, owner, webhook, max_distance, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (kind, value, label, audit.actor_name(actor), webhook, distance or 0, now()),
        )
    watch = get_watch(store, int(cur.lastrowid or 0))
    audit.record(
        store,
        actor,
        "watch.create",
        f"watch:{watch.id}",
        {"kind": kind, "value": value, "webhook": bool(webhook)},
        client=client,
    )
    return watch, _raise(store, watch, _matches(store, watch, None), retroactive=True)


def retire_watch(
    store: SQLiteStore, watch_id: int, *, actor: Actor | None = None, client: str = ""
) -> None:
    require(actor, "watch")
    get_watch(store, watch_id)
    with store.db:
        store.db.execute("UPDATE watches SET active = 0 WHERE id = ?", (watch_id,))
    audit.record(store, actor, "watch.retire", f"watch:{watch_id}", client=client)


def check_new(store: SQLiteStore, new_record_ids: Iterable[str]) -> list[Alert]:
    """Raise alerts for new records against every active watch (call after ingest and link)."""
    ids = sorted(set(new_record_ids))
    raised: list[Alert] = []
    if not ids:
        return raised
    for watch in list_watches(store):
        alerts = _raise(store, watch, _matches(store, watch, ids), retroactive=False)
        if alerts and watch.webhook:
            notify(store, watch, alerts)
        raised += alerts
    return raised


# -- matching ---------------------------------------------------------------------------------


def _in(ids: list[str] | None, column: str = "record_id") -> Iterator[tuple[str, list[str]]]:
    if ids is None:
        yield "", []
        return
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        yield f" AND {column} IN ({','.join('?' * len(chunk))})", chunk


def _matches(store: SQLiteStore, watch: Watch, ids: list[str] | None) -> dict[str, dict[str, Any]]:
    """Record id → why it matches, among IDS (None: all records)."""
    found: dict[str, dict[str, Any]] = {}
    column = {"search": "r.id", "network": "id"}.get(watch.kind, "record_id")
    for clause, chunk in _in(ids, column):
        if watch.kind == "identifier":
            ident = Identifier.parse(watch.value)
            for r in store.execute(
                f"SELECT DISTINCT record_id FROM mentions WHERE kind = ? AND value = ?{clause}",
                [ident.kind, ident.value, *chunk],
            ):
                found[r[0]] = {"identifier": watch.value}
        elif watch.kind == "image":
            for r in store.execute(
                f"SELECT record_id, ref, sha256, pdq FROM images WHERE 1 = 1{clause}", chunk
            ):
                distance = _image_distance(watch, r["sha256"], r["pdq"])
                if distance is not None and r["record_id"] not in found:
                    found[r["record_id"]] = {"image": r["ref"], "distance": distance}
        elif watch.kind == "search":
            for r in store.execute(
                "SELECT r.id FROM records_fts JOIN records r ON r.rowid = records_fts.rowid "
                f"WHERE records_fts MATCH ?{clause}",
                [watch.value, *chunk],
            ):
                found[r[0]] = {"search": watch.value}
        else:
            for r in store.execute(
                f"SELECT id FROM records WHERE network_id = ?{clause}", [watch.value, *chunk]
            ):
                found[r[0]] = {"network": watch.value}
    return found


def _image_distance(watch: Watch, sha256: str, pdq: str) -> int | None:
    if sha256 == watch.value:
        return 0
    if not pdq or len(pdq) != len(watch.value):
        return None
    distance = (int(pdq, 16) ^ int(watch.value, 16)).bit_count()
    return distance if distance <= watch.max_distance else None


def _raise(
    store: SQLiteStore, watch: Watch, found: dict[str, dict[str, Any]], retroactive: bool
) -> list[Alert]:
    new_ids = []
    with store.db:
        for record_id, detail in sorted(found.items()):
            cur = store.db.execute(
                "INSERT OR IGNORE INTO alerts (watch_id, record_id, at, retroactive, detail) "
                "VALUES (?, ?, ?, ?, ?)",
                (watch.id, record_id, now(), int(retroactive), json.dumps(detail, sort_keys=True)),
            )
            if cur.rowcount:
                new_ids.append(int(cur.lastrowid or 0))
    return _alerts(store, "a.id IN (SELECT value FROM json_each(?))", [json.dumps(new_ids)])


# -- alerts -----------------------------------------------------------------------------------


def _alerts(store: SQLiteStore, where: str, params: list[Any], limit: int = 100_000) -> list[Alert]:
    rows = store.execute(
        "SELECT a.*, w.kind, w.value, w.label FROM alerts a JOIN watches w ON w.id = a.watch_id "
        f"WHERE {where} ORDER BY a.id DESC LIMIT ?",
        [*params, limit],
    )
    return [
        Alert(
            r["id"],
            r["watch_id"],
            r["record_id"],
            r["at"],
            bool(r["retroactive"]),
            bool(r["seen"]),
            json.loads(r["detail"]),
            r["kind"],
            r["value"],
            r["label"],
        )
        for r in rows
    ]


def list_alerts(
    store: SQLiteStore, *, unseen: bool = False, owner: str | None = None, limit: int = 1000
) -> list[Alert]:
    """Alerts, newest first (``linkboard alerts [--unseen]``); OWNER: one user's watches only."""
    where, params = ["1 = 1"], []
    if unseen:
        where.append("a.seen = 0")
    if owner is not None:
        where.append("w.owner = ?")
        params.append(owner)
    return _alerts(store, " AND ".join(where), params, limit)


def mark_seen(
    store: SQLiteStore, alert_ids: Iterable[int], *, actor: Actor | None = None, client: str = ""
) -> int:
    require(actor, "watch")
    ids = sorted(set(alert_ids))
    with store.db:
        cur = store.db.executemany("UPDATE alerts SET seen = 1 WHERE id = ?", [(i,) for i in ids])
    audit.record(store, actor, "alert.seen", "alerts", {"ids": ids}, client=client)
    return cur.rowcount


def notify(store: SQLiteStore, watch: Watch, alerts: list[Alert]) -> bool:
    """POST the alerts to the watch's webhook as JSON; log (never raise) a failure."""
    records = {r.id: r for r in store.records([a.record_id for a in alerts])}
    payload = {
        "watch": {"id": watch.id, "kind": watch.kind, "value": watch.value, "label": watch.label},
        "alerts": [
            {
                "id": a.id,
                "record_id": a.record_id,
                "at": a.at,
                "detail": a.detail,
                "url": records[a.record_id].url if a.record_id in records else "",
            }
            for a in alerts
        ],
    }
    request = urllib.request.Request(
        watch.webhook,
        data=json.dumps(payload).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": "linkboard-alerts"},
    )
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:
            response.read()
        return True
    except Exception as exc:  # any network or HTTP failure: the alerts are stored anyway
        log.warning("webhook for watch %s failed: %s", watch.id, exc)
        return False
