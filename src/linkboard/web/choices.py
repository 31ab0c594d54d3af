"""The values a filter can take (cities, states, sites, indicator codes), read from indexes.

Each list walks its index with one seek per distinct value (a recursive "skip scan"), so it
costs a few hundred index lookups, never a table scan; the lists are cached for a minute.
"""

from __future__ import annotations

import threading
import time

from linkboard.store.pages import PageQueries

TTL_SECONDS = 60.0

_cache: dict[tuple[str, str], tuple[float, list[str]]] = {}
_lock = threading.Lock()


def choices(store: PageQueries, db_key: str, name: str) -> list[str]:
    """The cached values of one filter list ('city', 'site', 'indicator', 'state')."""
    if name == "state":
        return sorted({s for c in choices(store, db_key, "city") if (s := state_of(c))})
    key = (db_key, name)
    now = time.monotonic()
    with _lock:
        hit = _cache.get(key)
    if hit and now - hit[0] < TTL_SECONDS:
        return hit[1]
    values = store.filter_values(name)
    with _lock:
        _cache[key] = (now, values)
    return values


def state_of(city: str) -> str:
    """``TX`` for ``Houston, TX, US``; '' for a city outside the United States."""
    parts = [p.strip() for p in city.split(",")]
    return parts[1] if len(parts) == 3 and parts[2] == "US" else ""


def cities_in_state(store: PageQueries, db_key: str, state: str) -> list[str]:
    return [c for c in choices(store, db_key, "city") if state_of(c) == state.upper()]


def clear() -> None:
    with _lock:
        _cache.clear()
