"""Analyst journeys in a real Chromium (Playwright, sync API) against a live uvicorn server.

The store comes from ONE fixture, ``journey_store``: the demo corpus (``linkboard synth``) run
through the real pipeline; the journeys take every id they use from the ``Journey`` it returns.
Screenshots go to tests/screenshots/ (git-ignored); a small copy of the best ones to
docs/screenshots/ for the README.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.web.conftest import Accounts, add_accounts

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "screenshots"
DOC_SHOTS = ROOT / "docs" / "screenshots"


@dataclass(frozen=True)
class Journey:
    """A store and the ids the journeys walk through."""

    db: Path
    record_with_photo: str
    network: str
    phone_typed: str
    phone_normalised: str
    phone_records: frozenset[str]
    cities: int
    accounts: Accounts


@pytest.fixture(scope="session")
def journey_store(tmp_path_factory: pytest.TempPathFactory) -> Journey:
    """The demo corpus through the whole pipeline, and the ids the journeys walk through."""
    import phonenumbers

    from linkboard.engine.local import process
    from linkboard.evaluate import load_truth
    from linkboard.ingest import ingest
    from linkboard.store import open_store
    from linkboard.synth import generate

    work = tmp_path_factory.mktemp("journeys")
    generate(work / "corpus", ads=400, seed=7, images=True)
    truth = load_truth(work / "corpus")
    with open_store(work / "demo.db") as store:
        ingest(store, [work / "corpus" / "ads.jsonl"])
        process(store, workers=1)
        net = next(n for n in store.networks(limit=50) if len(n.summary.movement) >= 2)
        members = store.network_members(net.id)
        photo = next(
            r
            for r in members
            if store.images(r)
            and any(h.start >= 0 for h in store.hits("record", r))
            and store.mentions_of([r], ["phone"])[r]
        )
        value, ads = next(  # a phone some ad wrote with letters for digits or words
            (v, store.records_with(f"phone:{v}"))
            for t in truth.values()
            for kind, v, text in t["written"]
            if kind == "phone"
            and any(c.isalpha() for c in text)
            and f"phone:{v}" not in t["generic"]
            and 0 < len(store.records_with(f"phone:{v}")) <= 10
        )
    typed = phonenumbers.format_number(
        phonenumbers.parse(value), phonenumbers.PhoneNumberFormat.NATIONAL
    )
    return Journey(
        db=work / "demo.db", record_with_photo=photo, network=net.id, phone_typed=typed,
        phone_normalised=f"phone:{value}", phone_records=frozenset(ads),
        cities=len(net.summary.movement), accounts=add_accounts(work / "demo.db"),
    )  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(journey_store: Journey) -> Iterator[str]:
    import uvicorn

    from linkboard.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(journey_store.db), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="off")  # fmt: skip
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


def browser_sign_in(pg, username: str, password: str) -> None:
    """Sign in through the real form, as a person would."""
    pg.goto("/login")
    pg.fill("#username", username)
    pg.fill("#password", password)
    pg.click("button[type=submit]")
    pg.wait_for_selector("form.signout")


@pytest.fixture(scope="session")
def signed_in_state(browser, server: str, journey_store: Journey) -> dict:
    """The analyst's signed-in browser state (cookies), made once through the login form."""
    context = browser.new_context(base_url=server)
    pg = context.new_page()
    browser_sign_in(pg, journey_store.accounts.users["analyst"], journey_store.accounts.password)
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture
def page(browser, server: str, signed_in_state: dict) -> Iterator:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=server,
                                  storage_state=signed_in_state)  # fmt: skip
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on(
        "requestfailed",
        lambda r: None if _navigated_away(r) else problems.append(f"failed {r.url}"),
    )
    yield pg
    context.close()
    assert not problems, problems  # CSP violations and script errors show up here


def _navigated_away(request) -> bool:
    """A fetch that leaving the page (or closing it) cancels is not a problem of the page."""
    return "ABORTED" in (request.failure or "")


def shoot(pg, name: str, doc: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    if doc:
        viewport = SHOTS / f"{name}-viewport.png"
        pg.screenshot(path=str(viewport))
        _small_copy(viewport, name)


def _small_copy(source: Path, name: str) -> None:
    """A small (≤ 1100 px, 128-colour) copy in docs/screenshots/ for the README."""
    from PIL import Image

    DOC_SHOTS.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as img:
        img.thumbnail((1100, 1100))
        img.convert("P", palette=Image.Palette.ADAPTIVE, colors=128).save(
            DOC_SHOTS / f"{name}.png", optimize=True
        )


def test_triage_to_record_to_network_to_movement_map(page, journey_store: Journey) -> None:
    page.goto("/")
    rows = page.locator("tr.kbd-item")
    assert rows.count() >= 3
    assert rows.first.locator(".badge-minor").count() == 1  # possible minors first
    shoot(page, "triage", doc=True)
    page.keyboard.press("j")
    page.keyboard.press("j")
    focused_href = page.evaluate("document.activeElement.getAttribute('data-href')")
    assert focused_href == rows.nth(1).get_attribute("data-href")
    page.keyboard.press("o")
    page.wait_for_url(re.compile(re.escape(focused_href) + "$"))
    page.goto(f"/records/{journey_store.record_with_photo}")
    assert page.locator(".body-text mark.hl-phone").count() >= 1
    assert page.locator(".hl-label-indicator").count() >= 1
    shoot(page, "record", doc=True)
    page.locator("a.network-link").click()
    page.wait_for_url(re.compile(f"/networks/{journey_store.network}$"))
    page.wait_for_selector("#graph[data-ready='true']")
    page.wait_for_selector("#movement-map[data-ready='true']")
    assert page.locator("#movement-map").is_visible()
    markers = int(page.get_attribute("#movement-map", "data-markers"))
    assert markers == journey_store.cities  # one per city
    assert page.locator("#movement-map path.leaflet-interactive").count() >= markers
    assert page.locator("#movement-map svg path").count() > 40  # offline basemap drawn
    assert int(page.get_attribute("#graph", "data-edges")) > 0
    before = int(page.get_attribute("#graph", "data-edges"))
    page.select_option("#graph-view", "links")
    page.wait_for_function(
        f"() => document.getElementById('graph').getAttribute('data-edges') !== '{before}'"
    )
    page.uncheck("#kind-photo")
    page.select_option("#graph-view", "all")
    shoot(page, "network", doc=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("section.movement").screenshot(path=str(SHOTS / "movement.png"))
    _small_copy(SHOTS / "movement.png", "movement")


def test_search_by_a_phone_finds_its_normalised_form(page, journey_store: Journey) -> None:
    page.goto("/search")
    page.fill("#q", journey_store.phone_typed)
    page.press("#q", "Enter")
    page.wait_for_selector(".results")
    assert page.locator("code.normalised").inner_text() == journey_store.phone_normalised
    found = {
        href.rsplit("/", 1)[1]
        for href in page.locator(".result a.open").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
    }
    assert found == set(journey_store.phone_records)
    shoot(page, "search", doc=True)
    page.goto("/search?q=%22unbalanced&mode=text")
    assert "could not read that query" in page.locator("[role=alert]").inner_text()


def test_reveal_a_blurred_photo(page, journey_store: Journey) -> None:
    page.goto(f"/records/{journey_store.record_with_photo}")
    img = page.locator(".photo-img").first
    assert "blurred" in img.get_attribute("class")
    assert "blur" in img.evaluate("e => getComputedStyle(e).filter")
    page.locator("button.reveal").first.click()
    assert "blurred" not in img.get_attribute("class")
    page.wait_for_function(  # the blur fades out with a short CSS transition
        "() => getComputedStyle(document.querySelector('.photo-img')).filter === 'none'"
    )
    page.reload()
    assert "blurred" in page.locator(".photo-img").first.get_attribute("class")
    with page.expect_response("**/settings/reveal-photos"):
        page.check("#reveal-always")  # a setting of the user's account, kept by the server
    page.reload()
    assert "blurred" not in page.locator(".photo-img").first.get_attribute("class")
    shoot(page, "record-revealed")
    with page.expect_response("**/settings/reveal-photos"):
        page.uncheck("#reveal-always")


def test_keyboard_marks_reviewed(page) -> None:
    page.goto("/")
    page.keyboard.press("j")
    page.keyboard.press("r")
    page.wait_for_selector("tr.kbd-item:first-child .mark-btn.is-reviewed")
    page.keyboard.press("r")
    page.wait_for_selector("tr.kbd-item:first-child .mark-btn:not(.is-reviewed)")


def test_overview_and_wide_screen(page, browser, server: str, signed_in_state: dict) -> None:
    page.goto("/overview")
    assert page.locator("svg.bars rect").count() > 0
    shoot(page, "overview", doc=True)
    wide = browser.new_context(viewport={"width": 3840, "height": 2160}, base_url=server,
                               storage_state=signed_in_state)  # fmt: skip
    pg = wide.new_page()
    pg.goto("/")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 3840
    shoot(pg, "triage-3840")
    wide.close()
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
