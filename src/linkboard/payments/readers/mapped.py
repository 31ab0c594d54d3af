"""Any other statement CSV, through a column mapping (``--map amount=Betrag`` flags or a YAML
file: ``options.mapping``, field -> column), as ``ingest.csv`` reads ads: mapped columns first,
then columns named like the fields. The fields are a transaction's (``FIELDS``) and ``account``,
the statement's own account typed (``iban:DE89…``, ``$tag``, ``venmo:jade``, ``btc:bc1q…``,
``021000021:4400123456``): a column, or, when no column has that name, the account itself.
Never detected: only read with ``--format ledger_csv``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from linkboard.ingest.fields import BadRecord
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import InputError
from linkboard.model import Quarantined, Record
from linkboard.payments.readers import channels, clock, holders, money, table
from linkboard.payments.readers.records import (
    Entry,
    Holder,
    Origin,
    Seen,
    account_item,
    direction,
    mcc,
    transaction_record,
)

FORMAT = "ledger_csv"
#: The transaction fields a column may give besides the account: ``id`` is the statement's own
#: reference for the entry, ``holder`` the account holder's name.
DETAILS = (
    "counterparty_iban", "counterparty_account", "counterparty_bank", "counterparty_payment",
    "counterparty_wallet", "counterparty_card", "merchant", "merchant_country", "status", "fee",
)  # fmt: skip
FIELDS = (
    "id", "account", "holder", "booked_at", "amount", "currency", "direction", "channel",
    "counterparty_name", "memo", "merchant_city", "mcc", *DETAILS,
)  # fmt: skip
REQUIRED = ("account", "booked_at", "amount")
CREDIT = frozenset({"credit", "cr", "c", "in", "+", "deposit", "received"})
DEBIT = frozenset({"debit", "dr", "d", "out", "-", "withdrawal", "sent"})


def detect(path: Path) -> bool:
    return False


def column_map(
    header: list[str], mapping: dict[str, str], given: str = ""
) -> tuple[dict[str, int], str]:
    """field -> column index, and the account when MAPPING gives it rather than a column, or
    GIVEN (``--account``) does and no column is mapped to it."""
    unknown = [f for f in mapping if f not in FIELDS]
    if unknown:
        raise InputError(
            f"unknown field(s) in mapping: {', '.join(unknown)}; use {', '.join(FIELDS)}"
        )
    named = dict(mapping)
    fixed = named.pop("account") if named.get("account", "") not in ("", *header) else ""
    if not fixed and "account" not in named and "account" not in header:
        fixed = given.strip()
    missing = [c for c in named.values() if c not in header]
    if missing:
        raise InputError(f"column(s) not in the CSV header: {', '.join(missing)}")
    named = {**{f: f for f in FIELDS if f in header}, **named}
    for field in REQUIRED:
        if field not in named and not (field == "account" and fixed):
            raise InputError(f"no {field} column: map one with --map {field}=COLUMN")
    return {f: header.index(c) for f, c in named.items()}, fixed


def read(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Record | Quarantined]:
    source = options.source or path.name
    opened = table.opened(path, options, progress)
    if isinstance(opened, Quarantined):
        yield opened
        return
    header, found = opened
    index, fixed = column_map(header, options.mapping, getattr(options, "account", ""))
    seen = Seen()
    for row in found:
        if any(c.strip() for c in row.cells) or row.problem:
            origin = row.origin(source, path)
            yield from _items(row, len(header), index, fixed, origin, options, seen)


def _items(
    row: table.Row,
    width: int,
    index: dict[str, int],
    fixed: str,
    origin: Origin,
    options: ReadOptions,
    seen: Seen,
) -> Iterator[Record | Quarantined]:
    try:
        if row.problem:
            raise BadRecord(row.problem)
        if len(row.cells) != width:
            raise BadRecord(f"wrong number of columns: {len(row.cells)}, header has {width}")
        values = {f: row.cells[i].strip() for f, i in index.items()}
        holder = _holder(fixed or values.get("account", ""))
        record = transaction_record(holder, _entry(values, origin), options, FORMAT)
    except BadRecord as exc:
        yield origin.quarantine(str(exc))
        return
    if seen.first(holder.key):
        account = Origin(origin.source, origin.locator, holder.source_id)
        yield account_item(holder, account, options, name=values.get("holder", ""))
    yield record


def _holder(text: str) -> Holder:
    found = holders.identify(text)
    if found is None:
        raise BadRecord(
            f"account {text[:60]!r} is not an IBAN, a $cashtag or service:name, "
            "a btc:/eth: wallet, or bank:number"
        )
    return found


def _entry(values: dict[str, str], origin: Origin) -> Entry:
    amount = money.parse(values["amount"])
    way = values.get("direction", "").lower()
    side = "credit" if way in CREDIT else "debit" if way in DEBIT else direction(amount)
    kind = values.get("channel", "")
    details = {f: values.get(f, "") for f in DETAILS}
    details["fee"] = money.optional(details["fee"], "fee")
    details["mcc"] = mcc(values.get("mcc", ""))
    return Entry(
        origin,
        clock.parse(values["booked_at"]),
        amount,
        side,
        values.get("currency", ""),
        channels.named(kind) or channels.by_words(kind) or "other",
        ref=values.get("id", ""),
        name=values.get("counterparty_name", ""),
        memo=values.get("memo", ""),
        city=values.get("merchant_city", ""),
        details=details,
    )
