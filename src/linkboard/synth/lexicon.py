"""The data the synthetic corpus is drawn from: cities, sites, words and phrases.

Everything lives in ``linkboard/data/synth/*.yaml``; this module loads it once into small typed
objects.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class City:
    name: str
    state: str
    area_codes: tuple[int, ...]
    lat: float
    lon: float
    population: int
    utc_offset: int
    dst: bool
    aliases: tuple[str, ...]

    @property
    def slug(self) -> str:
        return self.name.lower().replace(" ", "-").replace(".", "")

    @property
    def label(self) -> str:
        """The truth form, as location extraction normalises it: ``City, ST, US``."""
        return f"{self.name}, {self.state}, US"

    def km_to(self, other: City) -> float:
        lat1, lon1, lat2, lon2 = map(math.radians, (self.lat, self.lon, other.lat, other.lon))
        h = (
            math.sin((lat2 - lat1) / 2) ** 2
            + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        )
        return 12742.0 * math.asin(math.sqrt(h))


@dataclass(frozen=True, slots=True)
class Site:
    name: str
    domain: str
    category: str
    weight: int
    footer: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    cities: tuple[City, ...]
    city_weights: tuple[float, ...]
    sites: tuple[Site, ...]
    site_weights: tuple[int, ...]
    phrases: dict[str, Any]
    #: For each city name, the other cities nearest first.
    neighbours: dict[str, tuple[City, ...]]
    #: Per sentence category (and "titles"), many sentences with their descriptive words filled.
    pools: dict[str, tuple[str, ...]]

    def pick_city(self, rng: random.Random) -> City:
        return rng.choices(self.cities, cum_weights=self.city_cum)[0]

    @property
    def city_cum(self) -> tuple[float, ...]:
        return _cumulative(self.city_weights)


def _read(name: str) -> Any:
    path = resources.files("linkboard") / "data" / "synth" / name
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _city(entry: dict[str, Any]) -> City:
    return City(
        name=entry["name"],
        state=entry["state"],
        area_codes=tuple(entry["area_codes"]),
        lat=float(entry["lat"]),
        lon=float(entry["lon"]),
        population=int(entry["population"]),
        utc_offset=int(entry["utc_offset"]),
        dst=bool(entry["dst"]),
        aliases=tuple(entry.get("aliases", ())),
    )


@cache
def _cumulative(weights: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(itertools.accumulate(weights))


#: Slots filled when a sentence enters a pool, and the phrase list each is drawn from.
FIXED_SLOTS = (
    ("{adj}", "adjectives"),
    ("{adj2}", "adjectives"),
    ("{vibe}", "vibes"),
    ("{place}", "places"),
    ("{hours}", "hours"),
    ("{time}", "times"),
)
POOL_SIZE = 4096


def prefill(text: str, rng: random.Random, phrases: dict[str, Any]) -> str:
    """Fill the descriptive slots of ``text``, each occurrence with its own pick."""
    for slot, pool in FIXED_SLOTS:
        while slot in text:
            text = text.replace(slot, rng.choice(phrases[pool]), 1)
    return text


def _pools(phrases: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Sentences with their words chosen once (fixed stream: the same for every seed)."""
    rng = random.Random(0)
    sources = dict(phrases["sentences"], titles=phrases["titles"])
    return {
        cat: tuple(
            dict.fromkeys(prefill(rng.choice(options), rng, phrases) for _ in range(POOL_SIZE))
        )
        for cat, options in sources.items()
    }


@cache
def lexicon() -> Lexicon:
    """The loaded data files (cached: they never change while running)."""
    cities = tuple(_city(c) for c in _read("cities.yaml")["cities"])
    sites = tuple(Site(**s) for s in _read("sites.yaml")["sites"])
    phrases = _read("phrases.yaml")
    return Lexicon(
        cities=cities,
        # Bigger cities have more ads, but not proportionally more (sqrt of population).
        city_weights=tuple(math.sqrt(c.population) for c in cities),
        sites=sites,
        site_weights=tuple(s.weight for s in sites),
        phrases=phrases,
        neighbours={
            c.name: tuple(sorted((o for o in cities if o is not c), key=c.km_to)) for c in cities
        },
        pools=_pools(phrases),
    )
