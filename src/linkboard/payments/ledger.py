"""Accounts and transactions as the rules read them: plain, typed values made from stored
records (``Transaction.of``, ``Account.of``), so the rules are pure functions over them, tested
without a store, and the same whichever reader brought the statement.

A transaction record keeps what its reader found in its ``extra`` fields (``data/kinds/
transaction.yaml``): ``account`` (the account record's id), ``amount`` (a decimal string, never
negative), ``currency``, ``direction`` (``credit`` money in, ``debit`` money out), ``channel`` (one
of :data:`CHANNELS`), ``counterparty_*``, ``merchant``, ``mcc`` (ISO 18245), ``merchant_city``,
``merchant_country`` and ``booked_local`` (the booking time as the statement wrote it, with its
UTC offset where it gave one: night activity is judged in local time).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from linkboard.kinds import kind
from linkboard.model import Record
from linkboard.values import value_type

#: How money moved: cash at a branch or ATM, ACH, a wire, a card payment, a P2P app, crypto.
CHANNELS = ("cash", "ach", "wire", "card", "p2p", "crypto", "fee", "other")
DIRECTIONS = ("credit", "debit")
#: The account types an account record names (``account_type``).
ACCOUNT_TYPES = ("bank", "card", "prepaid", "p2p", "crypto")


@dataclass(frozen=True, slots=True)
class Transaction:
    id: str
    account: str
    booked_at: datetime  # local time as the statement wrote it (naive when it gave no offset)
    amount: Decimal
    currency: str
    direction: str
    channel: str
    counterparty: str = ""  # the counterparty's name
    counterparty_id: str = ""  # its identifier (``payment:cashapp:jade``), when one is known
    merchant: str = ""
    mcc: str = ""
    city: str = ""
    country: str = ""
    memo: str = ""
    timed: bool = True  # False when the statement gave the day only (never read as midnight)

    @property
    def credit(self) -> bool:
        return self.direction == "credit"

    @classmethod
    def of(cls, record: Record) -> Transaction:
        """The transaction RECORD holds, its counterparty's identifier read as its kind
        declares it (the first ``counterparty`` field that holds one)."""
        x = record.extra
        when = str(x.get("booked_local") or record.posted_at or "")
        counterparty_id = next(held_values(record, "counterparty"), "")
        return cls(
            id=record.id,
            account=str(x.get("account", "")),
            booked_at=parse_time(when),
            amount=amount(x.get("amount")),
            currency=str(x.get("currency") or ""),
            direction=str(x.get("direction") or ""),
            channel=str(x.get("channel") or "other"),
            counterparty=record.title,
            counterparty_id=counterparty_id,
            merchant=str(x.get("merchant") or ""),
            mcc=str(x.get("mcc") or ""),
            city=str(x.get("merchant_city") or record.location or ""),
            country=str(x.get("merchant_country") or ""),
            memo=record.body,
            timed="T" in when or " " in when.strip(),
        )


@dataclass(frozen=True, slots=True)
class Account:
    id: str
    source_id: str
    holder: str
    account_type: str
    identifiers: tuple[str, ...]  # its own (self) identifiers, ``kind:value``
    institution: str = ""

    @classmethod
    def of(cls, record: Record, identifiers: tuple[str, ...]) -> Account:
        x = record.extra
        return cls(
            id=record.id,
            source_id=str(x.get("source_id") or record.id),
            holder=record.title,
            account_type=str(x.get("account_type") or ""),
            identifiers=identifiers,
            institution=record.site,
        )


def held_values(record: Record, role: str) -> Iterator[str]:
    """The identifiers (``kind:value``) RECORD's kind declares in ROLE, read from its fields."""
    for held in kind(record.kind).identifiers:
        if held.role != role:
            continue
        text = record.field_text(held.field).strip()
        namespace = record.field_text(held.namespace) if held.namespace else ""
        if text and (value := value_type(held.type).read(text, namespace, record.region)):
            yield f"{held.type}:{value}"


def parse_time(text: str) -> datetime:
    """An ISO-8601 time as written (its offset kept, not converted: local time is what the rules
    judge); the epoch when there is none."""
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return datetime(1970, 1, 1)


def amount(value: Any) -> Decimal:
    """A stored amount as a Decimal (0 when it is not a number)."""
    try:
        found = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)
    return found if found.is_finite() else Decimal(0)
