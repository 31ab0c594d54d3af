"""How far apart two US states are: great-circle distance between state centres (data)."""

from __future__ import annotations

import math
from functools import cache

import yaml

from linkboard.score.taxonomy import DATA_DIR

EARTH_KM = 6371.0


@cache
def state_centroids() -> dict[str, tuple[float, float]]:
    raw = yaml.safe_load((DATA_DIR / "score" / "state_centroids.yaml").read_text(encoding="utf-8"))
    return {k: (float(v[0]), float(v[1])) for k, v in raw["states"].items()}


def city_state(city: str) -> str | None:
    """``ST`` of a ``City, ST, US`` location, else None."""
    parts = [p.strip() for p in city.split(",")]
    return parts[1] if len(parts) == 3 and parts[2] == "US" else None


def state_distance_km(
    state: str, city: str, city_lat_lon: tuple[float, float] | None
) -> float | None:
    """Distance from the centre of ``state`` to the ad's city: its coordinates when known, else
    the centre of its state. None when a state is unknown (or the city is not in the US)."""
    cents = state_centroids()
    here = city_lat_lon or cents.get(city_state(city) or "")
    if state not in cents or here is None:
        return None
    return haversine_km(cents[state], here)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))
