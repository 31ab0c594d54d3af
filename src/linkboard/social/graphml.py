"""The connection graph as GraphML (``--format connections``; Gephi, yEd, Cytoscape): accounts
and the identifiers they wrote to as nodes (label, whether the scope holds them, community),
and who wrote to or named whom as directed edges (``message`` or ``mention``, count, first and
last time, the records behind it)."""

from __future__ import annotations

import json
from typing import IO, Any

import networkx as nx

from linkboard import hooks
from linkboard.export.scope import Scope
from linkboard.social.graph import Graph, account_graph
from linkboard.store.base import Store


def graph(connections: Graph, name: str = "") -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(name=name)
    community = {m: c.id for c in connections.communities for m in c.members}
    for node, label in sorted(connections.nodes.items()):
        g.add_node(node, label=label, member=node in connections.members,
                   community=community.get(node, 0))  # fmt: skip
    for e in connections.edges:
        g.add_edge(e.source, e.target, kind=e.kind, count=e.count, first=e.first.isoformat(),
                   last=e.last.isoformat(), records=json.dumps(list(e.messages)))  # fmt: skip
    return g


def write(store: Store, scope: Scope, out: IO[Any], options: hooks.ExportOptions) -> int:
    """Write the connection graph of SCOPE's records; returns the number of nodes."""
    g = graph(account_graph(store, [r.id for r in scope.records]), scope.title)
    nx.write_graphml(g, out, encoding="utf-8")
    return int(g.number_of_nodes())
