"""PayPal activity downloads (CSV): one row a transaction with its day, time and zone in three
columns, its gross amount signed (money out negative), and the two e-mail addresses it went
between. Whose account: ``--account`` (``options.mapping["account"]``), else the address that
stands on every row (found in a first pass, with the order the dates are written in)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
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

FORMAT = "paypal"
REQUIRED = (
    "Date", "Time", "Name", "Type", "Status", "Currency", "Gross", "Net", "From Email Address",
    "To Email Address", "Transaction ID",
)  # fmt: skip
ZONE_COLUMNS = ("TimeZone", "Time Zone")
#: Regions whose PayPal exports write the month first (01/12/2025 is January 12th).
MONTH_FIRST = frozenset({"US", "PH", "CA", "FM", "MH", "PW"})
_DAY = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}")
NO_ACCOUNT = "whose PayPal statement is this? pass --account EMAIL"


@dataclass(slots=True)
class Survey:
    """What a first pass over an export finds: the addresses on every row, and whether its
    dates put the day first (None: nothing tells)."""

    everywhere: set[str] | None = None
    dayfirst: bool | None = None


def detect(path: Path) -> bool:
    first = table.head_rows(path, 1)
    if not first:
        return False
    header = set(table.names(first[0]))
    return set(REQUIRED) <= header and bool(header & set(ZONE_COLUMNS))


def read(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Record | Quarantined]:
    source = options.source or path.name
    opened = table.opened(path, options, progress)
    if isinstance(opened, Quarantined):
        yield opened
        return
    header, found = opened
    if missing := [c for c in REQUIRED if c not in header]:
        raise InputError(f"{path.name} is not a PayPal export: no {', '.join(missing)} column")
    seen = survey(path, header)
    holder = account_of(seen, options)
    if holder is not None:
        origin = Origin(source, f"{path}:1", f"{strip_compression(path.name)} {holder.source_id}")
        yield account_item(holder, origin, options, site="PayPal")
    dayfirst = seen.dayfirst if seen.dayfirst is not None else options.region not in MONTH_FIRST
    for row in found:
        if any(c.strip() for c in row.cells) or row.problem:
            yield _item(row, header, holder, dayfirst, row.origin(source, path), options)


def survey(path: Path, header: list[str]) -> Survey:
    found = Survey()
    for row in table.rows(path):
        if row.line == 1 or row.problem or len(row.cells) != len(header):
            continue
        values = dict(zip(header, row.cells, strict=True))
        addresses = {values[c].strip().lower() for c in REQUIRED[8:10]} - {""}
        if addresses:
            common = found.everywhere
            found.everywhere = addresses if common is None else common & addresses
        if found.dayfirst is None and (day := _DAY.match(values["Date"])):
            first, second = int(day[1]), int(day[2])
            found.dayfirst = True if first > 12 else False if second > 12 else None
    return found


def account_of(found: Survey, options: ReadOptions) -> Holder | None:
    given = given_account(options)
    if given:
        return _holder(given)
    if found.everywhere is not None and len(found.everywhere) == 1:
        return _holder(next(iter(found.everywhere)))
    return None


def _holder(email: str) -> Holder | None:
    found = holders.p2p("paypal", email)
    if found is None or "@" not in email:
        return found
    return replace(found, own={**found.own, "emails": [email.strip()]})


def _item(
    row: table.Row,
    header: list[str],
    holder: Holder | None,
    dayfirst: bool,
    origin: Origin,
    options: ReadOptions,
) -> Record | Quarantined:
    if row.problem:
        return origin.quarantine(row.problem)
    if holder is None:
        return origin.quarantine(NO_ACCOUNT)
    if len(row.cells) != len(header):
        return origin.quarantine(
            f"wrong number of columns: {len(row.cells)}, header has {len(header)}"
        )
    try:
        entry = _entry(dict(zip(header, row.cells, strict=True)), holder, dayfirst, origin)
        return transaction_record(holder, entry, options, FORMAT)
    except BadRecord as exc:
        return origin.quarantine(str(exc))


def _entry(values: dict[str, str], holder: Holder, dayfirst: bool, origin: Origin) -> Entry:
    amount = money.parse(values["Gross"], "gross amount")
    zone = next((values[c] for c in ZONE_COLUMNS if c in values), "").strip()
    when = clock.parse(
        f"{values['Date'].strip()} {values['Time'].strip()}".strip(),
        dayfirst=dayfirst,
        zone_name=zone,
    )
    sender, receiver = (values[c].strip() for c in REQUIRED[8:10])
    other = receiver if sender.lower() == holder.source_id.lower() else sender
    memo = dict.fromkeys(values.get(c, "").strip() for c in ("Item Title", "Subject", "Note"))
    details = {
        "status": values["Status"].strip(),
        "fee": money.optional(values.get("Fee", ""), "fee"),
        "counterparty_payment": payment.clean("paypal", other) or "",
    }
    return Entry(
        origin,
        when,
        amount,
        direction(amount),
        values["Currency"].strip(),
        channels.channel(FORMAT, values["Type"]),
        ref=values["Transaction ID"].strip(),
        name=values["Name"].strip(),
        memo="\n".join(m for m in memo if m),
        details=details,
    )
