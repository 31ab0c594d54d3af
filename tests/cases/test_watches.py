from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest

from linkboard.cases import watches
from linkboard.cases.roles import PermissionDenied
from linkboard.cases.watches import WatchError
from linkboard.store.casework import NewAlert
from tests.cases.fixtures import HANDLE, PDQ_A, PHONE_A, add_ads, build, users

NEW_PHONE_AD = (
    "ad-7",
    "n1",
    "Reno",
    "2026-02-03T10:00:00",
    "Back again 702-555-0101",
    [("phone", PHONE_A, "702-555-0101")],
    [],
)
NEW_PHOTO_AD = (
    "ad-8",
    None,
    "Reno",
    "2026-02-04T10:00:00",
    "Quiet evening",
    [],
    [("photos/b.jpg", "cd" * 32, "f" * 15 + "e" + "0" * 48)],
)


def test_a_new_watch_reports_past_matches(store):
    build(store)
    watch, past = watches.create_watch(store, "identifier", f"phone:{PHONE_A}", label="Sunny")
    assert [(a.record_id, a.retroactive) for a in past] == [("ad-2", True), ("ad-1", True)]
    assert watch.owner == "local"
    assert watch.active


def test_new_records_raise_alerts_once(store):
    build(store)
    watch, _ = watches.create_watch(store, "identifier", f"phone:{PHONE_A}")
    add_ads(store, [NEW_PHONE_AD])
    [alert] = watches.check_new(store, ["ad-7"])
    assert (alert.watch_id, alert.record_id, alert.retroactive) == (watch.id, "ad-7", False)
    assert alert.detail == {"identifier": f"phone:{PHONE_A}"}
    assert watches.check_new(store, ["ad-7"]) == []
    assert [a.record_id for a in watches.list_alerts(store, unseen=True)] == [
        "ad-7",
        "ad-2",
        "ad-1",
    ]
    watches.mark_seen(store, [alert.id])
    assert "ad-7" not in [a.record_id for a in watches.list_alerts(store, unseen=True)]


@pytest.mark.parametrize(
    ("kind", "value", "past"),
    [
        ("image", PDQ_A, ["ad-1"]),
        ("image", "ab" * 32, ["ad-1"]),
        ("search", "phoenix OR write", ["ad-2", "ad-3"]),
        ("network", "n2", ["ad-4", "ad-5"]),
        ("identifier", f"handle:{HANDLE}", ["ad-2", "ad-3"]),
    ],
)
def test_every_kind_of_watch(store, kind, value, past):
    build(store)
    _, alerts = watches.create_watch(store, kind, value)
    assert sorted(a.record_id for a in alerts) == past


@pytest.mark.parametrize(
    ("kind", "value", "detail"),
    [
        ("identifier", f"phone:{PHONE_A}", {"identifier": f"phone:{PHONE_A}"}),
        ("image", "ab" * 32, {"image": "photos/a.jpg", "distance": 0}),
        ("image", PDQ_A, {"image": "photos/a.jpg", "distance": 0}),
        ("search", "phoenix", {"search": "phoenix"}),
        ("network", "n1", {"network": "n1"}),
    ],
)
def test_an_alert_says_what_matched(store, kind, value, detail):
    build(store)
    _, alerts = watches.create_watch(store, kind, value)
    assert alerts
    assert all(a.detail == detail for a in alerts)


def test_a_watch_match_is_the_alert_it_raises():
    match = watches.WatchMatch("ad-1", "image", "photos/a.jpg", 3)
    assert match.alert() == NewAlert("ad-1", {"image": "photos/a.jpg", "distance": 3})
    assert watches.WatchMatch("ad-2", "search", "lola").alert().detail == {"search": "lola"}


def test_a_photo_watch_matches_near_duplicates(store):
    build(store)
    watches.create_watch(store, "image", PDQ_A)
    strict, _ = watches.create_watch(store, "image", PDQ_A, max_distance=0)
    add_ads(store, [NEW_PHOTO_AD])
    raised = watches.check_new(store, ["ad-8"])
    assert [(a.record_id, a.detail["distance"]) for a in raised] == [("ad-8", 1)]
    assert strict.id not in {a.watch_id for a in raised}


def test_watch_rules(store):
    build(store)
    viewer = users(store)["viewer"]
    with pytest.raises(PermissionDenied):
        watches.create_watch(store, "identifier", f"phone:{PHONE_A}", actor=viewer)
    with pytest.raises(WatchError):
        watches.create_watch(store, "search", 'unbalanced "quote')
    with pytest.raises(WatchError):
        watches.create_watch(store, "identifier", "no such thing")
    typed, _ = watches.create_watch(store, "identifier", "(702) 555-0101")
    assert typed.value == "phone:+17025550101"  # cleaned as the store writes it
    watches.retire_watch(store, typed.id)
    with pytest.raises(WatchError):
        watches.create_watch(store, "network", "n1", webhook="file:///etc/passwd")
    watch, _ = watches.create_watch(store, "network", "n1")
    watches.retire_watch(store, watch.id)
    add_ads(store, [NEW_PHONE_AD])
    assert watches.check_new(store, ["ad-7"]) == []


class Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[dict]] = []

    def do_POST(self) -> None:  # the http.server API names it
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Hook.received.append(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_webhook_gets_the_alerts_and_failures_are_only_logged(store, caplog):
    build(store)
    server = HTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/hook"
        watches.create_watch(store, "network", "n1", webhook=url)
        add_ads(store, [NEW_PHONE_AD])
        watches.check_new(store, ["ad-7"])
    finally:
        server.shutdown()
        server.server_close()
    [payload] = Hook.received
    assert payload["watch"]["value"] == "n1"
    assert [a["record_id"] for a in payload["alerts"]] == ["ad-7"]
    assert payload["alerts"][0]["url"] == "https://ads.example.com/ad-7"
    dead = f"http://127.0.0.1:{server.server_port}/gone"
    watches.create_watch(store, "identifier", f"phone:{PHONE_A}", webhook=dead)
    add_ads(store, [(*NEW_PHONE_AD[:0], "ad-9", *NEW_PHONE_AD[1:])])
    assert [a.record_id for a in watches.check_new(store, ["ad-9"])] == ["ad-9", "ad-9"]
    assert "webhook" in caplog.text
