"""One network as its page shows it: summary and reasons, members, identifiers (those marked
generic apart), templates, movement (cities, and where its photos were taken: ``web.photos``),
and its history (``web.history``); its graph is ``web.graph``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from linkboard.link.components import components
from linkboard.link.summary import person_count
from linkboard.model import linkable_kinds
from linkboard.network import NetworkSummary
from linkboard.store.base import Store
from linkboard.store.page_rows import Member
from linkboard.web.accounts import (
    ACCOUNT,
    Booked,
    booked_events,
    network_accounts,
    payment_days,
)
from linkboard.web.connections import network_connections
from linkboard.web.geo import coordinates
from linkboard.web.history import history, last_split
from linkboard.web.photos import photo_points
from linkboard.web.reasons import reasons
from linkboard.web.records import hits_of
from linkboard.web.schemas import (
    CityVisit,
    NetworkDetail,
    SearchHit,
    TemplateView,
)
from linkboard.web.template_slots import template_parts

#: Members read per network page; a bigger network is summarised from its stored summary.
MAX_MEMBERS = 2000
MAX_LISTED = 50
EVENTS_SHOWN = 50


def linkable_held(store: Store, ids: list[str]) -> list[tuple[str, str, str]]:
    """(record id, kind, value) of the linkable identifiers the records IDS hold."""
    return store.held_identifiers(ids, linkable_kinds())


def network_detail(store: Store, network_id: str) -> NetworkDetail | None:
    row = store.network_row(network_id)
    if row is None:
        return None
    members = store.member_records(network_id, MAX_MEMBERS)
    generic = store.suppressed_identifiers()
    identifiers: dict[str, list[str]] = {}
    marked: set[str] = set()
    for _, kind, value in linkable_held(store, [m.id for m in members]):
        ident = f"{kind}:{value}"
        if ident in generic:
            marked.add(ident)
            continue
        identifiers.setdefault(kind, [])
        if value not in identifiers[kind]:
            identifiers[kind].append(value)
    listed = sorted(members, key=priority)[:MAX_LISTED]
    payments = booked_events(store, store.network_records_of_kind(network_id, ACCOUNT))
    events = [{"at": e.at, "event": e.event, "detail": e.detail}
              for e in store.recent_network_events(network_id, EVENTS_SHOWN)]  # fmt: skip
    return NetworkDetail(
        id=row.id, name=row.name or f"Network {row.id}", size=row.size, risk=row.risk,
        possible_minor=row.possible_minor, first_seen=row.first_seen, last_seen=row.last_seen,
        summary=row.summary.as_dict(), reasons=reasons(row.breakdown),
        hits=hits_of(store, "network", network_id),
        counts=_counts(row.summary, members, identifiers), identifiers=identifiers,
        records=[_member_hit(m) for m in listed], records_shown=len(listed), events=events,
        history=history(store, network_id), split=last_split(store, network_id),
        generic=sorted(marked), templates=_templates(store, members),
        movement=movement(store, members, payments), payment_days=payment_days(payments),
        photo_points=photo_points(store, [m.id for m in members]),
        accounts=network_accounts(store, network_id),
        connections=network_connections(store, network_id),
    )  # fmt: skip


def _counts(summary: NetworkSummary, members: list[Member],
            identifiers: dict[str, list[str]]) -> dict[str, int]:  # fmt: skip
    """The card's counts: persons and sites as the summary has them (sites from the members
    read where it has none), phones, handles and cities as the members read hold them."""
    return {
        "persons": person_count(summary),
        "phones": len(identifiers.get("phone", [])),
        "handles": len(identifiers.get("handle", [])),
        "sites": len(summary.sites) or len({m.site for m in members if m.site}),
        "cities": len({m.city for m in members if m.city}),
    }


def priority(m: Member) -> tuple[bool, float, str]:
    """Possible minors first, then riskiest first (the triage queue's order)."""
    return (not m.possible_minor, -(m.risk or 0), m.id)


def _member_hit(m: Member) -> SearchHit:
    return SearchHit(
        id=m.id, title=m.title or m.id, city=m.city or "", site=m.site, posted_at=m.posted_at,
        risk=m.risk, possible_minor=m.possible_minor, network_id=m.network_id,
    )  # fmt: skip


def _templates(store: Store, members: list[Member]) -> list[TemplateView]:
    """One template per group of records joined by text links (largest groups first)."""
    ids = [m.id for m in members]
    text_links = [lk for lk in store.links_within(ids) if lk.kind == "text"]
    roots = components(ids, ((lk.a, lk.b) for lk in text_links))
    stored: dict[str, Any] = {}
    for lk in text_links:
        if isinstance(lk.evidence.get("template"), str):
            stored[roots[lk.a]] = lk.evidence
    groups: dict[str, list[str]] = {}
    for lk in text_links:
        for rid in (lk.a, lk.b):
            group = groups.setdefault(roots[rid], [])
            if rid not in group:
                group.append(rid)
    bodies = {m.id: m.body for m in members}
    out = []
    for root, group in sorted(groups.items(), key=lambda kv: -len(kv[1]))[:5]:
        group.sort()
        found = stored.get(root)
        if found and isinstance(found.get("slots"), list):
            parts = [{"text": found["template"]}, {"slot": [str(s) for s in found["slots"]]}]
        else:
            parts = template_parts([bodies[r] for r in group])
        out.append(TemplateView(parts=parts, records=group))
    return out


def movement(store: Store, members: list[Member],
             payments: Sequence[Booked] = ()) -> list[CityVisit]:  # fmt: skip
    """Stays in each city in time order: consecutive posts (and payments booked at a merchant
    there, by the network's accounts) in one city are one visit."""
    events = [(m.posted_at or "", m.city or "", m.id, False)
              for m in members if m.city and m.posted_at]  # fmt: skip
    events += [(b.at, b.city, b.id, True) for b in payments if b.city and b.at]
    events.sort()
    visits: list[dict[str, Any]] = []
    for at, city, rid, paid in events:
        if not visits or visits[-1]["city"] != city:
            visits.append({"city": city, "first": at, "last": at, "record_ids": [],
                           "posts": 0, "payments": 0})  # fmt: skip
        visit = visits[-1]
        visit["last"] = at
        visit["record_ids"].append(rid)
        visit["payments" if paid else "posts"] += 1
    where = coordinates(store, [e[2] for e in events], {v["city"] for v in visits})
    return [
        CityVisit(
            city=v["city"], lat=where.get(v["city"], (None, None))[0],
            lon=where.get(v["city"], (None, None))[1], first=v["first"], last=v["last"],
            posts=v["posts"], payments=v["payments"], record_ids=v["record_ids"][:50],
        )
        for v in visits
    ]  # fmt: skip
