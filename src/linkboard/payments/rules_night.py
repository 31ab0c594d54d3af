"""Incoming payments concentrated at night (FIN_NIGHT_ACTIVITY), judged in local time against
the account's own credits of the same channels: how many of a paying size arrive at night, from
how many payers (a repeat payer counting only so often, a standing monthly payment not at all),
and what share of all of them that is.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from linkboard.payments.rules_facts import (
    Entry,
    Facts,
    Finding,
    ids,
    joined,
    money,
    payer,
    plural,
    ratio,
    span_days,
    windows,
)
from linkboard.payments.rules_lists import Lists


def night_credits(facts: Facts, params: Mapping[str, Any], lists: Lists) -> Finding | None:
    """Credits (``channels``, timed ones only) of at least ``min_amount`` between
    ``night_start`` and ``night_end``, in one window: ``min_count`` of them (a payer's counting
    at most ``max_per_payer`` times) on ``min_nights`` nights, from ``min_payers`` distinct
    payers, and ``min_share`` of all the window's credits (of any amount). Debits never count
    (night spending is not night income), nor do tips and small sales under the floor, nor
    standing monthly payments (the same payer and amount ``schedule_days`` apart: rent, an
    allowance)."""
    start, end = int(params["night_start"]), int(params["night_end"])
    channels = [str(c) for c in params["channels"]]
    floor = float(params["min_amount"])
    credits = sorted(
        (e for c in channels for e in facts.group(c, "credit") if e.tx.timed),
        key=lambda e: (e.day, e.tx.id),
    )
    standing = _standing((e for e in credits if e.amount >= floor), params)

    def counted(e: Entry) -> bool:
        return e.amount >= floor and _at_night(e, start, end) and e.tx.id not in standing

    best: tuple[float, list[Entry], int] | None = None
    for i, j in windows(credits, float(params["window_days"])):
        if not counted(credits[i]):
            continue
        night = [e for e in credits[i:j] if counted(e)]
        strength = _strength(night, j - i, params, end)
        if best is None or strength > best[0]:
            best = (strength, night, j - i)
    if best is None:
        return None
    return _finding(best, channels, start, end, floor)


def _standing(credits: Iterable[Entry], params: Mapping[str, Any]) -> set[str]:
    """The ids of credits a payer repeats about a month before or after (``schedule_days``
    apart, within ``schedule_tolerance`` of the amount): a standing arrangement, not a sale."""
    low, high = (float(d) for d in params["schedule_days"])
    tolerance = float(params["schedule_tolerance"])
    by_payer: dict[str, list[Entry]] = defaultdict(list)
    for e in credits:
        if payer(e.tx):
            by_payer[payer(e.tx)].append(e)
    found: set[str] = set()
    for entries in by_payer.values():
        for i, e in enumerate(entries):
            for later in entries[i + 1 :]:
                if later.day - e.day > high:
                    break
                same = abs(later.amount - e.amount) <= tolerance * max(e.amount, later.amount)
                if same and later.day - e.day >= low:
                    found |= {e.tx.id, later.tx.id}
    return found


def _strength(night: Sequence[Entry], total: int, params: Mapping[str, Any], end: int) -> float:
    payers = Counter(payer(e.tx) for e in night)
    nights = {_night_of(e, end) for e in night}
    most = int(params["max_per_payer"])
    # a credit without a payer (cash paid in) counts once, as from a payer of its own
    weighed = payers.pop("", 0) + sum(min(n, most) for n in payers.values())
    return min(
        ratio(weighed, float(params["min_count"])),
        ratio(len(payers), float(params["min_payers"])),
        ratio(len(nights), float(params["min_nights"])),
        ratio(len(night) / total, float(params["min_share"])),
    )


def _finding(
    best: tuple[float, list[Entry], int], channels: list[str], start: int, end: int, floor: float
) -> Finding:
    strength, night, total = best
    who = sorted({payer(e.tx) for e in night} - {""})
    repeats = sum(n - 1 for n in Counter(payer(e.tx) for e in night if payer(e.tx)).values())
    nights = len({_night_of(e, end) for e in night})
    values = {
        "count": len(night),
        "nights": plural(nights, "night"),
        "credits": total,
        "channels": joined(channels, "or"),
        "floor": money(floor),
        "payers": plural(len(who), "distinct payer"),
        "repeats": plural(repeats, "repeat payment"),
        "start": f"{start:02d}:00",
        "end": f"{end:02d}:00",
        "days": span_days(night),
        "share": f"{len(night) / total:.0%}",
    }
    detail = {
        "night": len(night),
        "credits": total,
        "payers": who,
        "repeats": repeats,
        "nights": nights,
    }
    return Finding(strength, values, ids(night), detail)


def _night_of(e: Entry, end: int) -> int:
    """The day whose night ``e`` falls in (a credit before ``end`` o'clock belongs to the night
    before)."""
    return int(e.day - end / 24)


def _at_night(e: Entry, start: int, end: int) -> bool:
    hour = e.tx.booked_at.hour
    return hour >= start or hour < end if start > end else start <= hour < end
