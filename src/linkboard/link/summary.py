"""A network's summary: who (aliases, photo groups), how to reach them, where and when.

Written as JSON into ``networks.summary``; ``movement`` lists the cities in the order the network
reached them, each with its first and last date and record count. ``persons`` holds the network's
persona names (``score.network_facts.person_names``: distinct after folding case, accents and
spacing) and their ``count``; ``person_count`` reads it back, from older summaries too.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from linkboard.link.components import UnionFind
from linkboard.link.graph import LightLink
from linkboard.model import LINKABLE_KINDS
from linkboard.persons import person_names

if TYPE_CHECKING:
    from linkboard.store.corpus import CorpusStore

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


Slice = tuple[list[set[str]], list[str], list[list[LightLink]]]  # groups, their ids, links


def summary_slices(
    groups: list[set[str]],
    assignment: dict[str, str | None],
    joined: list[LightLink],
    changed: set[str],
    slice_records: int = 50_000,
) -> list[Slice]:
    """The CHANGED networks to summarise, about SLICE_RECORDS records a slice (each slice's
    records are read at once, not the whole batch's)."""
    by_group: dict[str, list[LightLink]] = defaultdict(list)
    for lk in joined:
        nid = assignment.get(lk[0])
        if nid:
            by_group[nid].append(lk)
    slices: list[Slice] = []
    count = 0
    for g in groups:
        nid = assignment[next(iter(g))]
        if len(g) < 2 or nid not in changed:
            continue
        if not slices or count >= slice_records:
            slices.append(([], [], []))
            count = 0
        slices[-1][0].append(g)
        slices[-1][1].append(nid)
        slices[-1][2].append(by_group[nid])
        count += len(g)
    return slices


def summary_rows(
    store: CorpusStore, groups: list[set[str]], nids: list[str], links: list[list[LightLink]]
) -> list[dict[str, Any]]:
    """The networks rows (id, name, size, dates, summary) of GROUPS, named NIDS, held by LINKS.
    An identifier an analyst marked generic (suppressed) is no network's: summaries leave it out."""
    every = {r for g in groups for r in g}
    ctx = store.record_context(every)
    values = store.values_by_kind(every, (*sorted(LINKABLE_KINDS), "name"))
    generic = store.suppressed_identifiers()
    for kind in LINKABLE_KINDS & {i.split(":", 1)[0] for i in generic}:
        for found in values[kind].values():
            found -= {v for v in found if f"{kind}:{v}" in generic}
    rows = []
    for g, nid, held in zip(groups, nids, links, strict=True):
        summary = summarize(sorted(g), ctx, values, held)
        rows.append(
            {
                "id": nid,
                "name": network_name(summary),
                "size": len(g),
                "first_seen": summary["first_seen"],
                "last_seen": summary["last_seen"],
                "summary": summary,
            }
        )
    return rows


def network_name(summary: dict[str, Any]) -> str:
    """``Lola, Mia, Nina +2 / Houston → Dallas +3``: the first persons and cities, and how many
    more there are (the count the card and the reasons give)."""
    aliases = summary["persons"]["aliases"]
    cities = [m["city"] for m in summary["movement"]]
    who = ", ".join(a.title() for a in aliases[:3]) + _more(len(aliases), 3)
    where = " → ".join(cities[:2]) + _more(len(cities), 2)
    return " / ".join(filter(None, [who.strip(), where.strip()]))


def _more(count: int, shown: int) -> str:
    return f" +{count - shown}" if count > shown else ""
