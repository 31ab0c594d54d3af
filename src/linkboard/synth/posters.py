"""Who posts: operations (several persons, burner phones, a template, a circuit of cities) and
independent posters (one person, one phone, their own words, one or two cities).

A poster is made from its :class:`Plan` when its first ad is due, with its own random stream
seeded from ``(seed, plan index)``, and dropped after its last ad: only active posters are in
memory. Phones and photos are the only things drawn from shared state (the phone book), so the
corpus does not depend on anything but the seed and the plan.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass, field

from linkboard.synth.lexicon import City, Lexicon
from linkboard.synth.phones import PhoneBook
from linkboard.synth.spelling import PHONE_STYLES, unique_tag
from linkboard.synth.writing import Draft, make_draft, pick

DAY = 86400
#: Local posting hours, weighted: most ads go up from late morning to past midnight.
DAY_HOURS = (9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0, 1, *tuple(range(17, 24)))
#: Indicator families an operation plants at its own rates.
OPERATION_FLAGS = (
    "new_in_town",
    "around_the_clock",
    "third_party",
    "hotel",
    "cash_only",
    "limited_english",
    "low_price",
    "multiple_persons",
)
#: The realistic noise of independent posters: (family, share of posters who write it).
INDEPENDENT_FLAGS = (("late_hours", 0.15), ("incall_only", 0.15), ("cash_only", 0.03))


@dataclass(frozen=True, slots=True)
class Plan:
    """What the planner decides up front: who, how many ads, when."""

    index: int
    operation: bool
    number: int  # op-0001 / ind-000001
    ads: int
    start_day: int
    days: int


@dataclass(slots=True)
class Person:
    uid: int
    id: str
    alias: str
    age: int
    minor: bool
    youth_phrase: str
    photos: list[int]
    handle: tuple[str, str] | None
    email: str | None
    phone: str = ""


@dataclass(slots=True)
class Poster:
    plan: Plan
    rng: random.Random
    id: str
    persons: list[Person]
    home: City
    sites: list[int]
    draft: Draft
    flags: dict[str, float]
    hourly: int
    obfuscation: tuple[tuple[str, ...], float]
    events: list[tuple[int, City]]
    payment: tuple[str, str] | None = None
    email: str | None = None
    pool: list[str] = field(default_factory=list)
    new_phone_rate: float = 0.0
    pool_max: int = 1
    age_drift: float = 0.0
    variants: int = 1
    round_the_clock: bool = False


def person_photos(uid: int, rng: random.Random, low: int, high: int) -> list[int]:
    return [uid * 8 + j for j in range(rng.randint(low, high))]


def make_person(uid: int, pid: str, alias: str, rng: random.Random, minor_rate: float) -> Person:
    minor = rng.random() < minor_rate
    tag = unique_tag(uid)
    handle = None
    if rng.random() < 0.35:
        platform = pick(rng, ("instagram", "snapchat", "snapchat", "telegram", "kik"))
        handle = (platform, pick(rng, (f"{alias.lower()}_{tag}", f"{alias}{tag}", f"x{tag}")))
    email = None
    if rng.random() < 0.15:
        domain = pick(rng, ("example.com", "example.org", "mailnest.example", "letterbox.example"))
        email = f"{alias.lower()}.{tag}@{domain}"
    return Person(
        uid=uid,
        id=pid,
        alias=alias,
        age=rng.randint(18, 19) if minor else rng.randint(19, 34),
        minor=minor,
        youth_phrase=pick(rng, ("new to this", "age 17")),
        photos=[],
        handle=handle,
        email=email,
    )


def schedule(
    rng: random.Random,
    plan: Plan,
    stops: list[tuple[int, City]],
    start_ts: int,
    hours: tuple[int, ...],
) -> list[tuple[int, City]]:
    """Each ad's UTC time and city: a day in the plan's span, a local hour, the stop that day."""
    firsts = [day for day, _ in stops]
    out = []
    for _ in range(plan.ads):
        day = plan.start_day + int(rng.random() * plan.days)
        city = stops[bisect_right(firsts, day) - 1][1]
        local = day * DAY + pick(rng, hours) * 3600 + int(rng.random() * 3600)
        out.append((start_ts + local - city.utc_offset * 3600, city))
    out.sort(key=lambda e: e[0])
    return out


def circuit(rng: random.Random, plan: Plan, home: City, lex: Lexicon) -> list[tuple[int, City]]:
    """An operation's route: nearest unvisited cities in turn, a few days at each, looping."""
    route = [home]
    while len(route) < rng.randint(3, 8):
        here = route[-1]
        near = [c for c in lex.neighbours[here.name] if c not in route][:3]
        route.append(pick(rng, near))
    stops, day, i = [], plan.start_day, 0
    while day < plan.start_day + plan.days:
        stops.append((day, route[i % len(route)]))
        day += rng.randint(2, 8)
        i += 1
    return stops


def obfuscation(rng: random.Random, share: float, rate: float) -> tuple[tuple[str, ...], float]:
    if rng.random() >= share:
        return (), 0.0
    return tuple(rng.sample(PHONE_STYLES, rng.randint(1, 2))), rate


def build_operation(plan: Plan, seed: int, lex: Lexicon, book: PhoneBook, start_ts: int) -> Poster:
    """An operation: a few persons sharing a pool of burner phones from its home city, the flags
    it plants at its own rates, one template in a few variants, a circuit of cities."""
    rng = random.Random(seed * 1_000_003 + plan.index)
    pid = f"op-{plan.number:04d}"
    persons = _operation_persons(plan, pid, lex, rng)
    home = lex.pick_city(rng)
    flags = {f: rng.uniform(0.3, 0.9) for f in rng.sample(OPERATION_FLAGS, rng.randint(3, 6))}
    pool = [book.allocate(home.area_codes, rng) for _ in range(rng.randint(2, 3))]
    for p in persons:
        p.phone = pick(rng, pool)
    op = Poster(
        plan=plan,
        rng=rng,
        id=pid,
        persons=persons,
        home=home,
        sites=rng.sample(range(len(lex.sites)), rng.randint(1, 2)),
        draft=make_draft(rng, lex.pools, lex.phrases["separators"]),
        flags=flags,
        hourly=rng.randrange(60, 100, 10) if "low_price" in flags else rng.randrange(150, 310, 10),
        obfuscation=obfuscation(rng, 0.45, 0.6),
        events=[],
        pool=pool,
        new_phone_rate=rng.uniform(0.03, 0.08),
        pool_max=rng.randint(2, 4),
        age_drift=0.25,
        variants=4,
        round_the_clock="around_the_clock" in flags or rng.random() < 0.2,
    )
    op.payment = _operation_payment(plan, rng)
    hours = tuple(range(24)) if op.round_the_clock else DAY_HOURS
    op.events = schedule(rng, plan, circuit(rng, plan, home, lex), start_ts, hours)
    return op


def _operation_persons(plan: Plan, pid: str, lex: Lexicon, rng: random.Random) -> list[Person]:
    """An operation's two to six persons, under aliases of their own, with two or three photos
    each."""
    aliases = rng.sample(lex.phrases["aliases"], rng.randint(2, 6))
    persons = [
        make_person(plan.index * 8 + j, f"{pid}/p{j + 1}", a, rng, 0.06)
        for j, a in enumerate(aliases)
    ]
    for p in persons:
        p.photos = person_photos(p.uid, rng, 2, 3)
    return persons


def _operation_payment(plan: Plan, rng: random.Random) -> tuple[str, str] | None:
    """The cashapp account half the operations give (None for the others)."""
    if rng.random() < 0.5:
        return (
            "cashapp",
            f"{pick(rng, ('Cash', 'Pay', 'Deposit'))}{unique_tag(plan.index * 8 + 7)}",
        )
    return None


def build_independent(
    plan: Plan, seed: int, lex: Lexicon, book: PhoneBook, start_ts: int
) -> Poster:
    """An independent poster: one person with one phone (rarely a second), their own words,
    their home city and perhaps a trip to a city nearby."""
    rng = random.Random(seed * 1_000_003 + plan.index)
    pid = f"ind-{plan.number:06d}"
    person = _independent_person(plan, pid, lex, rng)
    home = lex.pick_city(rng)
    codes = home.area_codes if rng.random() < 0.9 else pick(rng, lex.cities).area_codes
    person.phone = book.allocate(codes, rng)
    stops = _independent_stops(plan, home, lex, rng)
    flags = {f: 0.7 for f, share in INDEPENDENT_FLAGS if rng.random() < share}
    if len(stops) > 1 and rng.random() < 0.3:
        flags["new_in_town"] = 0.5
    ind = Poster(
        plan=plan,
        rng=rng,
        id=pid,
        persons=[person],
        home=home,
        sites=rng.sample(range(len(lex.sites)), 1 if rng.random() < 0.8 else 2),
        draft=make_draft(rng, lex.pools, lex.phrases["separators"]),
        flags=flags,
        hourly=rng.randrange(140, 360, 10),
        obfuscation=obfuscation(rng, 0.15, 0.7),
        events=schedule(rng, plan, stops, start_ts, DAY_HOURS),
        pool=[person.phone],
        new_phone_rate=0.0,
        age_drift=0.05,
        variants=2,
    )
    if rng.random() < 0.05 and plan.ads > 1:
        ind.new_phone_rate = 1.0 / plan.ads  # about one second phone over its ads
        ind.pool_max = 2
    ind.payment = _independent_payment(person, rng)
    return ind


def _independent_person(plan: Plan, pid: str, lex: Lexicon, rng: random.Random) -> Person:
    """An independent poster's person, with one to three photos."""
    person = make_person(plan.index * 8, pid, pick(rng, lex.phrases["aliases"]), rng, 0.004)
    person.photos = person_photos(
        person.uid, rng, 1, 1 + (rng.random() < 0.4) + (rng.random() < 0.15)
    )
    return person


def _independent_stops(
    plan: Plan, home: City, lex: Lexicon, rng: random.Random
) -> list[tuple[int, City]]:
    """Where an independent poster is from which day: home, and for a quarter of those who
    post over more than three days, a few days in a city nearby before going home."""
    stops = [(plan.start_day, home)]
    if plan.days > 3 and rng.random() < 0.25:
        away = pick(rng, lex.neighbours[home.name][:7])
        first = plan.start_day + rng.randrange(1, plan.days)
        stops += [(first, away), (first + rng.randint(1, 4), home)]
    return stops


def _independent_payment(person: Person, rng: random.Random) -> tuple[str, str] | None:
    """The payment account in the person's alias that about one poster in seven gives (None
    for the others)."""
    if rng.random() < 0.15:
        return (
            pick(rng, ("cashapp", "venmo", "paypal")),
            f"{person.alias}{unique_tag(person.uid + 7)}",
        )
    return None
