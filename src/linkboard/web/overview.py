"""The overview: what came in, when and from where; activity by city; the new networks.

Counted over a window of days ending at the newest post (found through the ``posted_at``
index), and cached for a minute: the overview is a glance, not a query tool.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import date, timedelta

from linkboard.web.reasons import reasons
from linkboard.web.schemas import DayCount, FacetValue, Overview, TriageItem

WINDOW_DAYS = 28
TOP_CITIES = 8
TTL_SECONDS = 60.0

_cache: dict[tuple[str, int], tuple[float, Overview]] = {}
_lock = threading.Lock()


def overview(db: sqlite3.Connection, db_key: str, days: int = WINDOW_DAYS) -> Overview:
    key = (db_key, days)
    with _lock:
        hit = _cache.get(key)
    if hit and time.monotonic() - hit[0] < TTL_SECONDS:
        return hit[1]
    value = _compute(db, days)
    with _lock:
        _cache[key] = (time.monotonic(), value)
    return value


def clear() -> None:
    with _lock:
        _cache.clear()


def _compute(db: sqlite3.Connection, days: int) -> Overview:
    newest = db.execute("SELECT max(posted_at) FROM records").fetchone()[0]
    end = date.fromisoformat(newest[:10]) if newest else date.today()
    start = (end - timedelta(days=days - 1)).isoformat()
    q = db.execute
    # one pass over the window (through the posted_at index), aggregated here
    rows = q(
        "SELECT substr(posted_at, 1, 10), substr(ingested_at, 1, 10), source, site, city, "
        "count(*) FROM records WHERE posted_at >= ? GROUP BY 1, 2, 3, 4, 5",
        (start,),
    ).fetchall()
    posted: dict[str, int] = {}
    ingested: dict[str, int] = {}
    sources: dict[str, int] = {}
    sites: dict[str, int] = {}
    city_days: dict[tuple[str, str], int] = {}
    for day, in_day, source, site, city, count in rows:
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
        records=q("SELECT count(*) FROM records").fetchone()[0],
        networks=q("SELECT count(*) FROM networks").fetchone()[0],
        window_days=days,
        posted_by_day=[DayCount(day=d, count=posted.get(d, 0)) for d in window],
        ingested_by_day=_filled(ingested, days),
        by_source=by["source"], by_site=by["site"],
        city_activity=_city_activity(city_days, start, end),
        biggest_networks=_networks(db, start, "size DESC, risk DESC"),
        riskiest_networks=_networks(db, start, "possible_minor DESC, risk DESC, size DESC"),
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


def _city_activity(city_days: dict[tuple[str, str], int], start: str, end: date) -> list[dict]:
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


def _networks(db: sqlite3.Connection, start: str, order: str) -> list[TriageItem]:
    rows = db.execute(
        "SELECT id, name, size, risk, possible_minor, last_seen, breakdown FROM networks "
        f"WHERE first_seen >= ? AND risk IS NOT NULL ORDER BY {order} LIMIT 10",
        (start,),
    )
    return [
        TriageItem(
            subject="network",
            id=r["id"],
            title=r["name"] or f"Network {r['id']}",
            risk=r["risk"],
            possible_minor=bool(r["possible_minor"]),
            size=r["size"],
            posted_at=r["last_seen"],
            network_id=r["id"],
            reasons=reasons(r["breakdown"], top=3),
        )  # fmt: skip
        for r in rows
    ]
