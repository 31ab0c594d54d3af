"""The seeds of the payments channel's statement readers (``targets.STATEMENTS``), made from the
sample statements of tests/payments/data.

``corpus()`` gives, per format, each sample plain, .gz and .zst, cut short (in half, after its
header, without its last byte) and as a truncated .gz. ``HOSTILE`` lists inputs a reader must
survive, as the fields of ``seeds.Seed`` (reader, name, build, expect): XML entity expansion,
nesting and a text node past libxml2's limits for camt.053; a 30 MB line and a quote left open
for each CSV format; OFX aggregates that never end; MT940 entries of 100,000 lines, of 800,000
:86: lines or of a line over the record limit, and a header of 100,000 lines before 20 entries.
Each input starts with the byte that picks its compression (``targets.SUFFIXES``).
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import zstandard

from fuzz.targets import GZ, PLAIN, ZST

SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "payments" / "data"
MB = 1024 * 1024
#: Each format's sample statements.
FILES = {
    "camt053": ("camt053_v02.xml", "camt053_v08.xml"),
    "cashapp": ("cash_app_report_examplequeen.csv",),
    "venmo": ("venmo_statement.csv",),
    "paypal": ("paypal_activity.csv",),
    "ofx": ("statement_v1.ofx", "statement_v2.ofx"),
    "mt940": ("statement.mt940",),
    "crypto_csv": ("wallets.csv",),
    "ledger_csv": ("ledger_export.csv",),
}
#: Each CSV format: the rows up to its header (Venmo's statement has two lines before it), and
#: the column of free text (a note, a memo) a hostile seed opens a quote in.
CSV_FORMATS = {
    "cashapp": (1, 11),
    "venmo": (3, 5),
    "paypal": (1, 38),
    "crypto_csv": (1, 3),
    "ledger_csv": (1, 4),
}


def sample(fmt: str, which: int = 0) -> bytes:
    return (SAMPLES / FILES[fmt][which]).read_bytes()


# -- hostile seeds -----------------------------------------------------------------------------

_CAMT_ROOT = b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'


def _billion_laughs() -> bytes:
    """Nine levels of entities, each ten of the one before: a billion letters if expanded."""
    levels = b"".join(b'<!ENTITY %c "%s">' % (98 + i, b"&%c;" % (97 + i) * 10) for i in range(9))
    doctype = b'<!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa">' + levels + b"]>"
    return (
        PLAIN + b'<?xml version="1.0"?>' + doctype + _CAMT_ROOT + b"<Ustrd>&j;</Ustrd></Document>"
    )


def _ustrd(size: int) -> bytes:
    """The camt.053.001.02 sample with SIZE more letters in its first remittance text."""
    data = sample("camt053")
    at = data.index(b"<Ustrd>") + len(b"<Ustrd>")
    return PLAIN + data[:at] + b"x" * size + data[at:]


def _csv_parts(fmt: str) -> tuple[bytes, bytes, bytes]:
    """A CSV sample's lines up to its header, the rows after it, and the first transaction."""
    head, _ = CSV_FORMATS[fmt]
    lines = sample(fmt).splitlines(keepends=True)
    row = next(line for line in lines[head:] if line.split(b",")[:2] != [b"", b""])
    return b"".join(lines[:head]), b"".join(lines[head:]), row


def _csv_long_line(fmt: str) -> bytes:
    """The sample's rows, a line of 30 MB (read in bounded memory, quarantined), the rows
    again."""
    head, rows, _ = _csv_parts(fmt)
    return PLAIN + head + rows + b"x" * 30 * MB + b"\n" + rows


def _csv_open_quote(fmt: str) -> bytes:
    """The sample's rows, then a row whose note opens a quote never closed: the rows after it
    are read as one field."""
    head, rows, row = _csv_parts(fmt)
    _, column = CSV_FORMATS[fmt]
    cells = next(csv.reader([row.decode()]))
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells[:column])
    opened = out.getvalue().encode() + b',"never closed ' + cells[column].encode()
    return PLAIN + head + rows + opened + b"\n" + rows * 20


def _ofx(body: bytes) -> bytes:
    """The OFX 1.x sample up to its first entry (header, account), then BODY."""
    data = sample("ofx")
    return PLAIN + data[: data.index(b"<STMTTRN>")] + body


def _mt940(lines: bytes) -> bytes:
    """The MT940 sample with LINES after its first entry's :86: line."""
    data = sample("mt940")
    at = data.index(b"\n", data.index(b":86:")) + 1
    return PLAIN + data[:at] + lines + data[at:]


def _mt940_long_header(lines: int = 100_000, entries: int = 20) -> bytes:
    """The MT940 sample with LINES :28C: lines in its first statement's header, and that
    statement's four entries repeated to ENTRIES."""
    rows = sample("mt940").splitlines(keepends=True)
    header = b"".join(rows[:3]) + b":28C:12345/12\n" * lines + rows[4]
    return PLAIN + header + b"".join(rows[5:13]) * (entries // 4) + b"".join(rows[13:])


def _csv_seeds() -> Iterator[tuple[str, str, Callable[[], bytes], str]]:
    fewer = {"venmo": "too few columns", "crypto_csv": "too few columns"}
    for fmt in CSV_FORMATS:
        yield fmt, "line-30mb", lambda fmt=fmt: _csv_long_line(fmt), "record too large"
        quote = fewer.get(fmt, "wrong number of columns")
        yield fmt, "quote-never-closed", lambda fmt=fmt: _csv_open_quote(fmt), quote


HOSTILE: list[tuple[str, str, Callable[[], bytes], str]] = [
    ("camt053", "billion-laughs", _billion_laughs, "XML syntax error"),
    (
        "camt053",
        "nesting-100000",
        lambda: PLAIN + _CAMT_ROOT + b"<Stmt>" * 100_000 + b"</Stmt>" * 100_000 + b"</Document>",
        "XML syntax error",
    ),
    ("camt053", "ustrd-30mb", lambda: _ustrd(30 * MB), "XML syntax error"),
    ("camt053", "ustrd-5mb", lambda: _ustrd(5 * MB), "field too large"),
    *_csv_seeds(),
    (
        "cashapp",
        "quoted-field-30mb",
        lambda: PLAIN + _csv_parts("cashapp")[0] + b'x,"' + (b"y" * 1023 + b"\n") * 30_000,
        "unreadable CSV row",
    ),
    (
        "ofx",
        "stmttrn-100000-never-closed",
        lambda: _ofx(b"<STMTTRN><TRNAMT>1" * 100_000),
        "does not end",
    ),
    ("ofx", "stmttrn-9mb", lambda: _ofx(b"<STMTTRN><NAME>" + b"x" * 9 * MB), "too large"),
    ("ofx", "org-9mb", lambda: _ofx(b"<ORG>" + b"x" * 9 * MB), "too large"),
    (
        "mt940",
        "continuation-lines-100000",
        lambda: _mt940(b"and the entry's details go on\n" * 100_000),
        "entry too large",
    ),
    ("mt940", "line-9mb", lambda: _mt940(b"x" * 9 * MB + b"\n"), "line too long"),
    ("mt940", "header-of-100000-lines-then-20-entries", _mt940_long_header, ""),
    (
        "mt940",
        "entry-of-200000-86-lines",
        lambda: _mt940(b":86:more\n" * 200_000),
        "entry too large",
    ),
    (
        "mt940",
        "truncated-gzip",
        lambda: GZ + gzip.compress(sample("mt940") * 40, mtime=0)[:-30],
        "unreadable input",
    ),
]


# -- the seed corpus ---------------------------------------------------------------------------


def _versions(fmt: str, which: int) -> Iterator[tuple[str, bytes]]:
    data = sample(fmt, which)
    header = data[: data.find(b"\n") + 1]
    yield "plain", PLAIN + data
    yield "gz", GZ + gzip.compress(data, mtime=0)
    yield "zst", ZST + zstandard.ZstdCompressor().compress(data)
    yield "half", PLAIN + data[: len(data) // 2]
    yield "header", PLAIN + header
    yield "last-byte-cut", PLAIN + data[:-1]
    yield "gz-truncated", GZ + gzip.compress(data, mtime=0)[:-12]


def corpus() -> dict[str, dict[str, bytes]]:
    """format -> {name: input}: each format's samples, whole and cut short, plain and packed."""
    return {
        fmt: {
            f"{Path(name).stem}-{how}": data
            for which, name in enumerate(names)
            for how, data in _versions(fmt, which)
        }
        for fmt, names in FILES.items()
    }
