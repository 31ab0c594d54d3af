"""The cash rules: deposits structured under the report threshold (FIN_STRUCTURING) and funnel
accounts (FIN_FUNNEL). Each reads the account's cash deposits in windows of ``window_days`` and
keeps the window where it is strongest."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from typing import Any

from linkboard.payments.rules_facts import (
    Entry,
    Facts,
    Finding,
    city_key,
    ids,
    listed,
    money,
    money_range,
    plural,
    ratio,
    span_days,
    windows,
)
from linkboard.payments.rules_lists import Lists


def structuring(facts: Facts, params: Mapping[str, Any], lists: Lists) -> Finding | None:
    """Cash deposits just under the threshold (within ``below_pct``) clustered in one window:
    at least ``min_count`` of them, making ``min_share`` of all the window's cash deposits. A
    business banking its takings most days, whose varied deposits sometimes land just under the
    threshold, stays under it however many land there; deposits made to stay under it do not
    hide among a few others."""
    threshold = float(params["threshold"])
    low = threshold * (1 - float(params["below_pct"]) / 100)
    deposits = facts.group("cash", "credit")
    best: tuple[float, int, list[Entry], list[Entry]] | None = None
    for i, j in windows(deposits, float(params["window_days"])):
        if not low <= deposits[i].amount < threshold:
            continue
        near = [e for e in deposits[i:j] if low <= e.amount < threshold]
        strength = min(
            ratio(len(near), float(params["min_count"])),
            ratio(len(near) / (j - i), float(params["min_share"])),
        )
        if best is None or (strength, len(near)) > best[:2]:
            best = (strength, len(near), near, deposits[i:j])
    if best is None:
        return None
    strength, count, near, window = best
    amounts = [e.amount for e in near]
    values = {
        "count": count,
        "deposits": len(window),
        "low": money(min(amounts)),
        "high": money(max(amounts)),
        "amounts": money_range(amounts),
        "days": span_days(near),
        "threshold": money(threshold),
        "share": f"{count / len(window):.0%}",
    }
    detail = {"near": count, "deposits": len(window), "amounts": amounts, "threshold": threshold}
    return Finding(strength, values, ids(near), detail)


def funnel(facts: Facts, params: Mapping[str, Any], lists: Lists) -> Finding | None:
    """Runs of cash deposits within ``window_days``, ``min_deposits`` of them in ``min_cities``
    cities other than the account's usual one, ``min_share`` of the run's sum moved out
    (``out_channels`` debits, or buys under ``out_mccs``) from its first deposit until
    ``out_days`` after its last: money gathered in several places and passed on within days."""
    deposits = facts.group("cash", "credit")
    if not any(_away(facts, e) for e in deposits):
        return None
    outs = _Outflows(facts, params)
    best: tuple[float, list[Entry], list[Entry]] | None = None
    for i, j in windows(deposits, float(params["window_days"])):
        if not _away(facts, deposits[i]):
            continue
        run = _Run(params)
        for k in range(i, j):
            run.add(deposits[k], facts)
            moved = outs.between(deposits[i].day, deposits[k].day)
            strength = run.strength(moved)
            if best is None or strength > best[0]:
                best = (strength, deposits[i : k + 1], moved)
    assert best is not None
    return _funnel_finding(facts, params, *best)


def _away(facts: Facts, e: Entry) -> bool:
    return bool(e.tx.city) and city_key(e.tx.city) != facts.home


class _Run:
    """Cash deposits in time order, as a funnel reads them: how many away, in how many cities,
    how much in all."""

    def __init__(self, params: Mapping[str, Any]) -> None:
        self.params = params
        self.away = 0
        self.cities: set[str] = set()
        self.total = 0.0

    def add(self, e: Entry, facts: Facts) -> None:
        self.total += e.amount
        if _away(facts, e):
            self.away += 1
            self.cities.add(city_key(e.tx.city))

    def strength(self, moved: Sequence[Entry]) -> float:
        p = self.params
        share = min(1.0, sum(e.amount for e in moved) / self.total) if self.total else 0.0
        return min(
            ratio(self.away, float(p["min_deposits"])),
            ratio(len(self.cities), float(p["min_cities"])),
            ratio(share, float(p["min_share"])),
        )


def _share(moved: Sequence[Entry], deposits: Sequence[Entry]) -> float:
    total = sum(e.amount for e in deposits)
    return min(1.0, sum(e.amount for e in moved) / total) if total else 0.0


def _funnel_finding(
    facts: Facts,
    params: Mapping[str, Any],
    strength: float,
    window: list[Entry],
    moved: list[Entry],
) -> Finding:
    total, out = sum(e.amount for e in window), sum(e.amount for e in moved)
    away = [e for e in window if _away(facts, e)]
    cities = sorted({e.tx.city.strip() for e in away}, key=city_key)
    values = {
        "deposits": len(window),
        "away": len(away),
        "total": money(total),
        "cities_count": plural(len({city_key(c) for c in cities}), "city", "cities"),
        "cities": listed(cities),
        "home": facts.home_label,
        "days": span_days(window),
        "moved": money(min(out, total)),
        "share": f"{_share(moved, window):.0%}",
        "channels": listed(e.tx.channel for e in moved) or "no channel",
        "out_days": params["out_days"],
    }
    detail = {
        "home": facts.home_label,
        "cities": cities,
        "deposited": total,
        "moved_out": out,
        "outflows": list(ids(moved)),
    }
    return Finding(strength, values, ids([*window, *moved]), detail)


class _Outflows:
    """The debits that move money on (``out_channels``, ``out_mccs``), in time order."""

    def __init__(self, facts: Facts, params: Mapping[str, Any]) -> None:
        channels = {str(c) for c in params["out_channels"]}
        mccs = {str(m) for m in params.get("out_mccs") or ()}
        self.outs = [e for e in facts.debits() if e.tx.channel in channels or e.tx.mcc in mccs]
        self.at = [e.day for e in self.outs]
        self.days = float(params["out_days"])

    def between(self, first: float, last: float) -> list[Entry]:
        """The debits from ``first`` until ``days`` after ``last``."""
        lo = bisect_left(self.at, first)
        return self.outs[lo : bisect_right(self.at, last + self.days, lo)]
