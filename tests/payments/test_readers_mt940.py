"""SWIFT MT940 statements: each statement's account (an IBAN, or bank/number), each :61: entry
with its :86: details a transaction, the channel from its transaction type, the structured
details' counterparty, and a bad entry quarantined with its line while the rest go on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from linkboard.payments.readers import swift
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


@pytest.fixture
def handed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the reader hands the mt940 package, in order."""
    texts: list[str] = []
    parsed = swift._parsed

    def recording(text: str, *statement: Any) -> Any:
        texts.append(text)
        return parsed(text, *statement)

    monkeypatch.setattr(swift, "_parsed", recording)
    return texts


def statement(header: str, entries: str) -> str:
    """One statement: its reference, account, HEADER lines, opening balance, ENTRIES, close."""
    opening, closing = ":60F:C250112EUR1000,00\n", ":62F:C250113EUR0,00\n-\n"
    return f":20:STMT1\n:25:{IBAN}\n{header}{opening}{entries}{closing}"


def entry(number: int, details: str = ":86:rent\n") -> str:
    return f":61:2501120112C{number},00NTRFNONREF//E-{number:04d}\n{details}"


def test_a_header_is_parsed_once_for_all_its_entries(tmp_path: Path, handed: list[str]) -> None:
    """The fuzzer's finding: a header of many lines was parsed again with every entry."""
    path = tmp_path / "header.sta"
    path.write_text(statement(":28C:12345/12\n" * 20_000, "".join(map(entry, range(1, 21)))))
    txns = records(items("mt940", path), "transaction")
    assert [t.extra["amount"] for t in txns.values()] == [f"{n}.00" for n in range(1, 21)]
    assert {t.extra["currency"] for t in txns.values()} == {"EUR"}
    assert sum(":28C:" in text for text in handed) == 1
    assert sum(map(len, handed)) < 1.1 * path.stat().st_size


def test_an_entrys_86_lines_are_handed_to_mt940_as_one(tmp_path: Path, handed: list[str]) -> None:
    """The fuzzer's finding: the mt940 package joins each :86: to the one before by ``+=``,
    in quadratic time. The reader joins them first; the memo keeps every line, in order."""
    lines = [f"part {n}" for n in range(50_000)]
    path = tmp_path / "details.sta"
    path.write_text(statement("", entry(7, "".join(f":86:{line}\n" for line in lines))))
    [txn] = records(items("mt940", path), "transaction").values()
    assert txn.body.splitlines() == lines
    assert txn.raw.count(":86:") == 50_000  # the entry as written
    assert handed[-1].count(":86:") == 1


def test_details_after_the_first_go_on_its_lines_whatever_comes_between() -> None:
    assert swift.joined(
        [":61:X", "more of 61", ":86:a", ":NS:22x", ":86: b ", "c", ":86::20:not a tag", ":NS:23y"]
    ) == "\n".join([":61:X", "more of 61", ":86:a", "b", "c", " :20:not a tag", ":NS:22x", "23y"])


def test_an_entry_over_the_cap_is_quarantined_and_the_rest_go_on(tmp_path: Path) -> None:
    details = ":86:and the details go on\n" * (swift.MAX_ENTRY_CHARS // 20)
    path = tmp_path / "long.sta"
    path.write_text(statement("", entry(1) + entry(2, details) + entry(3)))
    found = items("mt940", path)
    assert [(q.locator, q.reason) for q in quarantined(found)] == [
        (f"{path}:6", f"entry too large: over {swift.MAX_ENTRY_CHARS:,} characters")
    ]
    assert [t.extra["amount"] for t in records(found, "transaction").values()] == ["1.00", "3.00"]
