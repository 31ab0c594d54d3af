"""A network's graph for Cytoscape.js: records, the identifiers they hold, the links between
them, and every edge's detail naming both its ends and its evidence.

A big network (more than ``GROUP_FROM`` records) opens grouped: each record sits in the box of
the identifier that links it to the most others (``record_groups``), records that only photos
or wording link sit in a box per link kind, and only the links between boxes are drawn. An
identifier an analyst marked generic (suppressed) links nothing and is not drawn.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from linkboard.link.reasons import link_reason
from linkboard.model import Link
from linkboard.store.base import Store
from linkboard.store.page_rows import Member
from linkboard.values import Identifier, display
from linkboard.web.networks import MAX_MEMBERS, linkable_held, priority
from linkboard.web.schemas import Graph, GraphElement, GraphGroup

MAX_GRAPH_RECORDS = 300
#: From this many records on, a network's graph opens grouped.
GROUP_FROM = 30
LINK_KINDS = ("identifier", "photo", "text", "analyst")
#: What a box of records that no shared identifier holds is called, by the link that holds it.
BY_LINK = {"photo": "linked by photos", "text": "linked by wording",
           "analyst": "joined by analysts"}  # fmt: skip


def end(record_id: str, title: str | None, first: bool = False) -> str:
    """One end of an edge: ``record ad-1 “New in town”`` (``Record`` when FIRST)."""
    shown = (title or "").strip()
    word = "Record" if first else "record"
    return f"{word} {record_id} “{shown[:60]}”" if shown else f"{word} {record_id}"


def _rank(kind: str) -> int:
    return LINK_KINDS.index(kind) if kind in LINK_KINDS else len(LINK_KINDS)


def record_groups(
    records: list[str], holds: dict[str, set[str]], links: list[tuple[str, str, str]]
) -> dict[str, str]:
    """record -> its group: ``i:kind:value``, the identifier it shares with the most records of
    the network (biggest first, so each record is in one box), else ``k:KIND``, the kind of its
    first link (photo, text, analyst), else ``k:other``."""
    holders: dict[str, list[str]] = defaultdict(list)
    for rid in records:
        for ident in holds.get(rid, ()):
            holders[ident].append(rid)
    out: dict[str, str] = {}
    for ident, held in sorted(holders.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(held) < 2:
            break
        for rid in held:
            out.setdefault(rid, f"i:{ident}")
    kinds: dict[str, str] = {}
    for a, b, kind in sorted(links, key=lambda lk: _rank(lk[2])):
        for rid in (a, b):
            kinds.setdefault(rid, kind)
    for rid in records:
        out.setdefault(rid, f"k:{kinds.get(rid, 'other')}")
    return out


def _group_info(group: str, size: int) -> GraphGroup:
    count = f"{size} record{'' if size == 1 else 's'}"
    if group.startswith("i:"):
        ident = Identifier.parse(group[2:])
        return GraphGroup(id=f"g:{group}", label=f"{ident.kind} {display(ident)} · {count}",
                          kind=ident.kind, identifier=str(ident), records=size)  # fmt: skip
    kind = group[2:]
    return GraphGroup(id=f"g:{group}", label=f"{BY_LINK.get(kind, 'other links')} · {count}",
                      kind=kind, identifier="", records=size)  # fmt: skip


def graph(store: Store, network_id: str) -> Graph | None:
    """Cytoscape elements: records, the identifiers they hold, and the links between them."""
    if not store.network_exists(network_id):
        return None
    members = sorted(store.member_records(network_id, MAX_MEMBERS), key=priority)
    truncated = len(members) > MAX_GRAPH_RECORDS
    members = members[:MAX_GRAPH_RECORDS]
    ids = [m.id for m in members]
    titles = {m.id: m.title for m in members}
    generic = store.suppressed_identifiers()
    mentions = [m for m in linkable_held(store, ids) if f"{m[1]}:{m[2]}" not in generic]
    links = store.links_within(ids)
    holds: dict[str, set[str]] = defaultdict(set)
    for rid, kind, value in mentions:
        holds[rid].add(f"{kind}:{value}")
    groups = record_groups(ids, holds, [(lk.a, lk.b, lk.kind) for lk in links])
    elements = [_record_node(m, groups[m.id]) for m in members]
    elements += _identifier_elements(mentions, titles)
    elements += [_link_edge(lk, titles, groups) for lk in links]
    kinds = {lk.kind for lk in links}
    ordered = [k for k in LINK_KINDS if k in kinds] + sorted(kinds - set(LINK_KINDS))
    sizes = Counter(groups.values())
    infos = [_group_info(g, n) for g, n in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))]
    return Graph(elements=elements, truncated=truncated, link_kinds=ordered, groups=infos,
                 layout="grouped" if len(members) > GROUP_FROM else "free")  # fmt: skip


def _record_node(m: Member, group: str) -> GraphElement:
    return GraphElement(group="nodes", data={
        "id": f"r:{m.id}", "type": "record", "record": m.id,
        "label": (m.title or m.id)[:40], "risk": round(m.risk or 0, 3),
        "city": m.city or "", "minor": m.possible_minor, "group": f"g:{group}",
    })  # fmt: skip


def _identifier_elements(
    mentions: list[tuple[str, str, str]], titles: dict[str, str | None]
) -> list[GraphElement]:
    holders: Counter[tuple[str, str]] = Counter((kind, value) for _, kind, value in mentions)
    out = [
        GraphElement(group="nodes", data={"id": f"i:{kind}:{value}", "type": "identifier",
                                          "kind": kind, "label": value, "count": count})
        for (kind, value), count in holders.items()
    ]  # fmt: skip
    for rid, kind, value in mentions:
        others = holders[(kind, value)] - 1
        also = "1 other record of this network does" if others == 1 else (
            f"{others} other records of this network do")  # fmt: skip
        shared = f", as {also}"
        out.append(GraphElement(group="edges", data={
            "id": f"h:{rid}:{kind}:{value}", "source": f"r:{rid}", "target": f"i:{kind}:{value}",
            "kind": "holds", "reason": f"posts {kind} {value}",
            "detail": f"{end(rid, titles.get(rid), True)} posts {kind} {value}"
                      + (shared if others else ""),
        }))  # fmt: skip
    return out


def _link_edge(lk: Link, titles: dict[str, str | None],
               groups: dict[str, str]) -> GraphElement:  # fmt: skip
    a, b, kind = lk.a, lk.b, lk.kind
    reason = link_reason(kind, lk.score, lk.evidence)
    strength = "hard" if lk.hard else "soft"
    detail = (f"{end(a, titles.get(a), True)} and {end(b, titles.get(b))}: {reason} "
              f"({kind} link, {strength}, score {lk.score:.2f})")  # fmt: skip
    return GraphElement(group="edges", data={
        "id": f"l:{a}:{b}:{kind}", "source": f"r:{a}", "target": f"r:{b}", "kind": kind,
        "hard": lk.hard, "score": round(lk.score, 3), "reason": reason,
        "detail": detail, "across": groups.get(a) != groups.get(b),
    })  # fmt: skip
