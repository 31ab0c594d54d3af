"""Lay out a network's movement as a timeline: one row per city, one bar per stay.

Geometry is computed here and drawn as SVG attributes by the template (the content-security
policy allows no inline styles, and none are needed).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from linkboard.web.schemas import CityVisit

WIDTH = 560
ROW = 24
LABEL = 120


def _when(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None)


def timeline(visits: list[CityVisit]) -> dict[str, Any] | None:
    stamps = [
        (v, a, b)
        for v in visits
        if (a := _when(v.first)) is not None and (b := _when(v.last)) is not None
    ]
    if not stamps:
        return None
    start = min(a for _, a, _ in stamps)
    end = max(b for _, _, b in stamps)
    span = max((end - start).total_seconds(), 3600.0)
    cities = list(dict.fromkeys(v.city for v, _, _ in stamps))
    plot = WIDTH - LABEL - 10
    bars = []
    for order, (v, a, b) in enumerate(stamps):
        x = LABEL + (a - start).total_seconds() / span * plot
        w = max(4.0, (b - a).total_seconds() / span * plot)
        bars.append({
            "x": round(x, 1), "y": cities.index(v.city) * ROW + 4, "w": round(w, 1),
            "h": ROW - 8, "city": v.city, "posts": v.posts, "first": v.first, "last": v.last,
            "step": order + 1,
        })  # fmt: skip
    rows = [{"city": c, "y": i * ROW + ROW / 2 + 4} for i, c in enumerate(cities)]
    height = len(cities) * ROW + 24
    return {"width": WIDTH, "height": height, "rows": rows, "bars": bars,
            "start": start.date().isoformat(), "end": end.date().isoformat(),
            "axis_y": height - 6, "label_x": LABEL}  # fmt: skip
