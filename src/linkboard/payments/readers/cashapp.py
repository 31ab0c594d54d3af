"""Cash App statements as the app exports them (``cash_app_report_<cashtag>.csv``): one row a
transaction, its amount signed (``-$25.00`` money out), its time with a zone abbreviation
(``2025-01-12 23:41:10 EST``). The statement never names its own $cashtag: ``--account`` gives
it (``options.mapping["account"]``), else the file's name; with neither, each row is quarantined
with the reason."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
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

FORMAT = "cashapp"
HEADER = (
    "Transaction ID", "Date", "Transaction Type", "Currency", "Amount", "Fee", "Net Amount",
    "Asset Type", "Asset Price", "Asset Amount", "Status", "Notes", "Name of sender/receiver",
    "Account",
)  # fmt: skip
#: The columns a Cash App statement cannot do without (older exports lack the asset columns).
REQUIRED = (
    "Transaction ID", "Date", "Transaction Type", "Currency", "Amount", "Net Amount", "Status",
    "Notes", "Name of sender/receiver",
)  # fmt: skip
_FILE_NAME = re.compile(r"^cash_app_report_\$?(?P<tag>[^.]+)\.csv$", re.I)
NO_ACCOUNT = (
    "whose Cash App statement is this? pass --account $CASHTAG "
    "(or keep the export's name, cash_app_report_<cashtag>.csv)"
)


def detect(path: Path) -> bool:
    first = table.head_rows(path, 1)
    return bool(first) and set(REQUIRED) <= set(table.names(first[0]))


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
        raise InputError(f"{path.name} is not a Cash App statement: no {', '.join(missing)} column")
    holder = account_of(path, options)
    if holder is not None:
        written = holder.named["account_payment"]
        origin = Origin(source, f"{path}:1", f"{strip_compression(path.name)} {written}")
        yield account_item(holder, origin, options, site="Cash App")
    for row in found:
        if any(c.strip() for c in row.cells) or row.problem:
            yield _item(row, header, holder, row.origin(source, path), options)


def account_of(path: Path, options: ReadOptions) -> Holder | None:
    """The statement's $cashtag: the one ``--account`` gives, else the file name's."""
    given = given_account(options)
    named = _FILE_NAME.match(strip_compression(path.name))
    tag = given or (named["tag"] if named else "")
    return holders.p2p("cashapp", tag) if tag else None


def _item(
    row: table.Row, header: list[str], holder: Holder | None, origin: Origin, options: ReadOptions
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
        entry = _entry(dict(zip(header, row.cells, strict=True)), origin)
        return transaction_record(holder, entry, options, FORMAT)
    except BadRecord as exc:
        return origin.quarantine(str(exc))


def _entry(values: dict[str, str], origin: Origin) -> Entry:
    amount = money.parse(values["Amount"])
    channel = channels.channel(FORMAT, values["Transaction Type"])
    name = values["Name of sender/receiver"].strip()
    details = {
        "status": values["Status"].strip(),
        "fee": money.optional(values.get("Fee", ""), "fee"),
        "counterparty_payment": name if payment.cashtag(name) else "",
        "merchant": name if channel == "card" else "",
    }
    return Entry(
        origin,
        clock.parse(values["Date"]),
        amount,
        direction(amount),
        values["Currency"].strip() or "USD",
        channel,
        ref=values["Transaction ID"].strip(),
        name=name,
        memo=values["Notes"].strip(),
        details=details,
    )
