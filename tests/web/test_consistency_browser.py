"""Issue 17: the workspace says what it knows, once, consistently.

A small store scored by the real network stage (``engine.corpus.score_networks``): network n2's
two ads each state an age under 18 and nothing in its structure fires, so its own indicators
alone would score it 5. The journeys check that it scores what its members do, comes first,
and that its person count is the same on the card, in the API and in the CLI's listing.
Synthetic, neutral data; phones in the fictional 555-01XX range.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from linkboard.engine.corpus import score_networks
from linkboard.link.networks import summary_rows
from linkboard.link.summary import person_count, person_list
from linkboard.model import Link, Mention
from linkboard.score import load_taxonomy, minor_floor, possible_minor, record_hits, risk
from linkboard.store import open_store
from linkboard.store.sqlite import now
from linkboard.terminal import network_line
from tests.cases.fixtures import add_ads, record
from tests.web.conftest import Accounts, add_accounts
from tests.web.test_browser import _free_port, browser_sign_in

pytestmark = pytest.mark.browser

PA, PB = "+17025550101", "+13125550142"
ADS = [
    ("ad-1", "n1", "Las Vegas", "2026-01-02T10:00:00", "Ask for Lola 702-555-0101",
     [("phone", PA, "702-555-0101"), ("name", "Lola", "Lola")], []),
    ("ad-2", "n1", "Phoenix", "2026-01-05T09:00:00", "LOLA and Mia, 702-555-0101",
     [("phone", PA, "702-555-0101"), ("name", "LOLA", "LOLA"), ("name", "mia", "Mia")], []),
    ("ad-3", "n2", "Chicago", "2026-01-03T12:00:00", "Zoe here, age 17, 312-555-0142",
     [("phone", PB, "312-555-0142"), ("name", "zoe", "Zoe"), ("age", "17", "17")], []),
    ("ad-4", "n2", "Chicago", "2026-01-04T12:00:00", "Zoé, age 17, call 312-555-0142",
     [("phone", PB, "312-555-0142"), ("name", "Zoé", "Zoé"), ("age", "17", "17")], []),
]  # fmt: skip
NETWORKS = {"n1": ["ad-1", "ad-2"], "n2": ["ad-3", "ad-4"]}


def _build(db: Path) -> None:
    taxonomy = load_taxonomy()
    with open_store(db) as store:
        add_ads(store, ADS)
        for rid, _, _, _, body, found, _ in ADS:
            mentions = [
                Mention(k, v, t, body.index(t), body.index(t) + len(t), "fixture")
                for k, v, t in found
            ]
            hits = record_hits(record(rid, body, "", "", ()), mentions, taxonomy)
            b = risk(hits, taxonomy)
            store.replace_record_score(rid, hits, b.risk, b, possible_minor(hits)[0])
        links = [Link(*ids, "identifier", True, 1.0, {}) for ids in NETWORKS.values()]
        store.save_links(links)
        light = [[(lk.a, lk.b, lk.kind, lk.hard, lk.score)] for lk in links]
        rows = summary_rows(store, [set(ids) for ids in NETWORKS.values()], list(NETWORKS), light)
        with store.db:
            for row in rows:
                store.db.execute(
                    "INSERT INTO networks (id, name, size, first_seen, last_seen, summary, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (row.id, row.name, row.size, row.first_seen, row.last_seen,
                     json.dumps(row.summary.as_dict()), now(), now()),
                )  # fmt: skip
        score_networks(store, set(NETWORKS), taxonomy)


@pytest.fixture(scope="module")
def consistency_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Accounts]:
    db = tmp_path_factory.mktemp("consistency") / "c.db"
    _build(db)
    return db, add_accounts(db)


@pytest.fixture(scope="module")
def live(consistency_store: tuple[Path, Accounts]) -> Iterator[str]:
    import uvicorn

    from linkboard.web import create_app

    config = uvicorn.Config(create_app(consistency_store[0]), host="127.0.0.1",
                            port=_free_port(), log_level="warning", lifespan="off")  # fmt: skip
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture
def page(browser, live: str, consistency_store: tuple[Path, Accounts]) -> Iterator:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=live)
    pg = context.new_page()
    accounts = consistency_store[1]
    browser_sign_in(pg, accounts.users["analyst"], accounts.password)
    yield pg
    context.close()


def _shown_risk(locator) -> int:
    return int(locator.locator(".risk").first.inner_text())


def test_a_possible_minor_network_shows_its_members_risk_and_comes_first(page, consistency_store):
    with open_store(consistency_store[0], readonly=True) as store:
        net = store.network("n2")
        members = [store.record_row(r) for r in NETWORKS["n2"]]
        listing = store.networks()
    assert net is not None
    assert net.risk is not None
    assert net.possible_minor
    assert net.risk >= minor_floor(load_taxonomy())
    assert net.risk >= max(m["record_risk"] for m in members)
    assert [n.id for n in listing] == ["n2", "n1"]  # the CLI's `networks` order

    page.goto("/")
    rows = page.locator("tr.kbd-item")
    flags = [rows.nth(i).locator(".badge-minor").count() for i in range(rows.count())]
    hrefs = [rows.nth(i).get_attribute("data-href") for i in range(rows.count())]
    assert flags == [1, 1, 1, 0, 0, 0]  # n2 and its two ads first, then n1 and its ads
    assert set(hrefs[:3]) == {"/networks/n2", "/records/ad-3", "/records/ad-4"}
    n2 = rows.nth(hrefs.index("/networks/n2"))
    assert _shown_risk(n2) == round(net.risk * 100) >= 73

    page.goto("/networks/n2")
    meta = page.locator(".page-head .meta")
    assert meta.locator(".badge-minor").count() == 1
    assert _shown_risk(meta) == round(net.risk * 100)
    assert "of 100" in meta.locator(".risk").first.get_attribute("title")
    reasons = page.locator(".network-reasons tbody tr")
    assert "STRONGEST_MEMBER" in reasons.first.inner_text()
    for cell in reasons.locator("td:nth-child(3)").all_inner_texts():
        assert re.search(r"[.)]$", cell.strip()), cell  # whole sentences, never cut
    rows = page.locator("section:has(h2:text('Records')) tbody tr")
    assert rows.count() == 2
    assert all(rows.nth(i).locator(".badge-minor").count() == 1 for i in range(2))


def test_person_counts_agree_on_card_title_api_and_cli(page, consistency_store):
    with open_store(consistency_store[0], readonly=True) as store:
        nets = {nid: store.network(nid) for nid in NETWORKS}
    expected = {"n1": ["lola", "mia"], "n2": ["zoe"]}  # LOLA = Lola, Zoé = Zoe
    for nid, net in nets.items():
        assert net is not None
        summary = net.summary
        assert person_list(summary) == expected[nid]
        assert person_count(summary) == len(expected[nid])
        line = network_line(net)
        assert f"persons {len(expected[nid])} ({', '.join(expected[nid])})" in line
        page.goto(f"/networks/{nid}")
        card = page.locator(".summary-grid .stat", has_text="persons")
        assert card.locator(".stat-value").inner_text() == str(len(expected[nid]))
        title = page.locator("h1").inner_text()
        named = [n.strip().lower() for n in title.split("/")[0].split(",")]
        assert named == expected[nid]
        api = page.request.get(f"/api/networks/{nid}").json()
        assert api["counts"]["persons"] == len(expected[nid])
        for reason in api["reasons"]:
            if reason["code"] == "NET_PERSONS_PER_PHONE":
                assert f"{len(expected[nid])} names" in reason["evidence"]
