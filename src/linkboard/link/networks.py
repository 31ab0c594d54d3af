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
from collections.abc import Set as AbstractSet
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

from linkboard.link.config import LinkConfig
from linkboard.link.families import update_families
from linkboard.link.graph import LightLink, UnionFind, confirmation_keys, joining_links
from linkboard.link.identifiers import Statuses, identifier_links
from linkboard.link.photos import PhotoTable, near_duplicates, photo_links
from linkboard.link.prepare import Prepared, increments
from linkboard.link.summary import summarize
from linkboard.link.templates import Signals, second_signals
from linkboard.link.text import Corpus, text_links
from linkboard.link.workers import available, second_process
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
    store: SQLiteStore,
    new_ids: Iterable[str],
    config: LinkConfig | None = None,
    *,
    cause: dict[str, Any] | None = None,
) -> LinkReport:
    """Link new/changed records against the store and update the networks they touch.

    A batch larger than ``config.chunk`` is linked as consecutive increments in posting order,
    each against everything linked before it (what they read is kept for the next, up to the
    caches' limits); the networks are regrouped once, at the end, from the stored links (a
    network that grows in every increment is summarised once, not once per increment).
    CAUSE (an analyst's step) is written into every network event it makes."""
    config = config or LinkConfig()
    batch = sorted(set(new_ids))
    report = LinkReport(records=len(batch))
    if not batch:
        return report
    if len(batch) > config.chunk:
        batch = db.posting_order(store, batch)
    old = db.network_of(store, batch)  # increments link, only the regroup moves records
    carry = Carry(UnionFind(), Corpus(store, config.text), old.keys())
    carry.uf.seed(old)
    touched: set[str] = set()
    size = max(1, config.chunk)
    parts = [sorted(batch[start : start + size]) for start in range(0, len(batch), size)]
    later = set(batch)
    with db.bigger_cache(store):
        for part in increments(store, parts, config):
            later -= set(part.rids)
            touched |= _link(store, part, config, report, later, carry)
        clock = time.perf_counter()
        old |= db.network_of(store, touched - old.keys())
        nets = {n for n in old.values() if n} | carry.rebuild_ids
        members = touched | {r for ms in db.members_of(store, nets).values() for r in ms}
        old |= db.network_of(store, members - old.keys())
        _regroup(store, members, config, report, old, cause=cause)
        _tick(report, "networks", clock)
    return report


@dataclass(slots=True)
class Carry:
    """What the increments of one ``update`` hand on: the groups so far (text compares few
    records per group; the update's own records were seeded with their networks at its start),
    the text corpus read so far, and the networks whose links were dropped (regrouped at the
    end)."""

    uf: UnionFind
    corpus: Corpus
    seeded: AbstractSet[str]
    rebuild_ids: set[str] = field(default_factory=set)


def _link(
    store: SQLiteStore,
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
    db.delete_links_touching(store, batch)
    statuses = Statuses.load(store, config.identifiers)
    links: list[Link] = []
    if "identifier" in config.kinds:
        res = identifier_links(part.carriers, part.groups, statuses, uf.union, later)
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
        links += _text_links(store, part, carry)
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


def _text_links(store: SQLiteStore, part: Prepared, carry: Carry) -> list[Link]:
    uf, corpus = carry.uf, carry.corpus
    corpus.trim()
    corpus.put(part.sentences)
    corpus.count(part.rids, part.cities, part.names)
    return text_links(
        corpus,
        [rid for rid in part.rids if rid in part.sentences],
        uf.find,
        lambda ids: uf.seed(db.network_of(store, ids - carry.seeded)),
    )


def rebuild(
    store: SQLiteStore,
    network_ids: Iterable[str],
    config: LinkConfig | None = None,
    *,
    cause: dict[str, Any] | None = None,
) -> LinkReport:
    """Regroup the members of NETWORK_IDS from their stored links, after dropping the links of
    identifiers (and photos) that are now suppressed or suspected. Networks may split; every
    one of them that remains is summarised again. CAUSE (an analyst's step: who, what, why) is
    written into every network event."""
    config = config or LinkConfig()
    report = LinkReport()
    network_ids = set(network_ids)
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
    _regroup(store, members, config, report, cause=cause, refresh=network_ids)
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
        members,
        [_light(lk) for lk in full],
        config,
        _confirm(store, full, config),
        _signals(store, config),
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


def _signals(store: SQLiteStore, config: LinkConfig) -> Signals:
    """Reads the second signals (persona names and their stated ages, price lists) that decide
    where a text-only record of a shared template belongs (link.templates)."""

    def read(rids: set[str]) -> dict[str, set[str]]:
        values = db.values_by_kind(store, rids, ("name", "price", "age"))
        return second_signals(values["name"], values["price"], values["age"])

    return read


def _light(lk: Link) -> LightLink:
    return (lk.a, lk.b, lk.kind, lk.hard, lk.score)


# -- regrouping -----------------------------------------------------------------------------


def _regroup(
    store: SQLiteStore,
    members: set[str],
    config: LinkConfig,
    report: LinkReport,
    old: dict[str, str | None] | None = None,
    *,
    cause: dict[str, Any] | None = None,
    refresh: AbstractSet[str] = frozenset(),
) -> None:
    """Regroup MEMBERS from their stored links; OLD: their networks until now, when known.
    The networks in REFRESH that remain are summarised again even where nothing moved."""
    links = db.light_links_among(store, members)
    groups, joined = joining_links(
        members, links, config, _confirm(store, links, config), _signals(store, config)
    )
    old = db.network_of(store, members) if old is None else old
    assignment, events, dissolved = _assign(store, groups, old)
    leads = update_families(store, members, links, assignment, config.text.family)
    dissolved |= {nid for event, nid, _ in events if event == "merged_into"}
    if cause:
        events = [(event, nid, {**detail, "cause": cause}) for event, nid, detail in events]
    changed = {nid for _, nid, _ in events} | (refresh & set(assignment.values()))
    changed -= dissolved
    report.events.update(e[0] for e in events)
    report.networks = sorted(changed)
    slices = _summary_slices(groups, assignment, joined, changed)
    with ExitStack() as stack:
        # several slices: a second process summarises them while this one writes the ids
        if len(slices) > 1 and available(store):
            submit = stack.enter_context(second_process(store))
            pending = [submit(summary_rows, *piece) for piece in slices]
            rows: Iterable[list[dict[str, Any]]] = (f.result() for f in pending)
        else:
            rows = (summary_rows(store, *piece) for piece in slices)
        db.set_networks(store, assignment, old)
        db.add_events(store, events)
        db.delete_networks(store, dissolved)
        for part in rows:
            for row in part:
                row["summary"]["shared_template"] = leads.get(row["id"], [])
            db.save_networks(store, part)


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
    parts: dict[str, dict[str, int]] = defaultdict(dict)  # old id -> new id -> records there
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
        for n, count in counts[gi].items():
            parts[n][nid] = count
        events += _group_events(nid, group, mine, counts[gi], old)
    for old_id, into in parts.items():
        if len(into) > 1:
            moved = {n: c for n, c in sorted(into.items()) if n != old_id}
            detail = {"into": sorted(into), "moved": moved, "kept": into.get(old_id, 0)}
            events.append(("split", old_id, detail))
    held: dict[str, list[str]] = defaultdict(list)
    for r, was in old.items():
        if was in dissolved:
            held[was].append(r)
    for n in sorted(dissolved):
        records = sorted(held[n])
        reason = "no links left between its records"
        detail = {"reason": reason, "records": records[:50], "size": len(records)}
        events.append(("dissolve", n, detail))
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
        events.append(("merged_into", other, {"into": nid, "records": count[other]}))
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


Slice = tuple[list[set[str]], list[str], list[list[LightLink]]]  # groups, their ids, links


def _summary_slices(
    groups: list[set[str]],
    assignment: dict[str, str | None],
    joined: list[LightLink],
    changed: set[str],
    slice_records: int = 50_000,
) -> list[Slice]:
    """The CHANGED networks to summarise, about SLICE_RECORDS records a slice (each slice's
    records are read at once, not the whole batch's)."""
    by_group: dict[str, list[LightLink]] = defaultdict(list)
    for lk in joined:
        nid = assignment.get(lk[0])
        if nid:
            by_group[nid].append(lk)
    slices: list[Slice] = []
    count = 0
    for g in groups:
        nid = assignment[next(iter(g))]
        if len(g) < 2 or nid not in changed:
            continue
        if not slices or count >= slice_records:
            slices.append(([], [], []))
            count = 0
        slices[-1][0].append(g)
        slices[-1][1].append(nid)
        slices[-1][2].append(by_group[nid])
        count += len(g)
    return slices


def summary_rows(
    store: SQLiteStore, groups: list[set[str]], nids: list[str], links: list[list[LightLink]]
) -> list[dict[str, Any]]:
    """The networks rows (id, name, size, dates, summary) of GROUPS, named NIDS, held by LINKS.
    An identifier an analyst marked generic (suppressed) is no network's: summaries leave it out."""
    every = {r for g in groups for r in g}
    ctx = db.record_context(store, every)
    values = db.values_by_kind(store, every, (*sorted(LINKABLE_KINDS), "name"))
    generic = db.suppressed_identifiers(store)
    for kind in LINKABLE_KINDS & {i.split(":", 1)[0] for i in generic}:
        for found in values[kind].values():
            found -= {v for v in found if f"{kind}:{v}" in generic}
    rows = []
    for g, nid, held in zip(groups, nids, links, strict=True):
        summary = summarize(sorted(g), ctx, values, held)
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
    return rows


def _name(summary: dict[str, Any]) -> str:
    """``Lola, Mia, Nina +2 / Houston → Dallas +3``: the first persons and cities, and how many
    more there are (the count the card and the reasons give)."""
    aliases = summary["persons"]["aliases"]
    cities = [m["city"] for m in summary["movement"]]
    who = ", ".join(a.title() for a in aliases[:3]) + _more(len(aliases), 3)
    where = " → ".join(cities[:2]) + _more(len(cities), 2)
    return " / ".join(filter(None, [who.strip(), where.strip()]))


def _more(count: int, shown: int) -> str:
    return f" +{count - shown}" if count > shown else ""
