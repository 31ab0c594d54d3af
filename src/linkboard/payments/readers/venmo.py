"""Venmo statements (the account statement CSV Venmo's site downloads): a few lines before the
header (``Account Statement - (@username)``), one row a transaction, its amount signed
(``+ $20.00`` money in, ``- $20.00`` out), and rows of balances without an ID but with every
column, which are no transactions; a row short of the header's columns is quarantined, with an
ID or without (a quote left open in its first cell makes the rest of the file one cell). Whose
account: ``--account`` (``options.mapping["account"]``), else the username the first lines
name, else the name in From or To on most rows (read in a first pass)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from linkboard.ingest.fields import BadRecord
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import InputError, strip_compression
from linkboard.model import Quarantined, Record
from linkboard.payments.readers import channels, clock, holders, money, table
from linkboard.payments.readers.records import (
    Entry,
    Holder,
    Origin,
    account_item,
    direction,
    given_account,
    transaction_record,
)
from linkboard.values import payment

FORMAT = "venmo"
REQUIRED = ("ID", "Datetime", "Type", "Status", "Note", "From", "To", "Amount (total)")
#: How many distinct names a first pass counts (memory stays bounded whatever the file).
NAMES_KEPT = 10_000
#: How many rows may come before the header.
PREAMBLE_ROWS = 20
_USER = re.compile(r"\(@(?P<user>[A-Za-z0-9_\-]{1,64})\)")
NO_ACCOUNT = "whose Venmo statement is this? pass --account @USERNAME"


@dataclass(slots=True)
class Survey:
    """What a first pass over a statement finds: its header, the username its first lines
    name, and how often each name stands in From or To."""

    header_line: int = 0
    header: list[str] = field(default_factory=list)
    user: str = ""
    names: Counter[str] = field(default_factory=Counter)


def detect(path: Path) -> bool:
    return any(set(REQUIRED) <= set(table.names(r)) for r in table.head_rows(path, PREAMBLE_ROWS))


def read(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Record | Quarantined]:
    source = options.source or path.name
    found = survey(path)
    if not found.header:
        raise InputError(f"{path.name} is not a Venmo statement: no header naming {REQUIRED}")
    holder, name = account_of(found, options)
    if holder is not None:
        origin = Origin(source, f"{path}:1", f"{strip_compression(path.name)} {holder.source_id}")
        yield account_item(holder, origin, options, name=name, site="Venmo")
    for row in table.rows(path, progress):
        if row.line > found.header_line:
            item = _item(row, found.header, holder, row.origin(source, path), options)
            if item is not None:
                yield item


def survey(path: Path) -> Survey:
    found = Survey()
    for row in table.rows(path):
        if row.problem:
            continue
        if found.header:
            values = dict(zip(found.header, row.cells, strict=False))
            if values.get("ID", "").strip():
                sides = (values.get("From", ""), values.get("To", ""))
                found.names.update(n for n in sides if n.strip() and _counted(found.names, n))
        elif row.line > PREAMBLE_ROWS:
            break
        elif set(REQUIRED) <= set(names := table.names(row.cells)):
            found.header, found.header_line = names, row.line
        elif user := _USER.search(" ".join(row.cells)):
            found.user = found.user or user["user"]
    return found


def _counted(names: Counter[str], name: str) -> bool:
    """Whether NAME is counted: every name until there are NAMES_KEPT, then the known ones (the
    holder's is on most rows: it is among the first)."""
    return name in names or len(names) < NAMES_KEPT


def account_of(found: Survey, options: ReadOptions) -> tuple[Holder | None, str]:
    """The statement's account, and its holder's name (the name in From or To most often)."""
    name = found.names.most_common(1)[0][0].strip() if found.names else ""
    user = given_account(options) or found.user
    if user:
        return holders.p2p("venmo", user), name
    if not name:
        return None, ""
    typed = holders.p2p("venmo", name)
    if typed is not None:
        return typed, name
    return Holder(f"venmo:{name.casefold()}", name, "p2p", {"service": "venmo"}), name


def _item(
    row: table.Row, header: list[str], holder: Holder | None, origin: Origin, options: ReadOptions
) -> Record | Quarantined | None:
    """The row's transaction, or why it is none; None for a blank row or a row of balances (no
    ID, every column)."""
    if row.problem:
        return origin.quarantine(row.problem)
    if not any(cell.strip() for cell in row.cells):
        return None
    if len(row.cells) < len(header):
        return origin.quarantine(f"too few columns: {len(row.cells)}, header has {len(header)}")
    values = dict(zip(header, row.cells, strict=False))
    if not values.get("ID", "").strip():
        return None
    if holder is None:
        return origin.quarantine(NO_ACCOUNT)
    try:
        return transaction_record(holder, _entry(values, origin), options, FORMAT)
    except BadRecord as exc:
        return origin.quarantine(str(exc))


def _entry(values: dict[str, str], origin: Origin) -> Entry:
    amount = money.parse(values["Amount (total)"])
    name = (values["To"] if amount < 0 else values["From"]).strip()
    counterparty = payment.clean("venmo", name) if name.startswith("@") else None
    details = {
        "status": values["Status"].strip(),
        "fee": money.optional(values.get("Amount (fee)", ""), "fee"),
        "counterparty_payment": counterparty or "",
    }
    return Entry(
        origin,
        clock.parse(values["Datetime"]),
        amount,
        direction(amount),
        "USD",
        channels.channel(FORMAT, values["Type"]),
        ref=values["ID"].strip(),
        name=name,
        memo=values["Note"].strip(),
        details=details,
    )
