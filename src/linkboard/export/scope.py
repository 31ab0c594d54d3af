"""What an export holds: the records of a case, a network or a search, with everything known
about them (mentions, images, indicator hits, links among them, networks) and their provenance.

Every writer reads a ``Scope``; none of them queries the store. Every writer carries each
record's (and network's) ``possible_minor`` flag and its risk on the scale the workspace shows:
whole points out of 100 (``risk_points``, from ``score.risk_label``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from linkboard import PIPELINE_VERSION
from linkboard.cases import casefiles
from linkboard.model import Breakdown, Hit, ImageFact, Link, Mention, Record, is_linkable
from linkboard.network import EMPTY_SUMMARY, StoredNetwork
from linkboard.score.risk import FLOOR_MINOR, risk_label
from linkboard.store.base import BadQuery, Store
from linkboard.store.casework import Case, Note
from linkboard.store.reports import RecordState
from linkboard.values import Identifier


def risk_points(value: float | None) -> int | None:
    """A 0..1 risk as the pages show it, whole points out of 100 (None when not scored)."""
    return None if value is None else int(risk_label(value))


def minor_reason(breakdown: Breakdown | None) -> str:
    """Why a breakdown is flagged possible minor (its POSSIBLE_MINOR evidence), or ''."""
    for c in breakdown.contributions if breakdown is not None else []:
        if c.code == FLOOR_MINOR and c.evidence:
            return "; ".join(c.evidence)
    return ""


class ExportError(Exception):
    """An export that cannot be made (unknown case or network, bad search, unknown format)."""


@dataclass(slots=True)
class Scope:
    kind: str  # case | network | search
    ref: str
    title: str
    records: list[Record]
    rows: dict[str, RecordState]
    mentions: dict[str, list[Mention]]
    images: dict[str, list[ImageFact]]
    hits: dict[str, list[Hit]]
    links: list[Link]
    #: the records' networks (one no longer stored has no name, size or summary) and their hits
    networks: list[StoredNetwork]
    network_hits: dict[str, list[Hit]]
    identifier_status: dict[str, str]
    case: Case | None = None
    notes: list[Note] = field(default_factory=list)
    timeline: list[casefiles.TimelineEvent] = field(default_factory=list)

    def provenance(self, record_id: str) -> dict[str, str]:
        """Where a record came from and what made its facts: the columns every export carries."""
        row = self.rows[record_id]
        return {
            "source": row.source,
            "locator": row.locator,
            "url": row.url,
            "ingested_at": row.ingested_at,
            "sha256": row.sha256,
            "pipeline_version": row.processed_version or PIPELINE_VERSION,
        }

    def identifiers(self) -> dict[str, list[tuple[str, Mention]]]:
        """Identifier (``kind:value``) → the records and mentions that hold it, in record order."""
        out: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
        for rec in self.records:
            for m in self.mentions[rec.id]:
                if is_linkable(m.kind):
                    out[f"{m.kind}:{m.value}"].append((rec.id, m))
        return dict(out)

    def network_of(self, record_id: str) -> str:
        return self.rows[record_id].network_id or ""

    def risk_of(self, record_id: str) -> int | None:
        """The record's risk in whole points out of 100, as the pages show it."""
        return risk_points(self.rows[record_id].risk)

    def minor(self, record_id: str) -> bool:
        return self.rows[record_id].possible_minor

    def minors_first(self) -> list[StoredNetwork]:
        """The networks, possible minors first, then riskiest first (the triage order)."""
        return sorted(self.networks, key=lambda n: (not n.possible_minor, -(n.risk or 0), n.id))

    def movement(self) -> list[dict[str, Any]]:
        """One row per (network, city): first and last post date and how many posts."""
        places: dict[tuple[str, str], list[str]] = defaultdict(list)
        for rec in self.records:
            city = self.rows[rec.id].city or rec.location
            if city and rec.posted_at:
                places[(self.network_of(rec.id), city)].append(rec.posted_at)
        rows = [
            {"network": nid, "city": city, "first": min(d), "last": max(d), "posts": len(d)}
            for (nid, city), d in places.items()
        ]
        return sorted(rows, key=lambda r: (r["network"], r["first"], r["city"]))


def build(
    store: Store,
    kind: str,
    ref: str,
    title: str,
    record_ids: list[str],
    case: Case | None = None,
) -> Scope:
    records = sorted(store.records(record_ids), key=lambda r: (r.posted_at or "", r.id))
    ids = [r.id for r in records]
    rows = store.record_states(ids)
    wanted = set(ids)
    links = sorted(
        (lk for lk in store.links_of(ids) if lk.a in wanted and lk.b in wanted),
        key=lambda lk: (lk.a, lk.b, lk.kind),
    )
    network_ids = sorted({row.network_id for row in rows.values() if row.network_id})
    return Scope(
        kind=kind,
        ref=ref,
        title=title,
        records=records,
        rows=rows,
        mentions=store.mentions_of(ids),
        images={rid: store.images(rid) for rid in ids},
        hits={rid: store.hits("record", rid) for rid in ids},
        links=links,
        networks=[store.network(nid) or _gone(nid) for nid in network_ids],
        network_hits={nid: store.hits("network", nid) for nid in network_ids},
        identifier_status=store.identifier_status(),
        case=case,
        notes=casefiles.notes(store, case.id) if case else [],
        timeline=casefiles.timeline(store, case.id) if case else [],
    )


def _gone(network_id: str) -> StoredNetwork:
    """A network a record names that is no longer stored: no name, size, summary or risk."""
    return StoredNetwork(network_id, "", 0, None, None, EMPTY_SUMMARY, None, False, None, "", "")


def case_scope(store: Store, case_id: int) -> Scope:
    try:
        case = casefiles.get_case(store, case_id)
    except casefiles.CaseError as exc:
        raise ExportError(str(exc)) from exc
    ids = casefiles.record_ids(store, case_id)
    return build(store, "case", str(case_id), case.title, ids, case)


def network_scope(store: Store, network_id: str) -> Scope:
    net = store.network(network_id)
    if net is None:
        raise ExportError(f"no network {network_id}")
    ids = store.network_members(network_id)
    return build(store, "network", network_id, net.name or f"Network {network_id}", ids)


def search_scope(store: Store, query: str, limit: int = 10_000) -> Scope:
    try:
        ids = store.search_record_ids(query, limit)
    except BadQuery as exc:
        raise ExportError(f"bad search {query!r}: {exc}") from exc
    return build(store, "search", query, f"Search: {query}", ids)


def split_identifier(identifier: str) -> tuple[str, str, str]:
    """``kind:value`` → (kind, service, name): ``handle:instagram:ana`` → (handle, instagram, ana);
    ``phone:+15555550123`` → (phone, "", +15555550123)."""
    ident = Identifier.parse(identifier)
    return ident.kind, ident.namespace, ident.name
