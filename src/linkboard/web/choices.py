"""The values a filter can take (cities, states, sites, indicator codes), read from indexes.

Each list walks its index with one seek per distinct value (a recursive "skip scan"), so it
costs a few hundred index lookups, never a table scan; the lists are cached for a minute.
"""

from __future__ import annotations

import sqlite3
import threading
import time

#: (table, column, extra condition) for each list; every column here has an index.
_SOURCES = {
    "city": ("records", "city", ""),
    "site": ("records", "site", ""),
    "indicator": ("hits", "code", ""),
}
TTL_SECONDS = 60.0
_MAX_VALUES = 5000

_cache: dict[tuple[str, str], tuple[float, list[str]]] = {}
_lock = threading.Lock()


def distinct(db: sqlite3.Connection, column: str, table: str) -> list[str]:
    """Distinct non-empty values of an indexed column, in order."""
    sql = (
        f"WITH RECURSIVE v(x, n) AS ("
        f" SELECT min({column}), 1 FROM {table} WHERE {column} > ''"
        f" UNION ALL SELECT (SELECT min({column}) FROM {table} WHERE {column} > v.x), n + 1"
        f" FROM v WHERE v.x IS NOT NULL AND n < {_MAX_VALUES})"
        f" SELECT x FROM v WHERE x IS NOT NULL"
    )
    return [row[0] for row in db.execute(sql)]


def choices(db: sqlite3.Connection, db_key: str, name: str) -> list[str]:
    """The cached values of one filter list ('city', 'site', 'indicator', 'state')."""
    if name == "state":
        return sorted({s for c in choices(db, db_key, "city") if (s := state_of(c))})
    key = (db_key, name)
    now = time.monotonic()
    with _lock:
        hit = _cache.get(key)
    if hit and now - hit[0] < TTL_SECONDS:
        return hit[1]
    table, column, _ = _SOURCES[name]
    values = distinct(db, column, table)
    with _lock:
        _cache[key] = (now, values)
    return values


def state_of(city: str) -> str:
    """``TX`` for ``Houston, TX, US``; '' for a city outside the United States."""
    parts = [p.strip() for p in city.split(",")]
    return parts[1] if len(parts) == 3 and parts[2] == "US" else ""


def cities_in_state(db: sqlite3.Connection, db_key: str, state: str) -> list[str]:
    return [c for c in choices(db, db_key, "city") if state_of(c) == state.upper()]


def clear() -> None:
    with _lock:
        _cache.clear()
