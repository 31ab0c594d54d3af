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
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from linkboard.link.config import LinkConfig
from linkboard.link.graph import LightLink, UnionFind, confirmation_keys, joining_links
from linkboard.link.identifiers import Groups, Statuses, identifier_links
from linkboard.link.photos import PhotoTable, near_duplicates, photo_links
from linkboard.link.summary import summarize
from linkboard.link.text import Corpus, text_links
from linkboard.model import LINKABLE_KINDS, Link
from linkboard.store import links as db
from linkboard.store.sqlite import SQLiteStore


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
    store: SQLiteStore, new_ids: Iterable[str], config: LinkConfig | None = None
) -> LinkReport:
    """Link new/changed records against the store and update the networks they touch.

    A batch larger than ``config.chunk`` is linked as consecutive increments in posting order,
    each against everything linked before it, so memory stays bounded; the networks are
    regrouped once, at the end, from the stored links (a network that grows in every
    increment is summarised once, not once per increment)."""
    config = config or LinkConfig()
    batch = sorted(set(new_ids))
    report = LinkReport(records=len(batch))
    if not batch:
        return report
    if len(batch) > config.chunk:
        batch = db.posting_order(store, batch)
    carry = Carry(UnionFind(), Groups(), Corpus(store, config.text))
    carry.uf.seed(db.network_of(store, batch))
    touched: set[str] = set()
    size = max(1, config.chunk)
    with db.bigger_cache(store):
        for start in range(0, len(batch), size):
            later = set(batch[start + size :])
            part = sorted(batch[start : start + size])
            touched |= _link(store, part, config, report, later, carry)
        clock = time.perf_counter()
        nets = {n for n in db.network_of(store, touched).values() if n} | carry.rebuild_ids
        members = touched | {r for ms in db.members_of(store, nets).values() for r in ms}
        _regroup(store, members, config, report)
        _tick(report, "networks", clock)
    return report


@dataclass(slots=True)
class Carry:
    """What the increments of one ``update`` hand on: the groups so far (text compares few
    records per group), each identifier's holders and verdict, the text corpus read so far, and
    the networks whose links were dropped (regrouped at the end)."""

    uf: UnionFind
    groups: Groups
    corpus: Corpus
    rebuild_ids: set[str] = field(default_factory=set)


def _link(
    store: SQLiteStore,
    batch: list[str],
    config: LinkConfig,
    report: LinkReport,
    later: set[str],
    carry: Carry,
) -> set[str]:
    """Link BATCH and save its links; LATER holds the records of the next increments (not
    linked to yet). Returns the records the new links touch."""
    uf = carry.uf
    clock = time.perf_counter()
    db.delete_links_touching(store, batch)
    statuses = Statuses.load(store, config.identifiers)
    mentions = store.mentions_of(batch)
    links: list[Link] = []
    if "identifier" in config.kinds:
        res = identifier_links(
            store, mentions, statuses, config.identifiers, uf.union, later, carry.groups
        )
        links += res.links
        for ident, reason in res.suspected.items():
            store.set_identifier_status(ident, "suspected", reason, "linkboard")
            if db.drop_identifier_from_links(store, ident, res.holders[ident]):
                nets = db.network_of(store, res.holders[ident]).values()
                carry.rebuild_ids |= {n for n in nets if n}
        report.suspected.update(res.suspected)
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
        links += _text_links(store, batch, mentions, uf, carry.corpus)
        _tick(report, "text", clock)
    clock = time.perf_counter()
    db.save_links(store, links)
    report.links = dict(Counter(report.links) + Counter(lk.kind for lk in links))
    _tick(report, "networks", clock)
    return set(batch) | {r for lk in links for r in (lk.a, lk.b)}


def _tick(report: LinkReport, step: str, since: float) -> None:
    report.seconds[step] = report.seconds.get(step, 0.0) + time.perf_counter() - since


def _photo_links(
    store: SQLiteStore, batch: list[str], uf: UnionFind, config: LinkConfig, blocked: set[str]
) -> tuple[list[Link], dict[str, str]]:
    in_batch = set(batch)
    rows = db.image_rows(store, config.photos.min_quality)
    rows = [r for r in rows if r[0] not in in_batch] + [r for r in rows if r[0] in in_batch]
    first_new = sum(1 for r in rows if r[0] not in in_batch)
    if first_new == len(rows):
        return [], {}
    table = PhotoTable.from_rows([r[:4] for r in rows])
    matches = near_duplicates(table, list(range(first_new, len(rows))), config.photos)
    uf.seed(db.network_of(store, {table.records[m.other] for m in matches} - in_batch))
    return photo_links(table, matches, uf.find, uf.union, config.photos, blocked)


def _text_links(
    store: SQLiteStore,
    batch: list[str],
    mentions: dict[str, Any],
    uf: UnionFind,
    corpus: Corpus,
) -> list[Link]:
    corpus.trim()
    texts = db.record_texts(store, batch)
    corpus.add(texts, mentions)
    ctx = db.record_context(store, batch)
    names = {rid: {m.value for m in ms if m.kind == "name"} for rid, ms in mentions.items()}
    corpus.count(batch, ctx, names)
    return text_links(
        corpus,
        [rid for rid in batch if rid in texts],
        uf.find,
        uf.union,
        lambda ids: uf.seed(db.network_of(store, ids)),
    )


def rebuild(
    store: SQLiteStore, network_ids: Iterable[str], config: LinkConfig | None = None
) -> LinkReport:
    """Regroup the members of NETWORK_IDS from their stored links, after dropping the links of
    identifiers (and photos) that are now suppressed or suspected. Networks may split."""
    config = config or LinkConfig()
    report = LinkReport()
    members = {r for ms in db.members_of(store, network_ids).values() for r in ms}
    report.records = len(members)
    statuses = Statuses.load(store, config.identifiers)
    for lk in db.links_among(store, members):
        if lk.kind == "identifier":
            for ident in set(lk.evidence.get("identifiers", ())) & statuses.blocked.keys():
                db.drop_identifier_from_links(store, ident, (lk.a, lk.b))
        elif lk.kind == "photo" and _photo_blocked(lk, statuses):
            store.execute(
                "DELETE FROM links WHERE a = ? AND b = ? AND kind = 'photo'", (lk.a, lk.b)
            )
    store.db.commit()
    _regroup(store, members, config, report)
    return report


def _photo_blocked(lk: Link, statuses: Statuses) -> bool:
    return any(f"image:{lk.evidence[s]['pdq']}" in statuses.blocked for s in ("a", "b"))


def suppress(
    store: SQLiteStore, identifier: str, reason: str, by: str, config: LinkConfig | None = None
) -> LinkReport:
    """Mark IDENTIFIER suppressed (an analyst's call) and rebuild the networks it held."""
    store.set_identifier_status(identifier, "suppressed", reason, by)
    holders = store.records_with(identifier, limit=10_000_000)
    nets = {n for n in db.network_of(store, holders).values() if n}
    return rebuild(store, nets, config)


def network_edges(
    store: SQLiteStore, network_id: str, config: LinkConfig | None = None
) -> list[Link]:
    """The links that hold network NETWORK_ID together (hard links, and the soft links that
    had enough support), with their evidence."""
    config = config or LinkConfig()
    members = db.members_of(store, [network_id]).get(network_id, [])
    full = db.links_among(store, members)
    _, joined = joining_links(
        members, [_light(lk) for lk in full], config, _confirm(store, full, config)
    )
    keep = {(a, b, kind) for a, b, kind, *_ in joined}
    return [lk for lk in full if (lk.a, lk.b, lk.kind) in keep]


def _confirm(
    store: SQLiteStore, links: Iterable[Link | LightLink], config: LinkConfig
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
    values = db.values_by_kind(store, members, kinds)
    cities = (
        {r: c["city"] for r, c in db.record_context(store, members).items()}
        if text.confirm_by_name_in_city
        else {}
    )
    return confirmation_keys(config, values.get("name", {}), cities, values.get("phone", {}))


def _light(lk: Link) -> LightLink:
    return (lk.a, lk.b, lk.kind, lk.hard, lk.score)


# -- regrouping -----------------------------------------------------------------------------


def _regroup(store: SQLiteStore, members: set[str], config: LinkConfig, report: LinkReport) -> None:
    links = db.light_links_among(store, members)
    groups, joined = joining_links(members, links, config, _confirm(store, links, config))
    old = db.network_of(store, members)
    assignment, events, dissolved = _assign(store, groups, old)
    dissolved |= {nid for event, nid, _ in events if event == "merged_into"}
    db.set_networks(store, assignment, old)
    db.add_events(store, events)
    db.delete_networks(store, dissolved)
    report.events.update(e[0] for e in events)
    changed = {nid for _, nid, _ in events if nid not in dissolved}
    report.networks = sorted(changed)
    _save_summaries(store, groups, assignment, joined, changed)


def _assign(
    store: SQLiteStore, groups: list[set[str]], old: dict[str, str | None]
) -> tuple[dict[str, str | None], list[tuple[str, str, dict[str, Any]]], set[str]]:
    """Network ids for GROUPS given each record's previous id: ids survive, merge, or split."""
    counts: list[Counter[str]] = [
        Counter(n for r in g if (n := old.get(r)) is not None) for g in groups
    ]
    sizes = db.network_sizes(store, {n for c in counts for n in c})
    home: dict[str, tuple[int, int]] = {}  # old id -> (group index, members there)
    for gi, c in enumerate(counts):
        for nid, count in c.items():
            if nid not in home or count > home[nid][1]:
                home[nid] = (gi, count)
    number = db.last_network_number(store)
    assignment: dict[str, str | None] = {}
    events: list[tuple[str, str, dict[str, Any]]] = []
    dissolved: set[str] = set()
    parts: dict[str, list[str]] = defaultdict(list)
    for gi, group in sorted(enumerate(groups), key=lambda x: min(x[1])):
        mine = sorted(
            (n for n in counts[gi] if home[n][0] == gi),
            key=lambda n: (-sizes.get(n, (0, ""))[0], n),
        )
        if len(group) < 2:
            for r in group:
                assignment[r] = None
            dissolved |= set(mine)
            continue
        if mine:
            nid = mine[0]
        else:
            number += 1
            nid = f"N{number:08d}"
        for r in group:
            assignment[r] = nid
        for n in counts[gi]:
            parts[n].append(nid)
        events += _group_events(nid, group, mine, counts[gi], old)
    for old_id, ids in parts.items():
        if len(set(ids)) > 1:
            events.append(("split", old_id, {"into": sorted(set(ids))}))
    for n in sorted(dissolved):
        events.append(("dissolve", n, {"reason": "no links left between its records"}))
    return assignment, events, dissolved


def _group_events(
    nid: str, group: set[str], mine: list[str], count: Counter[str], old: dict[str, str | None]
) -> list[tuple[str, str, dict[str, Any]]]:
    events: list[tuple[str, str, dict[str, Any]]] = []
    fresh = sorted(r for r in group if not old.get(r))
    if not mine:
        came = sorted(count)
        detail: dict[str, Any] = {"records": len(group)}
        if came:
            detail["split_from"] = came
        return [("create", nid, detail)]
    for other in mine[1:]:
        events.append(("merge", nid, {"absorbed": other, "records": count[other]}))
        events.append(("merged_into", other, {"into": nid}))
    moved = sorted(r for r in group if old.get(r) and old[r] not in mine)
    if fresh or moved:
        events.append(
            (
                "grow",
                nid,
                {
                    "added": len(fresh) + len(moved),
                    "size": len(group),
                    "records": (fresh + moved)[:50],
                },
            )
        )
    return events


def _save_summaries(
    store: SQLiteStore,
    groups: list[set[str]],
    assignment: dict[str, str | None],
    joined: list[LightLink],
    changed: set[str],
    slice_records: int = 50_000,
) -> None:
    """Summaries of the CHANGED networks, read and written about SLICE_RECORDS records at a
    time (memory stays bounded when a big batch changes most networks)."""
    groups = [g for g in groups if len(g) > 1 and assignment[next(iter(g))] in changed]
    by_group: dict[str, list[LightLink]] = defaultdict(list)
    for lk in joined:
        nid = assignment.get(lk[0])
        if nid:
            by_group[nid].append(lk)
    part: list[set[str]] = []
    count = 0
    for g in [*groups, None]:
        if g is not None:
            part.append(g)
            count += len(g)
        if part and (g is None or count >= slice_records):
            _save_slice(store, part, assignment, by_group)
            part, count = [], 0


def _save_slice(
    store: SQLiteStore,
    groups: list[set[str]],
    assignment: dict[str, str | None],
    by_group: dict[str, list[LightLink]],
) -> None:
    every = {r for g in groups for r in g}
    ctx = db.record_context(store, every)
    values = db.values_by_kind(store, every, (*sorted(LINKABLE_KINDS), "name"))
    rows = []
    for g in groups:
        nid = assignment[next(iter(g))]
        assert nid is not None
        summary = summarize(sorted(g), ctx, values, by_group[nid])
        rows.append(
            {
                "id": nid,
                "name": _name(summary),
                "size": len(g),
                "first_seen": summary["first_seen"],
                "last_seen": summary["last_seen"],
                "summary": summary,
            }
        )
    db.save_networks(store, rows)


def _name(summary: dict[str, Any]) -> str:
    aliases = summary["persons"]["aliases"][:3]
    cities = [m["city"] for m in summary["movement"]][:2]
    return " / ".join(filter(None, [", ".join(a.title() for a in aliases), " → ".join(cities)]))
