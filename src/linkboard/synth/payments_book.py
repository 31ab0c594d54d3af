"""One account's statement as it is generated: money moves added in any order, then sorted into
:class:`Entry` values (a :class:`~linkboard.payments.ledger.Transaction` and what a statement
writer needs beside it), with the local clock of the place each move happened.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from functools import cache

from linkboard.payments.ledger import Transaction
from linkboard.synth.clock import utc_offset
from linkboard.synth.lexicon import City

DAY = 86400
#: Share of bank entries whose statement gives the booking day only.
DAY_ONLY = 0.10
#: Night, local: 22:00 to 05:59.
NIGHT_HOURS = (22, 23, 0, 1, 2, 3, 4, 5)
_ZONES = {-5: "E", -6: "C", -7: "M", -8: "P"}
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True, slots=True)
class Entry:
    tx: Transaction
    code: str  # bank: "PMNT/CNTR/CDPT" (domain/family/sub-family); p2p: the Cash App type
    zone: str  # EST, CDT, …: the zone of the local time
    note: str = ""  # bank: Ntry/AddtlNtryInf; p2p: the "Account" column
    asset_price: Decimal | None = None  # a bitcoin buy's price in USD


@dataclass(slots=True)
class _Move:
    ts: int
    seq: int
    city: City
    cents: int
    direction: str
    channel: str
    code: str
    more: dict[str, str]


def start_ts(start: date) -> int:
    return int(datetime(start.year, start.month, start.day, tzinfo=UTC).timestamp())


def at(origin: int, day: int, hour: int, minute: int, city: City, second: int = 0) -> int:
    """The UTC timestamp of HOUR:MINUTE:SECOND local time in CITY on DAY (days after ORIGIN)."""
    wall = origin + day * DAY + hour * 3600 + minute * 60 + second
    return wall - utc_offset(wall - city.utc_offset * 3600, city) * 3600


@cache
def _tz(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


def zone_name(ts: int, city: City) -> str:
    """The zone abbreviation a US clock shows (``EST``, ``PDT``)."""
    hours = utc_offset(ts, city)
    return f"{_ZONES.get(city.utc_offset, 'U')}{'D' if hours != city.utc_offset else 'S'}T"


def cents(amount: float) -> int:
    return round(amount * 100)


def money(value: int) -> Decimal:
    return Decimal(value).scaleb(-2)


def cash_app_id(account: int, n: int) -> str:
    """A Cash App transaction id: seven base-36 letters, one per (account, entry)."""
    value = ((account * 100_003 + n) * 1_000_000_007) % 36**7
    out = ""
    for _ in range(7):
        value, digit = divmod(value, 36)
        out += _BASE36[digit]
    return out


@dataclass(slots=True)
class Book:
    """The moves of one account; :meth:`entries` turns them into its statement."""

    index: int
    key: str
    bank: bool
    rng: random.Random
    moves: list[_Move] = field(default_factory=list)

    def add(
        self,
        ts: int,
        city: City,
        amount: int,
        direction: str,
        channel: str,
        code: str,
        **more: str,
    ) -> None:
        """One move of AMOUNT cents at TS in CITY (whose clock the statement shows). MORE holds
        the Transaction's text fields (counterparty, counterparty_id, merchant, mcc, memo, and
        ``place``: the merchant's or branch's city as the statement writes it), ``note`` and a
        bitcoin buy's ``asset_price``."""
        seq = len(self.moves)
        self.moves.append(_Move(ts, seq, city, amount, direction, channel, code, more))

    def credits(self) -> int:
        return sum(m.cents for m in self.moves if m.direction == "credit")

    def entries(self) -> list[Entry]:
        self.moves.sort(key=lambda m: (m.ts, m.seq))
        return [self._entry(n, m) for n, m in enumerate(self.moves)]

    def _entry(self, n: int, m: _Move) -> Entry:
        when = datetime.fromtimestamp(m.ts, _tz(utc_offset(m.ts, m.city)))
        timed = not (self.bank and self.rng.random() < DAY_ONLY)
        place = m.more.get("place", "")
        tx = Transaction(
            id=f"LB{self.index:07d}{n:05d}" if self.bank else cash_app_id(self.index, n),
            account=f"account:{self.key}",
            booked_at=when if timed else datetime(when.year, when.month, when.day),
            amount=money(m.cents),
            currency="USD",
            direction=m.direction,
            channel=m.channel,
            counterparty=m.more.get("counterparty", ""),
            counterparty_id=m.more.get("counterparty_id", ""),
            merchant=m.more.get("merchant", ""),
            mcc=m.more.get("mcc", ""),
            city=place,
            country="US" if place else "",
            memo=m.more.get("memo", ""),
            timed=timed,
        )
        price = Decimal(m.more["asset_price"]) if "asset_price" in m.more else None
        return Entry(tx, m.code, zone_name(m.ts, m.city), m.more.get("note", ""), price)
