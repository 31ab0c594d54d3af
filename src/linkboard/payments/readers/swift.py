"""SWIFT MT940 statements: each statement (from ``:20:``) names its account (``:25:``, an IBAN
or ``bank/number``) and its opening balance (``:60F:``, which gives the currency), then its
entries (``:61:``, with the ``:86:`` details after it). Read line by line: each statement's
header is parsed by the mt940 package once, and each entry on its own with what its header
said, so that a bad one is quarantined and the rest go on, and no statement is ever held whole.
An entry is capped (``MAX_ENTRY_CHARS``), and its ``:86:`` lines are joined before the package
reads it (``joined``): time stays linear in the input."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mt940

from linkboard.ingest.fields import MAX_FIELD_CHARS, BadRecord
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import MAX_RECORD_BYTES, Damaged, open_binary, read_lines
from linkboard.model import Quarantined, Record
from linkboard.payments.readers import channels, clock, holders, table
from linkboard.payments.readers.records import (
    Entry,
    Holder,
    Origin,
    Seen,
    account_item,
    direction,
    transaction_record,
)

FORMAT = "mt940"
OPTIONS = mt940.Options.all()
# The package logs each line it cannot parse as an error: the quarantine says so instead.
logging.getLogger("mt940").addHandler(logging.NullHandler())
_TAG = re.compile(r"^:(\d{2}[A-Z]?|NS):")
#: The sender's logical terminal in a SWIFT basic header: a BIC8, a terminal letter, a branch.
_BIC = re.compile(r"\{1:F01([A-Z0-9]{8})[A-Z0-9]([A-Z0-9]{3})")
_OBJECT = re.compile(r"<[^<>]{0,200} object at 0x[0-9a-fA-F]+>")
_DETECT = (re.compile(r"(?m)^:20:"), re.compile(r"(?m)^:25:"), re.compile(r"(?m)^:6[01][FMC]?:"))
#: The most characters an entry (its :61: line and the details after it) may have; one longer
#: is quarantined unread. A record holds no field longer (``fields.MAX_FIELD_CHARS``).
MAX_ENTRY_CHARS = MAX_FIELD_CHARS
ENTRY_TOO_LARGE = f"entry too large: over {MAX_ENTRY_CHARS:,} characters"


def detect(path: Path) -> bool:
    head = table.head(path, 4096)
    return all(tag.search(head) for tag in _DETECT)


def read(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Record | Quarantined]:
    statements = Statements(options.source or path.name, path, options)
    stream, raw_file = open_binary(path)
    with raw_file, stream:
        for number, line in read_lines(stream):
            if isinstance(line, Damaged):
                yield from statements.close()
                yield Quarantined(statements.source, f"{path}:{number}", line.reason)
                return
            yield from statements.feed(number, _decoded(line))
            if progress is not None:
                progress(raw_file.tell())
        yield from statements.close()


def _decoded(line: bytes | None) -> str | None:
    if line is None:
        return None
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = line.decode("latin-1")
    return text.lstrip("\ufeff").rstrip("\r\n")


@dataclass(slots=True)
class Part:
    """Lines being gathered: a statement's header, or an entry; ``problem`` once one is wrong."""

    line: int
    lines: list[str]
    limit: int = MAX_RECORD_BYTES
    too_large: str = f"record too large: over {MAX_RECORD_BYTES:,} bytes"
    size: int = 0
    problem: str = ""

    def add(self, text: str | None) -> None:
        if text is None:
            self.problem = f"line too long: over {MAX_RECORD_BYTES:,} bytes"
            return
        self.size += len(text) + 1
        if self.size > self.limit:
            self.problem = self.too_large
        elif not self.problem:
            self.lines.append(text)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(slots=True)
class Context:
    """A statement's header once read: what the mt940 package found in it (balances, the
    reference), the account and its currency, or the problem that keeps its entries from being
    read."""

    statement: dict[str, Any]
    holder: Holder | None = None
    currency: str = ""
    problem: str = ""


class Statements:
    """The statements of a file, fed line by line."""

    def __init__(self, source: str, path: Path, options: ReadOptions) -> None:
        self.source, self.path, self.options = source, path, options
        self.bic = ""
        self.header: Part | None = None
        self.context: Context | None = None
        self.entry: Part | None = None
        self.seen = Seen()

    def feed(self, number: int, text: str | None) -> Iterator[Record | Quarantined]:
        tag = _TAG.match(text or "")
        name = tag[1] if tag else None
        if text is not None and (text.startswith("{") or text.strip() in ("-", "-}")):
            self.bic = (found[1] + found[2] if (found := _BIC.search(text)) else "") or self.bic
            yield from self.close()
        elif name == "20":
            yield from self.close()
            self.header = Part(number, [text or ""])
        elif name == "61":
            yield from self._end_entry()
            yield from self._begin()
            if self.context is None:
                where = f"{self.path}:{number}"
                yield Quarantined(
                    self.source, where, "an entry (:61:) outside any statement (:20:)"
                )
            self.entry = _entry_part(number, text or "") if self.context is not None else None
        elif name in (None, "86", "NS"):
            part = self.entry or (self.header if self.context is None else None)
            if part is not None:
                part.add(text)
        else:  # :62F:, :64:, :65: close the entries; :25:, :28C:, :60F: belong to the header
            yield from self._end_entry()
            if self.header is not None and self.context is None:
                self.header.add(text)

    def close(self) -> Iterator[Record | Quarantined]:
        """End the statement being read."""
        yield from self._end_entry()
        yield from self._begin()
        self.header, self.context = None, None

    def _begin(self) -> Iterator[Record | Quarantined]:
        """Read the statement's header, once, and give its account a record."""
        if self.header is None or self.context is not None:
            return
        origin = Origin(self.source, f"{self.path}:{self.header.line}", self.header.text)
        self.context = context = _context(self.header, self.bic)
        if context.problem:
            yield origin.quarantine(context.problem)
        elif context.holder is not None and self.seen.first(context.holder.key):
            details = {"currency": context.currency, "bic": self.bic}
            yield account_item(context.holder, origin, self.options, site=self.bic, details=details)

    def _end_entry(self) -> Iterator[Record | Quarantined]:
        entry, self.entry = self.entry, None
        if entry is None or self.context is None:
            return
        origin = Origin(self.source, f"{self.path}:{entry.line}", entry.text)
        try:
            if entry.problem or self.context.problem or self.context.holder is None:
                raise BadRecord(entry.problem or f"its statement: {self.context.problem}")
            built = _entry(self.context, origin, joined(entry.lines))
            yield transaction_record(self.context.holder, built, self.options, FORMAT)
        except BadRecord as exc:
            yield origin.quarantine(str(exc))


def _entry_part(number: int, text: str) -> Part:
    part = Part(number, [], MAX_ENTRY_CHARS, ENTRY_TOO_LARGE)
    part.add(text)
    return part


def joined(lines: list[str]) -> str:
    """An entry's lines as the mt940 package is to read them: each :86: (or :NS:) after the
    first of its tag goes on after that one's lines, as a line of their own. The package would
    join it to the first by ``+=``, copying all that came before: quadratic time."""
    blocks: dict[str, list[str]] = {}
    tag = ""
    for line in lines:
        found = _TAG.match(line)
        if found is not None:
            tag = found[1]
            if tag in blocks:
                rest = line[found.end() :].strip()
                line = " " + rest if rest.startswith(":") else rest  # read as no tag
        blocks.setdefault(tag, []).append(line)
    return "\n".join(line for block in blocks.values() for line in block)


def _context(header: Part, bic: str) -> Context:
    """What HEADER says, parsed once for all its statement's entries."""
    if header.problem:
        return Context({}, problem=f"statement header: {header.problem}")
    try:
        data = _parsed(header.text).data
    except BadRecord as exc:
        return Context({}, problem=str(exc))
    account = str(data.get("account_identification") or "").strip()
    if not account:
        return Context(data, problem="statement without an account (:25:)")
    holder = holders.iban(account.split()[0]) or _bank(account, bic)
    balance = data.get("final_opening_balance") or data.get("opening_balance")
    currency = str(getattr(getattr(balance, "amount", None), "currency", "") or "")
    return Context(data, holder, currency)


def _bank(account: str, bic: str) -> Holder:
    """``bank/number`` (a German BLZ and account, say), or a number at the sender's bank."""
    code, _, number = account.rpartition("/")
    return holders.bank(code or bic, number or account)


def _parsed(text: str, statement: dict[str, Any] | None = None) -> mt940.models.Transactions:
    """TEXT as the mt940 package reads it, after a header that said STATEMENT."""
    found = mt940.models.Transactions(options=OPTIONS)
    found.data.update(statement or {})
    try:
        found.parse(text)
    except Exception as exc:  # the package raises what its patterns and Decimal raise
        raise BadRecord(f"unreadable MT940: {_words(exc)}") from None
    return found


def _words(exc: Exception) -> str:
    said = exc.args[0] if exc.args and isinstance(exc.args[0], str) else ""
    return _OBJECT.sub("a tag", said)[:200] or type(exc).__name__


def _entry(context: Context, origin: Origin, text: str) -> Entry:
    found = _parsed(text, context.statement)
    if len(found) != 1 or "amount" not in found[0].data:
        raise BadRecord("unreadable MT940 entry: no :61: statement line")
    data: dict[str, Any] = found[0].data
    amount, booked = data["amount"].amount, data.get("entry_date") or data.get("date")
    if booked is None:
        raise BadRecord("unreadable MT940 entry: no date")
    kind = str(data.get("id") or "")
    counterparty = str(data.get("applicant_iban") or data.get("gvc_applicant_iban") or "")
    iban = holders.iban(counterparty)
    details = {
        "counterparty_iban": counterparty if iban else "",
        "counterparty_account": "" if iban else counterparty,
        "counterparty_bank": str(data.get("applicant_bin") or data.get("gvc_applicant_bin") or ""),
    }
    memo = data.get("purpose") or data.get("transaction_details") or data.get("extra_details")
    reference = str(data.get("bank_reference") or "").strip()
    return Entry(
        origin,
        clock.of(booked),
        amount,
        direction(amount),
        str(data["amount"].currency or context.currency),
        _channel(kind),
        ref="" if reference.upper() == "NONREF" else reference,
        name=str(data.get("applicant_name") or "").strip(),
        memo=str(memo or "").strip(),
        details=details,
    )


def _channel(kind: str) -> str:
    """The channel a :61: transaction type (``NTRF``, ``S103``) names."""
    found = channels.lookup("swift", kind[1:]) if len(kind) == 4 else None
    if found is None and kind[:1].upper() == "S" and kind[1:].isdigit():
        return "wire"
    return found or "other"
