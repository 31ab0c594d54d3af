"""The corpus stages, after the record stage: market prices, linking, the casework's reactions
(``linkboard.hooks``), and network scoring that lifts the records of each network.

Each works on what the record stage just processed and the networks it touched, never on the
whole corpus again.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from linkboard import hooks
from linkboard.engine.base import Engine
from linkboard.engine.crashpoints import crash_point
from linkboard.engine.serial import SerialEngine
from linkboard.score import (
    Market,
    Member,
    MemberScore,
    NetworkFacts,
    PriceObservation,
    Taxonomy,
    load_taxonomy,
    market_prices,
    member_from_mentions,
    network_hits,
    possible_minor,
    record_hits,
    risk,
    score_network,
)
from linkboard.store.base import Store


def market(store: Store) -> Market:
    """Median hourly prices per city and month, from every price mention in the store."""
    from linkboard.score.market import hourly_price

    observations = []
    for mention, city, month in store.price_mentions():
        hp = hourly_price(mention)
        if hp is not None:
            observations.append(PriceObservation(city, month, hp[1], hp[0]))
    return market_prices(observations)


def rescore_priced(store: Store, ids: list[str], taxonomy: Taxonomy, prices: Market) -> int:
    """Re-fire the record indicators of the records with prices, now that the market is known."""
    priced = [rid for rid, found in store.mentions_of(ids, ["price"]).items() if found]
    for record in store.records(priced):
        hits = record_hits(record, store.mentions(record.id), taxonomy, market=prices)
        breakdown = risk(hits, taxonomy)
        store.replace_record_score(
            record.id, hits, breakdown.risk, breakdown, possible_minor(hits)[0]
        )
    return len(priced)


def network_facts(
    store: Store,
    network_id: str,
    generic: frozenset[str] = frozenset(),
    engine: Engine | None = None,
) -> NetworkFacts:
    """What the network rules read of NETWORK_ID's members, without the phones an analyst
    marked generic (GENERIC: ``phone:+1...``): a shared booking line is no evidence that one
    phone advertises many persons, and no reason cites it. Photo groups and templates are the
    components of the photo and text links (ENGINE's ``components``)."""
    engine = engine or SerialEngine()
    ids = store.network_members(network_id)
    links = store.links_of(ids)
    photos = engine.components(ids, ((lk.a, lk.b) for lk in links if lk.kind == "photo"))
    templates = engine.components(ids, ((lk.a, lk.b) for lk in links if lk.kind == "text"))
    with_photo_links = {r for lk in links if lk.kind == "photo" for r in (lk.a, lk.b)}
    with_text_links = {r for lk in links if lk.kind == "text" for r in (lk.a, lk.b)}
    mentions = store.mentions_of(ids)
    members = tuple(
        member_from_mentions(
            record,
            mentions[record.id],
            photo_groups=[photos[record.id]] if record.id in with_photo_links else [],
            template=templates[record.id] if record.id in with_text_links else None,
        )
        for record in store.records(ids)
    )
    return NetworkFacts(network_id, tuple(_without(m, generic) for m in members))


def _without(member: Member, generic: frozenset[str]) -> Member:
    if not any(f"phone:{p}" in generic for p in member.phones):
        return member
    return replace(
        member,
        phones=tuple(p for p in member.phones if f"phone:{p}" not in generic),
        phone_regions={
            p: r for p, r in member.phone_regions.items() if f"phone:{p}" not in generic
        },
    )


def score_networks(
    store: Store, network_ids: set[str], taxonomy: Taxonomy, engine: Engine | None = None
) -> int:
    """Network indicators and risk (``score.score_network``: never below its strongest member or
    the possible-minor floor), and the lift of every member's risk by its network's."""
    scored = 0
    generic = frozenset(store.suppressed_identifiers())
    for nid in sorted(network_ids):
        if store.network(nid) is None:
            continue
        facts = network_facts(store, nid, generic, engine)
        hits = network_hits(facts, taxonomy)
        members = []
        for m in facts.members:
            own = store.hits("record", m.record_id)
            members.append(MemberScore(m.record_id, risk(own, taxonomy), possible_minor(own)[1]))
            hits += [h for h in own if h.level == "channel"]  # a member's account alert is ours
        scored_network = score_network(nid, hits, members, taxonomy)
        breakdown = scored_network.breakdown
        store.save_network_score(
            nid, hits, breakdown.risk, breakdown, bool(scored_network.possible_minor)
        )
        for rid, lifted in scored_network.members.items():
            store.set_record_risk(rid, lifted.risk, lifted)
        scored += 1
    return scored


def unlift(store: Store, taxonomy: Taxonomy) -> None:
    """Records that left every network (a split, a suppressed identifier) lose their lift."""
    for rid in store.lifted_outside_networks():
        base = risk(store.hits("record", rid), taxonomy)
        store.set_record_risk(rid, base.risk, base)


def joining(store: Store, ids: list[str]) -> list[str]:
    """The records among IDS whose kind joins networks (a transaction does not: its account
    does, ``data/kinds``' ``links: false``)."""
    from linkboard.kinds import kinds

    apart = {name for name, k in kinds().items() if not k.links}
    if not apart or not ids:
        return ids
    kind_of = store.kinds_of(ids)
    return [i for i in ids if kind_of.get(i) not in apart]


def link_and_score(
    store: Store,
    new_ids: list[str],
    taxonomy_paths: list[Path] | None = None,
    *,
    engine: Engine | None = None,
) -> dict[str, Any]:
    """Everything after the record stage, for the records it just processed, on ENGINE (the
    serial one by default): market prices, linking, the ``after_link`` hooks (casework's
    decisions), network scoring, the ``after_update`` hooks (casework's watches). The caller
    holds one transaction around it: see ``engine.pipeline.link_stage``."""
    from linkboard.link import update

    engine = engine or SerialEngine()
    taxonomy = load_taxonomy(taxonomy_paths)
    out: dict[str, Any] = {
        "rescored (market)": rescore_priced(store, new_ids, taxonomy, market(store))
    }
    crash_point("link:rescored")
    report = update(store, joining(store, new_ids), engine=engine)
    crash_point("link:linked")
    touched = set(report.networks)
    for react in hooks.after_link.implementations():
        touched |= react(store, new_ids)
    out.update({f"{k} links": v for k, v in sorted(report.links.items())})
    out["suspected generic"] = len(report.suspected)
    out["networks changed"] = len(touched)
    out["networks scored"] = score_networks(store, touched, taxonomy, engine)
    unlift(store, taxonomy)
    for react_after in hooks.after_update.implementations():
        out.update(react_after(store, new_ids))
    return out
