"""Small builders for score tests: records and hand-made mentions (no extraction involved)."""

from __future__ import annotations

from typing import Any

from linkboard.model import Mention, Provenance, Record
from linkboard.score.market import PriceObservation, market_prices

PROV = Provenance("test", "test:1", "2024-03-01T00:00:00Z", "0" * 64)


def ad(
    body: str, *, title: str = "", rid: str = "r1", posted_at: str = "2024-03-01T12:00:00"
) -> Record:
    return Record(
        id=rid, kind="ad", raw=body, provenance=PROV, title=title, body=body, posted_at=posted_at
    )


def mention(
    body: str,
    kind: str,
    value: str,
    text: str,
    *,
    after: int = 0,
    field: str = "body",
    data: dict[str, Any] | None = None,
) -> Mention:
    start = body.index(text, after)
    return Mention(kind, value, text, start, start + len(text), "test", field, data or {})


def mentions_from(body: str, specs: list[dict[str, Any]]) -> list[Mention]:
    """Mentions for ``body`` from specs ``{kind, value, text, data?}``, spans found in order."""
    out, pos = [], 0
    for s in specs:
        m = mention(body, s["kind"], str(s["value"]), s["text"], after=pos, data=s.get("data"))
        out.append(m)
        pos = m.end
    return out


def market_for(medians: dict[str, float], month: str = "2024-03", n: int = 30):
    """A market where each city's hourly median is the given value, over ``n`` ads."""
    obs = [
        PriceObservation(city, month, "USD", med * f)
        for city, med in medians.items()
        for f in [0.8, 1.0, 1.2] * (n // 3)
    ]
    return market_prices(obs)
