"""P2P accounts as the CSV the Cash App exports (``cash_app_report_<tag>.csv``): newest row
first, local time with the zone's abbreviation, signed dollar amounts with thousands commas.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from linkboard.synth.payments_book import Entry
from linkboard.synth.payments_roster import Account

HEADER = (
    "Transaction ID",
    "Date",
    "Transaction Type",
    "Currency",
    "Amount",
    "Fee",
    "Net Amount",
    "Asset Type",
    "Asset Price",
    "Asset Amount",
    "Status",
    "Notes",
    "Name of sender/receiver",
    "Account",
)


def dollars(value: Decimal) -> str:
    """``$1,250.00``, ``-$25.00``."""
    return f"{'-' if value < 0 else ''}${abs(value):,.2f}"


def file_name(account: Account) -> str:
    return f"cash_app_report_{account.cashtag}.csv"


def row(entry: Entry) -> list[str]:
    tx = entry.tx
    signed = tx.amount if tx.credit else -tx.amount
    asset = ["", "", ""]
    if entry.asset_price is not None:
        units = (tx.amount / entry.asset_price).quantize(Decimal("0.00000001"))
        asset = ["BTC", dollars(entry.asset_price), f"{units}"]
    return [
        tx.id,
        f"{tx.booked_at:%Y-%m-%d %H:%M:%S} {entry.zone}",
        entry.code,
        tx.currency,
        dollars(signed),
        "$0.00",
        dollars(signed),
        *asset,
        "COMPLETE",
        tx.memo,
        tx.counterparty,
        entry.note,
    ]


def write_cash_app(out_dir: Path, account: Account, entries: list[Entry]) -> str:
    """Write ACCOUNT's report into OUT_DIR; the file's name."""
    name = file_name(account)
    with open(out_dir / name, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(HEADER)
        out.writerows(row(e) for e in reversed(entries))
    return name
