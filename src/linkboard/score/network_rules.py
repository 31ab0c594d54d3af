"""Network-level rules over ``NetworkFacts``: phones, persons, cities, templates and posting times.

Each rule is ``rule(indicator, facts) -> list[Hit]``, one hit per phone / person / template that
meets it. ``evidence`` is a sentence naming the identifiers, cities and dates; ``detail`` holds
them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from linkboard.model import Hit
from linkboard.persons import person_names
from linkboard.score.geo import city_state, state_distance_km
from linkboard.score.network_facts import Member, NetworkFacts
from linkboard.score.taxonomy import Indicator, Taxonomy

Rule = Callable[[Indicator, NetworkFacts], list[Hit]]
NETWORK_RULES: dict[str, Rule] = {}
MAX_LISTED = 6


def rule(name: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        NETWORK_RULES[name] = fn
        return fn

    return register


def network_hits(facts: NetworkFacts, taxonomy: Taxonomy) -> list[Hit]:
    """Every network-level indicator of ``taxonomy`` that fires on ``facts``."""
    hits: list[Hit] = []
    for ind in taxonomy.active("network"):
        hits.extend(NETWORK_RULES[ind.rule](ind, facts))
    return hits


def _hit(ind: Indicator, facts: NetworkFacts, evidence: str, **detail: Any) -> Hit:
    detail = {"network": facts.network_id, "rule": ind.rule, **detail}
    return Hit(ind.code, "network", ind.weight, evidence, detail=detail)


def _listed(values: Iterable[str]) -> str:
    values = sorted(values)
    more = f" and {len(values) - MAX_LISTED} more" if len(values) > MAX_LISTED else ""
    return ", ".join(values[:MAX_LISTED]) + more


def _span(members: Iterable[Member]) -> str:
    days = sorted(m.day for m in members if m.day)
    if not days:
        return "undated"
    return days[0] if days[0] == days[-1] else f"{days[0]} to {days[-1]}"


@rule("persons_per_phone")
def persons_per_phone(ind: Indicator, facts: NetworkFacts) -> list[Hit]:
    """A phone with ``min_photo_groups`` photo sets or ``min_names`` names behind it."""
    min_groups, min_names = int(ind.params["min_photo_groups"]), int(ind.params["min_names"])
    by_phone: dict[str, list[Member]] = defaultdict(list)
    for m in facts.members:
        for p in m.phones:
            by_phone[p].append(m)
    hits = []
    for phone, ms in sorted(by_phone.items()):
        groups = {g for m in ms for g in m.photo_groups}
        names = person_names(n for m in ms for n in m.names)
        if len(groups) < min_groups and len(names) < min_names:
            continue
        evidence = (
            f"Phone {phone} advertises {len(groups)} photo sets ({_listed(groups) or 'none'}) "
            f"and {len(names)} names ({_listed(names) or 'none'}) in {len(ms)} ads, {_span(ms)}."
        )
        hits.append(
            _hit(
                ind,
                facts,
                evidence,
                phone=phone,
                photo_groups=sorted(groups),
                names=names,
                records=[m.record_id for m in ms],
            )
        )
    return hits


def _keys(m: Member) -> list[tuple[str, str]]:
    return [("phone", p) for p in m.phones] + [("photo set", g) for g in m.photo_groups]


@rule("fast_movement")
def fast_movement(ind: Indicator, facts: NetworkFacts) -> list[Hit]:
    """A phone or a photo set advertised in ``min_cities`` cities within ``within_days`` days."""
    min_cities, window = int(ind.params["min_cities"]), timedelta(days=ind.params["within_days"])
    events: dict[tuple[str, str], list[tuple[datetime, Member]]] = defaultdict(list)
    for m in facts.members:
        if m.when is not None and m.city:
            for k in _keys(m):
                events[k].append((m.when, m))
    hits = []
    for (kind, key), evs in sorted(events.items()):
        evs.sort(key=lambda e: e[0])
        best = _densest_cities(evs, window)
        first: dict[str, Member] = {}
        for _, m in best:
            first.setdefault(m.city, m)
        if len(first) < min_cities:
            continue
        days = (best[-1][0] - best[0][0]).days
        stops = ", ".join(f"{c} ({m.day})" for c, m in first.items())
        evidence = (
            f"{kind.capitalize()} {key} was advertised in {len(first)} cities "
            f"within {days} days: {stops}."
        )
        cities = [{"city": c, "date": m.day, "record_id": m.record_id} for c, m in first.items()]
        hits.append(_hit(ind, facts, evidence, key=key, kind=kind, cities=cities, days=days))
    return hits


def _densest_cities(
    evs: list[tuple[datetime, Member]], window: timedelta
) -> list[tuple[datetime, Member]]:
    """The run of events within ``window`` that covers the most distinct cities."""
    counts: Counter[str] = Counter()
    best: tuple[int, int, int] = (0, 0, 0)  # (distinct, lo, hi)
    lo = 0
    for hi, (t, m) in enumerate(evs):
        counts[m.city] += 1
        while t - evs[lo][0] > window:
            gone = evs[lo][1].city
            counts[gone] -= 1
            if not counts[gone]:
                del counts[gone]
            lo += 1
        if len(counts) > best[0]:
            best = (len(counts), lo, hi)
    return evs[best[1] : best[2] + 1] if best[0] else []


@rule("template_across_persons")
def template_across_persons(ind: Indicator, facts: NetworkFacts) -> list[Hit]:
    """One text template used for ``min_persons`` persons (photo sets, else names)."""
    min_persons = int(ind.params["min_persons"])
    by_tpl: dict[str, list[Member]] = defaultdict(list)
    for m in facts.members:
        if m.template:
            by_tpl[m.template].append(m)
    hits = []
    for tpl, ms in sorted(by_tpl.items()):
        groups = {g for m in ms for g in m.photo_groups}
        persons = sorted(groups) if groups else person_names(n for m in ms for n in m.names)
        if len(persons) < min_persons:
            continue
        if groups:
            who = f"{len(persons)} photo sets ({_listed(persons)})"
        else:  # persons counted as the network card counts them: distinct persona names
            who = f"{len(persons)} persons (names: {_listed(persons)})"
        evidence = f"Template {tpl} is used across {who} in {len(ms)} ads, {_span(ms)}."
        hits.append(
            _hit(
                ind,
                facts,
                evidence,
                template=tpl,
                persons=sorted(persons),
                records=[m.record_id for m in ms],
            )
        )
    return hits


@rule("area_code_far")
def area_code_far(ind: Indicator, facts: NetworkFacts) -> list[Hit]:
    """A phone whose area-code state is ``min_km`` or more from the state of the ad's city."""
    min_km = float(ind.params["min_km"])
    farthest: dict[str, tuple[float, Member, str, str]] = {}
    for m in facts.members:
        here = city_state(m.city)
        for phone, there in m.phone_regions.items():
            km = state_distance_km(there, m.city, m.lat_lon) if here and there != here else None
            if km is not None and km >= min_km and km > farthest.get(phone, (0.0,))[0]:
                farthest[phone] = (km, m, there, here or "")
    hits = []
    for phone, (km, m, there, here) in sorted(farthest.items()):
        evidence = (
            f"Phone {phone} has an area code in {there} but was advertised in {m.city} "
            f"on {m.day or 'an unknown date'}, about {km:,.0f} km away."
        )
        hits.append(
            _hit(
                ind,
                facts,
                evidence,
                phone=phone,
                phone_state=there,
                ad_state=here,
                city=m.city,
                date=m.day,
                km=round(km),
                record_id=m.record_id,
            )
        )
    return hits


@rule("phone_rotation")
def phone_rotation(ind: Indicator, facts: NetworkFacts) -> list[Hit]:
    """A photo set that appears with ``min_phones`` or more phone numbers."""
    min_phones = int(ind.params["min_phones"])
    first_seen: dict[str, dict[str, str]] = defaultdict(dict)
    for m in sorted(facts.members, key=lambda m: m.posted_at or ""):
        for g in m.photo_groups:
            for p in m.phones:
                first_seen[g].setdefault(p, m.day or "undated")
    hits = []
    for g, phones in sorted(first_seen.items()):
        if len(phones) < min_phones:
            continue
        listed = ", ".join(f"{p} (from {d})" for p, d in list(phones.items())[:MAX_LISTED])
        if len(phones) > MAX_LISTED:
            listed += f" and {len(phones) - MAX_LISTED} more"
        evidence = f"Photo set {g} appears with {len(phones)} phones: {listed}."
        hits.append(_hit(ind, facts, evidence, photo_group=g, phones=dict(phones)))
    return hits


def _dated(facts: NetworkFacts) -> list[tuple[datetime, Member]]:
    return sorted(((m.when, m) for m in facts.members if m.when is not None), key=lambda e: e[0])


@rule("posting_volume")
def posting_volume(ind: Indicator, facts: NetworkFacts) -> list[Hit]:
    """``min_posts`` ads or more posted within ``within_hours`` hours."""
    min_posts, hours = int(ind.params["min_posts"]), float(ind.params["within_hours"])
    evs, window = _dated(facts), timedelta(hours=hours)
    best, lo, span = 0, 0, (0, 0)
    for hi, (t, _) in enumerate(evs):
        while t - evs[lo][0] > window:
            lo += 1
        if hi - lo + 1 > best:
            best, span = hi - lo + 1, (lo, hi)
    if best < min_posts:
        return []
    start, end = evs[span[0]][1].posted_at, evs[span[1]][1].posted_at
    evidence = f"{best} ads posted within {hours:g} hours, from {start} to {end}."
    records = [m.record_id for _, m in evs[span[0] : span[1] + 1]]
    return [_hit(ind, facts, evidence, posts=best, start=start, end=end, records=records)]


@rule("round_the_clock")
def round_the_clock(ind: Indicator, facts: NetworkFacts) -> list[Hit]:
    """Ads posted in ``min_hours`` or more distinct hours of the day."""
    evs = _dated(facts)
    hours = sorted({t.hour for t, _ in evs})
    if len(hours) < int(ind.params["min_hours"]):
        return []
    quiet = [f"{h:02d}h" for h in range(24) if h not in hours]
    evidence = (
        f"Ads posted in {len(hours)} of the 24 hours of the day ({len(evs)} ads, "
        f"{evs[0][1].day} to {evs[-1][1].day}); no post at {', '.join(quiet) or 'no hour'}."
    )
    return [_hit(ind, facts, evidence, hours=hours, posts=len(evs))]


@rule("age_changes")
def age_changes(ind: Indicator, facts: NetworkFacts) -> list[Hit]:
    """The same person states ages ``min_spread`` or more years apart across ads."""
    min_spread = int(ind.params["min_spread"])
    ages: dict[str, list[tuple[int, Member]]] = defaultdict(list)
    for m in sorted(facts.members, key=lambda m: m.posted_at or ""):
        if m.person is not None:
            ages[m.person].extend((a, m) for a in m.ages)
    hits = []
    for person, seen in sorted(ages.items()):
        values = [a for a, _ in seen]
        if not values or max(values) - min(values) < min_spread:
            continue
        evidence = f"{person.capitalize()} states {_ages_listed(seen)}."
        stated = [{"age": a, "date": m.day, "record_id": m.record_id} for a, m in seen]
        hits.append(
            _hit(
                ind,
                facts,
                evidence,
                person=person,
                ages=stated,
                min_age=min(values),
                max_age=max(values),
            )
        )
    return hits


def _ages_listed(seen: list[tuple[int, Member]]) -> str:
    """``ages 17 to 24 in 7 ads: 17 (6 ads, 2024-03-01 to 2024-03-06), 24 (1 ad, 2024-03-09,
    ad-7)``: each distinct age once with its count, so the lowest and highest always show."""
    by_age: dict[int, list[Member]] = defaultdict(list)
    for a, m in seen:
        by_age[a].append(m)
    ages = sorted(by_age)
    shown = ages if len(ages) <= MAX_LISTED else [*ages[: MAX_LISTED - 1], ages[-1]]

    def one(age: int) -> str:
        ms = by_age[age]
        count = f"{len(ms)} ad{'s' if len(ms) > 1 else ''}"
        where = f", {ms[0].record_id}" if len(ms) == 1 else ""
        return f"{age} ({count}, {_span(ms)}{where})"

    more = f", and {len(ages) - len(shown)} other ages" if len(ages) > len(shown) else ""
    listed = ", ".join(one(a) for a in shown)
    return f"ages {ages[0]} to {ages[-1]} in {len(seen)} ads: {listed}{more}"
