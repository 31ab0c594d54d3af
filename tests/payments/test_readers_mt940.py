"""SWIFT MT940 statements: each statement's account (an IBAN, or bank/number), each :61: entry
with its :86: details a transaction, the channel from its transaction type, the structured
details' counterparty, and a bad entry quarantined with its line while the rest go on."""

from __future__ import annotations

from pathlib import Path

from tests.payments.test_readers import DATA, items, quarantined, records

MT940 = DATA / "statement.mt940"
IBAN = "DE44999999990532013000"


def test_each_statement_names_its_account() -> None:
    accounts = records(items("mt940", MT940), "account")
    assert list(accounts) == [f"account:{IBAN}", "account:99999999:0532013000"]
    first = accounts[f"account:{IBAN}"]
    assert (first.site, first.extra["bic"], first.extra["currency"]) == (
        "EXAMDEFFXXX",
        "EXAMDEFFXXX",
        "EUR",
    )
    assert first.extra["iban"] == IBAN
    second = accounts["account:99999999:0532013000"].extra
    assert (second["account_number"], second["bank_code"]) == ("0532013000", "99999999")


def test_entries_read_their_structured_details() -> None:
    txns = records(items("mt940", MT940), "transaction")
    rent = txns[f"txn:{IBAN}:MT-0001"]
    assert (rent.title, rent.body, rent.posted_at) == (
        "Sam Sample",
        "rent share januar",
        "2025-01-12T00:00:00+00:00",
    )
    assert rent.extra == {
        "account": f"account:{IBAN}",
        "account_iban": IBAN,
        "amount": "9450.00",
        "currency": "EUR",
        "direction": "credit",
        "channel": "ach",
        "counterparty_name": "Sam Sample",
        "counterparty_iban": "DE37999999990123456789",
        "counterparty_bank": "SMPLDEFFXXX",
        "booked_local": "2025-01-12",
        "source_format": "mt940",
    }
    atm = txns[f"txn:{IBAN}:MT-0002"]
    assert (atm.body, atm.extra["direction"], atm.extra["amount"]) == (
        "ATM withdrawal Fremont Street",
        "debit",
        "200.00",
    )
    fees = [t for t in txns.values() if t.body == "account fee"]
    assert fees[0].extra["channel"] == "fee"  # NCHG, and no bank reference: a sha256 id
    assert len(fees[0].id.rsplit(":", 1)[1]) == 64
    wire = txns["txn:99999999:0532013000:MT-0003"].extra
    assert (wire["channel"], wire["account_number"], wire["account_bank"]) == (
        "wire",
        "0532013000",
        "99999999",
    )


def test_a_bad_entry_is_quarantined_and_the_rest_go_on() -> None:
    bad = quarantined(items("mt940", MT940))
    assert [q.locator for q in bad] == [f"{MT940}:12"]
    assert bad[0].reason.startswith("unreadable MT940: Unable to parse")
    assert "object at 0x" not in bad[0].reason


def test_a_statement_without_an_account_quarantines_its_entries(tmp_path: Path) -> None:
    path = tmp_path / "noacct.sta"
    path.write_text(MT940.read_text().replace(":25:DE44999999990532013000\n", ""))
    found = items("mt940", path)
    assert list(records(found, "account")) == ["account:99999999:0532013000"]
    reasons = [q.reason for q in quarantined(found)]
    assert reasons[0] == "statement without an account (:25:)"
    assert reasons[1:4] == ["its statement: statement without an account (:25:)"] * 3


def test_an_entry_outside_a_statement_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "loose.sta"
    path.write_text(":61:2501120112C9450,00NTRFNONREF//X\n:86:loose\n")
    assert [q.reason for q in quarantined(items("mt940", path))] == [
        "an entry (:61:) outside any statement (:20:)"
    ]


def test_a_byte_order_mark_hides_no_statement(tmp_path: Path) -> None:
    path = tmp_path / "bom.sta"
    text = MT940.read_text()
    path.write_text("\ufeff" + text[text.index(":20:") :])
    assert f"account:{IBAN}" in records(items("mt940", path), "account")
