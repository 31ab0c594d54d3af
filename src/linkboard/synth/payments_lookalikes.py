"""Benign look-alikes: honest accounts that resemble a red flag and must not raise it, one
function per kind (``LOOKALIKES``; those who earn from the public are in
:mod:`linkboard.synth.payments_trades`). Each says which flag it resembles and why it is not one.
"""

from __future__ import annotations

from collections.abc import Callable

from linkboard.synth.payments_book import NIGHT_HOURS
from linkboard.synth.payments_life import Life, cash_app_user, dollars, salaried, spending
from linkboard.synth.payments_names import EMPLOYERS, GIG_PLATFORM, HOSPITALS, MERCHANTS
from linkboard.synth.payments_roster import name
from linkboard.synth.payments_trades import (
    ad_boosting_shop,
    bartender,
    cash_restaurant,
    landlord,
    touring_musician,
)


def night_nurse(life: Life) -> None:
    """Night activity's look-alike: paid by ACH, spends at all-night stores between 22:00 and
    06:00, and receives nothing at night from anyone."""
    rng = life.rng
    salaried(life, rng.choice(HOSPITALS))
    for day in life.every(2, 4):
        life.card("allnight", day, rng.choice(NIGHT_HOURS), dollars(rng, 4, 40))


def travelling_sales(life: Life) -> None:
    """Travel's look-alike: salaried, one- to three-night hotel stays in many cities with rides
    and meals, office supplies, expenses repaid; no ads, no ad sites."""
    rng = life.rng
    employer = rng.choice(EMPLOYERS)
    salaried(life, employer)
    for first in life.every(7, 18):
        city = rng.choice([c for c in life.lex.cities if c != life.account.city])
        nights = rng.randint(1, 3)
        out = min(life.days - 1, first + nights)
        life.card("hotel", out, rng.randint(7, 10), dollars(rng, 109, 229) * nights, city)
        for day in range(first, out + 1):
            life.card("ride", day, rng.randint(7, 19), dollars(rng, 12, 45), city)
            life.card("restaurant", day, rng.randint(18, 21), dollars(rng, 25, 90), city)
        if rng.random() < 0.3:
            life.card("office", first, rng.randint(9, 17), dollars(rng, 15, 120), city)
    for day in life.month_days(rng.randint(10, 20)):
        life.transfer(day, 8, dollars(rng, 300, 1500), "credit", f"{employer} EXPENSES", "ACDT")


def shop_owner(life: Life) -> None:
    """Structuring's look-alike: takings banked twice a week at one branch at home, of very
    different sizes, now and then 9,000–9,999 but weeks apart; suppliers paid by wire."""
    rng, home = life.rng, life.account.city
    branch = rng.randrange(100, 999)
    for day in life.every(2, 5):
        amount = min(750_000, max(30_000, round(rng.lognormvariate(12.4, 0.6))))
        life.cash_in(day, rng.randint(15, 17), amount, home, branch)
    for day in life.every(25, 45):
        life.cash_in(day, rng.randint(15, 17), rng.randrange(900_000, 1_000_000), home, branch)
    for day in life.every(10, 18):
        supplier = rng.choice(("HALCYON FOODS", "CASCADIA PLASTICS", "BULKBARN WHOLESALE"))
        life.transfer(day, rng.randint(10, 15), dollars(rng, 2000, 8000), "debit", supplier)
    for day in life.every(7, 12):
        life.card("wholesale", day, rng.randint(8, 12), dollars(rng, 150, 900))
    spending(life, 0.8)


def student(life: Life) -> None:
    """Night activity's look-alike: small P2P from three or four friends, some late at night,
    money from a parent, small food spending."""
    rng = life.rng
    friends = [name(rng) for _ in range(rng.randint(3, 4))]
    parent = name(rng, life.account.holder.split()[-1])
    for day in life.every(14, 21):
        life.p2p(day, rng.randint(9, 20), dollars(rng, 100, 300), "credit", parent, memo="books")
    for day in life.every(3, 6):
        hour = rng.choice((*NIGHT_HOURS[:4], 13, 17, 19))
        direction = rng.choice(("credit", "debit"))
        memo = rng.choice(("pizza", "uber", "tickets", "", "rent share"))
        life.p2p(day, hour, dollars(rng, 10, 60), direction, rng.choice(friends), memo=memo)
    for day in life.every(1, 3):
        life.card("fastfood", day, rng.randint(11, 23), dollars(rng, 5, 15))


def gig_driver(life: Life) -> None:
    """Night activity's look-alike: many small credits day and night, all from one platform
    (P2P, and pay-outs by Deposit); fuel, and a friend now and then."""
    rng = life.rng
    platform = GIG_PLATFORM
    for day in range(life.days):
        if rng.random() < 0.35:
            continue
        for _ in range(rng.randint(1, 4)):
            kind = rng.choice(("P2P", "P2P", "Deposit"))
            life.p2p(day, rng.randrange(24), dollars(rng, 12, 60), "credit", platform, kind)
    for day in life.every(2, 4):
        life.card("gas", day, rng.randint(6, 22), dollars(rng, 25, 60))
    friend = name(rng)
    for day in life.every(15, 30):
        life.p2p(day, rng.randint(12, 20), dollars(rng, 20, 80), "credit", friend, memo="gas")


def crypto_saver(life: Life) -> None:
    """Ad-site payments' look-alike: a small crypto buy on the same day every month."""
    rng = life.rng
    if life.bank:
        salaried(life)
    else:
        cash_app_user(life)
    amount = rng.choice((25, 50, 75, 100)) * 100
    merchant, mcc = MERCHANTS["crypto"][0]
    for day in life.month_days(rng.randint(1, 28)):
        if life.bank:
            life.pay_merchant(merchant, mcc, day, 9, amount)
        else:
            life.bitcoin(day, amount)


def furniture_seller(life: Life) -> None:
    """Ad-site payments' look-alike: pays a general classifieds site 12 USD once, to sell a
    sofa, and is paid for it a week later."""
    rng = life.rng
    salaried(life)
    day = rng.randrange(max(1, life.days - 10))
    (merchant, mcc), *_ = MERCHANTS["classifieds"]
    life.pay_merchant(merchant, mcc, day, rng.randint(18, 21), 1200)
    buyer = name(rng)
    life.transfer(day + 7, 12, dollars(rng, 150, 400), "credit", buyer, "ACDT", "sofa")


LOOKALIKES: dict[str, Callable[[Life], None]] = {
    "night_nurse": night_nurse,
    "travelling_sales": travelling_sales,
    "shop_owner": shop_owner,
    "student": student,
    "gig_driver": gig_driver,
    "crypto_saver": crypto_saver,
    "furniture_seller": furniture_seller,
    "bartender": bartender,
    "ad_boosting_shop": ad_boosting_shop,
    "touring_musician": touring_musician,
    "landlord": landlord,
    "cash_restaurant": cash_restaurant,
}
