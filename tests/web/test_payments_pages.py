"""The workspace follows the money: an account's record page shows its card (numbers masked to a
viewer, whole to an analyst), its financial alerts with their rule version and reason and the
transactions behind them, its transactions newest first a page at a time with their totals, the
ads that print its identifiers and its counterparties in other networks; a transaction's page
shows its account and the alerts that cite it; a network lists its accounts, places their
transactions on its timeline and map and names their alerts among its reasons; the triage queue
lists the accounts with alerts, strongest first; a watch takes an IBAN or a $cashtag.

The store is built by the real pipeline (``linkboard run``) from synthetic JSON Lines: two
accounts, their transactions and the ads that print their phones. Fictional 555-01XX phones,
the IBAN standard's own example number, neutral text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient

from linkboard.cases import roles
from linkboard.cli import main
from linkboard.store import open_store
from linkboard.store.sqlite import SQLiteStore
from linkboard.web import accounts, create_app
from linkboard.web.networks import network_detail
from linkboard.web.records import record_detail
from linkboard.web.red_flags import alerted_accounts
from tests.web.conftest import Accounts, add_accounts, sign_in
from tests.web.test_query_plans import full_scans

IBAN = "DE89370400440532013000"
IBAN_SHOWN = "DE89 3704 0044 0532 0130 00"
IBAN_MASKED = "DE89 **** 3000"
PHONE, OTHER_PHONE = "(702) 555-0147", "(702) 555-0188"


def _ad(n: int, phone: str, city: str, day: int, title: str) -> dict[str, Any]:
    return {"id": f"ad-{n}", "title": title, "location": city, "site": "listcrawl",
            "body": f"{title}. New in town, call {phone}. Cash only.",
            "posted_at": f"2024-03-{day:02d}T10:00:00"}  # fmt: skip


def _txn(n: int, when: str, amount: str, direction: str, channel: str, **more: str
         ) -> dict[str, Any]:  # fmt: skip
    return {"id": f"txn-{n}", "kind": "transaction", "booked_at": when, "booked_local": when,
            "account": "acct-1", "account_iban": IBAN, "amount": amount, "currency": "USD",
            "direction": direction, "channel": channel, **more}  # fmt: skip


def lines() -> list[dict[str, Any]]:
    """Jade's account: three ads print its phone (FIN_AD_IDENTIFIER), three cash deposits just
    under $10,000 (FIN_STRUCTURING), ten night P2P credits from ten payers on ten nights
    (FIN_NIGHT_ACTIVITY), a hotel in Dallas, a payment to Mia's account (another network)."""
    out = [
        _ad(1, PHONE, "Houston, TX, US", 1, "Jade visiting"),
        _ad(2, "702-555-0147", "Dallas, TX, US", 4, "Jade new in town"),
        _ad(3, "7025550147", "Austin, TX, US", 7, "Jade this week"),
        _ad(4, OTHER_PHONE, "Denver, CO, US", 2, "Mia visiting"),
        _ad(5, "702 555 0188", "Denver, CO, US", 3, "Mia again"),
        {"id": "acct-1", "kind": "account", "holder": "Jade R", "institution": "Demo Bank",
         "iban": IBAN, "phones": [PHONE], "payments": ["$JadeQ"], "account_type": "bank",
         "source_id": "stmt-acct-1", "bic": "COBADEFFXXX"},
        {"id": "acct-2", "kind": "account", "holder": "Mia K", "institution": "Other Bank",
         "phones": [OTHER_PHONE], "payments": ["$MiaK"], "account_type": "p2p",
         "source_id": "stmt-acct-2"},
    ]  # fmt: skip
    for n, day in enumerate((3, 9, 15), 1):
        out.append(_txn(n, f"2024-03-{day:02d}T14:00:00-06:00", "9500.00", "credit", "cash",
                        memo="cash deposit", merchant_city="Houston, TX, US",
                        counterparty_name="Branch"))  # fmt: skip
    for k in range(10):
        when = f"2024-03-{8 + k:02d}T23:{10 + k:02d}:00-06:00"
        out.append(_txn(10 + k, when, "200.00", "credit", "p2p", counterparty_name=f"Payer {k}",
                        counterparty_payment=f"$payer{k}",
                        memo=f"thanks, call {PHONE}"))  # fmt: skip
    out.append(_txn(30, "2024-03-18T12:00:00-06:00", "150.00", "debit", "p2p",
                    counterparty_name="Mia K", counterparty_payment="$MiaK",
                    memo="for the room"))  # fmt: skip
    out.append(_txn(31, "2024-03-06T21:00:00-06:00", "89.00", "debit", "card",
                    merchant="Motel Demo", mcc="7011", merchant_city="Dallas, TX, US",
                    memo="stay"))  # fmt: skip
    return out


@pytest.fixture(scope="module")
def money_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Accounts]:
    folder = tmp_path_factory.mktemp("money")
    source = folder / "money.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines()))
    db = folder / "money.db"
    result = CliRunner().invoke(main, ["run", str(source), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    return db, add_accounts(db)


@pytest.fixture(scope="module")
def money_app(money_store: tuple[Path, Accounts]) -> Iterator[FastAPI]:
    app = create_app(money_store[0], idle_timeout=3600)
    yield app
    app.state.database.close()


@pytest.fixture(scope="module")
def as_role(money_app: FastAPI, money_store: tuple[Path, Accounts]
            ) -> Iterator[Callable[[str], TestClient]]:  # fmt: skip
    signed: dict[str, TestClient] = {}

    def make(role: str) -> TestClient:
        if role not in signed:
            client = TestClient(money_app)
            client.__enter__()
            signed[role] = sign_in(client, money_store[1].users[role], money_store[1].password)
        return signed[role]

    yield make
    for client in signed.values():
        client.__exit__(None, None, None)


def _network_of(db: Path, record_id: str) -> str:
    with open_store(db) as store:
        found = store.network_of([record_id])[record_id]
    assert found
    return found


def _section(html: str, label: str) -> str:
    found = re.search(rf'<section[^>]*aria-label="{re.escape(label)}".*?</section>', html, re.S)
    assert found, f"no section {label!r}"
    return found.group(0)


def test_accounts_reveal_is_an_analysts_right() -> None:
    assert "accounts.reveal" in roles.ACTIONS
    assert roles.can("analyst", "accounts.reveal")
    assert roles.can("admin", "accounts.reveal")
    assert not roles.can("viewer", "accounts.reveal")


def test_account_page_shows_its_card_alerts_and_evidence(as_role) -> None:
    page = as_role("analyst").get("/records/acct-1")
    assert page.status_code == 200, page.text
    card = _section(page.text, "Account")
    assert "Jade R" in card
    assert "Demo Bank" in card
    assert "COBADEFFXXX" in card
    assert IBAN_SHOWN in card
    assert "masked" not in card
    assert "+1 702-555-0147" in card
    assert "$jadeq" in card
    alerts = _section(page.text, "Financial alerts")
    for code in ("FIN_AD_IDENTIFIER", "FIN_STRUCTURING", "FIN_NIGHT_ACTIVITY"):
        assert code in alerts
    assert alerts.index("FIN_AD_IDENTIFIER") < alerts.index("FIN_STRUCTURING")  # strongest first
    assert "rule version fin-2026.12" in alerts
    assert "3 cash deposits of $9,500 within 13 days" in alerts
    for n in (1, 2, 3):
        assert f'href="/records/txn-{n}"' in alerts  # the transactions behind it, linked
    ads = _section(page.text, "Ads holding this account's identifiers")
    assert all(f'href="/records/ad-{n}"' in ads for n in (1, 2, 3))
    assert "ad-4" not in ads
    assert "Jade visiting" in ads


def test_account_transactions_are_newest_first_with_totals(as_role) -> None:
    page = as_role("analyst").get("/records/acct-1").text
    table = _section(page, "Transactions")
    booked = re.findall(r'<td class="booked"><a href="/records/(txn-\d+)">([^<]+)</a>', table)
    assert [b for _, b in booked][:2] == ["2024-03-18T12:00:00-06:00", "2024-03-17T23:19:00-06:00"]
    assert len(booked) == 15
    assert booked[-1][0] == "txn-1"
    assert "30,500.00" in table
    assert "239.00" in table
    assert "Motel Demo" in table
    assert "MCC 7011" in table
    assert "Dallas, TX, US" in table
    assert "−150.00 USD" in table
    assert "+9,500.00 USD" in table
    assert re.search(r'<mark class="hl hl-phone"[^>]*>\(702\) 555-0147</mark>', table)  # memo
    # the counterparty's account is linked: Mia's $cashtag is her account's own identifier
    assert 'class="counterparty-account" href="/records/acct-2"' in table


def test_transactions_are_paged(as_role, monkeypatch) -> None:
    monkeypatch.setattr(accounts, "PAGE_SIZE", 5)
    client = as_role("analyst")
    first = client.get("/api/records/acct-1").json()["account"]
    assert (first["page"], first["pages"], first["total_transactions"]) == (1, 3, 15)
    last = client.get("/api/records/acct-1", params={"page": 3}).json()["account"]
    oldest = ["txn-11", "txn-2", "txn-10", "txn-31", "txn-1"]
    assert [t["id"] for t in last["transactions"]] == oldest
    assert client.get("/api/records/acct-1", params={"page": 99}).json()["account"]["page"] == 3
    html = client.get("/records/acct-1", params={"page": 2}).text
    assert 'href="?page=1"' in html
    assert 'href="?page=3"' in html
    assert client.get("/api/records/acct-1", params={"page": 0}).status_code == 422


def test_counterparties_in_other_networks_are_edges_not_members(as_role, money_store) -> None:
    db = money_store[0]
    view = as_role("analyst").get("/api/records/acct-1").json()["account"]
    assert [(c["account_id"], c["transactions"]) for c in view["counterparties"]] == [("acct-2", 1)]
    assert view["counterparties"][0]["network_id"] == _network_of(db, "acct-2")
    assert _network_of(db, "acct-2") != _network_of(db, "acct-1")
    with open_store(db) as store:
        assert store.network_of(["txn-30"])["txn-30"] is None  # a transaction joins none


def test_a_viewer_sees_account_numbers_masked(as_role) -> None:
    viewer = as_role("viewer")
    for url in ("/records/acct-1", "/records/txn-1", "/api/records/acct-1",
                "/api/records/txn-1"):  # fmt: skip
        text = viewer.get(url).text
        assert IBAN not in text, url
        assert IBAN_SHOWN not in text, url
        assert "DE89" in text, url
    page = viewer.get("/records/acct-1").text
    assert IBAN_MASKED in _section(page, "Account")
    assert "Your role sees account numbers masked." in page
    assert "+1 702-555-0147" in page  # a phone is no account number
    api = viewer.get("/api/records/acct-1").json()["account"]
    assert api["card"]["numbers"][0]["shown"] == IBAN_MASKED
    assert api["card"]["numbers"][0]["masked"] is True


def test_a_viewer_sees_a_networks_account_numbers_masked(as_role, money_store) -> None:
    network = _network_of(money_store[0], "acct-1")
    viewer, analyst = as_role("viewer"), as_role("analyst")
    for url in (f"/networks/{network}", f"/api/networks/{network}",
                f"/api/networks/{network}/graph"):  # fmt: skip
        assert IBAN not in viewer.get(url).text, url
        assert IBAN in analyst.get(url).text, url
    graph = viewer.get(f"/api/networks/{network}/graph").json()
    ids = [e["data"]["id"] for e in graph["elements"]]
    assert len(ids) == len(set(ids))
    assert any(i.startswith("i:iban:DE89 ****") for i in ids)


def test_transaction_page_shows_its_account_and_the_alerts_citing_it(as_role) -> None:
    client = as_role("analyst")
    page = client.get("/records/txn-2").text
    card = _section(page, "Transaction")
    assert "+9,500.00 USD" in card
    assert "in (credit)" in card
    assert "cash" in card
    assert "2024-03-09T14:00:00-06:00" in card
    assert 'class="booked-on" href="/records/acct-1"' in card
    cites = _section(page, "Alerts that cite this transaction")
    assert "FIN_STRUCTURING" in cites
    assert "FIN_NIGHT_ACTIVITY" not in cites
    other = client.get("/records/txn-30").text
    assert 'class="counterparty-account" href="/records/acct-2"' in other
    assert "No alert of its account cites this transaction." in other
    api = client.get("/api/records/txn-31").json()
    assert api["account"] is None
    found = api["transaction"]
    assert (found["row"]["merchant"], found["row"]["mcc"], found["account_id"]) == (
        "Motel Demo", "7011", "acct-1")  # fmt: skip
    ad = client.get("/api/records/ad-1").json()
    assert ad["account"] is None
    assert ad["transaction"] is None


def test_network_page_lists_its_accounts_and_places_their_money(as_role, money_store) -> None:
    network = _network_of(money_store[0], "acct-1")
    client = as_role("analyst")
    page = client.get(f"/networks/{network}").text
    section = _section(page, "Accounts")
    assert 'href="/records/acct-1"' in section
    assert "acct-2" not in section
    assert "FIN_STRUCTURING" in section
    assert "3 cash deposits of $9,500" in section
    reasons = _section(page, "Why this network is risky")
    assert "FIN_AD_IDENTIFIER" in reasons
    assert "is the contact of 3 ads" in reasons
    assert 'class="tl-payment"' in page
    assert "transactions booked" in page
    detail = client.get(f"/api/networks/{network}").json()
    # the ads' stays and the payments booked at a merchant in a city, in time order
    assert [(v["city"].split(",")[0], v["posts"], v["payments"]) for v in detail["movement"]] == [
        ("Houston", 1, 1), ("Dallas", 1, 1), ("Austin", 1, 0), ("Houston", 0, 2)]  # fmt: skip
    assert detail["movement"][1]["record_ids"] == ["ad-2", "txn-31"]
    assert detail["movement"][1]["lat"] is not None  # on the map
    assert sum(d["count"] for d in detail["payment_days"]) == 15
    listed = detail["accounts"]
    assert [a["id"] for a in listed] == ["acct-1"]
    assert listed[0]["transactions"] == 15


def test_triage_lists_the_accounts_with_financial_alerts(as_role) -> None:
    client = as_role("viewer")
    page = client.get("/triage/financial")
    assert page.status_code == 200
    assert page.text.index('href="/records/acct-1"') < page.text.index('href="/records/acct-2"')
    assert "FIN_NIGHT_ACTIVITY" in page.text
    assert "from 10 distinct payers" in page.text
    assert 'href="/triage/financial"' in client.get("/").text  # the queue's tab
    found = client.get("/api/triage/financial").json()
    assert [a["id"] for a in found] == ["acct-1", "acct-2"]
    assert found[0]["alerts"][0]["rule"] == "FIN_AD_IDENTIFIER"
    assert found[0]["alerts"][0]["rule_version"] == "fin-2026.12"


@pytest.mark.parametrize("typed", [IBAN, IBAN_SHOWN, f"iban:{IBAN}", "$JadeQ"])
def test_a_watch_takes_an_iban_or_a_cashtag(as_role, typed: str) -> None:
    made = as_role("analyst").post("/api/watches", json={"kind": "identifier", "value": typed})
    assert made.status_code == 201, made.text
    watch = made.json()["watch"]
    assert watch["value"] in (f"iban:{IBAN}", "payment:cashapp:jadeq")
    assert "acct-1" in {a["record_id"] for a in made.json()["alerts"]}


def test_a_case_shows_an_iban_it_holds_masked_to_a_viewer(as_role) -> None:
    made = as_role("analyst").post("/api/cases", json={"title": "Money trail"})
    assert made.status_code in (200, 201), made.text
    case_id = made.json()["id"]
    added = as_role("analyst").post(f"/api/cases/{case_id}/items",
                                    json={"kind": "identifier", "ref": f"iban:{IBAN}"})  # fmt: skip
    assert added.status_code in (200, 201), added.text
    assert IBAN in as_role("analyst").get(f"/cases/{case_id}").text
    for url in (f"/cases/{case_id}", f"/api/cases/{case_id}"):
        text = as_role("viewer").get(url).text
        assert IBAN not in text, url
        assert IBAN_MASKED in text, url


def test_payments_page_queries_read_by_index(money_store) -> None:
    """An account's transactions are read from its identifiers' mentions, never by walking
    every transaction of the store; no page query scans a big table."""
    store = SQLiteStore(money_store[0])
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    try:
        record_detail(store, "acct-1", reveal=False)
        record_detail(store, "txn-2")
        network_detail(store, _network_of(money_store[0], "acct-1"))
        alerted_accounts(store)
        selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        bad = {sql: scans for sql in selects if (scans := full_scans(store.db, sql))}
        assert not bad, bad
        booked = [s for s in selects if "role = 'holder'" in s]
        assert booked
        for sql in booked:
            plan = " | ".join(r[3] for r in store.db.execute("EXPLAIN QUERY PLAN " + sql))
            assert "records_kind" not in plan, plan
    finally:
        store.close()
