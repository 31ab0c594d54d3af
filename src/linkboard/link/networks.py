"""Networks: records grouped by the links that hold them together, kept incrementally.

``update`` links new or changed records against everything stored, then regroups only the
networks they touch: a record joining a network leaves its id unchanged; records bridging
networks merge them (the larger, then older, keeps its id); every change is a row in
``network_events`` (``create``, ``grow``, ``merge``, ``merged_into``, ``split``, ``dissolve``).
``rebuild`` regroups given networks from their stored links after an identifier was suppressed.

A record that links to nothing is in no network (``records.network_id`` NULL): networks have
two or more records, so the networks table holds groups, not a copy of every ad.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from linkboard.link.assignment import Event, assign
from linkboard.link.components import UnionFind
from linkboard.link.config import LinkConfig
from linkboard.link.families import update_families
from linkboard.link.graph import LightLink, confirmation_keys, joining_links
from linkboard.link.identifiers import Statuses, identifier_links
from linkboard.link.photos import PhotoTable, near_duplicates, photo_links
from linkboard.link.prepare import Prepared, increments
from linkboard.link.summary import Slice, summary_rows, summary_slices
from linkboard.link.templates import Signals, second_signals
from linkboard.link.text import Corpus, blocking, text_links
from linkboard.model import Link
from linkboard.network import Lead, Network
from linkboard.store.corpus import CorpusStore

if TYPE_CHECKING:
    from linkboard.engine.base import Engine


@dataclass(slots=True)
class LinkReport:
    records: int = 0
    links: dict[str, int] = field(default_factory=dict)
    suspected: dict[str, str] = field(default_factory=dict)
    events: Counter[str] = field(default_factory=Counter)
    networks: list[str] = field(default_factory=list)  # ids created or changed
    seconds: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "links": self.links,
            "suspected": self.suspected,
            "events": dict(self.events),
            "networks": len(self.networks),
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
        }


def update(
    store: CorpusStore,
    new_ids: Iterable[str],
    config: LinkConfig | None = None,
    *,
    cause: dict[str, Any] | None = None,
    engine: Engine | None = None,
) -> LinkReport:
    """Link new/changed records against the store and update the networks they touch, on
    ENGINE (the serial one by default).

    A batch larger than ``config.chunk`` is linked as consecutive increments in posting order,
    each against everything linked before it (what they read is kept for the next, up to the
    caches' limits); the networks are regrouped once, at the end, from the stored links (a
    network that grows in every increment is summarised once, not once per increment).
    CAUSE (an analyst's step) is written into every network event it makes."""
    config = config or LinkConfig()
    engine = engine or _serial()
    batch = sorted(set(new_ids))
    report = LinkReport(records=len(batch))
    if not batch:
        return report
    if len(batch) > config.chunk:
        batch = store.posting_order(batch)
    old = store.network_of(batch)  # increments link, only the regroup moves records
    carry = Carry(UnionFind(), Corpus(store, config.text), old.keys(), engine)
    carry.uf.seed(old)
    touched: set[str] = set()
    size = max(1, config.chunk)
    parts = [sorted(batch[start : start + size]) for start in range(0, len(batch), size)]
    later = set(batch)
    with store.bigger_cache():
        for part in increments(store, parts, config, engine):
            later -= set(part.rids)
            touched |= _link(store, part, config, report, later, carry)
        clock = time.perf_counter()
        _regroup_touched(store, touched, old, carry, config, report, cause)
        _tick(report, "networks", clock)
    return report


def _regroup_touched(
    store: CorpusStore,
    touched: set[str],
    old: dict[str, str | None],
    carry: Carry,
    config: LinkConfig,
    report: LinkReport,
    cause: dict[str, Any] | None,
) -> None:
    """Regroup the records an update TOUCHED with every member of their networks (OLD: the
    networks known so far, completed here) and of the networks whose links were dropped."""
    old |= store.network_of(touched - old.keys())
    nets = {n for n in old.values() if n} | carry.rebuild_ids
    members = touched | {r for ms in store.members_of_networks(nets).values() for r in ms}
    old |= store.network_of(members - old.keys())
    _regroup(store, members, config, report, old, cause=cause, engine=carry.engine)


@dataclass(slots=True)
class Carry:
    """What the increments of one ``update`` hand on: the groups so far (text compares few
    records per group; the update's own records were seeded with their networks at its start),
    the text corpus read so far, the networks whose links were dropped (regrouped at the
    end), and the engine that runs the update."""

    uf: UnionFind
    corpus: Corpus
    seeded: AbstractSet[str]
    engine: Engine
    rebuild_ids: set[str] = field(default_factory=set)


def _link(
    store: CorpusStore,
    part: Prepared,
    config: LinkConfig,
    report: LinkReport,
    later: set[str],
    carry: Carry,
) -> set[str]:
    """Link the increment PART and save its links; LATER holds the records of the next
    increments (not linked to yet). Returns the records the new links touch."""
    uf, batch = carry.uf, part.rids
    clock = time.perf_counter()
    store.delete_links_touching(batch)
    statuses = Statuses.load(store, config.identifiers)
    links: list[Link] = []
    if "identifier" in config.kinds:
        links += _identifier_links(store, part, statuses, later, carry, report)
        _tick(report, "identifiers", clock)
    if "photo" in config.kinds:
        clock = time.perf_counter()
        photo, generic = _photo_links(store, batch, uf, config, set(statuses.blocked))
        links += photo
        for ident, reason in generic.items():
            store.set_identifier_status(ident, "suspected", reason, "linkboard")
        report.suspected.update(generic)
        _tick(report, "photos", clock)
    if "text" in config.kinds:
        clock = time.perf_counter()
        links += _text_links(store, part, carry)
        _tick(report, "text", clock)
    clock = time.perf_counter()
    store.merge_links(links)
    report.links = dict(Counter(report.links) + Counter(lk.kind for lk in links))
    _tick(report, "networks", clock)
    return set(batch) | {r for lk in links for r in (lk.a, lk.b)}


def _identifier_links(
    store: CorpusStore,
    part: Prepared,
    statuses: Statuses,
    later: set[str],
    carry: Carry,
    report: LinkReport,
) -> list[Link]:
    """PART's identifier links; identifiers newly suspected are marked so, leave the stored
    links, and their networks are regrouped at the end."""
    res = identifier_links(part.carriers, part.groups, statuses, carry.uf.union, later)
    for ident, reason in res.suspected.items():
        store.set_identifier_status(ident, "suspected", reason, "linkboard")
        if store.drop_identifier_from_links(ident, res.holders[ident]):
            nets = store.network_of(res.holders[ident]).values()
            carry.rebuild_ids |= {n for n in nets if n}
    report.suspected.update(res.suspected)
    return res.links


def _tick(report: LinkReport, step: str, since: float) -> None:
    report.seconds[step] = report.seconds.get(step, 0.0) + time.perf_counter() - since


def _photo_links(
    store: CorpusStore, batch: list[str], uf: UnionFind, config: LinkConfig, blocked: set[str]
) -> tuple[list[Link], dict[str, str]]:
    in_batch = set(batch)
    rows = store.linkable_images(config.photos.min_quality)
    rows = [r for r in rows if r[0] not in in_batch] + [r for r in rows if r[0] in in_batch]
    first_new = sum(1 for r in rows if r[0] not in in_batch)
    if first_new == len(rows):
        return [], {}
    table = PhotoTable.from_rows([r[:4] for r in rows])
    matches = near_duplicates(table, list(range(first_new, len(rows))), config.photos)
    uf.seed(store.network_of({table.records[m.other] for m in matches} - in_batch))
    return photo_links(table, matches, uf.find, uf.union, config.photos, blocked)


def _text_links(store: CorpusStore, part: Prepared, carry: Carry) -> list[Link]:
    uf, corpus = carry.uf, carry.corpus
    corpus.trim()
    corpus.put(part.sentences)
    corpus.count(part.rids, part.cities, part.names)
    block = blocking(corpus, [rid for rid in part.rids if rid in part.sentences])
    stored = store.text_bucket_members(block.buckets(), corpus.config.bucket_cap)
    seed = carry.seeded
    links = text_links(
        corpus,
        block,
        stored,
        uf.find,
        lambda ids: uf.seed(store.network_of(ids - seed)),
        carry.engine.candidate_pairs,
    )
    store.replace_text_bands([d.rid for d in block.docs], block.band_rows())
    return links


def rebuild(
    store: CorpusStore,
    network_ids: Iterable[str],
    config: LinkConfig | None = None,
    *,
    cause: dict[str, Any] | None = None,
    engine: Engine | None = None,
) -> LinkReport:
    """Regroup the members of NETWORK_IDS from their stored links, after dropping the links of
    identifiers (and photos) that are now suppressed or suspected. Networks may split; every
    one of them that remains is summarised again. CAUSE (an analyst's step: who, what, why) is
    written into every network event."""
    config = config or LinkConfig()
    report = LinkReport()
    network_ids = set(network_ids)
    members = {r for ms in store.members_of_networks(network_ids).values() for r in ms}
    report.records = len(members)
    statuses = Statuses.load(store, config.identifiers)
    blocked_photos = []
    for lk in store.links_among(members):
        if lk.kind == "identifier":
            for ident in set(lk.evidence.get("identifiers", ())) & statuses.blocked.keys():
                store.drop_identifier_from_links(ident, (lk.a, lk.b))
        elif lk.kind == "photo" and _photo_blocked(lk, statuses):
            blocked_photos.append((lk.a, lk.b, lk.kind))
    store.delete_links(blocked_photos)
    _regroup(
        store, members, config, report, cause=cause, refresh=network_ids, engine=engine or _serial()
    )
    return report


def _photo_blocked(lk: Link, statuses: Statuses) -> bool:
    return any(f"image:{lk.evidence[s]['pdq']}" in statuses.blocked for s in ("a", "b"))


def suppress(
    store: CorpusStore, identifier: str, reason: str, by: str, config: LinkConfig | None = None
) -> LinkReport:
    """Mark IDENTIFIER suppressed (an analyst's call) and rebuild the networks it held."""
    store.set_identifier_status(identifier, "suppressed", reason, by)
    holders = store.records_with(identifier, limit=10_000_000)
    nets = {n for n in store.network_of(holders).values() if n}
    return rebuild(store, nets, config)


def network_edges(
    store: CorpusStore, network_id: str, config: LinkConfig | None = None
) -> list[Link]:
    """The links that hold network NETWORK_ID together (hard links, and the soft links that
    had enough support), with their evidence."""
    config = config or LinkConfig()
    members = store.members_of_networks([network_id]).get(network_id, [])
    full = store.links_among(members)
    _, joined = joining_links(
        members,
        [_light(lk) for lk in full],
        config,
        _confirm(store, full, config),
        _signals(store, config),
    )
    keep = {(a, b, kind) for a, b, kind, *_ in joined}
    return [lk for lk in full if (lk.a, lk.b, lk.kind) in keep]


def _confirm(
    store: CorpusStore, links: Iterable[Link | LightLink], config: LinkConfig
) -> dict[str, set[str]]:
    """Confirmation keys of the records at the ends of weak LINKS (the only ones that need
    confirming), read only for the rules that are on."""
    text = config.text
    if not (text.confirm_by_name_in_city or text.confirm_by_area_code):
        return {}
    light = (_light(lk) if isinstance(lk, Link) else lk for lk in links)
    members = sorted({r for lk in light if not lk[3] and lk[4] < text.join for r in lk[:2]})
    if not members:
        return {}
    kinds = [
        k
        for k, on in (("name", text.confirm_by_name_in_city), ("phone", text.confirm_by_area_code))
        if on
    ]
    values = store.values_by_kind(members, kinds)
    cities = (
        {r: c["city"] for r, c in store.record_context(members).items()}
        if text.confirm_by_name_in_city
        else {}
    )
    return confirmation_keys(config, values.get("name", {}), cities, values.get("phone", {}))


def _signals(store: CorpusStore, config: LinkConfig) -> Signals:
    """Reads the second signals (persona names and their stated ages, price lists) that decide
    where a text-only record of a shared template belongs (link.templates)."""

    def read(rids: set[str]) -> dict[str, set[str]]:
        values = store.values_by_kind(rids, ("name", "price", "age"))
        return second_signals(values["name"], values["price"], values["age"])

    return read


def _light(lk: Link) -> LightLink:
    return (lk.a, lk.b, lk.kind, lk.hard, lk.score)


# -- regrouping -----------------------------------------------------------------------------


def _regroup(
    store: CorpusStore,
    members: set[str],
    config: LinkConfig,
    report: LinkReport,
    old: dict[str, str | None] | None = None,
    *,
    cause: dict[str, Any] | None = None,
    refresh: AbstractSet[str] = frozenset(),
    engine: Engine,
) -> None:
    """Regroup MEMBERS from their stored links; OLD: their networks until now, when known.
    The networks in REFRESH that remain are summarised again even where nothing moved."""
    links = store.light_links_among(members)
    groups, joined = joining_links(
        members, links, config, _confirm(store, links, config), _signals(store, config)
    )
    old = store.network_of(members) if old is None else old
    previous = {n for g in groups for r in g if (n := old.get(r)) is not None}
    sizes = store.network_sizes(previous)
    assignment, events, dissolved = assign(groups, old, sizes, store.last_network_number())
    leads = update_families(store, members, links, assignment, config.text.family)
    dissolved |= {nid for event, nid, _ in events if event == "merged_into"}
    if cause:
        events = [(event, nid, {**detail, "cause": cause}) for event, nid, detail in events]
    changed = {nid for _, nid, _ in events} | (refresh & set(assignment.values()))
    changed -= dissolved
    report.events.update(e[0] for e in events)
    report.networks = sorted(changed)
    slices = summary_slices(groups, assignment, joined, changed)
    _write_networks(store, engine, slices, leads, (assignment, old, events, dissolved))


def _write_networks(
    store: CorpusStore,
    engine: Engine,
    slices: list[Slice],
    leads: dict[str, tuple[Lead, ...]],
    change: tuple[dict[str, str | None], dict[str, str | None], list[Event], set[str]],
) -> None:
    """Write the records' networks, the events and the summaries of SLICES with their
    shared-template LEADS; CHANGE: (assignment, old networks, events, dissolved ids). Several
    slices are summarised by the engine (another process, where it has one) while this one
    writes the ids."""
    assignment, old, events, dissolved = change
    if len(slices) > 1:
        pending = [engine.submit(store, summary_rows, *piece) for piece in slices]
        rows: Iterable[list[Network]] = (p.result() for p in pending)
    else:
        rows = (summary_rows(store, *piece) for piece in slices)
    store.set_networks(assignment, old)
    store.add_network_events(events)
    store.delete_networks(dissolved)
    for part in rows:
        store.save_networks([net.with_leads(leads.get(net.id, ())) for net in part])


def _serial() -> Engine:
    from linkboard.engine.serial import SerialEngine

    return SerialEngine()
