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
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from linkboard import hooks
from linkboard.cases import audit
from linkboard.cases.roles import Actor, require
from linkboard.store.base import BadQuery, Store
from linkboard.store.casework import Alert as Alert
from linkboard.store.casework import NewAlert, WatchesStore
from linkboard.store.casework import Watch as Watch
from linkboard.values import Identifier, NotAnIdentifier, canonical

log = logging.getLogger(__name__)
WATCH_KINDS = ("identifier", "image", "search", "network")
#: PDQ bits that may differ for a photo to match (crops and resizes stay under it; see FIELD-NOTES).
DEFAULT_PDQ_DISTANCE = 31
WEBHOOK_TIMEOUT = 5.0


class WatchError(Exception):
    """A watch that cannot be made (bad kind, bad search syntax, bad webhook URL)."""


@dataclass(frozen=True, slots=True)
class WatchMatch:
    """A record that matches a watch, and what matched: the identifier, search or network
    watched (WHAT is the watch's kind), or the record's photo (``image``) and its PDQ distance
    from the watched hash (0: the same file)."""

    record_id: str
    what: str
    value: str
    distance: int | None = None

    def alert(self) -> NewAlert:
        """The alert to raise, its detail as the alert keeps it (``{"search": "lola"}``)."""
        detail: dict[str, object] = {self.what: self.value}
        if self.distance is not None:
            detail["distance"] = self.distance
        return NewAlert(self.record_id, detail)


def get_watch(store: WatchesStore, watch_id: int) -> Watch:
    found = store.watch(watch_id)
    if found is None:
        raise WatchError(f"no watch {watch_id}")
    return found


def list_watches(
    store: Store, *, owner: str | None = None, active_only: bool = True
) -> list[Watch]:
    return store.watches(owner=owner, active_only=active_only)


def _cleaned(kind: str, value: str) -> str:
    if kind == "image":
        return value.lower()
    if kind != "identifier":
        return value
    try:
        return str(canonical(value))
    except NotAnIdentifier:
        raise WatchError("watch an identifier as kind:value (phone:+15555550123)") from None


def _validate(store: Store, kind: str, value: str, webhook: str) -> None:
    if kind not in WATCH_KINDS:
        raise WatchError(f"unknown watch kind {kind!r}: choose one of {', '.join(WATCH_KINDS)}")
    if not value.strip():
        raise WatchError("a watch needs a value")
    if kind == "image" and not all(c in "0123456789abcdef" for c in value.lower()):
        raise WatchError("watch a photo by its hex sha256 or PDQ hash")
    if kind == "search":
        try:
            store.check_search_query(value)
        except BadQuery as exc:
            raise WatchError(f"cannot watch the search {value!r}: {exc}") from exc
    if webhook and not webhook.startswith(("http://", "https://")):
        raise WatchError("a webhook must be an http(s) URL")


def create_watch(
    store: Store,
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
    owner = audit.actor_name(actor)
    watch = get_watch(store, store.add_watch(kind, value, label, owner, webhook, distance or 0))
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
    store: Store, watch_id: int, *, actor: Actor | None = None, client: str = ""
) -> None:
    require(actor, "watch")
    get_watch(store, watch_id)
    store.retire_watch(watch_id)
    audit.record(store, actor, "watch.retire", f"watch:{watch_id}", client=client)


def check_new(store: Store, new_record_ids: Iterable[str]) -> list[Alert]:
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


@hooks.after_update.register
def alert_after_update(store: Store, record_ids: Sequence[str]) -> dict[str, int]:
    """Hook ``after_update``: the alerts the link stage's records raised (:func:`check_new`)."""
    return {"alerts": len(check_new(store, record_ids))}


# -- matching ---------------------------------------------------------------------------------


def _matches(store: WatchesStore, watch: Watch, ids: list[str] | None) -> list[WatchMatch]:
    """The records among IDS (None: all records) that match, one match each, by record id."""
    if watch.kind == "image":
        found: dict[str, WatchMatch] = {}
        for image in store.image_hashes(ids):
            distance = _image_distance(watch, image.sha256, image.pdq)
            if distance is not None and image.record_id not in found:
                found[image.record_id] = WatchMatch(image.record_id, "image", image.ref, distance)
        return sorted(found.values(), key=lambda m: m.record_id)
    if watch.kind == "identifier":
        ident = Identifier.parse(watch.value)
        what, rids = "identifier", store.records_mentioning(ident.kind, ident.value, ids)
    elif watch.kind == "search":
        what, rids = "search", store.records_matching_search(watch.value, ids)
    else:
        what, rids = "network", store.network_records_among(watch.value, ids)
    return [WatchMatch(rid, what, watch.value) for rid in sorted(set(rids))]


def _image_distance(watch: Watch, sha256: str, pdq: str) -> int | None:
    if sha256 == watch.value:
        return 0
    if not pdq or len(pdq) != len(watch.value):
        return None
    distance = (int(pdq, 16) ^ int(watch.value, 16)).bit_count()
    return distance if distance <= watch.max_distance else None


def _raise(store: Store, watch: Watch, found: list[WatchMatch], retroactive: bool) -> list[Alert]:
    new_ids = store.add_alerts(watch.id, [m.alert() for m in found], retroactive)
    return store.alerts(ids=new_ids)


# -- alerts -----------------------------------------------------------------------------------


def list_alerts(
    store: Store, *, unseen: bool = False, owner: str | None = None, limit: int = 1000
) -> list[Alert]:
    """Alerts, newest first (``linkboard alerts [--unseen]``); OWNER: one user's watches only."""
    return store.alerts(unseen=unseen, owner=owner, limit=limit)


def mark_seen(
    store: Store, alert_ids: Iterable[int], *, actor: Actor | None = None, client: str = ""
) -> int:
    require(actor, "watch")
    ids = sorted(set(alert_ids))
    changed = store.mark_alerts_seen(ids)
    audit.record(store, actor, "alert.seen", "alerts", {"ids": ids}, client=client)
    return changed


def notify(store: Store, watch: Watch, alerts: list[Alert]) -> bool:
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
