"""What every statement reader makes: the statement's own account (a ``Holder``) as one account
record, and each entry it booked (an ``Entry``) as a transaction record filed under it
(``data/kinds/account.yaml``, ``transaction.yaml``). Ids come from content alone, so that reading
a statement twice gives the same records with the same ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import iso18245

from linkboard.ingest.fields import MAX_FIELD_CHARS, BadRecord
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import MAX_RECORD_BYTES
from linkboard.model import Provenance, Quarantined, Record, sha256_text
from linkboard.payments.readers import money
from linkboard.payments.readers.clock import Booked


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record's raw text came from: the source's name, ``file:line``, and the text."""

    source: str
    locator: str
    raw: str

    def quarantine(self, reason: str) -> Quarantined:
        return Quarantined(self.source, self.locator, reason, self.raw[:200])


@dataclass(frozen=True, slots=True)
class Holder:
    """The statement's own account: the key its records are filed under (a compact IBAN,
    ``bank:number``, ``cashapp:tag``, ``btc:address``), how its account record holds its
    identifiers (``own``), and how a transaction names it (``named``)."""

    key: str
    source_id: str
    account_type: str
    own: dict[str, Any] = field(default_factory=dict)
    named: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"account:{self.key}"


@dataclass(slots=True)
class Entry:
    """One entry a statement booked, read but not yet a record. ``details`` holds the other
    transaction fields (``counterparty_*``, ``merchant``, ``mcc``, ``status``, ``fee``)."""

    origin: Origin
    booked: Booked
    amount: Decimal  # signed as the statement wrote it; ``direction`` says which way
    direction: str
    currency: str
    channel: str = "other"
    ref: str = ""
    name: str = ""
    memo: str = ""
    city: str = ""
    details: dict[str, str] = field(default_factory=dict)


class Seen:
    """The accounts a file has given a record, the latest LIMIT of them (a file of a million
    wallets is read in bounded memory): one forgotten and met again gives its record again, the
    same record, which the store takes as a repeat."""

    def __init__(self, limit: int = 100_000) -> None:
        self._keys: dict[str, None] = {}
        self._limit = limit

    def first(self, key: str) -> bool:
        """Whether KEY is met for the first time (and remember it)."""
        if key in self._keys:
            return False
        if len(self._keys) >= self._limit:
            del self._keys[next(iter(self._keys))]
        self._keys[key] = None
        return True


def account_record(
    holder: Holder,
    origin: Origin,
    options: ReadOptions,
    *,
    name: str = "",
    site: str = "",
    address: str = "",
    details: dict[str, Any] | None = None,
) -> Record:
    """The account record of HOLDER; DETAILS adds fields (``bic``, ``phones``, ``currency``)."""
    extra = present(
        {
            "source_id": holder.source_id,
            "account_type": holder.account_type,
            **holder.own,
            **(details or {}),
            "holder": name,
            "address": address,
        }
    )
    return checked(
        Record(
            id=holder.id,
            kind="account",
            raw=origin.raw,
            provenance=provenance(origin, options),
            title=name,
            site=site,
            location=address,
            region=options.region,
            extra=extra,
        )
    )


def account_item(
    holder: Holder, origin: Origin, options: ReadOptions, **fields: Any
) -> Record | Quarantined:
    """The account record of HOLDER (``account_record``), or why it cannot be one."""
    try:
        return account_record(holder, origin, options, **fields)
    except BadRecord as exc:
        return origin.quarantine(str(exc))


def transaction_record(holder: Holder, entry: Entry, options: ReadOptions, fmt: str) -> Record:
    """The transaction record of ENTRY, filed under HOLDER; FMT names the statement format."""
    origin = entry.origin
    extra = present(
        {
            "account": holder.id,
            **holder.named,
            "amount": money.text(entry.amount),
            "currency": entry.currency.strip().upper(),
            "direction": entry.direction,
            "channel": entry.channel,
            "counterparty_name": entry.name,
            "merchant_city": entry.city,
            **entry.details,
            "booked_local": entry.booked.local,
            "source_format": fmt,
        }
    )
    ref = entry.ref.strip() or sha256_text(origin.raw)
    return checked(
        Record(
            id=f"txn:{holder.key}:{ref}",
            kind="transaction",
            raw=origin.raw,
            provenance=provenance(origin, options),
            title=entry.name,
            body=entry.memo,
            posted_at=entry.booked.utc,
            location=entry.city,
            region=options.region,
            extra=extra,
        )
    )


def given_account(options: ReadOptions) -> str:
    """The statement's own account as ``--account`` gives it (``options.account``, or
    ``options.mapping["account"]``); "" when it is not given."""
    given = getattr(options, "account", "") or options.mapping.get("account", "")
    return str(given).strip()


def present(values: dict[str, Any]) -> dict[str, Any]:
    """VALUES without the empty ones (an empty text or list, None)."""
    return {k: v for k, v in values.items() if v not in ("", None, [], ())}


def provenance(origin: Origin, options: ReadOptions) -> Provenance:
    return Provenance(origin.source, origin.locator, options.ingested_at, sha256_text(origin.raw))


def checked(record: Record) -> Record:
    """RECORD once its sizes and its text hold: BadRecord when a field is over MAX_FIELD_CHARS,
    the raw text over MAX_RECORD_BYTES, or a text not UTF-8."""
    texts = [record.title, record.body, record.site, record.location, record.id]
    texts += [v for v in record.extra.values() if isinstance(v, str)]
    texts += [i for v in record.extra.values() if isinstance(v, list) for i in v]
    for value in texts:
        if len(value) > MAX_FIELD_CHARS:
            raise BadRecord(f"field too large: {len(value):,} characters")
    size = len(record.raw)
    if size > MAX_RECORD_BYTES // 4:
        size = len(record.raw.encode("utf-8", "surrogatepass"))
    if size > MAX_RECORD_BYTES:
        raise BadRecord(f"record too large: over {MAX_RECORD_BYTES:,} bytes")
    try:
        for value in [record.raw, *texts]:
            value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadRecord("invalid UTF-8 in the entry") from None
    return record


def mcc(text: str) -> str:
    """A merchant category code as ISO 18245 knows it (4 digits), else ""."""
    digits = text.strip()
    if not digits.isdigit() or not 3 <= len(digits) <= 4:
        return ""
    try:
        return str(iso18245.get_mcc(digits.zfill(4)).mcc)
    except (iso18245.MCCNotFound, iso18245.InvalidMCC):
        return ""


def direction(amount: Decimal) -> str:
    """``debit`` for money out (a negative amount), else ``credit``."""
    return "debit" if amount < 0 else "credit"
