"""The casework journey in a real Chromium, on a store built by the real pipeline.

Sign in → add a network to a case → mark the phone that holds it together generic and see it
split → undo and see it whole → watch a phone, ingest a new ad with it, see the alert → export
the case → the admin's audit page shows every step.

The corpus is four hand-made ads: group A (a1, a2) share 702-555-0101, group B (b1, b2) share
213-555-0102, and a1 and b1 both carry 702-555-0150: the one phone that joins A and B.
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
from tests.web.test_browser import SHOTS, browser_sign_in

pytestmark = pytest.mark.browser

SHARED = "phone:+17025550150"
WATCHED = "phone:+17025550101"
ADS = [
    {"id": "a1", "title": "Sunny afternoons downtown", "site": "example.com",
     "body": "Friendly company in Reno. Call 702-555-0101 or 702-555-0150 anytime.",
     "posted_at": "2024-05-01T10:00:00Z", "location": "Reno, NV"},
    {"id": "a2", "title": "Evening visits available", "site": "example.com",
     "body": "Relaxed evenings near the river. Text 702-555-0101 for details.",
     "posted_at": "2024-05-02T10:00:00Z", "location": "Reno, NV"},
    {"id": "b1", "title": "Garden brunch host", "site": "example.org",
     "body": "Weekend brunch meetups in Fresno, call 213-555-0102, backup 702-555-0150.",
     "posted_at": "2024-05-03T10:00:00Z", "location": "Fresno, CA"},
    {"id": "b2", "title": "Quiet tea conversations", "site": "example.org",
     "body": "Tea and quiet talk on Sundays; reach 213-555-0102.",
     "posted_at": "2024-05-04T10:00:00Z", "location": "Fresno, CA"},
]  # fmt: skip
NEW_AD = {"id": "a3", "title": "Back in Reno this week", "site": "example.com",
          "body": "Reno again from Monday. Same number 702-555-0101.",
          "posted_at": "2024-05-09T10:00:00Z", "location": "Reno, NV"}  # fmt: skip


@dataclass(frozen=True)
class Casework:
    db: Path
    folder: Path
    accounts: Accounts


def _run_pipeline(db: Path, source: Path, ads: list[dict]) -> None:
    source.write_text("".join(json.dumps(a) + "\n" for a in ads))
    with open_store(db) as store:
        ingest(store, [source])
        process(store, workers=1)


@pytest.fixture(scope="module")
def casework_store(tmp_path_factory: pytest.TempPathFactory) -> Casework:
    folder = tmp_path_factory.mktemp("casework")
    db = folder / "casework.db"
    _run_pipeline(db, folder / "ads.jsonl", ADS)
    return Casework(db, folder, add_accounts(db))


@pytest.fixture(scope="module")
def casework_server(casework_store: Casework) -> Iterator[str]:
    import threading
    import time

    import uvicorn

    from linkboard.web import create_app
    from tests.web.test_browser import _free_port

    port = _free_port()
    config = uvicorn.Config(create_app(casework_store.db), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="off")  # fmt: skip
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        assert thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


def network_of(db: Path, record_id: str) -> str:
    with open_store(db) as store:
        return str(store.execute("SELECT network_id FROM records WHERE id = ?",
                                 (record_id,)).fetchone()[0])  # fmt: skip


def shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"casework-{name}.png"), full_page=True)


def member_ids(pg) -> set[str]:
    hrefs = pg.locator("table.members a.open").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")  # fmt: skip
    return {h.rsplit("/", 1)[1] for h in hrefs}


def test_case_curation_watch_export_and_audit(
    browser, casework_server: str, casework_store: Casework, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900},
                                  base_url=casework_server, accept_downloads=True)  # fmt: skip
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    accounts = casework_store.accounts
    browser_sign_in(pg, accounts.users["analyst"], accounts.password)

    # 1. the network of all four ads goes into a new case
    whole = network_of(casework_store.db, "a1")
    pg.goto(f"/networks/{whole}")
    assert member_ids(pg) == {"a1", "a2", "b1", "b2"}
    pg.fill("form.add-to-case input[name=new_title]", "Reno and Fresno")
    pg.click("form.add-to-case button[type=submit]")
    pg.wait_for_url(re.compile(f"/networks/{whole}$"))

    # 2. the phone that joins the two groups is a shared booking line: the network splits
    pg.select_option("select.suppress-identifier", SHARED)
    pg.fill("form.suppress-form input[name=reason]", "shared booking line")
    with pg.expect_navigation():
        pg.click("form.suppress-form button[type=submit]")
    assert member_ids(pg) == {"a1", "a2"}
    row = pg.locator("table.curation-history tr.curation-suppress")
    assert "shared booking line" in row.inner_text()
    assert "ann" in row.inner_text()
    shot(pg, "split")
    assert network_of(casework_store.db, "b1") != network_of(casework_store.db, "a1")

    # 3. undo: one network again
    with pg.expect_navigation():
        row.locator("button.undo").click()
    assert member_ids(pg) == {"a1", "a2", "b1", "b2"}
    assert pg.locator("table.curation-history tr.curation-suppress.is-undone").count() == 1
    shot(pg, "undone")

    # 4. watch a phone, then a new ad with it arrives through the pipeline
    watch = pg.locator("form.watch-form:has(select)")
    watch.locator("select").select_option(WATCHED)
    with pg.expect_navigation():
        watch.locator("button[type=submit]").click()
    _run_pipeline(casework_store.db, casework_store.folder / "new.jsonl", [NEW_AD])
    pg.goto("/alerts")
    assert pg.locator("#alerts-badge").inner_text() == "3"  # a1, a2 already there; a3 new
    new_row = pg.locator("tr.alert-row.is-unseen", has_text="a3")
    assert new_row.count() == 1
    assert "already there" not in new_row.inner_text()
    shot(pg, "alerts")

    # 5. export the case as an HTML report (a download, never rendered in the app)
    pg.goto("/cases")
    pg.click("text=Reno and Fresno")
    assert pg.locator("table.case-items").inner_text().count("network") >= 1
    with pg.expect_download() as download:
        pg.click("form.export-form button[value=html]")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    report = saved.read_text()
    assert saved.name.startswith("case-")
    assert "<html" in report.lower()
    assert "a2" in report
    shot(pg, "case")
    pg.click("form.signout button")
    pg.wait_for_url(re.compile("/login$"))

    # 6. the admin's audit page shows each step, with the client address
    browser_sign_in(pg, accounts.users["admin"], accounts.password)
    pg.goto("/admin/audit?actor=ann")
    text = pg.locator("table.audit-list").inner_text()
    for action in ("login", "network.view", "case.create", "case.add", "curate.suppress",
                   "curate.undo", "watch.create", "case.view", "export", "logout"):  # fmt: skip
        assert action in text, action
    assert "127.0.0.1" in text
    shot(pg, "audit")
    context.close()
    assert errors == []
