"""Benign look-alikes who earn their living from the public, each resembling a red flag it must
not raise: a bartender tipped late at night, a touring musician, a landlord, a small shop
boosting its posts on mainstream ad platforms, a restaurant banking its cash every day. One
function per kind; ``payments_lookalikes.LOOKALIKES`` names them all.
"""

from __future__ import annotations

import math
import random

from linkboard.synth.lexicon import City
from linkboard.synth.payments_life import Life, dollars, spending
from linkboard.synth.payments_names import (
    AD_PLATFORMS,
    BARS,
    CARD_SETTLEMENT,
    LANDLORDS,
    MORTGAGE,
    P2P_TRANSFER,
    PAYROLL_SERVICE,
    SUPPLIERS,
    UTILITIES,
)
from linkboard.synth.payments_roster import name

#: Late hours of a bar shift, local: 22:00 to 02:59.
SHIFT_HOURS = (22, 23, 0, 1, 2)
#: Tips in dollars, most of them small and round.
TIPS = (3, 5, 5, 5, 10, 10, 10, 15, 20, 20, 25, 30, 40)
#: The letters of a card statement's reference.
REFERENCE = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _late(life: Life, day: int, hour: int) -> tuple[int, int] | None:
    """(day, hour) of a moment of DAY's night (after midnight on the next day); None past the
    period's end."""
    when = day + 1 if hour < 12 else day
    return (when, hour) if when < life.days else None


def _paid_by_payroll(life: Life, employer: str, low: float, high: float) -> None:
    """A Cash App Deposit from EMPLOYER every other week."""
    pay = dollars(life.rng, low, high)
    for day in life.every(14, 14):
        life.p2p(day, life.rng.randint(6, 8), pay, "credit", employer, "Deposit", "PAYROLL")


def _cash_card(life: Life) -> None:
    """Everyday Cash Card spending and a cash-out to the bank now and then."""
    rng = life.rng
    for day in life.every(2, 5):
        kind = rng.choice(("grocery", "fastfood", "gas", "restaurant"))
        life.card(kind, day, rng.randint(9, 20), dollars(rng, 6, 70))
    for day in life.every(10, 20):
        life.p2p(day, rng.randint(9, 18), dollars(rng, 200, 900), "debit", "", "Transfer")


def bartender(life: Life) -> None:
    """Night activity's look-alike: a bartender or waiter, paid by payroll, tipped by P2P late
    at night ($3–$40) by many patrons (a few regulars among them), most nights of the week."""
    rng = life.rng
    _paid_by_payroll(life, rng.choice(BARS), 450, 1100)
    patrons = [name(rng) for _ in range(rng.randint(120, 360))]
    regulars = patrons[: rng.randint(4, 10)]
    for day in range(life.days):
        if rng.random() < 0.35:  # a night off
            continue
        for _ in range(rng.randint(3, 12)):
            late = _late(life, day, rng.choice(SHIFT_HOURS))
            if late is None:
                continue
            payer = rng.choice(regulars if rng.random() < 0.2 else patrons)
            tip = rng.choice(TIPS) * 100 if rng.random() < 0.6 else dollars(rng, 3, 40)
            life.p2p(*late, tip, "credit", payer, memo=rng.choice(("", "", "tip", "thanks!")))
    _cash_card(life)


def _tour(life: Life, first: int, rng: random.Random) -> list[tuple[int, int, City]]:
    """(show day, nights, city) of a tour leg from FIRST: a new city every day or two."""
    home = life.account.city
    near = [c for c in life.lex.neighbours[home.name][:14] if c != home]
    stops, day = [], first
    for city in rng.sample(near, min(len(near), rng.randint(5, 10))):
        nights = rng.choice((1, 1, 1, 2))
        if day + nights >= life.days:
            break
        stops.append((day, nights, city))
        day += nights + rng.choice((0, 0, 1))
    return stops


def _show(life: Life, day: int, nights: int, city: City) -> None:
    """A night's show away: the hotel paid on leaving, rides, fast food, sometimes the
    pharmacy; merch sold by P2P after the show (a Cash App account) to many fans."""
    rng = life.rng
    life.card("hotel", day + nights, rng.randint(9, 11), dollars(rng, 79, 159) * nights, city)
    for d in range(day, day + nights + 1):
        life.card("fastfood", d, rng.randint(11, 23), dollars(rng, 6, 22), city)
    for _ in range(rng.randint(0, 2)):
        life.card("ride", day, rng.randint(15, 23), dollars(rng, 9, 35), city)
    if rng.random() < 0.15:
        life.card("pharmacy", day, rng.randint(10, 18), dollars(rng, 6, 30), city)
    if life.bank:
        return
    for _ in range(rng.randint(6, 25)):
        late = _late(life, day, rng.choice((22, 23, 23, 0)))
        if late:
            life.p2p(*late, rng.randrange(4, 9) * 500, "credit", name(rng), memo="merch", city=city)


def touring_musician(life: Life) -> None:
    """Travel's look-alike: tour legs of one- or two-night stays in a new city every day or
    two, with rides and fast food; venue bookings, instruments, gear and van rental (business
    spend); merch sold after the shows; no salary."""
    rng = life.rng
    legs = max(1, life.days // 45)
    for leg in range(legs):
        first = rng.randint(leg * life.days // legs, max(0, (leg + 1) * life.days // legs - 20))
        stops = _tour(life, first, rng)
        for day, nights, city in stops:
            if rng.random() < 0.5:
                booked = max(0, day - rng.randint(7, 30))
                life.card("venue", booked, rng.randint(10, 17), dollars(rng, 150, 600), city)
            _show(life, day, nights, city)
        life.card("gear", max(0, first - 1), rng.randint(9, 12), dollars(rng, 250, 900))
    for day in life.every(10, 25):
        life.card("music", day, rng.randint(10, 19), dollars(rng, 25, 900))
    if life.bank:
        for day in life.every(6, 9):
            amount = dollars(rng, 200, 1400)
            life.transfer(day, rng.randint(9, 18), amount, "credit", P2P_TRANSFER, "ACDT")
        rent, landlord_name = dollars(rng, 700, 1400), rng.choice(LANDLORDS)
        for day in life.month_days(1):
            life.transfer(day, 9, rent, "debit", landlord_name, "STDO", "RENT")
        spending(life, 0.6)
    else:
        _cash_card(life)


def landlord(life: Life) -> None:
    """Night activity's look-alike: several tenants pay the rent every month in round amounts
    ($800–$2,000), by P2P, a few by bank deposit, some of them late at night; now and then one
    pays cash, paid in at a store. The mortgage and repairs go out."""
    rng = life.rng
    tenants = [
        (name(rng), rng.randrange(16, 41) * 5000, rng.randint(0, 4), rng.random() < 0.3)
        for _ in range(rng.randint(3, 8))
    ]
    for first in life.month_days(1):
        for tenant, rent, late_by, owl in tenants:
            day = first + late_by + rng.choice((0, 0, 1, 2))
            hour = rng.choice(SHIFT_HOURS) if owl else rng.randint(8, 21)
            when = _late(life, day, hour)
            if when is None:
                continue
            kind = rng.choices(("P2P", "Deposit", "Paper Money Deposit"), (8, 1, 1))[0]
            payer = "" if kind == "Paper Money Deposit" else tenant
            life.p2p(*when, rent, "credit", payer, kind, memo="rent" if payer else "")
        if first + 6 < life.days:
            total = sum(rent for _, rent, _, _ in tenants)
            paid = round(total * rng.uniform(0.5, 0.7))
            life.p2p(first + 6, 10, paid, "debit", "", "Transfer", MORTGAGE)
    for day in life.every(12, 30):
        life.card("hardware", day, rng.randint(8, 17), dollars(rng, 20, 400))
    _cash_card(life)


def ad_boosting_shop(life: Life) -> None:
    """Ad-site payments' look-alike: a small shop boosting its posts on mainstream advertising
    platforms several times a month, in small round amounts ($12, $24, $36, $60, …), beside
    card sales settled by ACH, suppliers, rent and bills."""
    rng = life.rng
    platforms = rng.sample(AD_PLATFORMS, rng.randint(1, 3))
    for day in life.every(3, 10):
        descriptor, place = rng.choice(platforms)
        merchant = descriptor.format(n="".join(rng.choices(REFERENCE, k=rng.randint(6, 10))))
        amount = rng.choice((12, 24, 24, 36, 60, 15, 25, 50)) * 100
        life.pay_merchant(merchant, "7311", day, rng.randint(7, 22), amount, place=place)
    _small_business(life, 300, 2200)


def _small_business(life: Life, low: float, high: float) -> None:
    """Card sales settled by ACH (LOW to HIGH dollars a day), suppliers, rent, bills, the
    owner's own spending."""
    rng = life.rng
    for day in life.every(1, 3):
        amount = dollars(rng, low, high)
        life.transfer(day, 6, amount, "credit", CARD_SETTLEMENT, "ACDT", "CARD SALES")
    for day in life.every(7, 14):
        supplier = rng.choice(SUPPLIERS)
        life.transfer(day, rng.randint(10, 15), dollars(rng, 800, 6000), "debit", supplier)
    rent, landlord_name = dollars(rng, 1800, 6000), rng.choice(LANDLORDS)
    for day in life.month_days(1):
        life.transfer(day, 9, rent, "debit", landlord_name, "STDO", "RENT")
    for day in life.month_days(rng.randint(5, 25)):
        life.transfer(day, 10, dollars(rng, 150, 700), "debit", rng.choice(UTILITIES), "PMDD")
    spending(life, 0.8)


def cash_restaurant(life: Life) -> None:
    """Structuring's look-alike: the day's cash banked at one branch at home most days (in the
    morning, or in the night drop after closing), in varied amounts, now and then $8,000–
    $9,999 (a busy weekend, a catering job); card sales settled by ACH; payroll out."""
    rng, home = life.rng, life.account.city
    branch = rng.randrange(100, 999)
    typical = math.log(rng.uniform(1200, 3500) * 100)
    night_drop = rng.random() < 0.3
    for day in range(life.days):
        if rng.random() < 1 / 7:  # closed
            continue
        if rng.random() < 0.04:
            amount = rng.randrange(800_000, 1_000_000)
        else:
            amount = min(1_400_000, max(15_000, round(rng.lognormvariate(typical, 0.45))))
        hour = rng.choice((22, 23)) if night_drop else rng.randint(9, 11)
        life.cash_in(day, hour, amount, home, branch)
    for day in life.every(14, 14):
        pay = dollars(rng, 6000, 18000)
        life.transfer(day, 7, pay, "debit", PAYROLL_SERVICE, "ACDT", "PAYROLL")
    _small_business(life, 400, 2500)
