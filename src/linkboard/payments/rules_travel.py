"""Short hotel stays in several cities (FIN_TRAVEL_LODGING): stays made of lodging charges, the
window with the most stay cities, the rides, fast food and pharmacy spending around them; a
salary or business spend (airlines, car and van rental, equipment, instruments, venue bookings)
as counter-evidence, ads moving through the same cities on the same days as strengthening
evidence."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from linkboard.payments.rules_facts import (
    Entry,
    Facts,
    Finding,
    city_key,
    ids,
    listed,
    payer,
    plural,
    ratio,
    span_days,
)
from linkboard.payments.rules_lists import Lists


@dataclass(frozen=True, slots=True)
class Stay:
    """Lodging charges in one city, each within two days of the one before."""

    city: str
    first: float
    last: float
    charges: tuple[Entry, ...]

    @property
    def days(self) -> range:
        return range(int(self.first), int(self.last) + 1)


def travel_lodging(facts: Facts, params: Mapping[str, Any], lists: Lists) -> Finding | None:
    """``min_cities`` cities of short stays (``max_stay_days`` or less) within ``window_days``
    with ``min_support`` kinds of support spending; times ``counter_factor`` when a salary or
    business spend explains the travel and no ad matches it; plus ``comove_bonus`` when linked
    ads are in the stays' cities within ``comove_days`` of them."""
    lodging = _Codes(params["lodging_mccs"], params["lodging_mcc_ranges"])
    stays = [
        s
        for s in _stays(e for e in facts.debits() if e.tx.city and lodging.has(e.tx.mcc))
        if len(s.days) <= int(params["max_stay_days"])
    ]
    if not stays:
        return None
    days, longest = float(params["window_days"]), int(params["max_stay_days"])
    window = _best_window(stays, days)
    # around the stays: a hotel bills on arrival or on departure
    lo, hi = int(window[0].first) - longest, int(window[-1].last) + longest + 1
    support = _support(facts, params, lo, hi)
    cities = {city_key(s.city) for s in window}
    base = min(
        ratio(len(cities), float(params["min_cities"])),
        ratio(len(support), float(params["min_support"])),
    )
    matched = _comoving(window, facts, int(params["comove_days"]))
    counter = _counter(facts, params, lo - days, hi + days)
    strength = base * (float(params["counter_factor"]) if counter and not matched else 1.0)
    strength += float(params["comove_bonus"]) * min(
        1.0, ratio(len(matched), float(params["min_comove"]))
    )
    return _finding(strength, window, support, counter, matched)


def _stays(charges: Iterable[Entry]) -> list[Stay]:
    stays: list[Stay] = []
    for e in charges:
        last = stays[-1] if stays else None
        if last and city_key(last.city) == city_key(e.tx.city) and e.day - last.last <= 2:
            stays[-1] = Stay(last.city, last.first, e.day, (*last.charges, e))
        else:
            stays.append(Stay(e.tx.city.strip(), e.day, e.day, (e,)))
    return stays


def _best_window(stays: list[Stay], days: float) -> list[Stay]:
    """The stays within ``days`` of one another that cover the most cities."""
    best: list[Stay] = []
    for i, s in enumerate(stays):
        window = [t for t in stays[i:] if t.last < s.first + days]
        if len({city_key(t.city) for t in window}) > len({city_key(t.city) for t in best}):
            best = window
    return best


def _support(
    facts: Facts, params: Mapping[str, Any], lo: float, hi: float
) -> dict[str, list[Entry]]:
    kinds = {str(mcc): str(kind) for kind, mccs in params["support_mccs"].items() for mcc in mccs}
    found: dict[str, list[Entry]] = {}
    for e in facts.debits():
        if lo <= e.day < hi and e.tx.mcc in kinds and city_key(e.tx.city) != facts.home:
            found.setdefault(kinds[e.tx.mcc], []).append(e)
    return found


def _counter(facts: Facts, params: Mapping[str, Any], lo: float, hi: float) -> list[str]:
    """What explains the travel: a salary, business spend around it (``lo`` to ``hi``): the
    trips of a salesperson, the tour of a band."""
    found = []
    memo = re.compile(str(params["salary_memo"]), re.IGNORECASE)
    by_payer: dict[str, int] = {}
    for e in facts.group("ach", "credit"):
        if memo.search(e.tx.memo) or memo.search(e.tx.counterparty):
            by_payer[payer(e.tx)] = by_payer.get(payer(e.tx), 0) + 1
    if any(n >= int(params["salary_min_payments"]) for n in by_payer.values()):
        found.append("a salary")
    business = _Codes(params["business_mccs"], params["business_mcc_ranges"])
    spent = sum(1 for e in facts.debits() if lo <= e.day < hi and business.has(e.tx.mcc))
    if spent >= int(params["min_business"]):
        found.append(f"{plural(spent, 'business payment')}")
    return found


def _comoving(stays: Sequence[Stay], facts: Facts, slack: int) -> list[Stay]:
    """The stays some linked ad was posted in the same city within ``slack`` days of."""
    places: dict[str, set[date]] = {}
    for use in facts.ads:
        if use.identifier in facts.generic:
            continue
        for city, day in use.places:
            places.setdefault(city_key(city), set()).add(day)
    ordinals = {c: {d.toordinal() for d in days} for c, days in places.items()}
    return [
        s
        for s in stays
        if any(
            d + k in ordinals.get(city_key(s.city), ())
            for d in s.days
            for k in range(-slack, slack + 1)
        )
    ]


def _finding(
    strength: float,
    window: list[Stay],
    support: dict[str, list[Entry]],
    counter: list[str],
    matched: list[Stay],
) -> Finding:
    charges = [e for s in window for e in s.charges]
    cities = list(dict.fromkeys(s.city for s in window))
    values = {
        "stays": plural(len(window), "short hotel stay"),
        "cities_count": plural(len({city_key(c) for c in cities}), "city", "cities"),
        "cities": listed(cities),
        "days": span_days(charges),
        "support": listed(f"{kind} ({len(es)})" for kind, es in support.items()) or "nothing else",
        "counter": f"; explained in part by {' and '.join(counter)}" if counter else "",
        "comove": (
            f"; linked ads were in {listed(s.city for s in matched)} on the same days"
            if matched
            else ""
        ),
    }
    detail = {
        "cities": cities,
        "stays": [(s.city, _iso(s.first), _iso(s.last)) for s in window],
        "support": {kind: len(es) for kind, es in support.items()},
        "counter": counter,
        "comoving": [s.city for s in matched],
    }
    evidence = [*charges, *(e for es in support.values() for e in es)]
    return Finding(strength, values, ids(evidence), detail)


def _iso(day: float) -> str:
    return date.fromordinal(int(day)).isoformat()


class _Codes:
    """MCCs listed one by one and as inclusive ranges."""

    def __init__(self, codes: Iterable[Any], ranges: Iterable[Sequence[Any]]) -> None:
        self.codes = {str(c) for c in codes}
        self.ranges = [(int(lo), int(hi)) for lo, hi in ranges]

    def has(self, mcc: str) -> bool:
        if mcc in self.codes:
            return True
        return mcc.isdigit() and any(lo <= int(mcc) <= hi for lo, hi in self.ranges)
