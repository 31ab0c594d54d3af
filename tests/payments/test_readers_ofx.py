"""OFX statements, 1.x SGML and 2.x XML: the account each statement names (a bank account, or a
card account at its institution), each STMTTRN a transaction with DTPOSTED's offset kept, and a
bad entry quarantined with its line while the rest go on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linkboard.payments.readers import ofx_stream
from tests.payments.test_readers import DATA, items, quarantined, records

V1 = DATA / "statement_v1.ofx"
V2 = DATA / "statement_v2.ofx"
BANK = "999999999:4400123456"
CARD = "examplecardservices:XXXXXXXXXXXX4242"


def test_ofx_1_names_the_bank_account() -> None:
    found = items("ofx", V1)
    account = records(found, "account")[f"account:{BANK}"]
    assert account.site == "Example Credit Union"
    assert account.raw.startswith("<BANKACCTFROM>")
    assert account.extra == {
        "source_id": "4400123456",
        "account_type": "bank",
        "account_number": "4400123456",
        "bank_code": "999999999",
        "currency": "USD",
    }


def test_ofx_1_entries_keep_their_offset_type_and_counterparty() -> None:
    txns = records(items("ofx", V1), "transaction")
    assert list(txns) == [
        f"txn:{BANK}:{fitid}" for fitid in ("202501120001", "202501130002", "202501140003")
    ]
    atm = txns[f"txn:{BANK}:202501120001"]
    assert (atm.title, atm.body, atm.posted_at) == (
        "ATM FREMONT ST",
        "Cash withdrawal",
        "2025-01-13T07:41:10+00:00",
    )
    assert atm.extra == {
        "account": f"account:{BANK}",
        "account_number": "4400123456",
        "account_bank": "999999999",
        "amount": "200.00",
        "currency": "USD",
        "direction": "debit",
        "channel": "cash",
        "counterparty_name": "ATM FREMONT ST",
        "booked_local": "2025-01-12T23:41:10-08:00",
        "source_format": "ofx",
    }
    pos = txns[f"txn:{BANK}:202501130002"]
    assert (pos.body, pos.extra["channel"], pos.extra["mcc"]) == ("Room & tax", "card", "7011")
    assert pos.extra["merchant"] == "DESERT ROSE MOTEL"
    payroll = txns[f"txn:{BANK}:202501140003"].extra
    assert (payroll["channel"], payroll["direction"], payroll["booked_local"]) == (
        "ach",
        "credit",
        "2025-01-14",
    )
    assert (payroll["counterparty_account"], payroll["counterparty_bank"]) == (
        "987654321",
        "999999998",
    )


def test_ofx_bad_entries_are_quarantined_with_their_line() -> None:
    assert [(q.locator, q.reason) for q in quarantined(items("ofx", V1))] == [
        (f"{V1}:52", "bad DTPOSTED: '2025011X'"),
        (f"{V1}:59", "bad TRNAMT: 'nine'"),
    ]


def test_ofx_2_names_a_card_account_at_its_institution() -> None:
    found = items("ofx", V2)
    account = records(found, "account")[f"account:{CARD}"]
    assert (account.site, account.extra["account_type"]) == ("Example Card Services", "card")
    txns = records(found, "transaction")
    purchase = txns[f"txn:{CARD}:CC-0001"]
    assert purchase.extra["booked_local"] == "2025-01-13T01:45:00-05:00"
    assert (purchase.extra["channel"], purchase.extra["merchant"]) == ("card", "STRIP SUITES")
    payment = txns[f"txn:{CARD}:CC-0002"].extra
    assert (payment["direction"], payment["channel"]) == ("credit", "other")
    assert "merchant" not in payment
    fee = [t for t in txns.values() if t.title == "LATE FEE"]
    assert len(fee) == 1  # no FITID: the entry's sha256
    assert fee[0].extra["channel"] == "fee"
    assert len(fee[0].id.rsplit(":", 1)[1]) == 64
    assert not quarantined(found)


def test_an_entry_before_any_account_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "orphan.ofx"
    text = V1.read_text("cp1252")
    start, end = text.index("<BANKACCTFROM>"), text.index("</BANKACCTFROM>") + 15
    path.write_text(text[:start] + text[end:], "cp1252")
    found = items("ofx", path)
    assert not records(found)
    assert all("before any readable BANKACCTFROM" in q.reason for q in quarantined(found)[:3])


def test_a_cut_ofx_keeps_what_came_before(tmp_path: Path) -> None:
    path = tmp_path / "cut.ofx"
    text = V1.read_text("cp1252")
    path.write_text(text[: text.index("<TRNTYPE>DIRECTDEP")], "cp1252")
    found = items("ofx", path)
    assert len(records(found, "transaction")) == 2
    assert quarantined(found)[-1].reason == "<STMTTRN> does not end: the file is cut short"


def test_a_file_without_an_ofx_header_is_quarantined_whole() -> None:
    found = items("ofx", DATA / "ad_listing.csv")
    assert [q.reason for q in quarantined(found)] == ["not an OFX file: no OFX header"]


def test_a_windows_1252_name_is_read_in_its_charset(tmp_path: Path) -> None:
    path = tmp_path / "cafe.ofx"
    path.write_bytes(V1.read_bytes().replace(b"DESERT ROSE MOTEL", "CAFÉ ROSÉ".encode("cp1252")))
    txn = records(items("ofx", path))[f"txn:{BANK}:202501130002"]
    assert txn.title == "CAFÉ ROSÉ"


def test_a_charset_no_statement_is_written_in_falls_back_to_utf_8(tmp_path: Path) -> None:
    for charset in ("idna", "rot13", "UTF-16", "NOSUCH"):
        path = tmp_path / f"{charset}.ofx"
        path.write_bytes(V1.read_bytes().replace(b"CHARSET:1252", f"CHARSET:{charset}".encode()))
        assert len(records(items("ofx", path), "transaction")) == 3


class CountingSearch:
    """A compiled pattern that counts the characters its searches were given to look through."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.looked = pattern, 0

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        self.looked += len(text) - pos
        return self.pattern.search(text, pos)


def test_aggregates_never_closed_past_the_limit_are_each_quarantined_in_linear_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fuzzer's finding (fuzz/findings.py) at a smaller record limit: STMTTRN aggregates
    never closed, 100 bytes apart. Each opened more than the limit before the end of the file
    is quarantined as too large, the next as never ending (it runs to the end of the file), and
    the search for </STMTTRN> looks through the file about once: before, each skipped aggregate
    rescanned the whole limit again."""
    limit = 200_000
    monkeypatch.setattr(ofx_stream, "MAX_RECORD_BYTES", limit)
    monkeypatch.setattr(ofx_stream, "CHUNK", 16_384)
    close = CountingSearch(ofx_stream._CLOSE["STMTTRN"])
    monkeypatch.setitem(ofx_stream._CLOSE, "STMTTRN", close)
    head = b"OFXHEADER:100\n<OFX><BANKACCTFROM><BANKID>1<ACCTID>2</BANKACCTFROM>"
    data = head + (b"<STMTTRN>" + b"x" * 91) * 10_000
    path = tmp_path / "open.ofx"
    path.write_bytes(data)
    found = items("ofx", path)
    assert list(records(found)) == ["account:1:2"]
    opened = [at.start() for at in re.finditer(b"<STMTTRN>", data)]
    too_large = sum(len(data) - at > limit for at in opened)
    assert too_large > 7_000
    assert [q.reason for q in quarantined(found)] == [
        f"<STMTTRN> too large: over {limit:,} bytes"
    ] * too_large + ["<STMTTRN> does not end: the file is cut short"]
    assert {q.locator for q in quarantined(found)} == {f"{path}:2"}
    assert close.looked < 2 * len(data)
