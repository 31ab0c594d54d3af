"""ISO 20022 camt.053 bank-to-customer statements, every version (``camt.053.001.02`` to
``.08`` and on: the namespace is matched by its prefix). Read as a stream (``lxml``'s pull parser,
no entities resolved, no network, no huge text nodes), each entry cleared once read, so that a
file of a gigabyte needs little memory. Each statement's account (``Stmt/Acct``) is one account
record, once a file; each entry (``Ntry``) is read by ``camt_entry``. A bad entry is quarantined
and the rest go on; an XML syntax error quarantines the rest of the file with the parser's
words (what was read before it stands)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lxml import etree

from linkboard.ingest.fields import BadRecord
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import STREAM_ERRORS, open_binary
from linkboard.model import Quarantined, Record
from linkboard.payments.readers import holders, table
from linkboard.payments.readers.camt_entry import Element, path, text, texts, transactions
from linkboard.payments.readers.records import (
    Holder,
    Origin,
    Seen,
    account_record,
    transaction_record,
)

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053."
#: How much of the file the parser is given at a time.
CHUNK = 1 << 16


def detect(path: Path) -> bool:
    return NAMESPACE in table.head(path, 4096)


def read(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Record | Quarantined]:
    walk = Walk(options.source or path.name, path, options)
    stream, raw_file = open_binary(path)
    with raw_file, stream:
        yield from walk.run(stream, (lambda: progress(raw_file.tell())) if progress else None)


@dataclass(frozen=True, slots=True)
class Statement:
    """The statement being read: its account, or why its entries cannot be filed."""

    holder: Holder | None
    currency: str = ""
    problem: str = ""


class Walk:
    def __init__(self, source: str, path: Path, options: ReadOptions) -> None:
        self.source, self.path, self.options = source, path, options
        self.format = ""  # camt.053.001.08, once the root element is seen
        self.statement: Statement | None = None
        self.seen = Seen()
        self.refused = False  # not a camt.053 statement: nothing more is read

    def run(
        self, stream: IO[bytes], tick: Callable[[], None] | None
    ) -> Iterator[Record | Quarantined]:
        parser = etree.XMLPullParser(
            events=("end",), resolve_entities=False, no_network=True, huge_tree=False,
            load_dtd=False, remove_comments=True, remove_pis=True,
        )  # fmt: skip
        try:
            while chunk := stream.read(CHUNK):
                parser.feed(chunk)
                yield from self._drain(parser, tick)
                if self.refused:
                    return
            parser.close()
        except etree.XMLSyntaxError as exc:
            yield from self._drain(parser, tick)  # what the parser read before the error
            where = f"{self.path}:{exc.lineno}" if exc.lineno else str(self.path)
            reason = f"XML syntax error, the rest of the file is not read: {exc.msg}"
            yield Quarantined(self.source, where, reason[:300])
            return
        except STREAM_ERRORS as exc:
            reason = f"unreadable input from here on: {exc or type(exc).__name__}"
            yield Quarantined(self.source, str(self.path), reason[:300])
            return
        yield from self._drain(parser, tick)
        if not self.format and not self.refused:
            yield Quarantined(self.source, str(self.path), "no camt.053 statement in this file")

    def _drain(
        self, parser: Any, tick: Callable[[], None] | None
    ) -> Iterator[Record | Quarantined]:
        """What the elements PARSER has finished since it was last asked give."""
        for _, elem in parser.read_events():
            if self.refused:
                return
            if not self.format and (problem := self._root(elem)):
                self.refused = True
                yield Quarantined(self.source, str(self.path), problem)
                return
            yield from self._end(elem)
        if tick is not None:
            tick()

    def _root(self, elem: Element) -> str:
        """Why the document is no camt.053 statement ("" when it is one)."""
        tag = elem.getroottree().getroot().tag
        namespace = tag[1 : tag.find("}")] if isinstance(tag, str) and tag[:1] == "{" else ""
        if not namespace.startswith(NAMESPACE):
            return f"not a camt.053 statement: its namespace is {namespace[:100]!r}"
        self.format = namespace.rsplit(":", 1)[-1]
        return ""

    def _end(self, elem: Element) -> Iterator[Record | Quarantined]:
        tag = elem.tag
        if not isinstance(tag, str):
            return
        name = tag[tag.rfind("}") + 1 :]
        if name == "Ntry":
            yield from self._entry(elem)
            _discard(elem)
        elif name == "Acct" and _local(elem.getparent()) == "Stmt":
            yield from self._account(elem)
        elif name == "Stmt":
            self.statement = None
            _discard(elem)

    def _account(self, acct: Element) -> Iterator[Record | Quarantined]:
        origin = Origin(self.source, f"{self.path}:{acct.sourceline}", _markup(acct))
        holder = _holder(acct)
        if holder is None:
            self.statement = Statement(None, problem="its statement's account has no Id")
            yield origin.quarantine("statement account without an Id (IBAN or Othr/Id)")
            return
        currency = text(acct, "Ccy").upper()
        self.statement = Statement(holder, currency)
        if not self.seen.first(holder.key):
            return
        try:
            yield _account_record(acct, holder, origin, self.options)
        except BadRecord as exc:
            yield origin.quarantine(str(exc))

    def _entry(self, ntry: Element) -> Iterator[Record | Quarantined]:
        origin = Origin(self.source, f"{self.path}:{ntry.sourceline}", _markup(ntry))
        statement = self.statement
        if statement is None or statement.holder is None:
            why = statement.problem if statement else "an entry outside a statement's account"
            yield origin.quarantine(why)
            return
        try:
            found = transactions(ntry, origin, statement.currency)
            fmt = self.format
            records = [transaction_record(statement.holder, e, self.options, fmt) for e in found]
        except BadRecord as exc:
            yield origin.quarantine(str(exc))
            return
        yield from records


def _local(elem: Element | None) -> str:
    tag = elem.tag if elem is not None else ""
    return tag[tag.rfind("}") + 1 :] if isinstance(tag, str) else ""


def _markup(elem: Element) -> str:
    return str(etree.tostring(elem, encoding="unicode", with_tail=False))


def _discard(elem: Element) -> None:
    """Free ELEM and what came before it: a read entry is never needed again."""
    elem.clear(keep_tail=False)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


def _holder(acct: Element) -> Holder | None:
    iban, other = text(acct, "Id/IBAN"), text(acct, "Id/Othr/Id")
    found = holders.iban(iban) if iban else None
    if found is not None or not (iban or other):
        return found
    kind = "card" if text(acct, "Tp/Cd").upper() == "CARD" else "bank"
    bank = text(
        acct, "Svcr/FinInstnId/BIC", "Svcr/FinInstnId/BICFI",
        "Svcr/FinInstnId/ClrSysMmbId/MmbId", "Svcr/FinInstnId/Nm",
    )  # fmt: skip
    return holders.bank(bank, other or iban, kind)


def _account_record(acct: Element, holder: Holder, origin: Origin, options: ReadOptions) -> Record:
    owner = "Ownr/CtctDtls"
    details: dict[str, Any] = {
        "bic": text(acct, "Svcr/FinInstnId/BIC", "Svcr/FinInstnId/BICFI"),
        "currency": text(acct, "Ccy").upper(),
        "phones": texts(acct, f"{owner}/PhneNb") + texts(acct, f"{owner}/MobNb"),
        "emails": texts(acct, f"{owner}/EmailAdr"),
    }
    return account_record(
        holder,
        origin,
        options,
        name=text(acct, "Ownr/Nm", "Ownr/Pty/Nm"),
        site=text(acct, "Svcr/FinInstnId/Nm") or details["bic"],
        address=_address(acct.find(path("Ownr/PstlAdr"))),
        details=details,
    )


def _address(postal: Element | None) -> str:
    """A postal address (``PstlAdr``) on one line: its address lines, else its parts."""
    if postal is None:
        return ""
    lines = texts(postal, "AdrLine")
    if lines:
        return ", ".join(lines)
    street = " ".join(filter(None, (text(postal, "StrtNm"), text(postal, "BldgNb"))))
    town = " ".join(filter(None, (text(postal, "PstCd"), text(postal, "TwnNm"))))
    parts = (street, town, text(postal, "CtrySubDvsn"), text(postal, "Ctry"))
    return ", ".join(p for p in parts if p)
