"""What the pages show reads as text for people, in a real Chromium: the record page fits the
window even with a very long URL and several photos; the alerts' "Why", a case's timeline and
the audit details are sentences or key-value text (never a JSON dump, never a server path) with
timestamps that never wrap; the users page shows when the admin who just signed in did so.

The store is the web suites' fixture store (``store_fixture.build_store``) with ad-1 given a very
long URL and three photos, two watches and a case. Synthetic data; fictional 555-01XX phones.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from linkboard.cases.accounts import get_user
from linkboard.cases.casefiles import add_item, create_case
from linkboard.cases.watches import create_watch
from linkboard.store import open_store
from tests.web.conftest import Accounts, add_accounts
from tests.web.live import serve
from tests.web.store_fixture import PHONE, build_store
from tests.web.test_browser import browser_sign_in

pytestmark = pytest.mark.browser

LONG_URL = "https://listcrawl.example/" + "/".join(
    f"section-{i}-with-a-rather-long-slug-for-its-listing" for i in range(10)
) + "?ref=" + "a1b2c3d4" * 40  # fmt: skip
#: A timestamp as the pages show it.
SHOWN_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC")


def _long_url_and_photos(db: Path) -> None:
    with open_store(db) as store, store.db:
        photo = dict(store.db.execute("SELECT * FROM images WHERE record_id = 'ad-1'").fetchone())
        body = store.db.execute("SELECT body FROM records WHERE id = 'ad-1'").fetchone()[0]
        body += f" More at {LONG_URL}"
        refs = [photo["ref"], "photo-b.png", "photo-c.png"]
        store.db.execute("UPDATE records SET body = ?, url = ?, images = ? WHERE id = 'ad-1'",
                         (body, LONG_URL, json.dumps(refs)))  # fmt: skip
        store.db.execute(
            'INSERT INTO mentions (record_id, kind, value, text, field, start, "end", rule, '
            "version) VALUES ('ad-1', 'url', ?, ?, 'body', ?, ?, 'fixture', '0')",
            (LONG_URL, LONG_URL, body.index(LONG_URL), len(body)),
        )
        for n, ref in enumerate(refs[1:], 1):
            store.db.execute(
                "INSERT INTO images (record_id, ref, sha256, pdq, quality, phash, width, height, "
                "error, version) VALUES (:record_id, :ref, :sha256, :pdq, :quality, :phash, "
                ":width, :height, :error, :version)",
                {**photo, "ref": ref, "sha256": f"{n:x}" * 64},
            )


def _casework(db: Path) -> None:
    with open_store(db) as store:
        ann = get_user(store, "ann")
        sha = store.execute("SELECT sha256 FROM images WHERE record_id = 'ad-3'").fetchone()[0]
        create_watch(store, "identifier", f"phone:{PHONE}", actor=ann)
        create_watch(store, "image", sha, actor=ann)
        case = create_case(store, "Texas circuit review", actor=ann)
        add_item(store, case.id, "network", "N00000001", actor=ann)


@pytest.fixture(scope="module")
def readable_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Accounts]:
    fixture = build_store(tmp_path_factory.mktemp("readable"))
    accounts = add_accounts(fixture.path)
    _long_url_and_photos(fixture.path)
    _casework(fixture.path)
    return fixture.path, accounts


@pytest.fixture(scope="module")
def live(readable_store) -> Iterator[str]:
    with serve(readable_store[0]) as url:
        yield url


def _signed_in(browser, live: str, accounts: Accounts, role: str, width: int = 1366):
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=live,
                                  accept_downloads=True)  # fmt: skip
    pg = context.new_page()
    browser_sign_in(pg, accounts.users[role], accounts.password)
    return context, pg


#: How many lines each matched element's text takes on screen.
LINES = """els => els.map(el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  return new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size;
})"""


def assert_readable(texts: list[str]) -> None:
    for text in texts:
        assert text.strip(), texts
        assert not re.search(r'[{}\[\]]|"\w+":', text), text  # no JSON
        assert "/tmp/" not in text, text
        assert not re.search(r"(^|\s)/\w+/", text), text  # no paths


def test_record_page_fits_a_1440_window(browser, live, readable_store) -> None:
    context, pg = _signed_in(browser, live, readable_store[1], "analyst", width=1440)
    pg.goto("/records/ad-1")
    assert pg.locator(".photos .photo").count() == 3
    assert pg.locator("form.watch-form select[name=value] option").count() >= 3  # photo hashes
    assert LONG_URL in pg.locator(".body-text").inner_text()
    assert pg.evaluate("document.documentElement.scrollWidth") <= 1440
    context.close()


def test_alerts_timeline_and_audit_read_as_text(browser, live, readable_store) -> None:
    accounts = readable_store[1]
    context, pg = _signed_in(browser, live, accounts, "analyst")
    pg.goto("/alerts")
    why = pg.locator("table.alerts-list tbody tr td:nth-child(4)").all_inner_texts()
    assert len(why) >= 4
    assert_readable(why)
    assert "It mentions the phone +1 702-555-0123 you watch." in why
    assert "One of its photos is the photo you watch." in why
    when = pg.locator("table.alerts-list tbody tr td:first-child")
    assert all(SHOWN_TIME.search(t) for t in when.all_inner_texts())

    pg.goto("/cases")
    pg.click("text=Texas circuit review")
    with pg.expect_download():
        pg.click("form.export-form button[value=csv]")
    pg.reload()
    steps = pg.locator(".case-timeline li.tl-action").all_inner_texts()
    assert_readable(steps)
    assert any("added network N00000001" in s for s in steps), steps
    assert any("exported the case as csv" in s for s in steps), steps
    context.close()

    context, pg = _signed_in(browser, live, accounts, "admin")
    pg.goto("/admin/audit")
    rows = pg.locator("table.audit-list tbody tr")
    details = [t for t in rows.locator("td:nth-child(8)").all_inner_texts() if t.strip()]
    assert_readable(details)
    export = rows.filter(has_text="export").first.locator("td:nth-child(8)").inner_text()
    assert re.search(r"file case-\d+\.csv", export), export
    assert "linkboard-export" not in export, export
    stamps = rows.locator("td:nth-child(2)")
    assert all(SHOWN_TIME.fullmatch(t.strip()) for t in stamps.all_inner_texts())
    assert set(stamps.evaluate_all(LINES)) == {1}  # no timestamp wraps
    context.close()


def test_users_page_shows_the_sign_in_of_the_first_admin(browser, tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    with open_store(db):
        pass
    password = secrets.token_urlsafe(18)
    with serve(db) as url:
        context = browser.new_context(base_url=url)
        pg = context.new_page()
        pg.goto("/setup")
        pg.fill("#username", "ada")
        pg.fill("#password", password)
        pg.fill("#confirm", password)
        pg.click("button[type=submit]")
        pg.wait_for_selector("form.signout")
        pg.goto("/admin/users")
        row = pg.locator("table.users-list tbody tr", has_text="ada")
        last = row.locator("td:nth-child(4)").inner_text()
        assert last != "never", last
        assert SHOWN_TIME.fullmatch(last.strip()), last
        context.close()
