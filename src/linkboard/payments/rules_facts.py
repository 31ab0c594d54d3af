"""One account's transactions as the payment rules read them: sorted once by local time, grouped
once by channel and direction, amounts as floats, with the account's usual city and the ads that
hold its identifiers. Each rule reads the groups it needs and returns a :class:`Finding`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any, NamedTuple

from linkboard.payments.ledger import Account, Transaction


@dataclass(frozen=True, slots=True)
class AdUse:
    """The ads holding one of an account's identifiers as their own contact, the networks those
    ads are in, and the (city, day) pairs of those networks' ads."""

    identifier: str
    ads: tuple[str, ...]
    networks: tuple[str, ...]
    places: tuple[tuple[str, date], ...] = ()


class Entry(NamedTuple):
    """A transaction with its local time in days (``day``: ordinal plus the fraction of the day)
    and its amount as a float."""

    day: float
    amount: float
    tx: Transaction


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule measured: its strength (1.0 when every threshold of its params is met),
    the values its reason template reads, the evidence transactions and the structured detail."""

    strength: float
    values: dict[str, Any]
    transactions: tuple[str, ...]
    detail: dict[str, Any]


class Facts:
    """The account, its transactions by (channel, direction) in time order, and its ads."""

    def __init__(
        self,
        account: Account,
        transactions: Sequence[Transaction],
        ads: Sequence[AdUse],
        generic: frozenset[str],
    ) -> None:
        self.account = account
        self.ads = tuple(ads)
        self.generic = generic
        entries = sorted(
            (Entry(local_day(t.booked_at), float(t.amount), t) for t in transactions),
            key=lambda e: (e.day, e.tx.id),
        )
        self.entries = entries
        groups: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for e in entries:
            groups[e.tx.channel, e.tx.direction].append(e)
        self.groups = groups

    def group(self, channel: str, direction: str) -> list[Entry]:
        return self.groups.get((channel, direction), [])

    def debits(self) -> Iterator[Entry]:
        return (e for e in self.entries if e.tx.direction == "debit")

    @cached_property
    def home(self) -> str:
        """The account's usual city (normalised): where its card is used most; failing that,
        where most of its transactions other than cash deposits were booked; '' when none."""
        cities = Counter(city_key(e.tx.city) for e in self.group("card", "debit") if e.tx.city)
        if not cities:
            cities = Counter(
                city_key(e.tx.city)
                for e in self.entries
                if e.tx.city and not (e.tx.channel == "cash" and e.tx.direction == "credit")
            )
        return cities.most_common(1)[0][0] if cities else ""

    @cached_property
    def home_label(self) -> str:
        found = next((e.tx.city for e in self.entries if city_key(e.tx.city) == self.home), "")
        return found.strip() or "its usual city"


def local_day(when: datetime) -> float:
    """The wall-clock time as written (its offset ignored: local time is what the rules judge),
    in days."""
    return when.toordinal() + (when.hour * 3600 + when.minute * 60 + when.second) / 86400


def city_key(city: str) -> str:
    """A city as rules compare it: its name before any comma (``Houston, TX, US`` is
    ``houston``), case and spacing folded."""
    return " ".join(city.partition(",")[0].casefold().split())


def windows(entries: Sequence[Entry], days: float) -> Iterator[tuple[int, int]]:
    """``(i, j)`` for each start ``i``: ``entries[i:j]`` are those booked within ``days`` of
    entry ``i`` (entries in time order)."""
    j = 0
    for i, e in enumerate(entries):
        j = max(j, i)
        while j < len(entries) and entries[j].day < e.day + days:
            j += 1
        yield i, j


def ratio(value: float, needed: float) -> float:
    """How far ``value`` goes towards ``needed`` (1.0 at it; no limit above)."""
    return value / needed if needed > 0 else 1.0


def money(value: float) -> str:
    return f"${value:,.0f}" if value == int(value) else f"${value:,.2f}"


def money_range(values: Sequence[float]) -> str:
    """``$9,200–$9,950`` (one amount when they are all the same)."""
    low, high = money(min(values)), money(max(values))
    return low if low == high else f"{low}–{high}"


def span_days(entries: Sequence[Entry]) -> int:
    """Calendar days from the first entry to the last, both counted."""
    if not entries:
        return 0
    return int(entries[-1].day) - int(entries[0].day) + 1


def plural(n: int, word: str, many: str = "") -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def listed(values: Iterable[str], most: int = 5) -> str:
    """``a, b and c`` (sorted, at most ``most`` named)."""
    found = sorted(dict.fromkeys(v for v in values if v))
    more = len(found) - most
    named = found[:most] + ([f"{more} more"] if more > 0 else [])
    if len(named) < 2:
        return "".join(named)
    return ", ".join(named[:-1]) + " and " + named[-1]


def joined(values: Sequence[str], last: str = "and") -> str:
    """``a, b and c`` in the order given."""
    if len(values) < 2:
        return "".join(values)
    return ", ".join(values[:-1]) + f" {last} " + values[-1]


def ids(entries: Iterable[Entry]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.tx.id for e in entries))


def payer(tx: Transaction) -> str:
    """Who paid a credit (its counterparty's identifier, else its name, normalised)."""
    return tx.counterparty_id or city_key(tx.counterparty)
