"""The statement readers as a whole: each knows its own format and no other (nor an ad CSV), is
registered as a ``hooks.Reader`` so that ``ingest`` detects and reads it, gives the same
records when a statement is read twice, reads .gz and .zst inputs, and quarantines what is
too large instead of failing. The helpers here serve the per-format tests too."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import zstandard

from linkboard import hooks, ingest
from linkboard.ingest.options import ReadOptions
from linkboard.model import Quarantined, Record
from linkboard.payments.readers import READERS

DATA = Path(__file__).parent / "data"
OPTIONS = ReadOptions(source="test", ingested_at="2026-01-01T00:00:00+00:00")
#: Each sample statement and the reader that is its own.
SAMPLES = {
    "camt053_v02.xml": "camt053",
    "camt053_v08.xml": "camt053",
    "cash_app_report_examplequeen.csv": "cashapp",
    "venmo_statement.csv": "venmo",
    "paypal_activity.csv": "paypal",
    "statement_v1.ofx": "ofx",
    "statement_v2.ofx": "ofx",
    "statement.mt940": "mt940",
    "wallets.csv": "crypto_csv",
}


def items(fmt: str, path: Path, options: ReadOptions = OPTIONS) -> list[Record | Quarantined]:
    return list(READERS[fmt].read(path, options, None))


def detects(fmt: str, path: Path) -> bool:
    detect = READERS[fmt].detect
    return detect is not None and detect(path)


def records(found: list[Record | Quarantined], kind: str | None = None) -> dict[str, Record]:
    return {r.id: r for r in found if isinstance(r, Record) and (kind is None or r.kind == kind)}


def quarantined(found: list[Record | Quarantined]) -> list[Quarantined]:
    return [q for q in found if isinstance(q, Quarantined)]


def storable(item: Record | Quarantined) -> None:
    """What the store needs of an item: a reason in words, text UTF-8 holds, JSON extras."""
    if isinstance(item, Quarantined):
        assert item.reason.strip()
        assert "object at 0x" not in item.reason
        return
    assert isinstance(item, Record)
    assert item.id
    assert item.kind in ("account", "transaction")
    for text in (item.id, item.raw, item.title, item.body, item.site, item.location):
        text.encode("utf-8")
    json.dumps(item.extra, ensure_ascii=False).encode("utf-8")
    if item.kind == "transaction":
        assert item.posted_at
        assert item.extra["direction"] in ("credit", "debit")
        assert not item.extra["amount"].startswith("-")


@pytest.fixture
def registered() -> Iterator[None]:
    """READERS registered as a plugin registers them (those already registered are left)."""
    hooks.load_default_plugins()
    added = [k for k in READERS if hooks.readers.parts.get(k) is None]
    for key in added:
        hooks.readers.register(key, READERS[key])
    yield
    for key in added:
        hooks.readers.unregister(key)


def test_the_readers_are_the_formats_asked_for() -> None:
    assert set(READERS) == {
        "camt053", "cashapp", "venmo", "paypal", "ofx", "mt940", "crypto_csv", "ledger_csv"
    }  # fmt: skip
    assert all(isinstance(r, hooks.Reader) for r in READERS.values())


@pytest.mark.parametrize("name", list(SAMPLES))
def test_each_reader_knows_its_own_format_and_no_other(name: str) -> None:
    path = DATA / name
    assert [fmt for fmt in READERS if detects(fmt, path)] == [SAMPLES[name]]


@pytest.mark.parametrize("name", ["ad_listing.csv", "ledger_export.csv"])
def test_an_ad_csv_or_a_ledger_is_no_statement_format(name: str) -> None:
    assert not any(detects(fmt, DATA / name) for fmt in READERS)


def test_detect_says_no_to_what_it_cannot_read(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "broken.gz").write_bytes(b"\x1f\x8b not gzip")
    paths = ("missing.csv", "empty.csv", "broken.gz")
    for path in (tmp_path, *(tmp_path / p for p in paths)):
        assert not any(detects(fmt, path) for fmt in READERS)


@pytest.mark.usefixtures("registered")
@pytest.mark.parametrize("name", list(SAMPLES))
def test_ingest_detects_and_reads_a_registered_reader(name: str) -> None:
    path = DATA / name
    assert ingest.detect_format(path) == SAMPLES[name]
    found = list(ingest.read(path, options=OPTIONS))
    assert records(found, "account")
    assert records(found, "transaction")


@pytest.mark.usefixtures("registered")
def test_an_ad_csv_is_still_read_as_ads() -> None:
    assert ingest.detect_format(DATA / "ad_listing.csv") == "csv"


@pytest.mark.parametrize("name", list(SAMPLES))
def test_reading_twice_gives_the_same_records(name: str) -> None:
    first, second = items(SAMPLES[name], DATA / name), items(SAMPLES[name], DATA / name)
    assert first == second
    for item in first:
        storable(item)
    ids = [r.id for r in first if isinstance(r, Record)]
    assert len(ids) == len(set(ids))


def _compressed(path: Path, into: Path, suffix: str) -> Path:
    out = into / (path.name + suffix)
    data = path.read_bytes()
    if suffix == ".gz":
        out.write_bytes(gzip.compress(data, mtime=0))
    else:
        out.write_bytes(zstandard.ZstdCompressor().compress(data))
    return out


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
@pytest.mark.parametrize("name", list(SAMPLES))
def test_compressed_statements_read_as_plain_ones(name: str, suffix: str, tmp_path: Path) -> None:
    path = _compressed(DATA / name, tmp_path, suffix)
    plain = DATA / name
    assert detects(SAMPLES[name], path)
    squeezed = items(SAMPLES[name], path)
    expected = items(SAMPLES[name], plain)
    assert [_without_place(i) for i in squeezed] == [_without_place(i) for i in expected]


def _without_place(item: Record | Quarantined) -> Any:
    if isinstance(item, Quarantined):
        return item.reason
    return (item.id, item.raw, item.extra)


def test_a_cut_gzip_keeps_what_was_read_and_says_why(tmp_path: Path) -> None:
    whole = gzip.compress((DATA / "cash_app_report_examplequeen.csv").read_bytes() * 50, mtime=0)
    path = tmp_path / "cash_app_report_examplequeen.csv.gz"
    path.write_bytes(whole[: len(whole) // 2])
    found = items("cashapp", path)
    assert records(found, "transaction")
    assert "unreadable input" in quarantined(found)[-1].reason


@pytest.mark.parametrize("fmt", ["cashapp", "venmo", "paypal", "crypto_csv"])
def test_a_field_too_large_is_quarantined_not_a_crash(fmt: str, tmp_path: Path) -> None:
    name = next(n for n, f in SAMPLES.items() if f == fmt)
    lines = (DATA / name).read_text("utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if "ID" in line or "hash" in line)
    row = lines[header + (2 if fmt == "venmo" else 1)]
    huge = row.replace(",", ',"' + "x" * 1_000_001 + '",', 1)
    path = tmp_path / name
    path.write_text("\n".join([*lines[: header + 1], huge, *lines[header + 1 :]]) + "\n")
    found = items(fmt, path)
    assert any("too large" in q.reason for q in quarantined(found))
    expected = records(items(fmt, DATA / name), "transaction")
    assert len(records(found, "transaction")) == len(expected)


def test_a_row_over_the_record_limit_is_quarantined(tmp_path: Path) -> None:
    lines = (DATA / "cash_app_report_examplequeen.csv").read_text("utf-8").splitlines()
    path = tmp_path / "cash_app_report_examplequeen.csv"
    huge = "big," + "y" * (9 * 1024 * 1024)
    path.write_text("\n".join([lines[0], huge, *lines[1:]]) + "\n")
    found = items("cashapp", path)
    assert quarantined(found)[0].locator.endswith(":2")
    assert "record too large" in quarantined(found)[0].reason
    assert len(records(found, "transaction")) == 5


def test_a_statement_in_a_folder_is_copied_with_its_suffix(tmp_path: Path) -> None:
    shutil.copy(DATA / "statement_v1.ofx", tmp_path / "jan.qfx")
    assert detects("ofx", tmp_path / "jan.qfx")
    assert ".qfx" in READERS["ofx"].suffixes


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("-$25.00", "-25.00"),
        ("+ $20.00", "20.00"),
        ("- $20.00", "-20.00"),
        ("$1,250.00", "1250.00"),
        ("1.250,00", "1250.00"),
        ("9 450,00", "9450.00"),
        ("(25.00)", "-25.00"),
        ("25.00-", "-25.00"),
        ("USD 12.50", "12.50"),
        ("€-3,5", "-3.5"),
        ("0.00102", "0.00102"),
    ],
)
def test_amounts_are_read_as_statements_write_them(written: str, value: str) -> None:
    from decimal import Decimal

    from linkboard.payments.readers import money

    assert money.parse(written) == Decimal(value)
    assert money.text(money.parse(written)) == value.lstrip("-")


@pytest.mark.parametrize("written", ["", "lots", "1e5", "--5", "1.2.3,4,5", "NaN", "9" * 40])
def test_what_is_no_amount_is_refused(written: str) -> None:
    from linkboard.ingest.fields import BadRecord
    from linkboard.payments.readers import money

    with pytest.raises(BadRecord, match="bad amount"):
        money.parse(written)


@pytest.mark.parametrize(
    ("written", "zone", "dayfirst", "local", "utc"),
    [
        ("2025-01-12 23:41:10 EST", "", False, "2025-01-12T23:41:10-05:00", "2025-01-13T04:41:10"),
        ("2025-01-12 23:41:10 America/Chicago", "", False, "2025-01-12T23:41:10-06:00", None),
        ("2025-01-12T23:41:10Z", "", False, "2025-01-12T23:41:10+00:00", "2025-01-12T23:41:10"),
        ("2025-01-12", "", False, "2025-01-12", "2025-01-12T00:00:00"),
        ("01/12/2025 11:41 PM", "PST", False, "2025-01-12T23:41:00-08:00", "2025-01-13T07:41:00"),
        ("12/01/2025 23:41:10", "CET", True, "2025-01-12T23:41:10+01:00", "2025-01-12T22:41:10"),
        ("01/12/2025", "", False, "2025-01-12", None),
        ("1736725270", "", False, "2025-01-12T23:41:10+00:00", None),
        ("1736725270000", "", False, "2025-01-12T23:41:10+00:00", None),
    ],
)
def test_times_keep_the_offset_they_were_written_with(
    written: str, zone: str, dayfirst: bool, local: str, utc: str | None
) -> None:
    from linkboard.payments.readers import clock

    found = clock.parse(written, dayfirst=dayfirst, zone_name=zone)
    assert found.local == local
    if utc is not None:
        assert found.utc == utc + "+00:00"


@pytest.mark.parametrize(
    "written", ["sometime", "2025-13-01", "31/31/2025", "2025-01-12 10:00 XYZ"]
)
def test_what_is_no_time_is_refused(written: str) -> None:
    from linkboard.ingest.fields import BadRecord
    from linkboard.payments.readers import clock

    with pytest.raises(BadRecord, match="bad date"):
        clock.parse(written)
