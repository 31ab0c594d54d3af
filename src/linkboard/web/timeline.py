"""Lay out a network's movement as a timeline: one row per city, one bar per stay, and a row of
the days its accounts booked transactions.

Geometry is computed here and drawn as SVG attributes by the template (the content-security
policy allows no inline styles, and none are needed).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from linkboard.web.schemas import CityVisit, DayCount

WIDTH = 560
ROW = 24
LABEL = 120


def _when(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None)


def timeline(visits: list[CityVisit], days: list[DayCount] | None = None) -> dict[str, Any] | None:
    """Rows of bars, one row per city (a stay a bar), and, when the network's accounts booked
    transactions, a last row "payments" with a tick per day they did."""
    stamps = [
        (v, a, b)
        for v in visits
        if (a := _when(v.first)) is not None and (b := _when(v.last)) is not None
    ]
    ticks = [(d, at) for d in days or [] if (at := _when(d.day)) is not None]
    if not stamps and not ticks:
        return None
    start = min([a for _, a, _ in stamps] + [at for _, at in ticks])
    end = max([b for _, _, b in stamps] + [at for _, at in ticks])
    span = max((end - start).total_seconds(), 3600.0)
    cities = list(dict.fromkeys(v.city for v, _, _ in stamps))
    plot = WIDTH - LABEL - 10
    bars = []
    for order, (v, a, b) in enumerate(stamps):
        x = LABEL + (a - start).total_seconds() / span * plot
        w = max(4.0, (b - a).total_seconds() / span * plot)
        bars.append({
            "x": round(x, 1), "y": cities.index(v.city) * ROW + 4, "w": round(w, 1),
            "h": ROW - 8, "city": v.city, "posts": v.posts, "payments": v.payments,
            "first": v.first, "last": v.last, "step": order + 1,
        })  # fmt: skip
    rows = [{"city": c, "y": i * ROW + ROW / 2 + 4} for i, c in enumerate(cities)]
    lane = len(cities)
    marks = [_tick(d, at, start, span, plot, lane) for d, at in ticks]
    if marks:
        rows.append({"city": "payments", "y": lane * ROW + ROW / 2 + 4, "lane": "payments"})
    height = len(rows) * ROW + 24
    return {"width": WIDTH, "height": height, "rows": rows, "bars": bars, "ticks": marks,
            "start": start.date().isoformat(), "end": end.date().isoformat(),
            "axis_y": height - 6, "label_x": LABEL}  # fmt: skip


def _tick(day: DayCount, at: datetime, start: datetime, span: float, plot: int,
          lane: int) -> dict[str, Any]:  # fmt: skip
    x = LABEL + (at - start).total_seconds() / span * plot
    return {"x": round(x, 1), "y": lane * ROW + 4, "w": 3, "h": ROW - 8, "day": day.day,
            "count": day.count}  # fmt: skip
