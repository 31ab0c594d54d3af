"""A network that curation re-forms tells the analyst what happened, in a real Chromium.

The store comes from the real pipeline. Groups A, B and C each share a phone of their own, and
a1, b1 and c1 also carry 702-555-0150, the one phone that joins them into one network posted in
three cities within days. Marking that phone generic splits the network in three: the page the
analyst lands on says where the other records went, and its reasons, graph and identifiers no
longer cite the phone. Group D shares only 775-555-0104 (marking it generic dissolves D's
network); groups E and F are merged by hand. Visiting an id that was dissolved or merged away
says when, why and where its records went. Synthetic, neutral ads; fictional 555-01XX phones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from linkboard.engine.local import process
from linkboard.ingest import ingest
from linkboard.store import open_store
from tests.web.conftest import Accounts, add_accounts
from tests.web.live import serve
from tests.web.test_browser import browser_sign_in

pytestmark = pytest.mark.browser

SHARED = "+17025550150"


def _ad(rid: str, title: str, body: str, day: int, where: str) -> dict[str, str]:
    return {"id": rid, "title": title, "site": "example.com", "body": body,
            "posted_at": f"2024-05-{day:02d}T10:00:00Z", "location": where}  # fmt: skip


ADS = [
    _ad("a1", "Sunny afternoons", "Friendly company in Reno. Call 702-555-0101 or 702-555-0150.",
        1, "Reno, NV"),
    _ad("a2", "Evening visits", "Relaxed evenings near the river. Text 702-555-0101.", 2,
        "Reno, NV"),
    _ad("b1", "Garden brunch host", "Weekend brunch in Fresno, call 213-555-0102 or 702-555-0150.",
        3, "Fresno, CA"),
    _ad("b2", "Quiet tea talks", "Tea and quiet talk on Sundays; reach 213-555-0102.", 4,
        "Fresno, CA"),
    _ad("c1", "Mountain walks", "Trail walks near Boise, ring 208-555-0103 or 702-555-0150.", 5,
        "Boise, ID"),
    _ad("c2", "Book club evenings", "Novels and coffee every Friday, 208-555-0103.", 6,
        "Boise, ID"),
    _ad("d1", "Chess in the park", "Open chess games by the fountain, phone 775-555-0104.", 9,
        "Carson City, NV"),
    _ad("d2", "Board game nights", "Strategy games on Tuesdays. Details at 775-555-0104.", 12,
        "Carson City, NV"),
    _ad("e1", "Pottery class", "Wheel throwing for beginners, sign up at 406-555-0105.", 14,
        "Billings, MT"),
    _ad("e2", "Glaze workshop", "Colour and glaze afternoon, questions to 406-555-0105.", 16,
        "Billings, MT"),
    _ad("f1", "Choir practice", "Community singing in the hall, call 406-555-0106.", 18,
        "Missoula, MT"),
    _ad("f2", "Harmony lessons", "Learn to sing in parts; message 406-555-0106.", 20,
        "Missoula, MT"),
]  # fmt: skip


@dataclass(frozen=True)
class World:
    db: Path
    accounts: Accounts


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    folder = tmp_path_factory.mktemp("fate")
    source = folder / "ads.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ADS))
    db = folder / "fate.db"
    with open_store(db) as store:
        ingest(store, [source])
        process(store, workers=1)
    return World(db, add_accounts(db))


@pytest.fixture(scope="module")
def live(world: World) -> Iterator[str]:
    with serve(world.db) as url:
        yield url


@pytest.fixture
def page(browser, live: str, world: World) -> Iterator:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=live)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    browser_sign_in(pg, world.accounts.users["analyst"], world.accounts.password)
    yield pg
    context.close()
    assert errors == []


def network_of(db: Path, record_id: str) -> str | None:
    with open_store(db, readonly=True) as store:
        row = store.execute("SELECT network_id FROM records WHERE id = ?", (record_id,))
        return row.fetchone()[0]


def suppress(pg, identifier: str, reason: str) -> None:
    pg.select_option("select.suppress-identifier", identifier)
    pg.fill("form.suppress-form input[name=reason]", reason)
    with pg.expect_navigation():
        pg.click("form.suppress-form button[type=submit]")


def graph_identifiers(pg, network_id: str) -> set[str]:
    data = pg.request.get(f"/api/networks/{network_id}/graph").json()
    return {e["data"]["id"] for e in data["elements"] if e["data"].get("type") == "identifier"}


def test_a_split_says_where_the_records_went_and_cites_the_phone_no_more(page, world) -> None:
    whole = network_of(world.db, "a1")
    assert {network_of(world.db, r) for r in ("b1", "c1")} == {whole}
    page.goto(f"/networks/{whole}")
    assert SHARED in page.locator(".network-reasons table.breakdown").inner_text()  # it did
    assert f"i:phone:{SHARED}" in graph_identifiers(page, whole)

    suppress(page, f"phone:{SHARED}", "shared booking line")
    here = page.url.rsplit("/", 1)[1]
    parts = {network_of(world.db, r) for r in ("a1", "b1", "c1")}
    assert len(parts) == 3
    assert here in parts
    notice = page.locator(".network-split")
    others = sorted(parts - {here})
    assert re.search(rf"Network split: 4 records moved to {others[0]}, {others[1]}\.",
                     notice.inner_text()), notice.inner_text()  # fmt: skip
    assert "ann marked phone +1 702-555-0150 generic" in notice.inner_text()
    assert "shared booking line" in notice.inner_text()
    links = notice.locator("a.network-ref").evaluate_all("els => els.map(e => e.textContent)")
    assert sorted(links) == others

    assert SHARED not in page.locator(".network-reasons table.breakdown").inner_text()
    phones = page.locator(".identifiers dt:text-is('phone') + dd")
    assert "+1 702-555-0150" not in phones.inner_text()
    assert SHARED not in phones.evaluate("dd => dd.innerHTML")
    assert page.locator(".summary-grid .stat", has_text="phones").locator(
        ".stat-value").inner_text() == "1"  # fmt: skip
    for nid in parts:
        assert f"i:phone:{SHARED}" not in graph_identifiers(page, nid)
        api = page.request.get(f"/api/networks/{nid}").json()
        assert all(SHARED not in r["evidence"] for r in api["reasons"])
        assert SHARED not in json.dumps(api["summary"])

    notice.locator("a.network-ref").first.click()
    page.wait_for_url(re.compile(f"/networks/{others[0]}$"))
    assert "Network split" in page.locator(".network-split").inner_text()


def test_a_dissolved_or_merged_network_says_when_why_and_where(page, world) -> None:
    dissolved = network_of(world.db, "d1")
    page.goto(f"/networks/{dissolved}")
    suppress(page, "phone:+17755550104", "a public help line")
    assert network_of(world.db, "d1") is None

    answer = page.goto(f"/networks/{dissolved}")
    assert answer is not None
    assert answer.status == 410
    fate = page.locator(".network-fate").inner_text()
    assert "Dissolved: no links left between its records" in fate
    assert "ann marked phone +1 775-555-0104 generic" in fate
    assert "a public help line" in fate
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", fate), fate
    rows = page.locator("table.former-records tbody tr")
    assert rows.count() == 2
    assert all("in no network" in t for t in rows.all_inner_texts())

    e_net, f_net = network_of(world.db, "e1"), network_of(world.db, "f1")
    page.goto(f"/networks/{e_net}")
    page.fill("form[aria-label=Merge] input[name=other]", str(f_net))
    page.fill("form[aria-label=Merge] input[name=reason]", "same organiser")
    with page.expect_navigation():
        page.click("form[aria-label=Merge] button[type=submit]")
    kept = network_of(world.db, "e1")
    assert network_of(world.db, "f1") == kept
    gone = ({e_net, f_net} - {kept}).pop()
    answer = page.goto(f"/networks/{gone}")
    assert answer is not None
    assert answer.status == 410
    fate = page.locator(".network-fate").inner_text()
    assert f"Merged into {kept}: 2 records moved to {kept}" in fate
    assert "ann merged" in fate
    assert "same organiser" in fate
    page.locator(".network-now a.network-ref").click()
    page.wait_for_url(re.compile(f"/networks/{kept}$"))

    assert page.goto("/networks/N99999999").status == 404  # never existed: still a 404
