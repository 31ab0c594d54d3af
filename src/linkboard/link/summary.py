"""A network's summary: who (aliases, photo groups), how to reach them, where and when.

Written as JSON into ``networks.summary``; ``movement`` lists the cities in the order the network
reached them, each with its first and last date and record count.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from linkboard.link.graph import LightLink, UnionFind
from linkboard.model import LINKABLE_KINDS

IDENTIFIER_LIMIT = 200


def summarize(
    members: list[str],
    ctx: dict[str, dict[str, Any]],
    values: dict[str, dict[str, set[str]]],
    links: list[LightLink],
) -> dict[str, Any]:
    """Summary of one network. VALUES: mention kind -> record -> normalised values."""
    dates = sorted(d for r in members if (d := (ctx.get(r) or {}).get("posted_at")))
    photos = UnionFind()
    pictured = set()
    for a, b, kind, *_ in links:
        if kind == "photo":
            photos.union(a, b)
            pictured |= {a, b}
    aliases = sorted({v for r in members for v in values.get("name", {}).get(r, ())})
    identifiers = {
        kind: sorted({v for r in members for v in values.get(kind, {}).get(r, ())})[
            :IDENTIFIER_LIMIT
        ]
        for kind in sorted(LINKABLE_KINDS)
    }
    links_by_kind: dict[str, int] = defaultdict(int)
    for lk in links:
        links_by_kind[lk[2]] += 1
    return {
        "size": len(members),
        "first_seen": dates[0] if dates else None,
        "last_seen": dates[-1] if dates else None,
        "persons": {"aliases": aliases, "photo_groups": len({photos.find(r) for r in pictured})},
        "identifiers": {k: v for k, v in identifiers.items() if v},
        "sites": sorted({s for r in members if (s := (ctx.get(r) or {}).get("site"))}),
        "movement": movement(members, ctx),
        "links": dict(links_by_kind),
    }


def movement(members: list[str], ctx: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Cities in order of first appearance, each with first/last date and record count."""
    seen: dict[str, dict[str, Any]] = {}
    undated = "~"
    for r in sorted(members, key=lambda r: ((ctx.get(r) or {}).get("posted_at") or undated, r)):
        c = ctx.get(r) or {}
        city = c.get("city")
        if not city:
            continue
        when = c.get("posted_at")
        entry = seen.setdefault(city, {"city": city, "first": when, "last": when, "records": 0})
        entry["last"] = when or entry["last"]
        entry["records"] += 1
    return list(seen.values())
