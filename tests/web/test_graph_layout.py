"""A big network's graph is readable: records grouped by the identifier that links them, no two
labels on top of each other, and every edge's detail naming both its ends and its evidence.

A 60-record network built by direct inserts: six groups of ten ads, each group sharing a phone
of its own; the first ad of each group also carries the previous group's phone (the bridge), and
a few ads of neighbouring groups are linked by their wording. Synthetic, neutral titles;
fictional 555-01XX phones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from linkboard.model import Link
from linkboard.store import open_store
from linkboard.store.sqlite import now
from linkboard.web import create_app
from tests.cases.fixtures import add_ads
from tests.web.conftest import Accounts, add_accounts, sign_in
from tests.web.live import serve
from tests.web.test_browser import browser_sign_in

GROUPS, PER_GROUP = 6, 10
NETWORK = "N00000060"
TOPICS = ["Garden", "Pottery", "Choir", "Chess", "Cycling", "Baking"]


def phone(group: int) -> str:
    return f"+1702555{110 + group:04d}"


def _ads() -> list[tuple]:  # type: ignore[type-arg]
    out = []
    for g in range(GROUPS):
        for i in range(PER_GROUP):
            rid = f"g{g}-{i}"
            text = f"{TOPICS[g]} meetup number {i}, call 702-555-{110 + g:04d}"
            found = [("phone", phone(g), f"702-555-{110 + g:04d}")]
            if i == 0 and g > 0:  # the bridge to the previous group
                text += f" or 702-555-{109 + g:04d}"
                found.append(("phone", phone(g - 1), f"702-555-{109 + g:04d}"))
            out.append((rid, NETWORK, "Reno", f"2024-06-{g + 1:02d}T{8 + i:02d}:00:00", text,
                        found, []))  # fmt: skip
    return out


def _links() -> list[Link]:
    links = []
    for g in range(GROUPS):
        holders = [f"g{g}-{i}" for i in range(PER_GROUP)]
        holders += [f"g{g + 1}-0"] if g + 1 < GROUPS else []
        ident = {"identifiers": [f"phone:{phone(g)}"]}
        links += [Link(a, b, "identifier", True, 1.0, ident) for a, b in pairwise(holders)]
        if g + 1 < GROUPS:
            links.append(Link(f"g{g}-5", f"g{g + 1}-5", "text", False, 0.86, {"similarity": 0.86}))
    return links


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Accounts]:
    db = tmp_path_factory.mktemp("biggraph") / "big.db"
    with open_store(db) as store:
        add_ads(store, _ads())
        with store.db:
            store.db.executemany("UPDATE records SET title = ? WHERE id = ?", [
                (f"{TOPICS[g]} meetup {i}", f"g{g}-{i}")
                for g in range(GROUPS) for i in range(PER_GROUP)])  # fmt: skip
        store.save_links(_links())
        with store.db:
            store.db.execute(
                "INSERT INTO networks (id, name, size, risk, first_seen, last_seen, summary, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (NETWORK, "Meetups", GROUPS * PER_GROUP, 0.4, "2024-06-01", "2024-06-06",
                 json.dumps({}), now(), now()),
            )  # fmt: skip
    return db, add_accounts(db)


def test_graph_api_groups_a_big_network_and_names_both_ends(big) -> None:
    db, accounts = big
    app = create_app(db)
    with TestClient(app) as client:
        sign_in(client, accounts.users["viewer"], accounts.password)
        data = client.get(f"/api/networks/{NETWORK}/graph").json()
    app.state.database.close()
    assert data["layout"] == "grouped"
    boxes = {g["identifier"]: g for g in data["groups"]}
    assert set(boxes) == {f"phone:{phone(g)}" for g in range(GROUPS)}
    assert sorted(g["records"] for g in data["groups"]) == [9, 10, 10, 10, 10, 11]
    nodes = {e["data"]["id"]: e["data"] for e in data["elements"] if e["group"] == "nodes"}
    records = [d for d in nodes.values() if d["type"] == "record"]
    assert len(records) == 60
    assert all(d["group"] in {g["id"] for g in data["groups"]} for d in records)
    titles = {d["record"]: d["label"] for d in records}
    edges = [e["data"] for e in data["elements"] if e["group"] == "edges"]
    for edge in edges:
        a = edge["source"].split(":", 1)[1]
        assert f"record {a} “{titles[a]}”" in edge["detail"].replace("Record", "record")
        if edge["kind"] == "holds":
            assert edge["target"].removeprefix("i:").replace(":", " ", 1) in edge["detail"]
            continue
        b = edge["target"].split(":", 1)[1]
        assert f"record {b} “{titles[b]}”" in edge["detail"]
        assert edge["reason"] in edge["detail"]  # the evidence: shared phone ..., similarity
    text = next(e for e in edges if e["kind"] == "text")
    assert "template similarity 0.86" in text["detail"]
    assert text["across"]
    bridge = next(e for e in edges if e["kind"] == "identifier" and e["across"])
    assert re.search(r"shared phone \+1702555011\d", bridge["detail"])


def test_a_small_network_keeps_the_free_layout(client: TestClient) -> None:
    data = client.get("/api/networks/N00000001/graph").json()
    assert data["layout"] == "free"
    detail = next(e["data"]["detail"] for e in data["elements"] if e["data"].get("kind") == "photo")
    assert detail.startswith("Record ad-1 “New in town Lola” and record ad-3 “Jade visiting”")


@pytest.fixture(scope="module")
def live(big) -> Iterator[str]:
    with serve(big[0]) as url:
        yield url


OVERLAPS = """() => {
  const cy = document.getElementById('graph')._cyreg.cy;
  const boxes = cy.nodes().filter(n => n.data('label')).map(n => {
    const b = n.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true});
    return {id: n.id(), x1: b.x1, x2: b.x2, y1: b.y1, y2: b.y2};
  });
  const out = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) out.push([a.id, b.id]);
  }
  return {labels: boxes.length, overlaps: out};
}"""


@pytest.mark.browser
def test_labels_of_a_60_record_network_do_not_overlap(browser, live: str, big) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=live)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    browser_sign_in(pg, big[1].users["analyst"], big[1].password)
    pg.goto(f"/networks/{NETWORK}")
    pg.wait_for_selector("#graph[data-ready='true']")
    found = pg.evaluate(OVERLAPS)
    assert found["labels"] >= 60, found["overlaps"][:10]
    assert found["overlaps"] == [], found["overlaps"][:10]
    pg.evaluate("""() => document.getElementById('graph')._cyreg.cy
                          .edges('[kind = "text"]').first().emit('tap')""")  # fmt: skip
    info = pg.locator("#graph-info").inner_text()
    assert re.search(r"Record g\d-5 “\w+ meetup 5” and record g\d-5 “\w+ meetup 5”: template "
                     r"similarity 0\.86", info), info  # fmt: skip
    context.close()
    assert errors == []
