"""Reading the social channel in a real Chromium: an analyst opens the triage queue's recruiter
alerts, goes to the recruiter whose phone its network's ads print, reads its profile, its
SOC_RECRUITER alert and the contacts behind it and its messages; opens the conversation with its
first contact, where the pitch's RECRUIT_* spans are highlighted; opens a message from there and
comes back to its place in the conversation; then goes to the network, whose Connections section
draws who wrote to whom.

The store is the social page suite's (``test_social_pages.build_world``). Screenshots:
docs/screenshots/social-account.png, conversation.png and network-connections.png.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.conftest import Accounts, add_accounts
from tests.web.live import serve
from tests.web.test_browser import SHOTS, _small_copy, browser_sign_in
from tests.web.test_social_pages import RECRUITER, build_world

pytestmark = pytest.mark.browser

WIDTH = 1440


@pytest.fixture(scope="module")
def social_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Accounts]:
    db = build_world(tmp_path_factory.mktemp("social-browser"))
    return db, add_accounts(db)


@pytest.fixture(scope="module")
def live(social_store) -> Iterator[str]:
    with serve(social_store[0]) as url:
        yield url


@pytest.fixture
def analyst(browser, live, social_store) -> Iterator:
    """A page signed in as an analyst; no script error or CSP violation allowed."""
    context = browser.new_context(viewport={"width": WIDTH, "height": 900}, base_url=live)
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    browser_sign_in(pg, social_store[1].users["analyst"], social_store[1].password)
    yield pg
    context.close()
    assert not problems, problems


def _doc_shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    viewport = SHOTS / f"{name}-viewport.png"
    pg.screenshot(path=str(viewport))
    _small_copy(viewport, name)


def _fits(pg) -> None:
    assert pg.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_an_analyst_reads_a_recruiter_its_conversation_and_its_network(analyst) -> None:
    pg = analyst
    pg.goto("/")
    pg.click("nav.tabs >> text=Recruiter alerts")
    pg.wait_for_url("**/triage/recruiters")
    rows = pg.locator("table.recruiter-queue tbody tr")
    assert rows.count() >= 7  # every account SOC_RECRUITER alerts on (tests/web/test_social_pages)
    rows.locator("a.open", has_text="+1 619-555-0101").click()
    pg.wait_for_url(re.compile(r".*/records/social(:|%3A)whatsapp(:|%3A)16195550101$"))

    assert "+1 619-555-0101" in pg.locator("section.social-profile").inner_text()
    alert = pg.locator("section.account-alerts .recruiter-alert")
    assert alert.count() == 1
    assert "rule version soc-2026.12" in alert.inner_text()
    assert alert.locator("table.contacts tbody tr").count() == 6
    assert pg.locator("section.social-messages li.msg").count() == 35
    assert pg.locator("section.social-messages mark.hl-indicator").count() >= 5
    _fits(pg)
    _doc_shot(pg, "social-account")

    alert.locator("a.contact-chat").first.click()
    pg.wait_for_url(re.compile(r".*/records/chat(:|%3A)whatsapp.*"))
    view = pg.locator("section.conversation-view")
    assert view.locator("li.msg").count() == 7
    assert "Aisha Tate" in view.locator(".participants").inner_text()
    pitch = view.locator("li.msg-flagged").first
    assert pitch.locator("mark.hl-indicator").count() >= 1
    _fits(pg)
    _doc_shot(pg, "conversation")

    pitch.locator("a.msg-time").click()
    pg.wait_for_url(re.compile(r".*/records/msg(:|%3A).*"))
    pg.click("a.in-conversation")
    pg.wait_for_url(re.compile(r".*/records/chat.*#m-[0-9a-f]+$"))
    anchor = pg.evaluate("location.hash").lstrip("#")
    assert pg.locator(f"li.msg#{anchor}").is_visible()

    pg.goto("/records/" + RECRUITER)
    pg.click(".record-head a.network-link")
    pg.wait_for_url(re.compile(r".*/networks/N\d+$"))
    section = pg.locator("section.network-connections")
    assert section.locator("svg.connections-svg g.cx-member").count() == 1
    assert section.locator("svg.connections-svg g.cx-outside").count() == 6
    assert "Community 1: around +1 619-555-0101" in section.inner_text()
    _fits(pg)
    pg.evaluate("document.querySelector('section.network-connections').scrollIntoView()")
    _doc_shot(pg, "network-connections")
