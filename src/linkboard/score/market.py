"""The local market: median hourly price per city per month, computed from the corpus.

Build it once per corpus (or per batch window) with ``market_prices`` over the observations of
``price_observations(record, mentions)``, then hand it to ``record_hits(..., market=market)``.
A price is turned into an hourly price linearly (``150 USD/30min`` -> 300 USD/hour); prices
without a duration, or for less than 15 minutes or more than 4 hours, are left out.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from linkboard.model import Mention, Record

MIN_MINUTES, MAX_MINUTES = 15, 240


@dataclass(frozen=True, slots=True)
class PriceObservation:
    """One ad's hourly price in one city and month (``YYYY-MM``)."""

    city: str
    month: str
    currency: str
    hourly: float


@dataclass(frozen=True, slots=True)
class MarketPrice:
    """The median the rule compares with: value, number of ads, and which period it covers."""

    median: float
    n: int
    period: str  # "YYYY-MM", or "all months" when the month alone had too few ads


@dataclass(frozen=True)
class Market:
    """Median hourly prices by (city, month, currency), and by (city, currency) over all months."""

    by_month: dict[tuple[str, str, str], tuple[float, int]] = field(default_factory=dict)
    by_city: dict[tuple[str, str], tuple[float, int]] = field(default_factory=dict)

    def price(self, city: str, month: str, currency: str, min_n: int) -> MarketPrice | None:
        """The median of the month (``min_n`` ads or more), else of the city, else None."""
        med, n = self.by_month.get((city, month, currency), (0.0, 0))
        if n >= min_n:
            return MarketPrice(med, n, month)
        med, n = self.by_city.get((city, currency), (0.0, 0))
        return MarketPrice(med, n, "all months") if n >= min_n else None


def market_prices(observations: Iterable[PriceObservation]) -> Market:
    """The market table of a corpus: medians per city and month, and per city."""
    cells: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    cities: dict[tuple[str, str], list[float]] = defaultdict(list)
    for o in observations:
        cells[(o.city, o.month, o.currency)].append(o.hourly)
        cities[(o.city, o.currency)].append(o.hourly)
    return Market(
        {k: (statistics.median(v), len(v)) for k, v in cells.items()},
        {k: (statistics.median(v), len(v)) for k, v in cities.items()},
    )


def hourly_price(m: Mention) -> tuple[float, str] | None:
    """(price per hour, currency) of a ``price`` mention with a duration, else None."""
    data = m.data or {}
    try:
        amount, currency = float(data["amount"]), str(data["currency"])
        minutes = int(data["minutes"])
    except (KeyError, TypeError, ValueError):
        return _parse_value(m.value)
    if amount <= 0 or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        return None
    return amount * 60 / minutes, currency


def _parse_value(value: str) -> tuple[float, str] | None:
    """Fallback on the normalised value ``<amount> <CUR>/<minutes>min``."""
    try:
        amount, rest = value.split(" ", 1)
        currency, dur = rest.split("/", 1)
        minutes = int(dur.removesuffix("min"))
        price = float(amount)
    except ValueError:
        return None
    if price <= 0 or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        return None
    return price * 60 / minutes, currency


def record_city(record: Record, mentions: Iterable[Mention]) -> str:
    """The ad's city: its first ``location`` mention, preferring the record's location field."""
    locs = [m for m in mentions if m.kind == "location"]
    locs.sort(key=lambda m: (m.field != "location", m.field, m.start))
    return locs[0].value if locs else ""


def record_month(record: Record) -> str:
    """``YYYY-MM`` of the posting time, or "" when unknown."""
    posted = record.posted_at or ""
    return posted[:7] if len(posted) >= 7 and posted[4] == "-" else ""


def price_observations(record: Record, mentions: list[Mention]) -> list[PriceObservation]:
    """The market observations one record gives: one per hourly-convertible price."""
    city, month = record_city(record, mentions), record_month(record)
    if not city or not month:
        return []
    out = []
    for m in mentions:
        if m.kind == "price" and (hp := hourly_price(m)) is not None:
            out.append(PriceObservation(city, month, hp[1], hp[0]))
    return out
