"""OFX statements (Open Financial Exchange, 1.x SGML and 2.x XML; Quicken's .qfx too): the
account each statement names (BANKACCTFROM: bank and number; CCACCTFROM: a card account at the
institution ORG names) and the entries (STMTTRN) booked on it, each read with ofxtools' parser
on its own, so that one bad entry is quarantined and the rest go on. DTPOSTED keeps the offset
it was written with (``20250112234110.000[-5:EST]``)."""

from __future__ import annotations

import codecs
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from ofxtools.Parser import TreeBuilder

from linkboard.ingest.fields import BadRecord
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import STREAM_ERRORS, open_binary
from linkboard.model import Quarantined, Record
from linkboard.payments.readers import channels, clock, holders, money, table
from linkboard.payments.readers.clock import Booked
from linkboard.payments.readers.ofx_stream import Piece, Scanner
from linkboard.payments.readers.records import (
    Entry,
    Holder,
    Origin,
    Seen,
    account_record,
    direction,
    mcc,
    transaction_record,
)

FORMAT = "ofx"
_HEADER = re.compile(r"OFXHEADER\s*[:=]|<\?OFX\b|<OFX>", re.I)
_CHARSET = re.compile(r"(?:CHARSET:|ENCODING:|encoding=[\"'])\s*([A-Za-z0-9_\-]+)", re.I)
_TIME = re.compile(
    r"^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(?:(\d{2})(?:\.\d{1,6})?)?)?"
    r"\s*(?:\[\s*([+-]?\d{1,2})(?:[.:](\d{1,2}))?\s*(?::\s*[A-Za-z]{0,6})?\s*\])?$"
)
#: Values of OFX 1.x CHARSET and ENCODING that are no Python codec's name.
_CODECS = {"1252": "cp1252", "NONE": "utf-8", "UNICODE": "utf-8"}


def detect(path: Path) -> bool:
    return bool(_HEADER.search(table.head(path, 4096)))


def read(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Record | Quarantined]:
    source = options.source or path.name
    head = table.head(path, 4096)
    if not _HEADER.search(head):
        yield Quarantined(source, str(path), "not an OFX file: no OFX header", head[:200])
        return
    statement = Statement(source, path, options)
    stream, raw_file = open_binary(path)
    with raw_file, stream:
        try:
            for piece in Scanner(stream, encoding(head)):
                yield from statement.take(piece)
                if progress is not None:
                    progress(raw_file.tell())
        except STREAM_ERRORS as exc:
            reason = f"unreadable input from here on: {exc or type(exc).__name__}"
            yield Quarantined(source, str(path), reason[:300])
            return
    if not statement.read:
        yield Quarantined(source, str(path), "no OFX statement in this file", head[:200])


def encoding(head: str) -> str:
    """The codec the OFX header names (``CHARSET:1252``, ``encoding="UTF-8"``) when it is a
    byte-per-character one or UTF-8, else UTF-8; ``ENCODING:USASCII`` defers to the CHARSET
    that follows it."""
    for found in _CHARSET.finditer(head):
        try:
            name = codecs.lookup(_CODECS.get(found[1].upper(), found[1])).name
        except (LookupError, ValueError):
            continue
        if name == "utf-8" or name.startswith(("cp", "iso8859", "latin", "mac-")):
            return name
    return "utf-8"


class Statement:
    """What the pieces read so far say: the institution, the currency, the account entries are
    booked on, and the accounts already given a record."""

    def __init__(self, source: str, path: Path, options: ReadOptions) -> None:
        self.source, self.path, self.options = source, path, options
        self.org = ""
        self.currency = ""
        self.holder: Holder | None = None
        self.seen = Seen()
        self.read = 0  # the pieces of a statement read (an ORG alone is none)

    def take(self, piece: Piece) -> Iterator[Record | Quarantined]:
        origin = Origin(self.source, f"{self.path}:{piece.line}", piece.text)
        self.read += piece.name != "ORG"
        try:
            if piece.problem:
                yield origin.quarantine(piece.problem)
            elif piece.name == "ORG":
                self.org = html.unescape(piece.text).strip()
            elif piece.name == "CURDEF":
                self.currency = piece.text.strip().upper()
            elif piece.name == "STMTTRN":
                yield self._transaction(origin)
            else:
                yield from self._account(piece.name, origin)
        except BadRecord as exc:
            yield origin.quarantine(str(exc))

    def _account(self, name: str, origin: Origin) -> Iterator[Record]:
        self.holder = None  # until this one is read: entries after a bad one are not its
        tree = parse(origin.raw)
        number = text(tree, "ACCTID")
        if not number:
            raise BadRecord(f"{name} without ACCTID")
        if name == "CCACCTFROM":
            holder = holders.bank(self.org or "card", number, "card")
        else:
            holder = holders.bank(text(tree, "BANKID"), number)
        self.holder = holder
        if self.seen.first(holder.key):
            details = {"currency": self.currency}
            yield account_record(holder, origin, self.options, site=self.org, details=details)

    def _transaction(self, origin: Origin) -> Record:
        if self.holder is None:
            raise BadRecord("an entry before any readable BANKACCTFROM or CCACCTFROM")
        entry = self._entry(parse(origin.raw), origin)
        return transaction_record(self.holder, entry, self.options, FORMAT)

    def _entry(self, tree: ET.Element, origin: Origin) -> Entry:
        amount = money.parse(text(tree, "TRNAMT"), "TRNAMT")
        kind = text(tree, "TRNTYPE").upper()
        card = self.holder is not None and self.holder.account_type == "card"
        channel = "card" if card and kind == "DEBIT" else channels.channel("ofx", kind)
        name = text(tree, "NAME") or text(tree, "PAYEE/NAME")
        details = {
            "counterparty_account": text(tree, "BANKACCTTO/ACCTID")
            or text(tree, "CCACCTTO/ACCTID"),
            "counterparty_bank": text(tree, "BANKACCTTO/BANKID"),
            "merchant": name if channel == "card" and amount < 0 else "",
            "mcc": mcc(text(tree, "SIC")),
            "merchant_country": text(tree, "PAYEE/COUNTRY"),
        }
        currency = text(tree, "CURRENCY/CURSYM") or text(tree, "ORIGCURRENCY/CURSYM")
        return Entry(
            origin,
            posted(text(tree, "DTPOSTED") or text(tree, "DTUSER")),
            amount,
            direction(amount),
            currency or self.currency,
            channel,
            ref=text(tree, "FITID"),
            name=name,
            memo=text(tree, "MEMO"),
            city=text(tree, "PAYEE/CITY"),
            details=details,
        )


def parse(markup: str) -> ET.Element:
    """An aggregate's markup as ofxtools' parser reads it; BadRecord when it cannot."""
    builder = TreeBuilder()
    try:
        builder.feed(markup)
        return builder.close()
    except Exception as exc:  # ofxtools raises what its regular expressions meet
        raise BadRecord(f"unreadable OFX: {str(exc)[:200] or type(exc).__name__}") from None


def text(tree: ET.Element, path: str) -> str:
    return html.unescape(tree.findtext(path) or "").strip()


def posted(value: str) -> Booked:
    """An OFX date (``20250112``) or time (``20250112234110.000[-5:EST]``), its offset kept."""
    found = _TIME.match(value)
    if found is None:
        raise BadRecord(f"bad DTPOSTED: {value[:40]!r}")
    year, month, day, hour, minute, second, hours, minutes = found.groups()
    try:
        if hour is None:
            return clock.of(date(int(year), int(month), int(day)))
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
        if hours is not None:
            tenths = minutes is not None and len(minutes) == 1  # [+5.5:IST]
            past = int(minutes or 0) * (6 if tenths else 1)
            offset = timedelta(hours=abs(int(hours)), minutes=past)
            moment = moment.replace(tzinfo=timezone(-offset if hours.startswith("-") else offset))
        return clock.of(moment)
    except (ValueError, OverflowError):
        raise BadRecord(f"bad DTPOSTED: {value[:40]!r}") from None
