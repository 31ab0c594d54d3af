"""The red flags planted in an operation's accounts, one function per code (``PLANTS``), each
adding its moves to the account's :class:`~linkboard.synth.payments_life.Life`. What each plants
is said in ``payments_roster.CODES``.
"""

from __future__ import annotations

from collections.abc import Callable

from linkboard.synth.lexicon import City
from linkboard.synth.payments_ads import Operation
from linkboard.synth.payments_book import NIGHT_HOURS
from linkboard.synth.payments_life import Life, dollars
from linkboard.synth.payments_names import AD_BILLERS, MERCHANTS
from linkboard.synth.payments_roster import name

#: Where an operation's wires go: companies outside the world.
BENEFICIARIES = ("BRIGHTWATER TRADING LLC", "NOVA ARC IMPORTS", "SILVERLEAF HOLDINGS LTD")
#: Amounts of an ad payment in US dollars: FINTRAC's small multiples (3, 12, 24 and more).
AD_AMOUNTS = (3, 3, 6, 9, 12, 12, 12, 24, 24, 36, 48, 60)


def _op(life: Life) -> Operation:
    op = life.account.op
    assert op is not None, "a red flag is planted in an operation's account"
    return op


def _window(life: Life, part: int, parts: int, span: int) -> int:
    """A first day in the PART-th of PARTS slices of the period, SPAN days fitting after it."""
    low = part * life.days // parts
    high = max(low, (part + 1) * life.days // parts - span)
    return life.rng.randint(low, high)


def _split(life: Life, total: int, parts: int) -> list[int]:
    cuts = sorted(life.rng.randrange(1, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def structuring(life: Life) -> None:
    """Bursts of three to five cash deposits of 8,500–9,990 within three weeks, at one branch
    or spread over several (and at most one city nearby), for some accounts beside one or two
    larger deposits; most of it wired out after."""
    rng, home = life.rng, life.account.city
    spread, larger = rng.random() < 0.5, rng.random() < 0.4
    cities = [home, life.lex.neighbours[home.name][0]] if spread else [home]
    branches = rng.sample(range(100, 999), 3 if spread else 1)
    bursts = max(2, life.days // 45)
    for b in range(bursts):
        first = _window(life, b, bursts, 28)
        days = sorted(rng.sample(range(first, min(life.days, first + 21)), rng.randint(3, 5)))
        amounts = [rng.randrange(850, 1000) * 1000 for _ in days]
        if larger:
            extra = rng.randint(1, 2)
            days += sorted(rng.randrange(first, min(life.days, first + 21)) for _ in range(extra))
            amounts += [rng.randrange(10_000, 16_000) * 100 for _ in range(extra)]
        for day, amount in zip(days, amounts, strict=True):
            life.cash_in(day, rng.randint(9, 16), amount, rng.choice(cities), rng.choice(branches))
        total = sum(amounts)
        out = min(life.days - 1, max(days) + rng.randint(1, 6))
        share = round(total * rng.uniform(0.7, 0.9))
        for part in _split(life, share, rng.randint(1, 2)):
            party = rng.choice(BENEFICIARIES)
            life.transfer(out, rng.randint(10, 15), part, "debit", party, "DMCT", "invoice")


def _funnel_cities(life: Life) -> list[City]:
    """The home city and three to five others (for some cycles only two): the operation's
    stops, or cities nearby."""
    op, home, rng = _op(life), life.account.city, life.rng
    stops = list(dict.fromkeys(c for _, _, c in op.stops if c != home))
    if len(stops) < 3:
        stops += [c for c in life.lex.neighbours[home.name][:8] if c not in stops]
    count = 2 if rng.random() < 0.3 else rng.randint(3, 5)
    return [home, *rng.sample(stops, min(len(stops), count))]


def funnel(life: Life) -> None:
    """Cycles of cash deposits within two weeks, five or more of them in two to five cities
    away from home, then 85–97 % of the sum out by wires and crypto buys within four days."""
    rng = life.rng
    cycles = max(2, life.days // 30)
    for c in range(cycles):
        first = _window(life, c, cycles, 19)
        home, *away = _funnel_cities(life)
        away += [rng.choice(away) for _ in range(rng.randint(max(2, 5 - len(away)), 5))]
        places = away + [home] * rng.randint(1, 2)
        days = sorted(rng.randrange(first, first + 14) for _ in places)
        total = 0
        for day, city in zip(days, places, strict=True):
            amount = rng.randrange(40, 350) * 1000 + rng.choice((0, 0, 2000, 5000))
            total += amount
            life.cash_in(day, rng.randint(9, 17), amount, city, rng.randrange(100, 999))
        out = min(life.days - 1, days[-1] + rng.randint(1, 4))
        _funnel_out(life, out, round(total * rng.uniform(0.85, 0.97)))


def _funnel_out(life: Life, day: int, total: int) -> None:
    rng = life.rng
    for part in _split(life, total, rng.randint(1, 3)):
        how = rng.choice(("DMCT", "XBCT", "crypto"))
        if how == "crypto":
            merchant, mcc = MERCHANTS["crypto"][0]
            life.pay_merchant(merchant, mcc, day, rng.randint(10, 20), part)
        else:
            life.transfer(day, rng.randint(10, 16), part, "debit", rng.choice(BENEFICIARIES), how)


def ad_site(life: Life) -> None:
    """Card payments to the ad sites on the operation's ad days, in FINTRAC's small multiples
    (for some operations half of them through a generic high-risk billing descriptor), and a
    few small virtual-currency buys."""
    rng, op = life.rng, _op(life)
    days = [d for d in op.ad_days if d < life.days] or list(range(life.days))
    sites = rng.sample(life.lex.sites, rng.randint(1, 2))
    billed = 0.5 if rng.random() < 0.4 else 0.0
    for _ in range(max(10, life.days // 4)):
        site = rng.choice(sites)
        merchant = f"{site.name.upper()}*{rng.choice(('POST', 'BUMP', 'ADS'))}"
        mcc, place = "7311", site.domain
        if rng.random() < billed:
            merchant = rng.choice(AD_BILLERS).format(n=site.name.upper()[:6])
            mcc, place = rng.choice(("5967", "7399", "4816")), "billing.example"
        amount = rng.choice(AD_AMOUNTS) * 100
        day = rng.choice(days)
        when = rng.randrange(24)
        life.pay_merchant(merchant, mcc, day, when, amount, op.city_on(day), place)
    merchant, mcc = MERCHANTS["crypto"][0]
    for _ in range(rng.randint(2, 5)):
        life.pay_merchant(
            merchant, mcc, rng.randrange(life.days), rng.randrange(24), dollars(rng, 20, 80)
        )


def night(life: Life) -> None:
    """A daytime third with a few friends, then P2P credits at night from many payers, in the
    city the operation is in; a cash-out every week when no sweep to its bank account does it."""
    rng, op = life.rng, _op(life)
    shift = life.days // 3
    friends = [name(rng) for _ in range(rng.randint(2, 4))]
    for day in sorted(rng.sample(range(shift), max(3, shift // 5))):
        life.p2p(day, rng.randint(10, 19), dollars(rng, 20, 120), "credit", rng.choice(friends))
    payers = [name(rng) for _ in range(rng.randint(20, 60))]
    regulars = payers[: rng.randint(3, 8)] if rng.random() < 0.5 else payers
    for day in range(shift, life.days):
        if rng.random() < 0.3:
            continue
        for _ in range(rng.randint(1, 4)):
            amount = rng.randrange(4, 17) * 2500
            memo = rng.choice(("", "", "", "thanks", "tonight", "see you"))
            payer = rng.choice(regulars if rng.random() < 0.35 else payers)
            hour = rng.choice(NIGHT_HOURS)
            life.p2p(day, hour, amount, "credit", payer, memo=memo, city=op.city_on(day))
        if (day - shift) % 7 == 6 and not life.sweeps:
            life.p2p(day, rng.randint(11, 17), dollars(rng, 600, 1800), "debit", "", "Transfer")
    for day in life.every(2, 4, shift):
        life.card("fastfood", day, rng.choice(NIGHT_HOURS), dollars(rng, 6, 25), op.city_on(day))


def _stays(life: Life) -> list[tuple[int, int, City]]:
    """(first day, last day, city) of each hotel stay: the operation's stops away from home,
    and three trips to cities nearby when no four weeks of them take in three cities."""
    op, rng = _op(life), life.rng
    stays = [s for s in op.stops if s[2] != op.home and s[0] < life.days]
    if not _circuit(stays):
        first = stays[0][0] if stays else rng.randrange(life.days)
        first = max(0, min(first, life.days - 18))
        near = rng.sample(life.lex.neighbours[op.home.name][:8], 3)
        stays += [(first + 6 * i, first + 6 * i + 1, city) for i, city in enumerate(near)]
    return sorted(stays, key=lambda s: s[0])


def _circuit(stays: list[tuple[int, int, City]], days: int = 28) -> bool:
    """Whether some DAYS days hold stays in three or more cities."""
    return any(
        len({c for f, _, c in stays if first <= f < first + days}) >= 3 for first, _, _ in stays
    )


def travel(life: Life) -> None:
    """A short hotel stay at each stop (paid on leaving, on a day of the stop's ads where it
    has several), with rides, fast food and the pharmacy those days."""
    rng = life.rng
    for first, last, city in _stays(life):
        nights = rng.randint(1, 3)
        out = min(life.days - 1, min(first + nights, last) if last > first else first + 1)
        hotel = dollars(rng, 79, 169) * max(1, out - first)
        life.card("hotel", out, rng.randint(9, 11), hotel, city)
        for _ in range(rng.randint(1, 2)):
            life.card("ride", first, rng.randint(12, 23), dollars(rng, 9, 38), city)
        for day in range(first, out + 1):
            life.card("fastfood", day, rng.randint(11, 23), dollars(rng, 6, 18), city)
        pharmacy = rng.randint(first, out)
        life.card("pharmacy", pharmacy, rng.randint(10, 21), dollars(rng, 6, 45), city)


def ad_identifier(life: Life) -> None:
    """Nothing to move: the shared identifier is the account's own (see the roster)."""


PLANTS: dict[str, Callable[[Life], None]] = {
    "FIN_STRUCTURING": structuring,
    "FIN_FUNNEL": funnel,
    "FIN_AD_SITE_PAYMENTS": ad_site,
    "FIN_NIGHT_ACTIVITY": night,
    "FIN_TRAVEL_LODGING": travel,
    "FIN_AD_IDENTIFIER": ad_identifier,
}
