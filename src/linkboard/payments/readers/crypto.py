"""Crypto transaction CSV files (a wallet's history, an exchange's or a chain explorer's export):
one row a transfer, with the wallet's own address, the counterparty's, the amount, the asset
(BTC, ETH, USDT…), the time (ISO-8601 or epoch) and the transaction hash. Columns are found by
their names and common synonyms, case aside. Each distinct own address is an account, given its
record before its first transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from linkboard.ingest.fields import BadRecord
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import InputError
from linkboard.model import Quarantined, Record
from linkboard.payments.readers import clock, holders, money, table
from linkboard.payments.readers.records import (
    Entry,
    Origin,
    Seen,
    account_item,
    direction,
    transaction_record,
)

FORMAT = "crypto_csv"
#: Each field, and the column names (lower case, letters and digits only) that hold it.
SYNONYMS = {
    "address": ("address", "wallet", "walletaddress", "myaddress", "ownaddress", "owneraddress"),
    "counterparty": (
        "counterparty", "counterpartyaddress", "otheraddress", "peer", "peeraddress",
        "tofrom", "fromto", "otherparty",
    ),
    "amount": ("amount", "value", "quantity", "qty"),
    "asset": ("asset", "coin", "currency", "token", "symbol", "ticker"),
    "time": (
        "time", "timestamp", "date", "datetime", "blocktime", "timeutc", "datetimeutc",
        "createdat", "unixtimestamp",
    ),
    "direction": ("direction", "side", "inout", "type"),
    "hash": ("txhash", "hash", "txid", "transactionhash", "transactionid", "tx", "txnhash"),
    "fee": ("fee", "txfee", "networkfee", "gasfee", "txnfee"),
    "status": ("status",),
}  # fmt: skip
REQUIRED = ("address", "amount", "asset", "time")
CHAINS = {"btc": "Bitcoin", "eth": "Ethereum"}
CREDIT = frozenset({"in", "incoming", "receive", "received", "deposit", "credit", "buy"})
DEBIT = frozenset({"out", "outgoing", "send", "sent", "withdrawal", "debit", "sell"})


def columns(header: list[str]) -> dict[str, int]:
    """field -> the index of the column that holds it (the first that does)."""
    keys = [table.key(name) for name in header]
    found: dict[str, int] = {}
    for name, synonyms in SYNONYMS.items():
        index = next((keys.index(s) for s in synonyms if s in keys), None)
        if index is not None:
            found[name] = index
    return found


def detect(path: Path) -> bool:
    first = table.head_rows(path, 1)
    return bool(first) and {"address", "counterparty", "asset"} <= set(columns(first[0]))


def read(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Record | Quarantined]:
    source = options.source or path.name
    opened = table.opened(path, options, progress)
    if isinstance(opened, Quarantined):
        yield opened
        return
    header, found = opened
    index = columns(header)
    if missing := [f for f in REQUIRED if f not in index]:
        raise InputError(f"{path.name}: no {', '.join(missing)} column for a crypto statement")
    seen = Seen()
    for row in found:
        if any(c.strip() for c in row.cells) or row.problem:
            yield from _items(row, index, row.origin(source, path), options, seen)


def _items(
    row: table.Row, index: dict[str, int], origin: Origin, options: ReadOptions, seen: Seen
) -> Iterator[Record | Quarantined]:
    try:
        if row.problem:
            raise BadRecord(row.problem)
        if len(row.cells) <= max(index.values()):
            raise BadRecord(f"too few columns: {len(row.cells)}")
        values = {field: row.cells[i].strip() for field, i in index.items()}
        holder = holders.wallet(values["address"])
        if holder is None:
            raise BadRecord(f"not a Bitcoin or Ethereum address: {values['address'][:80]!r}")
        entry = _entry(values, origin)
        record = transaction_record(holder, entry, options, FORMAT)
    except BadRecord as exc:
        yield origin.quarantine(str(exc))
        return
    if seen.first(holder.key):
        account = Origin(origin.source, origin.locator, values["address"])
        chain = CHAINS[holder.key.split(":", 1)[0]]
        yield account_item(holder, account, options, site=chain)
    yield record


def _entry(values: dict[str, str], origin: Origin) -> Entry:
    amount = money.parse(values["amount"])
    way = values.get("direction", "").lower()
    side = "credit" if way in CREDIT else "debit" if way in DEBIT else direction(amount)
    other = values.get("counterparty", "")
    wallet = holders.typed_wallet(other) if other else ""
    return Entry(
        origin,
        clock.parse(values["time"]),
        amount,
        side,
        values["asset"].upper(),
        "crypto",
        ref=values.get("hash", ""),
        name="" if wallet else other,
        details={
            "counterparty_wallet": wallet,
            "fee": money.optional(values.get("fee", ""), "fee"),
            "status": values.get("status", ""),
        },
    )
