"""Every statement reader under property-based tests: random bytes, and the sample statements
mutated (bytes cut, doubled, replaced, the format's own tokens put in odd places), plain or
compressed. Whatever comes in, a reader only ever gives records and quarantined items with a
reason in words (an ``InputError`` only up front, for a file refused whole), each record
storable, and it ends: a reader that takes more than a few seconds on a small input fails."""

from __future__ import annotations

import gzip
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import InputError
from linkboard.model import Quarantined, Record
from linkboard.payments.readers import READERS, cashapp
from tests.payments.test_readers import DATA, OPTIONS, SAMPLES, storable

PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: How long one small input may take to read before the reader counts as hanging.
LIMIT_S = 5
LEDGER = ReadOptions(
    source="fuzz",
    ingested_at=OPTIONS.ingested_at,
    mapping={
        "booked_at": "Buchungstag", "amount": "Betrag", "currency": "Waehrung",
        "counterparty_name": "Empfaenger", "memo": "Verwendungszweck", "id": "Referenz",
        "account": "Konto",
    },
)  # fmt: skip
#: The file name each format is fuzzed under (Cash App's names the statement's cashtag).
NAMES = {
    "camt053": "statement.xml",
    "cashapp": "cash_app_report_fuzzqueen.csv",
    "venmo": "venmo.csv",
    "paypal": "paypal.csv",
    "ofx": "statement.ofx",
    "mt940": "statement.sta",
    "crypto_csv": "wallets.csv",
    "ledger_csv": "ledger.csv",
}
TOKENS = [
    b"<Ntry>", b"</Ntry>", b"<Stmt>", b"</Stmt>", b"<Acct>", b'<Amt Ccy="EUR">', b"<TxDtls>",
    b"<!DOCTYPE d [<!ENTITY x 'yyyyyyyyyy'>]>", b"&x;", b"]]>", b"<![CDATA[", b"\x00", b"\xff",
    b'"', b",", b"\n", b"\r", b"\r\n", b"$", b"-", b"+ $", b"(", b"EST", b"1e999999",
    b"<STMTTRN>", b"</STMTTRN>", b"<BANKACCTFROM>", b"<CCACCTFROM>", b"<ACCTID>", b"[-5:EST]",
    b"\n:61:", b"\n:20:", b"\n:25:", b"\n:86:", b"?20", b"{1:F01", b"\n-}", b"99999999999999999",
    b"DE44999999990532013000", b"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", b"0x" + b"5" * 40,
]  # fmt: skip
edits = st.lists(
    st.tuples(
        st.integers(0, 1 << 20),
        st.sampled_from(["delete", "insert", "replace", "double", "truncate"]),
        st.sampled_from(TOKENS) | st.binary(max_size=30),
    ),
    max_size=6,
)
packing = st.sampled_from(["", ".gz", ".zst"])


def _samples(fmt: str) -> list[Path]:
    if fmt == "ledger_csv":
        return [DATA / "ledger_export.csv"]
    return [DATA / name for name, own in SAMPLES.items() if own == fmt]


def mutated(data: bytes, changes: list[tuple[int, str, bytes]]) -> bytes:
    for at, how, token in changes:
        i = at % (len(data) + 1)
        if how == "delete":
            data = data[:i] + data[i + len(token) + 1 :]
        elif how == "insert":
            data = data[:i] + token + data[i:]
        elif how == "replace":
            data = data[:i] + token + data[i + len(token) :]
        elif how == "double":
            data = data[:i] + data[i : i + 200] + data[i:]
        else:
            data = data[:i]
    return data


def written(folder: Path, fmt: str, data: bytes, suffix: str) -> Path:
    path = folder / (NAMES[fmt] + suffix)
    if suffix == ".gz":
        data = gzip.compress(data, mtime=0)
    elif suffix == ".zst":
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    return path


@contextmanager
def bounded(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, past SECONDS."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"a reader took over {seconds} s on a small input")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_all(fmt: str, path: Path, limit: int = LIMIT_S) -> list[Record | Quarantined]:
    """Every item the reader gives PATH, each checked; an InputError only before any."""
    options = LEDGER if fmt == "ledger_csv" else OPTIONS
    found: list[Record | Quarantined] = []
    refused: InputError | None = None
    with bounded(limit):
        try:
            for item in READERS[fmt].read(path, options, None):
                assert isinstance(item, Record | Quarantined)
                storable(item)
                found.append(item)
        except InputError as exc:
            refused = exc
    if refused is not None:
        assert not found, f"refused after {len(found)} items: {refused}"
        assert str(refused).strip()
    return found


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.mark.parametrize("fmt", list(READERS))
@PROPERTY
@given(data=st.binary(max_size=3000), suffix=packing)
def test_random_bytes_give_only_records_or_reasons(
    folder: Path, fmt: str, data: bytes, suffix: str
) -> None:
    path = written(folder, fmt, data, suffix)
    read_all(fmt, path)
    detect = READERS[fmt].detect
    assert detect is not None
    with bounded(LIMIT_S):
        detect(path)


@pytest.mark.parametrize("fmt", list(READERS))
@PROPERTY
@given(which=st.integers(0, 10), changes=edits, suffix=packing)
def test_mutated_statements_give_only_records_or_reasons(
    folder: Path, fmt: str, which: int, changes: list[tuple[int, str, bytes]], suffix: str
) -> None:
    samples = _samples(fmt)
    data = mutated(samples[which % len(samples)].read_bytes(), changes)
    path = written(folder, fmt, data, suffix)
    found = read_all(fmt, path)
    if not changes:
        assert any(isinstance(i, Record) for i in found)


_CAMT = b'<D xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'
_LAUGHS = b"".join(
    b'<!ENTITY %c "%s">' % (98 + i, b"".join(b"&%c;" % (97 + i) for _ in range(10)))
    for i in range(9)
)
_CASHAPP = ",".join(cashapp.HEADER).encode()
#: Inputs built to exhaust a reader: each must end in seconds with its reasons, in bounded memory.
HOSTILE = {
    "an endless OFX aggregate": ("ofx", b"OFXHEADER:100\n<OFX><STMTTRN>" + b"<NAME>x" * 1_500_000),
    "an OFX without one tag": ("ofx", b"OFXHEADER:100\n" + b"a" * 12_000_000),
    "an MT940 line without end": ("mt940", b":20:X\n:25:1/2\n:61:" + b"9" * 9_000_000),
    "an MT940 header without end": ("mt940", b":20:X\n" + b":25:1/2\n" * 1_100_000),
    "a CSV field without end": ("cashapp", _CASHAPP + b'\n"' + (b"z" * 99 + b"\n") * 90_000),
    "an XML nested too deep": ("camt053", _CAMT + b"<a>" * 100_000),
    "an XML billion laughs": (
        "camt053",
        b'<?xml version="1.0"?><!DOCTYPE D [<!ENTITY a "aaaaaaaaaa">' + _LAUGHS + b"]>"
        + _CAMT + b"&j;</D>",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_inputs_end_in_bounded_time_and_memory(folder: Path, name: str) -> None:
    fmt, data = HOSTILE[name]
    found = read_all(fmt, written(folder, fmt, data, ".gz"), limit=20)
    assert any(isinstance(i, Quarantined) for i in found)
    assert not any(isinstance(i, Record) and i.kind == "transaction" for i in found)
