"""Incoming payments concentrated at night (FIN_NIGHT_ACTIVITY), judged in local time against
the account's own credits of the same channels: how many arrive at night, from how many payers,
and what share of all of them that is."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from linkboard.payments.rules_facts import (
    Entry,
    Facts,
    Finding,
    ids,
    joined,
    payer,
    plural,
    ratio,
    span_days,
    windows,
)
from linkboard.payments.rules_lists import Lists


def night_credits(facts: Facts, params: Mapping[str, Any], lists: Lists) -> Finding | None:
    """At least ``min_count`` credits (``channels``, timed ones only) between ``night_start``
    and ``night_end`` in one window, from ``min_payers`` distinct payers, and ``min_share`` of
    the window's credits. Debits never count: night spending is not night income."""
    start, end = int(params["night_start"]), int(params["night_end"])
    channels = [str(c) for c in params["channels"]]
    credits = sorted(
        (e for c in channels for e in facts.group(c, "credit") if e.tx.timed),
        key=lambda e: (e.day, e.tx.id),
    )
    if not any(_at_night(e, start, end) for e in credits):
        return None
    best: tuple[float, list[Entry], int] | None = None
    for i, j in windows(credits, float(params["window_days"])):
        if not _at_night(credits[i], start, end):
            continue
        night = [e for e in credits[i:j] if _at_night(e, start, end)]
        payers = len({payer(e.tx) for e in night} - {""})
        strength = min(
            ratio(len(night), float(params["min_count"])),
            ratio(payers, float(params["min_payers"])),
            ratio(len(night) / (j - i), float(params["min_share"])),
        )
        if best is None or strength > best[0]:
            best = (strength, night, j - i)
    assert best is not None
    strength, night, total = best
    who = sorted({payer(e.tx) for e in night} - {""})
    values = {
        "count": len(night),
        "credits": total,
        "channels": joined(channels, "or"),
        "payers": plural(len(who), "distinct payer"),
        "start": f"{start:02d}:00",
        "end": f"{end:02d}:00",
        "days": span_days(night),
        "share": f"{len(night) / total:.0%}",
    }
    detail = {"night": len(night), "credits": total, "payers": who}
    return Finding(strength, values, ids(night), detail)


def _at_night(e: Entry, start: int, end: int) -> bool:
    hour = e.tx.booked_at.hour
    return hour >= start or hour < end if start > end else start <= hour < end
