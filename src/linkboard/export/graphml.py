"""GraphML (Gephi, yEd, Cytoscape): records and identifiers as nodes, links as edges.

Record nodes carry their risk (whole points out of 100, -1 when not scored), their
``possible_minor`` flag and their provenance (source, locator, url, ingested_at, sha256,
pipeline_version); identifier nodes their kind, value and curation status. Edges are record links
(``kind`` identifier / photo / text / analyst, ``hard``, ``score``, ``evidence`` as JSON) and
``mentions`` edges from a record to each identifier it holds, citing the span.
"""

from __future__ import annotations

import json
from typing import IO

import networkx as nx

from linkboard.export.scope import Scope, split_identifier


def graph(scope: Scope) -> nx.MultiGraph:
    g = nx.MultiGraph(name=scope.title, scope=f"{scope.kind}:{scope.ref}")
    _add_records(g, scope)
    _add_identifiers(g, scope)
    for lk in scope.links:
        g.add_edge(
            f"record:{lk.a}",
            f"record:{lk.b}",
            kind=lk.kind,
            hard=lk.hard,
            score=float(lk.score),
            evidence=json.dumps(lk.evidence, ensure_ascii=False, sort_keys=True),
        )
    return g


def _add_records(g: nx.MultiGraph, scope: Scope) -> None:
    for rec in scope.records:
        row = scope.rows[rec.id]
        g.add_node(
            f"record:{rec.id}",
            type="record",
            label=rec.title or rec.id,
            kind=rec.kind,
            site=rec.site,
            posted_at=rec.posted_at or "",
            location=rec.location,
            city=row.city or "",
            network=row.network_id or "",
            risk=scope.risk_of(rec.id) if row.risk is not None else -1,
            possible_minor=scope.minor(rec.id),
            indicators=" ".join(h.code for h in scope.hits[rec.id]),
            **scope.provenance(rec.id),
        )


def _add_identifiers(g: nx.MultiGraph, scope: Scope) -> None:
    """A node per identifier, and an edge to it from each record that mentions it."""
    for identifier, seen in scope.identifiers().items():
        kind, service, name = split_identifier(identifier)
        g.add_node(
            identifier,
            type="identifier",
            label=name,
            kind=kind,
            service=service,
            status=scope.identifier_status.get(identifier, ""),
        )
        for rid, m in seen:
            g.add_edge(
                f"record:{rid}",
                identifier,
                kind="mentions",
                hard=True,
                score=1.0,
                evidence=json.dumps(
                    {
                        "field": m.field,
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                        "rule": m.rule,
                    },
                    ensure_ascii=False,
                ),
            )


def write(scope: Scope, out: IO[bytes]) -> int:
    """Write GraphML to a binary stream; returns the number of nodes."""
    g = graph(scope)
    nx.write_graphml(g, out, encoding="utf-8")
    return int(g.number_of_nodes())
