"""A network's connections as its page shows them: who wrote to whom among the messages at the
ends of its own identifiers (and whose posts named whom), from ``social.graph``, drawn with a
fixed layout (``connection_layout``), its edges listed with their counts and first and last
times, its communities named by their busiest account, the network's own accounts told apart
from the outside ones they wrote to. None for a network no message or post touches."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

from linkboard.social.communities import Community, Edge
from linkboard.social.graph import Graph, network_graph
from linkboard.store.base import Store
from linkboard.web.connection_layout import Layout, layout
from linkboard.web.parties import parties
from linkboard.web.schemas_social import (
    ConnectionGraph,
    GraphCommunity,
    GraphEdge,
    GraphLine,
    GraphNode,
    Party,
)

#: The most nodes drawn (the network's own first, then the busiest), and edges listed.
MAX_NODES = 60
MAX_EDGES = 200
#: The edges' records each listed edge names.
MAX_CITED = 5
LABEL_CHARS = 18


def network_connections(store: Store, network_id: str) -> ConnectionGraph | None:
    """NETWORK_ID's connection graph, laid out; None when no message or post touches it."""
    graph = network_graph(store, network_id)
    return connection_graph(store, graph) if graph.edges else None


def connection_graph(store: Store, graph: Graph) -> ConnectionGraph:
    degree: Counter[str] = Counter()
    for e in graph.edges:
        degree[e.source] += e.count
        degree[e.target] += e.count
    kept = set(sorted(degree, key=lambda n: (n not in graph.members, -degree[n], n))[:MAX_NODES])
    named = parties(store, degree)
    for node, p in named.items():
        p.member = node in graph.members
    drawn = [(c, [m for m in c.members if m in kept]) for c in graph.communities]
    drawn = [(c, members) for c, members in drawn if members]
    alone = sorted(kept - {m for _, members in drawn for m in members})
    placed = layout([*(members for _, members in drawn), alone], degree)
    in_community = {m: c.id for c in graph.communities for m in c.members}
    edges = sorted(graph.edges, key=lambda e: (-e.count, e.first, e.source, e.target))
    return ConnectionGraph(
        width=placed.width, height=placed.height,
        nodes=[_node(n, named[n], placed, in_community.get(n, 0), degree[n]) for n in sorted(kept)],
        lines=_lines([e for e in graph.edges if e.source in kept and e.target in kept],
                     placed, named),
        edges=[_edge(e, named) for e in edges[:MAX_EDGES]], total_edges=len(graph.edges),
        communities=_communities([c for c, _ in drawn], named, degree, placed),
        hidden_nodes=len(degree) - len(kept),
        members=sum(1 for n in degree if n in graph.members),
        outside=sum(1 for n in degree if n not in graph.members),
        messages=sum(e.count for e in graph.edges if e.kind == "message"),
    )  # fmt: skip


def _node(node: str, p: Party, placed: Layout, community: int, degree: int) -> GraphNode:
    at = placed.nodes[node]
    label = p.name if len(p.name) <= LABEL_CHARS else p.name[: LABEL_CHARS - 1] + "…"
    return GraphNode(
        id=node, label=label, href=p.href, x=at.x, y=at.y, label_x=at.label_x,
        label_y=at.label_y, anchor=at.anchor, rotate=at.rotate, member=p.member,
        community=community, degree=degree,
    )  # fmt: skip


def _lines(edges: Sequence[Edge], placed: Layout, named: Mapping[str, Party]) -> list[GraphLine]:
    """One line per pair of nodes, both directions and kinds together, as wide as its count."""
    pairs: dict[tuple[str, str], list[Edge]] = {}
    for e in edges:
        pairs.setdefault((min(e.source, e.target), max(e.source, e.target)), []).append(e)
    out = []
    for (a, b), found in sorted(pairs.items()):
        count = sum(e.count for e in found)
        kinds = {e.kind for e in found}
        title = "; ".join(
            f"{named[e.source].name} → {named[e.target].name}: {e.count} "
            f"{'message' if e.kind == 'message' else 'post'}{'' if e.count == 1 else 's'}"
            for e in found
        )
        out.append(GraphLine(
            a=a, b=b, x1=placed.nodes[a].x, y1=placed.nodes[a].y, x2=placed.nodes[b].x,
            y2=placed.nodes[b].y, count=count, width=round(1 + math.log2(count), 2),
            kind=kinds.pop() if len(kinds) == 1 else "both", title=title,
        ))  # fmt: skip
    return out


def _edge(e: Edge, named: Mapping[str, Party]) -> GraphEdge:
    return GraphEdge(
        source=named[e.source], target=named[e.target], count=e.count,
        first=e.first.isoformat(), last=e.last.isoformat(), kind=e.kind,
        messages=list(e.messages[:MAX_CITED]),
    )  # fmt: skip


def _communities(drawn: Sequence[Community], named: Mapping[str, Party],
                 degree: Mapping[str, int], placed: Layout) -> list[GraphCommunity]:  # fmt: skip
    """Each community DRAWN named by its busiest account, with its ring on the drawing."""
    out = []
    for c, ring in zip(drawn, placed.rings, strict=False):
        members = sorted(c.members, key=lambda m: (-degree.get(m, 0), m))
        out.append(GraphCommunity(
            id=c.id, name=f"Community {c.id}: around {named[members[0]].name}",
            members=[named[m] for m in members], weight=c.weight, edges=len(c.edges),
            cx=ring.cx, cy=ring.cy, r=ring.r,
        ))  # fmt: skip
    return out
