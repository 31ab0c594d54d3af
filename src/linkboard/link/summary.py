"""A network's summary: who (aliases, photo groups), how to reach them, where and when.

Written as JSON into ``networks.summary``; ``movement`` lists the cities in the order the network
reached them, each with its first and last date and record count. ``persons`` holds the network's
persona names (``persons.person_names``: distinct after folding case, accents and spacing) and
their ``count``. The summary is a ``network.NetworkSummary``; ``NetworkSummary.from_dict`` reads
stored ones back, older ones too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from linkboard.link.components import UnionFind
from linkboard.link.graph import LightLink
from linkboard.model import linkable_kinds
from linkboard.network import Network, NetworkSummary, Persons, Stop
from linkboard.persons import person_names

if TYPE_CHECKING:
    from linkboard.store.corpus import CorpusStore

IDENTIFIER_LIMIT = 200


def summarize(
    members: list[str],
    ctx: dict[str, dict[str, Any]],
    values: dict[str, dict[str, set[str]]],
    links: list[LightLink],
) -> NetworkSummary:
    """Summary of one network. VALUES: mention kind -> record -> normalised values."""
    held = [c for r in members if (c := ctx.get(r))]
    dates = sorted(d for c in held if (d := c.get("posted_at")))
    names = values.get("name", {})
    aliases = tuple(person_names({v for r in members for v in names.get(r, ())}))
    return NetworkSummary(
        size=len(members),
        first_seen=dates[0] if dates else None,
        last_seen=dates[-1] if dates else None,
        persons=Persons(aliases, len(aliases), _photo_groups(links)),
        identifiers=_identifiers(members, values),
        sites=tuple(sorted({s for c in held if (s := c.get("site"))})),
        movement=movement(members, ctx),
        links=dict(Counter(lk[2] for lk in links)),
    )


def _photo_groups(links: list[LightLink]) -> int:
    """How many groups of near-duplicate photos LINKS join."""
    photos = UnionFind()
    pictured = set()
    for a, b, kind, *_ in links:
        if kind == "photo":
            photos.union(a, b)
            pictured.add(a)
            pictured.add(b)
    return len({photos.find(r) for r in pictured})


def _identifiers(
    members: list[str], values: dict[str, dict[str, set[str]]]
) -> dict[str, tuple[str, ...]]:
    """kind -> the linkable identifiers MEMBERS hold (sorted, the first ``IDENTIFIER_LIMIT``),
    for the kinds they hold any of, in kind order."""
    out = {}
    for kind in sorted(linkable_kinds()):
        by_record = values.get(kind)
        found = {v for r in members for v in by_record.get(r, ())} if by_record else None
        if found:
            out[kind] = tuple(sorted(found)[:IDENTIFIER_LIMIT])
    return out


def movement(members: list[str], ctx: dict[str, dict[str, Any]]) -> tuple[Stop, ...]:
    """Cities in order of first appearance, each with first/last date and record count."""
    placed = []  # (date or "~" for undated, record, city, date): undated records last
    for r in members:
        c = ctx.get(r)
        if c and (city := c.get("city")):
            when = c.get("posted_at")
            placed.append((when or "~", r, city, when))
    placed.sort()
    seen: dict[str, list[Any]] = {}  # city -> [first, last, records]
    for _, _, city, when in placed:
        entry = seen.get(city)
        if entry is None:
            seen[city] = [when, when, 1]
        else:
            entry[1] = when or entry[1]
            entry[2] += 1
    return tuple(Stop(city, first, last, n) for city, (first, last, n) in seen.items())


def person_count(summary: NetworkSummary) -> int:
    """How many persons a summary names: its ``persons.count`` (for a summary written before
    the count was stored, ``NetworkSummary.from_dict`` counts its distinct aliases)."""
    return summary.persons.count


def person_list(summary: NetworkSummary) -> list[str]:
    """The persona names of a summary, as ``person_count`` counts them."""
    return person_names(summary.persons.aliases)


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
) -> list[Network]:
    """The networks (id, name, size, dates, summary) of GROUPS, named NIDS, held by LINKS.
    An identifier an analyst marked generic (suppressed) is no network's: summaries leave it out."""
    every = {r for g in groups for r in g}
    ctx = store.record_context(every)
    linkable = linkable_kinds()
    values = store.values_by_kind(every, (*sorted(linkable), "name"))
    generic = store.suppressed_identifiers()
    for kind in linkable & {i.split(":", 1)[0] for i in generic}:
        for found in values[kind].values():
            found -= {v for v in found if f"{kind}:{v}" in generic}
    rows = []
    for g, nid, held in zip(groups, nids, links, strict=True):
        summary = summarize(sorted(g), ctx, values, held)
        rows.append(
            Network(
                id=nid,
                name=network_name(summary),
                size=len(g),
                first_seen=summary.first_seen,
                last_seen=summary.last_seen,
                summary=summary,
            )
        )
    return rows


def network_name(summary: NetworkSummary) -> str:
    """``Lola, Mia, Nina +2 / Houston → Dallas +3``: the first persons and cities, and how many
    more there are (the count the card and the reasons give)."""
    aliases = summary.persons.aliases
    cities = [m.city for m in summary.movement]
    who = ", ".join(a.title() for a in aliases[:3]) + _more(len(aliases), 3)
    where = " → ".join(cities[:2]) + _more(len(cities), 2)
    return " / ".join(filter(None, [who.strip(), where.strip()]))


def _more(count: int, shown: int) -> str:
    return f" +{count - shown}" if count > shown else ""
