"""camt.053 statements, versions .02 and .08: the statement account once a file, each entry a
transaction (a batch entry one per detail), counterparties, channels from the bank transaction
codes, card entries with their merchant and MCC, and bad entries quarantined with the line they
start on while the rest go on."""

from __future__ import annotations

import gzip
from pathlib import Path

from linkboard.model import Record
from tests.payments.test_readers import DATA, items, quarantined, records

V02 = DATA / "camt053_v02.xml"
V08 = DATA / "camt053_v08.xml"
HOLDER = "account:DE44999999990532013000"


def test_the_statement_account_is_one_record_a_file() -> None:
    found = items("camt053", V02)
    accounts = records(found, "account")
    assert list(accounts) == [HOLDER]
    account = accounts[HOLDER]
    assert account.title == "Jade Example"
    assert account.site == "Example Bank"
    assert account.location == "Sample Street 12, 89101 Las Vegas, US"
    assert account.raw.startswith("<Acct")
    assert "DE44999999990532013000" in account.raw
    assert account.provenance.locator == f"{V02}:12"
    assert account.extra == {
        "source_id": "DE44999999990532013000",
        "account_type": "bank",
        "iban": "DE44999999990532013000",
        "bic": "EXAMDEFFXXX",
        "currency": "EUR",
        "phones": ["+1-702-555-0142", "+1-702-555-0187"],
        "emails": ["jade@example.org"],
        "holder": "Jade Example",
        "address": "Sample Street 12, 89101 Las Vegas, US",
    }


def test_entries_become_transactions_with_their_own_references() -> None:
    txns = records(items("camt053", V02), "transaction")
    refs = [i.removeprefix("txn:DE44999999990532013000:") for i in txns]
    assert refs[:5] == ["REF-0001", "REF-0002", "N-0003", "REF-0004/1", "REF-0004/2"]
    assert len(refs[5]) == 64  # no reference: the entry's sha256
    assert refs[6] == "REF-0005"
    assert all(t.extra["account"] == HOLDER for t in txns.values())
    assert all(t.extra["source_format"] == "camt.053.001.02" for t in txns.values())


def test_a_credit_names_its_debtor() -> None:
    txn = records(items("camt053", V02))["txn:DE44999999990532013000:REF-0001"]
    assert txn.title == "Sam Sample"
    assert txn.body == "rent share january call 702-555-0199"
    assert txn.posted_at == "2025-01-12T00:00:00+00:00"
    assert txn.extra | {} == {
        "account": HOLDER,
        "account_iban": "DE44999999990532013000",
        "amount": "9450.00",
        "currency": "EUR",
        "direction": "credit",
        "channel": "ach",
        "counterparty_name": "Sam Sample",
        "counterparty_iban": "DE37 9999 9999 0123 4567 89",
        "counterparty_bank": "SMPLDEFFXXX",
        "status": "BOOK",
        "booked_local": "2025-01-12",
        "source_format": "camt.053.001.02",
    }


def test_a_card_payment_names_its_merchant_city_and_mcc() -> None:
    txn = records(items("camt053", V02))["txn:DE44999999990532013000:REF-0002"]
    assert (txn.title, txn.location, txn.body) == ("Desert Rose Motel", "Las Vegas", "card payment")
    assert txn.posted_at == "2025-01-13T04:41:10+00:00"
    extra = txn.extra
    assert extra["booked_local"] == "2025-01-12T23:41:10-05:00"
    assert (extra["channel"], extra["direction"], extra["amount"]) == ("card", "debit", "45.00")
    assert (extra["merchant"], extra["merchant_city"], extra["merchant_country"]) == (
        "Desert Rose Motel", "Las Vegas", "US",
    )  # fmt: skip
    assert extra["mcc"] == "7011"


def test_channels_come_from_the_bank_transaction_codes() -> None:
    txns = records(items("camt053", V02), "transaction")
    channels = {i.rsplit(":", 1)[1][:10]: t.extra["channel"] for i, t in txns.items()}
    assert channels["N-0003"] == "cash"  # CCRD/CWDL: an ATM withdrawal
    assert channels["REF-0005"] == "cash"  # CNTR/CDPT: a cash deposit
    assert [t.extra["channel"] for t in txns.values() if t.body == "account fee"] == ["fee"]


def test_a_batch_entry_gives_one_transaction_a_detail() -> None:
    found = records(items("camt053", V02))
    first = found["txn:DE44999999990532013000:REF-0004/1"]
    second = found["txn:DE44999999990532013000:REF-0004/2"]
    assert (first.title, first.extra["amount"], first.body) == ("Rio Sample", "100.00", "ad fees")
    assert first.extra["counterparty_iban"] == "DE90999999990000004711"
    assert (second.title, second.extra["amount"]) == ("Kim Fictional", "50.00")
    assert second.extra["counterparty_account"] == "4400123456"
    assert second.extra["counterparty_bank"] == "999999999"
    assert "Rio Sample" in first.raw
    assert "Kim Fictional" not in first.raw
    assert first.provenance.locator != second.provenance.locator


def test_bad_entries_are_quarantined_with_their_line_and_the_rest_go_on() -> None:
    found = items("camt053", V02)
    bad = quarantined(found)
    assert [(q.locator, q.reason) for q in bad] == [
        (f"{V02}:121", "CdtDbtInd must be CRDT or DBIT, not 'XXXX'"),
        (f"{V02}:127", "entry without an amount (Amt)"),
        (f"{V02}:132", "bad date: '2025-13-45'"),
    ]
    assert all(q.sample.startswith("<Ntry") for q in bad)
    assert len(records(found, "transaction")) == 7


def test_version_08_reads_party_choices_card_entries_and_proprietary_codes() -> None:
    found = items("camt053", V08)
    key = "examus33xxx:4400123456"
    account = records(found, "account")[f"account:{key}"]
    assert account.extra["account_number"] == "4400123456"
    assert account.extra["bank_code"] == "EXAMUS33XXX"
    assert account.location == "400 Example Ave, Las Vegas NV 89109"
    txns = records(found, "transaction")
    card = txns[f"txn:{key}:USREF-1"]
    assert (card.title, card.location, card.extra["mcc"]) == (
        "Neon Nights Lounge",
        "Las Vegas",
        "5813",
    )
    assert card.extra["account_number"] == "4400123456"
    assert card.extra["account_bank"] == "EXAMUS33XXX"
    assert card.extra["booked_local"] == "2025-01-14T02:13:00-08:00"
    assert card.extra["status"] == "BOOK"
    motel = txns[f"txn:{key}:USREF-2"]
    assert (motel.extra["channel"], motel.extra["mcc"]) == ("card", "7011")  # CardTx, no BkTxCd
    payroll = txns[f"txn:{key}:USREF-3"]
    assert payroll.extra["channel"] == "ach"  # BAI 165, preauthorized ACH credit
    assert payroll.extra["counterparty_account"] == "987654321"
    assert payroll.extra["counterparty_bank"] == "999999998"
    assert payroll.title == "Payroll Sample LLC"
    assert [(q.locator, q.reason) for q in quarantined(found)] == [
        (f"{V08}:100", "bad amount: 'abc'")
    ]


def test_an_xml_error_midway_keeps_what_came_before(tmp_path: Path) -> None:
    text = V02.read_text("utf-8")
    cut = text.index("<AcctSvcrRef>REF-0004")
    path = tmp_path / "cut.xml"
    path.write_text(text[:cut] + "<Broken></Ntry>\n" + text[cut:])
    found = items("camt053", path)
    assert len(records(found, "transaction")) == 3
    last = quarantined(found)[-1]
    assert last.reason.startswith("XML syntax error, the rest of the file is not read:")
    assert last.locator.startswith(f"{path}:")


def test_another_namespace_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "pain.xml"
    path.write_text(V02.read_text("utf-8").replace("camt.053.001.02", "pain.001.001.03"))
    found = items("camt053", path)
    assert len(found) == 1
    assert "not a camt.053 statement" in quarantined(found)[0].reason


def test_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    text = V08.read_text("utf-8").replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<?xml version="1.0"?><!DOCTYPE Document [<!ENTITY x SYSTEM "file://{secret}">]>',
    )
    path = tmp_path / "xxe.xml"
    path.write_text(text.replace("PAYROLL JAN", "&x;"))
    found = items("camt053", path)
    assert not any("TOP-SECRET" in (r.body + r.raw) for r in records(found).values())


def test_a_field_too_large_quarantines_its_entry(tmp_path: Path) -> None:
    path = tmp_path / "big.xml.gz"
    text = V08.read_text("utf-8").replace("PAYROLL JAN", "z" * 1_000_001)
    path.write_bytes(gzip.compress(text.encode(), mtime=0))
    found = items("camt053", path)
    assert quarantined(found)[0].reason.startswith("field too large")
    assert len(records(found, "transaction")) == 2


def test_a_big_statement_is_read_in_little_memory(tmp_path: Path) -> None:
    text = V02.read_text("utf-8")
    start, end = text.index("<Ntry>"), text.index("</Ntry>") + len("</Ntry>")
    entry = text[start:end]
    many = "".join(entry.replace("REF-0001", f"R{n}") for n in range(3000))
    path = tmp_path / "many.xml"
    path.write_text(text[:start] + many + text[end:])
    found = records(items("camt053", path), "transaction")
    assert len(found) == 3000 + 6
    assert isinstance(found["txn:DE44999999990532013000:R2999"], Record)
