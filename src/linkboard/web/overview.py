"""The overview: what came in, when and from where; activity by city; the new networks.

Counted over a window of days ending at the newest post (found through the ``posted_at``
index), and cached for a minute: the overview is a glance, not a query tool.
"""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta
from typing import Any

from linkboard.store.pages import PageQueries
from linkboard.web.schemas import DayCount, FacetValue, Overview
from linkboard.web.triage import item

WINDOW_DAYS = 28
TOP_CITIES = 8
TTL_SECONDS = 60.0

_cache: dict[tuple[str, int], tuple[float, Overview]] = {}
_lock = threading.Lock()


def overview(store: PageQueries, db_key: str, days: int = WINDOW_DAYS) -> Overview:
    key = (db_key, days)
    with _lock:
        hit = _cache.get(key)
    if hit and time.monotonic() - hit[0] < TTL_SECONDS:
        return hit[1]
    value = _compute(store, days)
    with _lock:
        _cache[key] = (time.monotonic(), value)
    return value


def clear() -> None:
    with _lock:
        _cache.clear()


def _compute(store: PageQueries, days: int) -> Overview:
    newest = store.newest_post()
    end = date.fromisoformat(newest[:10]) if newest else date.today()
    start = (end - timedelta(days=days - 1)).isoformat()
    # one pass over the window (through the posted_at index), aggregated here
    activity = store.activity_since(start)
    posted: dict[str, int] = {}
    ingested: dict[str, int] = {}
    sources: dict[str, int] = {}
    sites: dict[str, int] = {}
    city_days: dict[tuple[str, str], int] = {}
    for day, in_day, source, site, city, count in (
        (a.day, a.ingested, a.source, a.site, a.city, a.count) for a in activity
    ):
        posted[day] = posted.get(day, 0) + count
        ingested[in_day] = ingested.get(in_day, 0) + count
        sources[source or "(none)"] = sources.get(source or "(none)", 0) + count
        sites[site or "(none)"] = sites.get(site or "(none)", 0) + count
        if city:
            city_days[(city, day)] = city_days.get((city, day), 0) + count
    by = {name: [FacetValue(value=v, count=c) for v, c in _top(values, 10)]
          for name, values in (("source", sources), ("site", sites))}  # fmt: skip
    window = [(end - timedelta(days=days - 1 - i)).isoformat() for i in range(days)]
    return Overview(
        records=store.count_records(),
        networks=store.count_networks(),
        window_days=days,
        posted_by_day=[DayCount(day=d, count=posted.get(d, 0)) for d in window],
        ingested_by_day=_filled(ingested, days),
        by_source=by["source"], by_site=by["site"],
        city_activity=_city_activity(city_days, start, end),
        biggest_networks=[item(n) for n in store.new_networks(start, "biggest", 10)],
        riskiest_networks=[item(n) for n in store.new_networks(start, "riskiest", 10)],
    )  # fmt: skip


def _filled(counts: dict[str, int], days: int) -> list[DayCount]:
    """The last ``days`` days up to the newest one in ``counts``, with zeros where none."""
    if not counts:
        return []
    last = date.fromisoformat(max(counts))
    window = [(last - timedelta(days=days - 1 - i)).isoformat() for i in range(days)]
    return [DayCount(day=d, count=counts.get(d, 0)) for d in window]


def _top(values: dict[str, int], n: int) -> list[tuple[str, int]]:
    return sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def _city_activity(
    city_days: dict[tuple[str, str], int], start: str, end: date
) -> list[dict[str, Any]]:
    rows = [(city, day, count) for (city, day), count in city_days.items()]
    totals: dict[str, int] = {}
    for city, _, count in rows:
        totals[city] = totals.get(city, 0) + count
    top = sorted(totals, key=lambda c: -totals[c])[:TOP_CITIES]
    first = date.fromisoformat(start)
    weeks = [
        (first + timedelta(days=7 * i)).isoformat() for i in range((end - first).days // 7 + 1)
    ]
    out = []
    for city in top:
        counts = dict.fromkeys(weeks, 0)
        for c, day, count in rows:
            if c == city:
                week = weeks[min((date.fromisoformat(day) - first).days // 7, len(weeks) - 1)]
                counts[week] += count
        out.append({"city": city, "total": totals[city],
                    "weeks": [{"week": w, "count": n} for w, n in counts.items()]})  # fmt: skip
    return out
