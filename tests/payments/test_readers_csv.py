"""The CSV statements: Cash App, Venmo and PayPal exports, crypto transaction lists, and any
other ledger through a column mapping. Each gives its account once and a transaction a row, with
amounts never negative, the direction, the channel, the counterparty, and the time as written
with its offset; a bad row is quarantined with its line and the reason."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import InputError
from tests.payments.test_readers import DATA, OPTIONS, items, quarantined, records

CASHAPP = DATA / "cash_app_report_examplequeen.csv"
TAG = "cashapp:examplequeen"


def with_account(account: str) -> ReadOptions:
    return ReadOptions(source="test", ingested_at=OPTIONS.ingested_at, mapping={"account": account})


def test_cash_app_gives_the_cashtag_of_its_file_name() -> None:
    found = items("cashapp", CASHAPP)
    account = records(found, "account")[f"account:{TAG}"]
    assert (account.site, account.raw) == ("Cash App", f"{CASHAPP.name} $examplequeen")
    assert account.extra == {
        "source_id": "examplequeen",
        "account_type": "p2p",
        "payments": ["$examplequeen"],
        "service": "cashapp",
    }
    txns = records(found, "transaction")
    assert list(txns) == [
        f"txn:{TAG}:{ref}" for ref in ("rmm8j2b", "x7kq2pd", "b2c4tcs", "pm5dep1", "trf9out")
    ]


def test_cash_app_rows_keep_their_time_zone_sign_and_type() -> None:
    txns = records(items("cashapp", CASHAPP), "transaction")
    p2p = txns[f"txn:{TAG}:rmm8j2b"]
    assert p2p.posted_at == "2025-01-13T04:41:10+00:00"
    assert (p2p.title, p2p.body) == ("$sampleclient", "for tonight 🌹")
    assert p2p.extra == {
        "account": f"account:{TAG}",
        "account_payment": "$examplequeen",
        "amount": "250.00",
        "currency": "USD",
        "direction": "credit",
        "channel": "p2p",
        "counterparty_name": "$sampleclient",
        "counterparty_payment": "$sampleclient",
        "status": "COMPLETE",
        "booked_local": "2025-01-12T23:41:10-05:00",
        "source_format": "cashapp",
    }
    card = txns[f"txn:{TAG}:x7kq2pd"].extra
    assert (card["channel"], card["direction"], card["amount"]) == ("card", "debit", "45.00")
    assert card["merchant"] == "DESERT ROSE MOTEL LAS VEGAS NV"
    assert card["booked_local"] == "2025-01-13T02:15:00-08:00"
    assert txns[f"txn:{TAG}:b2c4tcs"].extra["channel"] == "crypto"
    assert txns[f"txn:{TAG}:b2c4tcs"].extra["fee"] == "1.75"
    deposit = txns[f"txn:{TAG}:pm5dep1"].extra
    assert (deposit["channel"], deposit["amount"], deposit["direction"]) == (
        "cash",
        "1250.00",
        "credit",
    )
    transfer = txns[f"txn:{TAG}:trf9out"].extra
    assert (transfer["channel"], transfer["status"]) == ("ach", "FAILED")


def test_cash_app_bad_rows_are_quarantined_and_the_rest_go_on() -> None:
    bad = quarantined(items("cashapp", CASHAPP))
    assert [(q.locator, q.reason) for q in bad] == [
        (f"{CASHAPP}:7", "bad amount: 'lots'"),
        (f"{CASHAPP}:8", "bad date: 'sometime yesterday'"),
    ]
    assert bad[0].sample.startswith("badamt1,")


def test_cash_app_without_a_cashtag_asks_for_one(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    shutil.copy(CASHAPP, path)
    found = items("cashapp", path)
    assert not records(found)
    assert len(found) == 7
    assert all("--account" in q.reason for q in quarantined(found))
    given = items("cashapp", path, with_account("$Lola702"))
    assert "account:cashapp:lola702" in records(given)
    assert records(given)["txn:cashapp:lola702:rmm8j2b"].extra["account_payment"] == "$lola702"


@pytest.mark.skipif(not hasattr(OPTIONS, "account"), reason="ReadOptions has no --account yet")
def test_cash_app_takes_the_account_option(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    shutil.copy(CASHAPP, path)
    options = dataclasses.replace(OPTIONS, account="$Lola702")
    assert "account:cashapp:lola702" in records(items("cashapp", path, options))


def test_a_csv_that_is_no_cash_app_statement_is_refused_in_one_line() -> None:
    with pytest.raises(InputError, match="not a Cash App statement"):
        items("cashapp", DATA / "ad_listing.csv")


VENMO = DATA / "venmo_statement.csv"


def test_venmo_reads_the_username_from_its_first_lines() -> None:
    found = items("venmo", VENMO)
    account = records(found, "account")["account:venmo:jade-example"]
    assert (account.title, account.site) == ("Jade Example", "Venmo")
    assert account.extra["payments"] == ["venmo:jade-example"]
    txns = records(found, "transaction")
    assert list(txns) == [f"txn:venmo:jade-example:401200000000000000{n}" for n in (1, 2, 3)]
    paid = txns["txn:venmo:jade-example:4012000000000000001"]
    assert (paid.title, paid.body, paid.extra["direction"]) == ("Sam Sample", "🌹 roses", "credit")
    assert paid.extra["booked_local"] == "2025-01-12T23:41:10"
    sent = txns["txn:venmo:jade-example:4012000000000000002"].extra
    assert (sent["counterparty_payment"], sent["amount"], sent["direction"]) == (
        "venmo:rio-sample", "80.00", "debit",
    )  # fmt: skip
    assert txns["txn:venmo:jade-example:4012000000000000003"].extra["channel"] == "ach"
    assert [(q.locator, q.reason) for q in quarantined(found)] == [
        (f"{VENMO}:8", "bad amount: 'twenty'")
    ]


def test_venmo_without_its_first_lines_takes_the_name_on_most_rows(tmp_path: Path) -> None:
    path = tmp_path / "venmo.csv"
    path.write_text("\n".join(VENMO.read_text("utf-8").splitlines()[2:]) + "\n")
    found = items("venmo", path)
    assert "account:venmo:jade example" in records(found, "account")
    assert "payments" not in records(found, "account")["account:venmo:jade example"].extra
    given = items("venmo", path, with_account("@Jade-Example"))
    assert "txn:venmo:jade-example:4012000000000000002" in records(given)


def test_venmo_quarantines_a_row_whose_first_cell_opens_a_quote(tmp_path: Path) -> None:
    """The fuzzer's finding: a quote left open in a row's first cell makes the rest of the file
    one cell, a row without an ID that was taken for a row of balances, every transaction after
    it dropped in silence. Short of the header's columns, it is quarantined; rows of balances
    (no ID, every column) are still no transactions."""
    lines = VENMO.read_text("utf-8").splitlines()[:-1]  # its last row (balances) holds quotes
    path = tmp_path / "venmo.csv"
    path.write_text("\n".join([*lines[:5], '"' + lines[5], *lines[6:]]) + "\n")
    found = items("venmo", path)
    assert list(records(found, "transaction")) == ["txn:venmo:jade-example:4012000000000000001"]
    assert [(q.locator, q.reason) for q in quarantined(found)] == [
        (f"{path}:6", "too few columns: 1, header has 22")
    ]
    assert quarantined(found)[0].sample.startswith('",4012000000000000002,2025-01-13T01:05:00')


PAYPAL = DATA / "paypal_activity.csv"
HOLDER = "paypal:jade.example@example.org"


def test_paypal_finds_the_address_on_every_row() -> None:
    found = items("paypal", PAYPAL)
    account = records(found, "account")[f"account:{HOLDER}"]
    assert account.extra["emails"] == ["jade.example@example.org"]
    assert account.extra["payments"] == [HOLDER]
    txns = records(found, "transaction")
    received = txns[f"txn:{HOLDER}:1AB23456CD789012E"]
    assert received.posted_at == "2025-01-13T07:41:10+00:00"
    assert received.extra["booked_local"] == "2025-01-12T23:41:10-08:00"
    assert received.extra["counterparty_payment"] == "paypal:sam.sample@example.com"
    assert (received.extra["fee"], received.extra["direction"]) == ("9.00", "credit")
    paid = txns[f"txn:{HOLDER}:2BC34567DE890123F"]
    assert (paid.title, paid.body, paid.extra["direction"]) == (
        "Desert Rose Motel",
        "Room 2 nights",
        "debit",
    )
    assert paid.extra["counterparty_payment"] == "paypal:billing@desertrose.example"
    withdrawal = txns[f"txn:{HOLDER}:3CD45678EF901234G"].extra
    assert (withdrawal["channel"], withdrawal["booked_local"]) == (
        "ach",
        "2025-01-13T18:00:00-07:00",
    )
    assert [q.reason for q in quarantined(found)] == ["bad gross amount: 'abc'"]


def test_paypal_reads_day_first_dates_when_a_day_says_so(tmp_path: Path) -> None:
    path = tmp_path / "paypal.csv"
    text = PAYPAL.read_text("utf-8").replace('"01/13/2025"', '"13/01/2025"')
    path.write_text(
        text.replace('"01/12/2025"', '"12/01/2025"').replace('"01/14/2025"', '"14/01/2025"')
    )
    txns = records(items("paypal", path), "transaction")
    assert txns[f"txn:{HOLDER}:1AB23456CD789012E"].extra["booked_local"].startswith("2025-01-12")


def test_paypal_without_one_address_on_every_row_asks_for_it(tmp_path: Path) -> None:
    path = tmp_path / "paypal.csv"
    lines = PAYPAL.read_text("utf-8").splitlines()
    path.write_text("\n".join(lines[:2]) + "\n")  # one row: two addresses, neither known
    assert all("--account" in q.reason for q in quarantined(items("paypal", path)))
    given = items("paypal", path, with_account("jade.example@example.org"))
    assert f"txn:{HOLDER}:1AB23456CD789012E" in records(given)


WALLETS = DATA / "wallets.csv"
BTC = "btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
ETH = "eth:0x5555555555555555555555555555555555550142"


def test_each_wallet_is_an_account_given_before_its_first_transaction() -> None:
    found = items("crypto_csv", WALLETS)
    kinds = [(r.kind, r.id.split(":")[1]) for r in found if not hasattr(r, "reason")]
    assert [k for k, _ in kinds] == [
        "account",
        "transaction",
        "transaction",
        "account",
        "transaction",
    ]
    accounts = records(found, "account")
    assert accounts[f"account:{BTC}"].extra == {
        "source_id": "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
        "account_type": "crypto",
        "wallets": [BTC],
    }
    assert accounts[f"account:{ETH}"].site == "Ethereum"


def test_crypto_rows_read_time_amount_asset_and_counterparty() -> None:
    txns = records(items("crypto_csv", WALLETS), "transaction")
    first = txns[f"txn:{BTC}:9f1c" + "0" * 59 + "1"].extra
    assert (first["amount"], first["currency"], first["direction"]) == (
        "0.00250000",
        "BTC",
        "credit",
    )
    assert first["counterparty_wallet"].startswith("btc:bc1qrp33")
    assert first["account_wallet"] == BTC
    second = txns[f"txn:{BTC}:9f1c" + "0" * 59 + "2"]
    assert second.posted_at == "2025-01-13T06:41:10+00:00"  # epoch seconds
    assert (second.title, second.extra["direction"], second.extra["fee"]) == (
        "Example Exchange", "debit", "0.00001200",
    )  # fmt: skip
    usdt = txns[f"txn:{ETH}:0xabc" + "0" * 60 + "3"].extra
    assert (usdt["currency"], usdt["channel"], usdt["amount"]) == ("USDT", "crypto", "150.00")


def test_a_row_without_a_wallet_address_is_quarantined() -> None:
    bad = quarantined(items("crypto_csv", WALLETS))
    assert [(q.locator, q.reason) for q in bad] == [
        (f"{WALLETS}:5", "not a Bitcoin or Ethereum address: 'not-an-address'")
    ]


LEDGER = DATA / "ledger_export.csv"
MAPPING = {
    "booked_at": "Buchungstag", "amount": "Betrag", "currency": "Waehrung",
    "counterparty_name": "Empfaenger", "memo": "Verwendungszweck", "id": "Referenz",
    "account": "Konto",
}  # fmt: skip


def mapped(mapping: dict[str, str]) -> ReadOptions:
    return ReadOptions(source="test", ingested_at=OPTIONS.ingested_at, mapping=mapping)


def test_a_ledger_is_read_through_its_column_mapping() -> None:
    found = items("ledger_csv", LEDGER, mapped(MAPPING))
    assert list(records(found, "account")) == [
        "account:DE44999999990532013000", "account:cashapp:examplequeen",
    ]  # fmt: skip
    txns = records(found, "transaction")
    rent = txns["txn:DE44999999990532013000:LED-1"]
    assert (rent.title, rent.body, rent.posted_at) == (
        "Sam Sample",
        "Miete Januar",
        "2025-01-12T00:00:00+00:00",
    )
    assert rent.extra["amount"] == "1250.00"
    assert rent.extra["direction"] == "debit"
    assert rent.extra["account_iban"] == "iban:DE44999999990532013000"
    assert txns["txn:DE44999999990532013000:LED-2"].extra["amount"] == "9450.00"
    assert txns["txn:cashapp:examplequeen:LED-3"].extra["account_payment"] == "$examplequeen"
    assert [q.locator.rsplit(":", 1)[1] for q in quarantined(found)] == ["5", "6"]
    assert "is not an IBAN" in quarantined(found)[1].reason


def test_a_ledger_account_may_be_given_rather_than_a_column() -> None:
    mapping = {k: v for k, v in MAPPING.items() if k != "account"}
    found = items("ledger_csv", LEDGER, mapped({**mapping, "account": "021000021:4400123456"}))
    assert "txn:021000021:4400123456:LED-1" in records(found)
    account = records(found, "account")["account:021000021:4400123456"]
    assert (account.extra["account_number"], account.extra["bank_code"]) == (
        "4400123456",
        "021000021",
    )


@pytest.mark.parametrize(
    ("mapping", "words"),
    [
        ({**MAPPING, "colour": "Betrag"}, "unknown field"),
        ({**MAPPING, "amount": "Summe"}, "not in the CSV header"),
        ({k: v for k, v in MAPPING.items() if k != "amount"}, "no amount column"),
        ({k: v for k, v in MAPPING.items() if k != "account"}, "no account column"),
    ],
)
def test_a_bad_mapping_is_refused_in_one_line(mapping: dict[str, str], words: str) -> None:
    with pytest.raises(InputError, match=words):
        items("ledger_csv", LEDGER, mapped(mapping))
