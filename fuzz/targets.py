"""The property every fuzz target checks, one target per input reader.

A target takes the fuzzer's bytes as one input (for the line formats and the payments
channel's statements the first byte picks a plain, .gz or .zst file, the rest is the file as
written), reads it with the real reader, and checks that:

- nothing escapes but the reader's own outcomes: each item is a ``Record`` or a ``Quarantined``
  (an input refused as a whole, ``InputError``, only before any item: a CSV header that names
  no body column, a statement CSV without its format's columns);
- nothing is dropped in silence: each non-blank line of a plain JSON Lines or CDR file gives
  one item, a page gives one, and every rejected one is quarantined with a reason in words;
- every record can be stored: an id, a body, and text that UTF-8 (the store's encoding) holds;
  a statement's record is an account or a transaction (its body, the memo, may be empty), a
  transaction with a time, a direction and an unsigned amount;
- a statement survives every format's ``detect`` (format detection asks each);
- an image gives one fact per reference, hashed or with the reason it is not;
- the social channel's chat exports (Telegram, WhatsApp, Instagram) give records of its kinds,
  each message filed under a chat that has a record, and every message, post or follow entry
  an item (``social_targets``).

Time and memory are bounded by the driver (libFuzzer's ``-timeout`` and ``-rss_limit_mb``) and,
for the hostile seeds, by tests/fuzz.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from linkboard.ingest import detect_format, read
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import MAX_RECORD_BYTES, InputError
from linkboard.model import Quarantined, Record

#: What the first byte of a line-format or statement input picks (its value modulo 3), and the
#: bytes that pick each.
SUFFIXES = ("", ".gz", ".zst")
PLAIN, GZ, ZST = b"\x00", b"\x01", b"\x02"
OPTIONS = ReadOptions(source="fuzz", ingested_at="2026-01-01T00:00:00+00:00")


#: The kinds of error the record stage gives an image (``engine.stages``, ``link.photos``). Its
#: decoder's words are kept as said, a Python object repr at times (``cannot identify image file
#: <_io.BytesIO object at 0x...>``): the web app shows them in words (``web.image_problems``).
IMAGE_ERRORS = ("not an image: ", "unreadable: ", "refused: ", "remote image: ")


class PropertyBroken(AssertionError):
    """A reader broke the property: the fuzzer keeps the input that did it."""


@functools.cache
def scratch() -> Path:
    """A folder of this process's own for the inputs, removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="linkboard-fuzz-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _folder(name: str) -> Path:
    folder = scratch() / name
    folder.mkdir(exist_ok=True)
    return folder


def items_of(
    path: Path,
    fmt: str,
    options: ReadOptions = OPTIONS,
    check: Callable[[object], None] | None = None,
) -> list[Record | Quarantined]:
    """Every item the reader gives for PATH, each checked (by CHECK, ``check_item`` unless
    given); an ``InputError`` only up front."""
    items: list[Record | Quarantined] = []
    check = check or check_item
    try:
        for item in read(path, fmt, options):
            check(item)
            items.append(item)
    except InputError as exc:
        if items:
            raise PropertyBroken(f"input refused after {len(items)} items: {exc}") from None
    return items


def check_item(item: object) -> None:
    """An ad reader's item: quarantined with a reason in words, or a storable record with a body."""
    if is_quarantined(item):
        return
    assert isinstance(item, Record)
    if not item.id or not item.body.strip():
        raise PropertyBroken(f"a record without an id or a body: {item.id!r}")
    check_storable(item)


def is_quarantined(item: object) -> bool:
    """Whether ITEM is quarantined (with a reason in words); PropertyBroken unless it is that or
    a record."""
    if isinstance(item, Quarantined):
        if not item.reason.strip() or "object at 0x" in item.reason:
            raise PropertyBroken(f"quarantined without a reason in words: {item.reason!r}")
        return True
    if not isinstance(item, Record):
        raise PropertyBroken(f"neither a record nor quarantined: {type(item).__name__}")
    return False


def check_storable(item: Record) -> None:
    """Every text of ITEM held by UTF-8, its extra fields by JSON."""
    texts = (
        item.id,
        item.kind,
        item.raw,
        item.title,
        item.body,
        item.url,
        item.site,
        item.location,
        item.region,
        item.posted_at or "",
        *item.images,
    )
    try:
        for text in texts:
            text.encode("utf-8")
        json.dumps(item.extra, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, TypeError, ValueError) as exc:
        raise PropertyBroken(f"record {item.id!r} cannot be stored: {exc}") from None


def line_file(data: bytes, fmt: str, name: str = "") -> tuple[Path, bool]:
    """Write a line-format input (all but its first byte) as NAME (``input.<fmt>`` unless
    given), compressed as its first byte picks; return its path and whether it is plain (its
    lines can be counted)."""
    suffix = SUFFIXES[data[0] % len(SUFFIXES)] if data else ""
    path = _folder(fmt) / f"{name or 'input.' + fmt}{suffix}"
    path.write_bytes(memoryview(data)[1:])  # no copy: a hostile seed may be 30 MB
    return path, not suffix


def lines_in(data: bytes, start: int = 1) -> int:
    """The lines from START a JSON Lines reader must give an item for: non-blank or over-long
    (measured before any copy is made of them)."""
    count = 0
    while start <= len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start > MAX_RECORD_BYTES or data[start:end].strip():
            count += 1
        start = end + 1
    return count


def reasons(items: list[Record | Quarantined]) -> list[str]:
    return [item.reason for item in items if isinstance(item, Quarantined)]


def json_lines(data: bytes, fmt: str = "jsonl") -> list[str]:
    """JSON Lines (or CDR): one item per line. Returns the reasons of what was quarantined."""
    path, plain = line_file(data, fmt)
    if detect_format(path) not in ("jsonl", "cdr"):  # as `linkboard run` does without --format
        raise PropertyBroken(f"{path.name} detected as {detect_format(path)}")
    items = items_of(path, fmt)
    if plain and len(items) != lines_in(data):
        raise PropertyBroken(f"{lines_in(data)} lines gave {len(items)} items")
    return reasons(items)


def cdr(data: bytes) -> list[str]:
    return json_lines(data, "cdr")


def csv(data: bytes) -> list[str]:
    path, plain = line_file(data, "csv")
    items = items_of(path, "csv")
    if plain and len(items) > data.count(b"\n") + data.count(b"\r") + 1:
        raise PropertyBroken(f"more items ({len(items)}) than lines")
    return reasons(items)


def html(data: bytes) -> list[str]:
    folder = _folder("pages")
    (folder / "page.html").write_bytes(data)
    items = items_of(folder, "html")
    if len(items) != 1:
        raise PropertyBroken(f"one page gave {len(items)} items")
    return reasons(items)


def image(data: bytes) -> list[str]:
    """An ad naming one image file with these bytes, read and then hashed as the record stage
    does, after ingest has kept it (or refused it)."""
    from linkboard.engine.stages import RecordStage
    from linkboard.ingest.images import keep_image, stored_image

    folder = _folder("images")
    (folder / "photo.jpg").write_bytes(data)
    ad = {"id": "ad-1", "body": "Call 702-555-0101", "images": ["photo.jpg"]}
    (folder / "ad.jsonl").write_text(json.dumps(ad) + "\n")
    [record] = items_of(folder / "ad.jsonl", "jsonl")
    if not isinstance(record, Record):
        raise PropertyBroken(f"the ad was quarantined: {record.reason}")
    kept = keep_image(_folder("kept"), record.images[0])
    if kept is not None:  # as ingest keeps it; then gone again, so the folder stays small
        (stored_image(_folder("kept"), kept) or Path("/nonexistent")).unlink(missing_ok=True)
    [fact] = RecordStage.images(record)
    if fact.error:
        if not fact.error.startswith(IMAGE_ERRORS):
            raise PropertyBroken(f"an image error of no known kind: {fact.error!r}")
        return [fact.error]
    if len(fact.sha256) != 64 or len(fact.pdq) != 64 or min(fact.width, fact.height) < 1:
        raise PropertyBroken(f"an image hashed without its facts: {fact}")
    return []


# -- the payments channel's statement readers -----------------------------------------------

#: Each statement format, and the name its input is written as: one its reader applies to (Cash
#: App's names the statement's $cashtag).
STATEMENTS = {
    "camt053": "statement.xml",
    "cashapp": "cash_app_report_fuzzqueen.csv",
    "venmo": "venmo_statement.csv",
    "paypal": "paypal_activity.csv",
    "ofx": "statement.ofx",
    "mt940": "statement.sta",
    "crypto_csv": "wallets.csv",
    "ledger_csv": "ledger.csv",
}
#: ``ledger_csv`` reads through a column mapping: the one of the sample ledger export
#: (tests/payments/data/ledger_export.csv), so that its seeds give records.
LEDGER = replace(
    OPTIONS,
    mapping={
        "booked_at": "Buchungstag", "amount": "Betrag", "currency": "Waehrung",
        "counterparty_name": "Empfaenger", "memo": "Verwendungszweck", "id": "Referenz",
        "account": "Konto",
    },
)  # fmt: skip


def statement(data: bytes, fmt: str) -> list[str]:
    """A statement in format FMT (all but the first byte; that picks plain, .gz or .zst): every
    format's ``detect`` survives it (as ``linkboard run`` without --format asks each), and its
    reader gives accounts and transactions, or what it quarantines with the reason."""
    path, _ = line_file(data, fmt, STATEMENTS[fmt])
    with contextlib.suppress(InputError):  # no format knows it: said in one line, as it should
        detect_format(path)
    options = LEDGER if fmt == "ledger_csv" else OPTIONS
    return reasons(items_of(path, fmt, options, check_statement_item))


def check_statement_item(item: object) -> None:
    """A statement reader's item: quarantined with a reason in words, or a storable account or
    transaction record (its body, the entry's memo, may be empty); a transaction has a time, a
    direction and an amount without a sign."""
    if is_quarantined(item):
        return
    assert isinstance(item, Record)
    if not item.id or item.kind not in ("account", "transaction"):
        raise PropertyBroken(f"a record without an id, or of kind {item.kind!r}: {item.id!r}")
    check_storable(item)
    if item.kind == "transaction" and not (
        item.posted_at
        and item.extra.get("direction") in ("credit", "debit")
        and not str(item.extra.get("amount", "-")).startswith("-")
    ):
        raise PropertyBroken(f"transaction {item.id!r} without a time, direction or amount")


# -- the social channel's chat export readers (``social_targets``) ---------------------------

SOCIAL = ("telegram", "whatsapp", "instagram")


def chat_export(data: bytes, fmt: str) -> list[str]:
    """A chat export in format FMT (``social_targets.chat_export``, which builds on the checks
    above)."""
    from fuzz import social_targets

    return social_targets.chat_export(data, fmt)


TARGETS: dict[str, Callable[[bytes], list[str]]] = {
    "jsonl": json_lines,
    "csv": csv,
    "cdr": cdr,
    "html": html,
    "image": image,
    **{fmt: functools.partial(statement, fmt=fmt) for fmt in STATEMENTS},
    **{fmt: functools.partial(chat_export, fmt=fmt) for fmt in SOCIAL},
}
