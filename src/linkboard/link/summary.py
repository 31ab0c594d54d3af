"""A network's summary: who (aliases, photo groups), how to reach them, where and when.

Written as JSON into ``networks.summary``; ``movement`` lists the cities in the order the network
reached them, each with its first and last date and record count. ``persons`` holds the network's
persona names (``score.network_facts.person_names``: distinct after folding case, accents and
spacing) and their ``count``; ``person_count`` reads it back, from older summaries too.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from linkboard.link.graph import LightLink, UnionFind
from linkboard.model import LINKABLE_KINDS
from linkboard.persons import person_names

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
    aliases = person_names(v for r in members for v in values.get("name", {}).get(r, ()))
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
        "persons": {
            "aliases": aliases,
            "count": len(aliases),
            "photo_groups": len({photos.find(r) for r in pictured}),
        },
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


def person_count(summary: dict[str, Any]) -> int:
    """How many persons a stored summary names: its ``persons.count``; for a summary written
    before the count was stored, its distinct aliases (a bare number or list is taken as is)."""
    persons = summary.get("persons")
    if isinstance(persons, bool):
        return 0
    if isinstance(persons, int):
        return persons
    if isinstance(persons, list):
        return len(person_names(str(p) for p in persons))
    if isinstance(persons, dict):
        if isinstance(persons.get("count"), int):
            return int(persons["count"])
        return len(person_names(str(a) for a in persons.get("aliases") or []))
    return 0


def person_list(summary: dict[str, Any]) -> list[str]:
    """The persona names of a stored summary, as ``person_count`` counts them."""
    persons = summary.get("persons")
    names = persons.get("aliases") if isinstance(persons, dict) else persons
    return person_names(str(a) for a in names) if isinstance(names, list) else []
