"""Following the money in a real Chromium: an analyst opens the triage queue's financial alerts,
goes to the account with the strongest one, reads its card (its IBAN whole), its alerts and the
transactions behind them, opens a transaction and goes on to the network, whose Accounts section
lists the account and whose timeline and map carry its payments; a viewer sees the IBAN masked.

The store is the payments page suite's (``test_payments_pages.lines``) run through the real
pipeline. Screenshots: docs/screenshots/account.png and network-accounts.png.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkboard.cli import main
from tests.web.conftest import Accounts, add_accounts
from tests.web.live import serve
from tests.web.test_browser import SHOTS, _small_copy, browser_sign_in
from tests.web.test_payments_pages import IBAN_MASKED, IBAN_SHOWN, lines

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def money_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Accounts]:
    folder = tmp_path_factory.mktemp("money-browser")
    source = folder / "money.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines()))
    db = folder / "money.db"
    result = CliRunner().invoke(main, ["run", str(source), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    return db, add_accounts(db)


@pytest.fixture(scope="module")
def live(money_store) -> Iterator[str]:
    with serve(money_store[0]) as url:
        yield url


@pytest.fixture
def signed_in(browser, live, money_store) -> Iterator:
    """A factory: a page signed in with a role; no script error or CSP violation allowed."""
    contexts, problems = [], []

    def make(role: str):
        context = browser.new_context(viewport={"width": 1440, "height": 900}, base_url=live)
        contexts.append(context)
        pg = context.new_page()
        pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: problems.append(str(e)))
        browser_sign_in(pg, money_store[1].users[role], money_store[1].password)
        return pg

    yield make
    for context in contexts:
        context.close()
    assert not problems, problems


def _doc_shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    viewport = SHOTS / f"{name}-viewport.png"
    pg.screenshot(path=str(viewport))
    _small_copy(viewport, name)


def test_an_analyst_follows_the_money_from_triage(signed_in) -> None:
    pg = signed_in("analyst")
    pg.goto("/")
    pg.click("nav.tabs >> text=Financial alerts")
    pg.wait_for_url("**/triage/financial")
    rows = pg.locator("table.financial-alerts tbody tr")
    assert rows.count() == 2
    assert "FIN_AD_IDENTIFIER" in rows.first.inner_text()
    rows.first.locator("a.open").click()
    pg.wait_for_url("**/records/acct-1")

    card = pg.locator("section.account-card")
    assert IBAN_SHOWN in card.inner_text()
    alerts = pg.locator("section.account-alerts .fin-alert")
    assert alerts.count() == 3
    assert "rule version fin-2026.12" in alerts.first.inner_text()
    assert pg.locator("table.transactions tbody tr").count() == 15
    assert pg.locator("table.transactions tr.txn-alerted").count() == 13
    assert pg.locator("table.transactions mark.hl-phone").count() == 10  # the memos' phone
    assert pg.evaluate("document.documentElement.scrollWidth") <= 1440
    _doc_shot(pg, "account")

    pg.locator("section.account-alerts a.cited-txn", has_text="txn-2").click()
    pg.wait_for_url("**/records/txn-2")
    cites = pg.locator("section[aria-label='Alerts that cite this transaction']")
    assert "FIN_STRUCTURING" in cites.inner_text()
    pg.click("a.booked-on")
    pg.wait_for_url("**/records/acct-1")
    pg.click(".record-head a.network-link")
    pg.wait_for_url(re.compile(r".*/networks/N\d+$"))

    accounts = pg.locator("section.network-accounts")
    assert "Jade R" in accounts.inner_text()
    assert "FIN_NIGHT_ACTIVITY" in accounts.inner_text()
    assert "FIN_STRUCTURING" in pg.locator("section.network-reasons").inner_text()
    assert pg.locator("svg.timeline-svg rect.tl-payment").count() >= 10
    pg.wait_for_selector("#movement-map[data-ready=true]")
    accounts.scroll_into_view_if_needed()
    pg.evaluate("document.querySelector('section.network-accounts').scrollIntoView()")
    _doc_shot(pg, "network-accounts")


def test_a_viewer_sees_the_iban_masked(signed_in) -> None:
    pg = signed_in("viewer")
    pg.goto("/records/acct-1")
    card = pg.locator("section.account-card").inner_text()
    assert IBAN_MASKED in card
    assert IBAN_SHOWN not in pg.content()
    assert "Your role sees account numbers masked." in card
