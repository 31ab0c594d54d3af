"""Communities in who writes to whom: the connection graph of messages (an edge from a sender to
each recipient, with how many messages and when) split by igraph's Leiden algorithm, optimising
modularity, seeded so that the same graph always gives the same communities. A recruiter and
the strangers it wrote to, an operation's phone and its buyers, a group of friends: each comes
out as a community, with the edges that make it.

    edges = connection_edges(messages)                  # messages: Sequence[Msg]
    for c in communities(edges, seed=1):
        print(c.members, len(c.edges), c.weight)
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from linkboard.social.contacts import Msg


@dataclass(frozen=True, slots=True)
class Edge:
    """``source`` wrote ``count`` messages to ``target``, from ``first`` to ``last``."""

    source: str
    target: str
    count: int
    first: datetime
    last: datetime
    messages: tuple[str, ...] = ()
    #: ``message`` (wrote to), ``reply`` (answered a message of) or ``mention`` (a post named
    #: the target's handle or phone).
    kind: str = "message"


@dataclass(frozen=True, slots=True)
class Community:
    """Accounts Leiden put together, the edges between them and their summed count."""

    id: int
    members: tuple[str, ...]
    edges: tuple[Edge, ...]
    weight: int


def connection_edges(messages: Sequence[Msg]) -> list[Edge]:
    """One edge per (sender, recipient) of ``messages``, in order of sender then recipient."""
    found: dict[tuple[str, str], list[Msg]] = {}
    for m in messages:
        for r in m.recipients:
            if r != m.sender:
                found.setdefault((m.sender, r), []).append(m)
    edges = []
    for (source, target), ms in sorted(found.items()):
        ms.sort(key=lambda m: (m.sent_at, m.id))
        ids = tuple(m.id for m in ms)
        edges.append(Edge(source, target, len(ms), ms[0].sent_at, ms[-1].sent_at, ids))
    return edges


def communities(
    edges: Sequence[Edge],
    *,
    resolution: float = 1.0,
    seed: int = 0,
    min_size: int = 2,
    iterations: int = -1,
) -> list[Community]:
    """Leiden communities (modularity, edges weighted by their counts, directions merged) of
    at least ``min_size`` accounts, largest first; each with its internal edges. The same
    edges and seed give the same communities."""
    import igraph

    names = sorted({e.source for e in edges} | {e.target for e in edges})
    if not names:
        return []
    index = {n: i for i, n in enumerate(names)}
    weights: dict[tuple[int, int], int] = {}
    for e in edges:
        a, b = sorted((index[e.source], index[e.target]))
        weights[a, b] = weights.get((a, b), 0) + e.count
    pairs = sorted(weights)
    graph = igraph.Graph(n=len(names), edges=pairs, directed=False)
    graph.es["weight"] = [weights[p] for p in pairs]
    membership = _leiden(graph, resolution, seed, iterations)
    groups: dict[int, list[str]] = {}
    for name, label in zip(names, membership, strict=True):
        groups.setdefault(label, []).append(name)
    kept = sorted((g for g in groups.values() if len(g) >= min_size), key=lambda g: (-len(g), g))
    return [_community(i + 1, members, edges) for i, members in enumerate(kept)]


def _leiden(graph: object, resolution: float, seed: int, iterations: int) -> list[int]:
    """Run Leiden with igraph's random numbers drawn from ``random.Random(seed)``, then give
    igraph back the ``random`` module it uses by default."""
    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        parts = graph.community_leiden(  # type: ignore[attr-defined]
            objective_function="modularity",
            weights="weight",
            resolution=resolution,
            n_iterations=iterations,
        )
    finally:
        igraph.set_random_number_generator(random)
    return list(parts.membership)


def _community(cid: int, members: list[str], edges: Sequence[Edge]) -> Community:
    inside = set(members)
    mine = tuple(
        sorted(
            (e for e in edges if e.source in inside and e.target in inside),
            key=lambda e: (e.source, e.target, e.first),
        )
    )
    return Community(cid, tuple(members), mine, sum(e.count for e in mine))
