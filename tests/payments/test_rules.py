"""The FinCEN and FINTRAC red-flag rules on hand-built ledgers: each rule fires on the pattern
the advisories describe and stays quiet on its benign look-alikes; typologies combine weak
results; an analyst's file changes the outcome; the pack loads through the taxonomy loader."""

from __future__ import annotations

import itertools
import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from linkboard.payments.ledger import Account, Transaction
from linkboard.payments.rules import (
    RULES_PATH,
    AdUse,
    Alert,
    RulePack,
    RulePackError,
    evaluate,
    load_pack,
)
from linkboard.payments.rules_lists import ListError
from linkboard.score import load_taxonomy

START = datetime(2026, 3, 2, 12, 0)
PHONE = "phone:+12145550101"
CODES = {
    "FIN_AD_IDENTIFIER",
    "FIN_STRUCTURING",
    "FIN_FUNNEL",
    "FIN_AD_SITE_PAYMENTS",
    "FIN_NIGHT_ACTIVITY",
    "FIN_TRAVEL_LODGING",
}


class Book:
    """An account's ledger written line by line: ``book.add(day, hour, amount, ...)``."""

    def __init__(self, home: str = "Dallas") -> None:
        self.account = Account("acct-1", "src-1", "Jane Roe", "bank", (PHONE,))
        self.home = home
        self.lines: list[Transaction] = []
        self._ids = itertools.count(1)

    def add(
        self,
        day: float,
        amount: float,
        direction: str = "debit",
        channel: str = "card",
        hour: float = 12,
        **kw: Any,
    ) -> Transaction:
        when = START.replace(hour=0) + timedelta(days=day, hours=hour)
        t = Transaction(
            id=f"t{next(self._ids)}",
            account=self.account.id,
            booked_at=when,
            amount=Decimal(str(amount)),
            currency="USD",
            direction=direction,
            channel=channel,
            **kw,
        )
        self.lines.append(t)
        return t

    def everyday(self, days: int = 60) -> Book:
        """Groceries and a coffee in the home city every other day: a usual city and a day-time
        baseline."""
        for d in range(0, days, 2):
            self.add(d, 54.20, merchant="Corner Grocery", mcc="5411", city=self.home)
            self.add(d, 4.75, merchant="Bean Cafe", mcc="5814", city=self.home, hour=8)
        return self

    def salary(self, days: int = 60) -> Book:
        for d in range(0, days, 14):
            self.add(d, 2450, "credit", "ach", hour=6, counterparty="ACME CORP PAYROLL")
        return self


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return load_pack()


def run(
    book: Book,
    pack: RulePack,
    ads: tuple[AdUse, ...] = (),
    generic: frozenset[str] = frozenset(),
) -> dict[str, Alert]:
    alerts = evaluate(book.account, book.lines, ads, pack, generic)
    assert len({a.rule for a in alerts}) == len(alerts)
    return {a.rule: a for a in alerts}


def alerting(book: Book, pack: RulePack, **kw: Any) -> set[str]:
    return {code for code, a in run(book, pack, **kw).items() if a.alerting}


def overridden(tmp_path: Path, code: str, params: str) -> RulePack:
    """The default pack with an analyst's file changing ``code``'s params (a YAML mapping)."""
    override = tmp_path / f"{code.lower()}.yaml"
    override.write_text(f"indicators:\n  - code: {code}\n    params: {params}\n")
    return load_pack(load_taxonomy([RULES_PATH, override]))


# ---- the pack ---------------------------------------------------------------------------------


def test_the_pack_loads_through_the_taxonomy_loader():
    taxonomy = load_taxonomy([RULES_PATH])
    channel = {i.code: i for i in taxonomy.active("channel")}
    assert set(channel) == CODES
    for ind in channel.values():
        assert ind.category == "money"
        assert ind.params
        assert ind.rule
        assert not ind.is_text
        assert "FIN" in ind.reference or "FINTRAC" in ind.reference
    assert channel["FIN_AD_IDENTIFIER"].weight == max(i.weight for i in channel.values())
    assert "fin-2026.12" in taxonomy.version


def test_the_pack_has_bands_typologies_and_a_version(pack):
    assert pack.version == "fin-2026.12"
    assert {r.code for r in pack.rules} == CODES
    for rule in pack.rules:
        assert [b.min for b in rule.bands] == sorted(b.min for b in rule.bands)
        assert rule.bands[-1].alerts
        assert not rule.bands[0].alerts
    assert all(set(t.points) <= CODES for t in pack.typologies)


def test_a_bad_list_file_is_refused_with_its_path(tmp_path):
    bad = tmp_path / "merchants.yaml"
    bad.write_text("patterns:\n  - {pattern: '(unclosed', meaning: oops}\n")
    override = tmp_path / "mine.yaml"
    override.write_text(
        f"indicators:\n  - code: FIN_AD_SITE_PAYMENTS\n    params: {{merchants: {bad}}}\n"
    )
    with pytest.raises(ListError, match=r"merchants\.yaml: bad pattern"):
        load_pack(load_taxonomy([RULES_PATH, override]))


def test_a_bad_pack_is_refused_with_its_file(tmp_path):
    bad = tmp_path / "rules.yaml"
    bad.write_text(RULES_PATH.read_text().replace("rule: night_credits", "rule: nightly"))
    for name in ("ad_site_merchants", "high_risk_processors", "mainstream_ad_platforms", "wallets"):
        (tmp_path / "lists").mkdir(exist_ok=True)
        src = RULES_PATH.parent / "lists" / f"{name}.yaml"
        (tmp_path / "lists" / f"{name}.yaml").write_text(src.read_text())
    with pytest.raises(RulePackError, match="unknown rule 'nightly'"):
        load_pack(path=bad)


# ---- FIN_AD_IDENTIFIER -------------------------------------------------------------------------


def test_an_identifier_in_a_networks_ads_alerts(pack):
    ads = (AdUse(PHONE, ("ad-1", "ad-2"), ("net-7",)),)
    found = run(Book(), pack, ads=ads)["FIN_AD_IDENTIFIER"]
    assert found.alerting
    assert found.band == "strong"
    assert "phone:+12145550101" in found.reason
    assert "2 ads" in found.reason
    assert "net-7" in found.reason
    assert found.detail["networks"] == ["net-7"]


def test_an_identifier_in_one_ad_without_a_network_is_weak(pack):
    found = run(Book(), pack, ads=(AdUse(PHONE, ("ad-1",), ()),))["FIN_AD_IDENTIFIER"]
    assert found.band == "weak"
    assert not found.alerting
    assert "1 ad " in found.reason
    assert "no network" in found.reason


def test_three_ads_alert_without_a_network(pack):
    ads = (AdUse(PHONE, ("ad-1", "ad-2"), ()), AdUse("email:jade@example.com", ("ad-3",), ()))
    assert "FIN_AD_IDENTIFIER" in alerting(Book(), pack, ads=ads)


def test_a_generic_identifier_never_raises_it(pack):
    switchboard = "phone:+12145550199"
    ads = (AdUse(switchboard, ("ad-1", "ad-2", "ad-3", "ad-4"), ("net-1", "net-2")),)
    assert "FIN_AD_IDENTIFIER" not in run(Book(), pack, ads=ads, generic=frozenset({switchboard}))
    mixed = (*ads, AdUse(PHONE, ("ad-9",), ()))
    found = run(Book(), pack, ads=mixed, generic=frozenset({switchboard}))["FIN_AD_IDENTIFIER"]
    assert found.detail["ads"] == ["ad-9"]
    assert switchboard not in found.reason


# ---- FIN_STRUCTURING --------------------------------------------------------------------------


def structured(book: Book) -> list[Transaction]:
    return [
        book.add(d, a, "credit", "cash", city="Dallas")
        for d, a in [(1, 9200), (5, 9500), (10, 9950), (15, 9400), (21, 9800)]
    ]


def test_deposits_just_under_the_threshold_alert(pack):
    book = Book().everyday()
    deposits = structured(book)
    found = run(book, pack)["FIN_STRUCTURING"]
    assert found.alerting
    assert found.band == "strong"
    assert found.reason.startswith(
        "5 cash deposits of $9,200–$9,950 within 21 days, each under the $10,000 report threshold"
    )
    assert set(found.transactions) == {t.id for t in deposits}


def test_a_shop_whose_varied_deposits_sometimes_land_under_the_threshold_does_not(pack):
    book = Book().everyday(90)
    rng = random.Random(4)
    amounts = [rng.randrange(2000, 13000, 50) for _ in range(75)]
    for n, a in enumerate(amounts):
        book.add(n * 1.2, a, "credit", "cash", hour=17, city="Dallas")
    near = [n * 1.2 for n, a in enumerate(amounts) if 9000 <= a < 10000]
    assert any(near[i + 2] - near[i] < 30 for i in range(len(near) - 2))  # a count would fire
    assert "FIN_STRUCTURING" not in alerting(book, pack)


def test_two_deposits_under_the_threshold_are_not_enough(pack):
    book = Book().everyday()
    book.add(3, 9600, "credit", "cash")
    book.add(9, 9900, "credit", "cash")
    assert "FIN_STRUCTURING" not in alerting(book, pack)


def test_deposits_over_the_threshold_are_not_structuring(pack):
    book = Book().everyday()
    for d in range(1, 25, 4):
        book.add(d, 10400, "credit", "cash")
    assert "FIN_STRUCTURING" not in run(book, pack)


def test_a_restaurant_banking_its_takings_daily_does_not(pack):
    """Varied daily deposits at one branch; four of them in a month land just under the
    threshold (busy weekends), among thirty."""
    book = Book().everyday()
    rng = random.Random(8)
    for d in range(60):
        amount = 9340 if d in (4, 11, 19, 25) else rng.randrange(900, 4800, 10) + 0.45
        book.add(d, amount, "credit", "cash", hour=10, city="Dallas")
    for d in range(0, 60, 14):
        book.add(d, 11800, "debit", "ach", counterparty="PAYROLL SERVICE", memo="PAYROLL")
    assert "FIN_STRUCTURING" not in run(book, pack)


def test_deposits_under_the_threshold_beside_a_few_larger_ones_still_alert(pack):
    book = Book().everyday()
    deposits = structured(book)
    book.add(8, 12500, "credit", "cash", city="Dallas")
    book.add(17, 14800, "credit", "cash", city="Dallas")
    found = run(book, pack)["FIN_STRUCTURING"]
    assert found.alerting
    assert "(5 of 7 cash deposits then, 71%)" in found.reason
    assert set(found.transactions) == {t.id for t in deposits}


# ---- FIN_FUNNEL -------------------------------------------------------------------------------


def funnel(book: Book, out: str = "wire", start: int = 2) -> None:
    for d, city in enumerate(["Houston", "Austin", "El Paso", "Houston", "San Antonio", "Austin"]):
        book.add(start + d * 2, 2400, "credit", "cash", city=city)
        if out:
            book.add(start + 1 + d * 2, 2200, "debit", out, counterparty="R. Diaz")


def test_cash_deposits_in_other_cities_moved_out_within_days_alert(pack):
    book = Book().everyday()
    funnel(book)
    found = run(book, pack)["FIN_FUNNEL"]
    assert found.alerting
    assert found.reason.startswith(
        "6 cash deposits totalling $14,400, 6 of them in 4 cities away from Dallas"
    )
    assert "$13,200 (92%) left by wire within 5 days of the last" in found.reason
    assert len(found.transactions) == 12


def test_cash_deposited_while_travelling_and_spent_by_card_is_no_funnel(pack):
    book = Book().everyday()
    funnel(book, out="")
    for d in range(3, 15):
        book.add(d, 180, merchant="Outlet Store", mcc="5651", city="Houston")
    assert "FIN_FUNNEL" not in alerting(book, pack)


def test_a_business_depositing_at_home_and_paying_suppliers_is_no_funnel(pack):
    book = Book().everyday()
    for d in range(1, 30):
        book.add(d, 2400, "credit", "cash", city="Dallas")
        book.add(d + 1, 2300, "debit", "ach", counterparty="Supply Co")
    assert "FIN_FUNNEL" not in run(book, pack)


def test_cash_gathered_in_several_cities_and_wired_out_after_the_last_deposit_alerts(pack):
    book = Book().everyday()
    funnel(book, out="")
    book.add(16, 2000, "credit", "cash", city="Dallas")  # the last deposit, at home
    book.add(20, 15000, "debit", "wire", counterparty="Overseas Trading Ltd")
    found = run(book, pack)["FIN_FUNNEL"]
    assert found.alerting
    assert "$15,000 (91%) left by wire within 5 days of the last" in found.reason


def test_cash_moved_out_weeks_later_is_no_funnel(pack):
    book = Book().everyday()
    funnel(book, out="")
    book.add(30, 13000, "debit", "wire", counterparty="Car Dealer")
    assert "FIN_FUNNEL" not in alerting(book, pack)


def test_cash_gathered_in_two_other_cities_and_moved_out_alerts(pack):
    book = Book().everyday()
    for d, city in enumerate(["Houston", "Austin", "Houston", "Austin", "Houston", "Dallas"]):
        book.add(2 + d * 2, 2400, "credit", "cash", city=city)
    book.add(14, 13000, "debit", "wire", counterparty="Overseas Trading Ltd")
    found = run(book, pack)["FIN_FUNNEL"]
    assert found.alerting
    assert "5 of them in 2 cities away from Dallas (Austin and Houston)" in found.reason


# ---- FIN_AD_SITE_PAYMENTS ---------------------------------------------------------------------


def test_repeated_posting_fees_to_ad_sites_alert(pack):
    book = Book().everyday()
    for d, a in [(1, 12), (4, 24), (8, 36), (12, 12), (19, 48)]:
        book.add(d, a, merchant="CLASSIFIEDS*ADULT POSTING", mcc="7311", hour=23)
    book.add(6, 50, channel="crypto", counterparty="Coin Kiosk")
    found = run(book, pack)["FIN_AD_SITE_PAYMENTS"]
    assert found.alerting
    assert found.band == "strong"
    assert "5 payments to ad sites" in found.reason
    assert "$12–$48" in found.reason
    assert "5 in multiples of $3, $12 or $24" in found.reason
    assert "plus 1 small virtual-currency buy ($50)" in found.reason


def test_one_payment_to_sell_furniture_on_a_classifieds_site_does_not(pack):
    book = Book().everyday()
    book.add(10, 5, merchant="CITY CLASSIFIEDS LISTING", mcc="7311")
    assert "FIN_AD_SITE_PAYMENTS" not in alerting(book, pack)
    assert "FIN_AD_SITE_PAYMENTS" not in run(book, pack)


def test_a_business_buying_advertising_in_ordinary_amounts_does_not(pack):
    book = Book().everyday()
    for d in range(1, 30, 3):
        book.add(d, 137.42 + d, merchant="Local Media Group", mcc="7311")
    assert "FIN_AD_SITE_PAYMENTS" not in run(book, pack)


def test_small_virtual_currency_buys_alone_do_not(pack):
    book = Book().everyday()
    for d in range(1, 60, 7):
        book.add(d, 50, channel="crypto", counterparty="Coin Exchange")
    assert "FIN_AD_SITE_PAYMENTS" not in run(book, pack)


def test_payments_to_an_attributed_wallet_count_as_ad_site_payments(pack, tmp_path):
    wallets = tmp_path / "wallets.yaml"
    wallets.write_text('wallets:\n  - {wallet: "crypto:bc1qexample", attribution: case 12}\n')
    override = tmp_path / "mine.yaml"
    override.write_text(
        f"indicators:\n  - code: FIN_AD_SITE_PAYMENTS\n    params: {{wallets: {wallets}}}\n"
    )
    book = Book().everyday()
    for d in (2, 6, 9, 15):
        book.add(
            d, 30, channel="crypto", counterparty="wallet", counterparty_id="crypto:bc1qexample"
        )
    assert "FIN_AD_SITE_PAYMENTS" not in alerting(book, pack)
    mine = load_pack(load_taxonomy([RULES_PATH, override]))
    assert "FIN_AD_SITE_PAYMENTS" in alerting(book, mine)


def boosted_posts(book: Book) -> None:
    """A shop boosting its posts on mainstream platforms: small round amounts under the
    advertising MCC, every few days."""
    platforms = ["FACEBK *Q7H2KX9", "GOOGLE *ADS5521904", "YELP ADS", "NEXTDOOR ADS"]
    for n, d in enumerate(range(1, 60, 4)):
        amount = [12, 24, 36, 60][n % 4]
        book.add(d, amount, merchant=platforms[n % 4], mcc="7311", hour=21)


def test_a_shop_boosting_posts_on_mainstream_ad_platforms_does_not(pack):
    book = Book().everyday()
    boosted_posts(book)
    assert "FIN_AD_SITE_PAYMENTS" not in run(book, pack)


def test_the_mainstream_platforms_are_an_analysts_list(pack, tmp_path):
    book = Book().everyday()
    boosted_posts(book)
    mine = tmp_path / "platforms.yaml"
    mine.write_text("patterns:\n  - {pattern: '\\byelp\\b', meaning: only this one}\n")
    found = run(
        book, overridden(tmp_path, "FIN_AD_SITE_PAYMENTS", f"{{mainstream_ad_platforms: {mine}}}")
    )
    assert found["FIN_AD_SITE_PAYMENTS"].alerting
    assert "YELP ADS" not in found["FIN_AD_SITE_PAYMENTS"].detail["merchants"]


def test_ad_sites_billed_through_a_high_risk_processor_alert(pack):
    book = Book().everyday()
    for d, a in [(2, 12), (5, 24), (9, 3), (14, 36), (20, 12)]:
        book.add(d, a, merchant="MEDIA BILLING SERVICES", mcc="5967", hour=1)
    found = run(book, pack)["FIN_AD_SITE_PAYMENTS"]
    assert found.alerting
    assert "5 payments to ad sites (MEDIA BILLING SERVICES)" in found.reason


# ---- FIN_NIGHT_ACTIVITY -----------------------------------------------------------------------


def night_income(book: Book, payers: int = 10, count: int = 12, **kw: Any) -> None:
    for n in range(count):
        hour = [23, 1, 2, 22.5, 3][n % 5]
        who = f"client {n % payers}"
        book.add(1 + n * 3 // 2, 160, "credit", "p2p", hour=hour, counterparty=who, **kw)


def test_many_night_credits_from_many_payers_alert(pack):
    book = Book().everyday()
    night_income(book)
    book.add(5, 40, "credit", "p2p", hour=15, counterparty="Mom")
    found = run(book, pack)["FIN_NIGHT_ACTIVITY"]
    assert found.alerting
    assert "12 incoming p2p or cash credits of $50 or more from 10 distinct payers" in found.reason
    assert "(2 repeat payments)" in found.reason
    assert "on 9 nights" in found.reason
    assert "between 22:00 and 06:00" in found.reason
    assert "(92% of" in found.reason


def test_a_night_shift_nurse_spending_at_night_does_not(pack):
    book = Book().everyday().salary()
    for d in range(0, 40):
        book.add(d, 14.5, merchant="24h Diner", mcc="5812", hour=3, city="Dallas")
        book.add(d, 38, merchant="Gas Stop", mcc="5541", hour=23, city="Dallas")
    assert "FIN_NIGHT_ACTIVITY" not in run(book, pack)


def test_a_student_paid_back_late_by_three_friends_does_not(pack):
    book = Book().everyday()
    night_income(book, payers=3, count=14)
    assert "FIN_NIGHT_ACTIVITY" not in run(book, pack)


def test_a_gig_driver_paid_by_one_platform_day_and_night_does_not(pack):
    book = Book().everyday()
    for n in range(60):
        book.add(n // 2, 35, "credit", "p2p", hour=[2, 10, 23, 16][n % 4], counterparty="RidePay")
    assert "FIN_NIGHT_ACTIVITY" not in run(book, pack)


def test_credits_without_a_time_of_day_are_ignored(pack):
    book = Book().everyday()
    night_income(book, timed=False)
    assert "FIN_NIGHT_ACTIVITY" not in run(book, pack)


def test_a_bartender_tipped_late_by_many_patrons_does_not(pack, tmp_path):
    """Tips of $3-$40 from a different patron each, most nights, and a salary: many payers at
    night, none at a price."""
    book = Book().everyday().salary()
    rng = random.Random(3)
    for night in range(40):
        for k in range(8):
            tip = rng.choice([3, 5, 10, 15, 20, 40])
            book.add(
                night, tip, "credit", "p2p", hour=22 + k / 2, counterparty=f"patron {night}-{k}"
            )
    assert "FIN_NIGHT_ACTIVITY" not in run(book, pack)
    floorless = overridden(tmp_path, "FIN_NIGHT_ACTIVITY", "{min_amount: 1}")
    assert "FIN_NIGHT_ACTIVITY" in alerting(book, floorless)  # the price floor is what spares it


def test_tenants_paying_the_same_rent_late_every_month_do_not(pack, tmp_path):
    book = Book().everyday(90)
    for month in range(3):
        for n in range(12):
            rent = 800 + 100 * n
            book.add(month * 30 + n % 6, rent, "credit", "p2p", hour=23, counterparty=f"tenant {n}")
    assert "FIN_NIGHT_ACTIVITY" not in run(book, pack)
    unscheduled = overridden(tmp_path, "FIN_NIGHT_ACTIVITY", "{schedule_days: [0, 0]}")
    assert "FIN_NIGHT_ACTIVITY" in alerting(book, unscheduled)  # the monthly schedule spares it


def test_one_night_of_many_payers_is_no_pattern(pack, tmp_path):
    """A fundraiser: thirty guests pay $60 after ten at night, once."""
    book = Book().everyday()
    for n in range(30):
        book.add(12, 60, "credit", "p2p", hour=22 + n / 20, counterparty=f"guest {n}")
    assert "FIN_NIGHT_ACTIVITY" not in run(book, pack)
    one_night = overridden(tmp_path, "FIN_NIGHT_ACTIVITY", "{min_nights: 1}")
    assert "on 1 night " in run(book, one_night)["FIN_NIGHT_ACTIVITY"].reason


def test_night_clients_with_some_repeat_customers_alert(pack):
    book = Book().everyday()
    for n in range(24):
        who = f"regular {n % 3}" if n % 2 else f"client {n}"
        book.add(
            1 + n, 150 + 25 * (n % 5), "credit", "p2p", hour=[23, 1, 2][n % 3], counterparty=who
        )
    found = run(book, pack)["FIN_NIGHT_ACTIVITY"]
    assert found.alerting
    assert "from 15 distinct payers (9 repeat payments)" in found.reason


# ---- FIN_TRAVEL_LODGING -----------------------------------------------------------------------

CIRCUIT = [("Houston", 3, 2), ("Austin", 6, 1), ("San Antonio", 9, 2), ("El Paso", 14, 1)]


def circuit(book: Book) -> None:
    """Short stays in four cities within two weeks, with rides, fast food and a pharmacy."""
    for city, day, nights in CIRCUIT:
        for n in range(nights):
            book.add(day + n, 89, merchant="Roadside Inn", mcc="7011", city=city, hour=23)
        book.add(day, 18, merchant="RIDE*TRIP", mcc="4121", city=city, hour=21)
        book.add(day, 9.5, merchant="Burger Stop", mcc="5814", city=city, hour=1)
    book.add(10, 22, merchant="Drugstore", mcc="5912", city="San Antonio")


def ads_on_circuit(cities: list[tuple[str, int, int]] = CIRCUIT) -> tuple[AdUse, ...]:
    places = tuple((city, (START + timedelta(days=day)).date()) for city, day, _ in cities)
    return (AdUse(PHONE, ("ad-1",), ("net-1",), places),)


def test_short_stays_in_several_cities_with_rides_food_and_pharmacy_alert(pack):
    book = Book().everyday()
    circuit(book)
    found = run(book, pack)["FIN_TRAVEL_LODGING"]
    assert found.alerting
    assert found.reason.startswith("4 short hotel stays in 4 cities")
    assert "rides (4)" in found.reason
    assert "pharmacy (1)" in found.reason


def test_a_travelling_salesperson_with_salary_and_business_spend_does_not(pack):
    book = Book().everyday().salary()
    circuit(book)
    for d in (2, 8, 13):
        book.add(d, 320, merchant="Air Line", mcc="4511")
        book.add(d, 95, merchant="Car Rental", mcc="7512")
    found = run(book, pack)["FIN_TRAVEL_LODGING"]
    assert not found.alerting
    assert found.band == "weak"
    assert "explained in part by a salary and 6 business payments" in found.reason


def test_ads_moving_through_the_same_cities_on_the_same_days_strengthen_it(pack):
    book = Book().everyday().salary()
    circuit(book)
    found = run(book, pack, ads=ads_on_circuit())["FIN_TRAVEL_LODGING"]
    assert found.alerting
    assert "linked ads were in Austin, El Paso, Houston and San Antonio" in found.reason


def test_ad_places_match_stays_by_city_name(pack):
    book = Book().everyday().salary()
    circuit(book)
    labelled = tuple(
        (f"{city}, TX, US", (START + timedelta(days=day)).date()) for city, day, _ in CIRCUIT
    )
    found = run(book, pack, ads=(AdUse(PHONE, ("ad-1",), ("net-1",), labelled),))
    assert found["FIN_TRAVEL_LODGING"].alerting
    assert len(found["FIN_TRAVEL_LODGING"].detail["comoving"]) == 4


def test_a_generic_identifiers_ads_do_not_strengthen_travel(pack):
    book = Book().everyday().salary()
    circuit(book)
    ads = ads_on_circuit()
    found = run(book, pack, ads=ads, generic=frozenset({PHONE}))
    assert "FIN_AD_IDENTIFIER" not in found
    assert not found["FIN_TRAVEL_LODGING"].alerting


def test_ads_in_other_cities_do_not(pack):
    book = Book().everyday().salary()
    circuit(book)
    elsewhere = [("Chicago", 3, 1), ("Denver", 9, 1)]
    found = run(book, pack, ads=ads_on_circuit(elsewhere))
    assert found["FIN_AD_IDENTIFIER"].alerting  # the ads themselves are another rule's evidence
    assert not found["FIN_TRAVEL_LODGING"].alerting
    assert "linked ads" not in found["FIN_TRAVEL_LODGING"].reason


def test_long_stays_are_no_circuit(pack):
    book = Book().everyday()
    for city, start in [("Houston", 1), ("Austin", 12)]:
        for d in range(10):
            book.add(start + d, 89, merchant="Extended Stay", mcc="7011", city=city)
    assert "FIN_TRAVEL_LODGING" not in run(book, pack)


def test_a_touring_band_with_venue_gear_and_van_spend_does_not(pack):
    """No salary: a band's business spend (a venue booking, instruments, a van) explains the
    short stays in many cities."""
    book = Book().everyday()
    circuit(book)
    book.add(1, 350, merchant="THE VENUE HALL", mcc="7922", city="Austin")
    book.add(2, 129.99, merchant="STRINGS AND THINGS", mcc="5733")
    book.add(2, 640, merchant="VAN RENTAL CO", mcc="7513")
    found = run(book, pack)["FIN_TRAVEL_LODGING"]
    assert not found.alerting
    assert found.band == "weak"
    assert "explained in part by 3 business payments" in found.reason


# ---- typologies, overrides, every alert -------------------------------------------------------


def test_weak_results_of_one_typology_alert_together(pack):
    book = Book().everyday()
    ads = (AdUse(PHONE, ("ad-1",), ()),)
    assert not run(book, pack, ads=ads)["FIN_AD_IDENTIFIER"].alerting
    night_income(book, payers=6, count=6)
    found = run(book, pack, ads=ads)
    assert found["FIN_NIGHT_ACTIVITY"].band == "weak"
    assert found["FIN_AD_IDENTIFIER"].band == "weak"
    assert found["FIN_NIGHT_ACTIVITY"].alerting
    assert found["FIN_AD_IDENTIFIER"].alerting
    assert "HT_SEX_ADVERTISING" in found["FIN_AD_IDENTIFIER"].detail["typologies"]
    assert "as typology HT_SEX_ADVERTISING" in found["FIN_NIGHT_ACTIVITY"].reason


def test_an_analyst_override_changes_the_outcome(tmp_path):
    override = tmp_path / "mine.yaml"
    override.write_text(
        "version: mine\n"
        "indicators:\n"
        "  - {code: FIN_STRUCTURING, params: {min_count: 6}}\n"
        "  - {code: FIN_NIGHT_ACTIVITY, enabled: false}\n"
        "  - {code: FIN_AD_IDENTIFIER, weight: 0.5}\n"
    )
    book = Book().everyday()
    structured(book)
    night_income(book)
    ads = (AdUse(PHONE, ("ad-1",), ("net-1",)),)
    default = run(book, load_pack(), ads=ads)
    assert {"FIN_STRUCTURING", "FIN_NIGHT_ACTIVITY"} <= {
        c for c, a in default.items() if a.alerting
    }
    mine = load_pack(load_taxonomy([RULES_PATH, override]))
    found = run(book, mine, ads=ads)
    assert not found["FIN_STRUCTURING"].alerting  # 5 deposits, 6 now needed
    assert mine["FIN_STRUCTURING"].params["threshold"] == 10000  # the others kept
    assert "FIN_NIGHT_ACTIVITY" not in found
    assert "FIN_NIGHT_ACTIVITY" not in mine
    assert found["FIN_AD_IDENTIFIER"].detail["weight"] == 0.5
    assert default["FIN_AD_IDENTIFIER"].detail["weight"] == 2.0
    assert {a.rule_version for a in found.values()} == {"fin-2026.12+mine"}


def test_an_analyst_merchant_list_replaces_the_default(tmp_path, pack):
    merchants = tmp_path / "merchants.yaml"
    merchants.write_text("patterns:\n  - {pattern: 'night\\W?board', meaning: case 7}\n")
    override = tmp_path / "mine.yaml"
    override.write_text(
        f"indicators:\n  - code: FIN_AD_SITE_PAYMENTS\n    params: {{merchants: {merchants}}}\n"
    )
    book = Book().everyday()
    for d in range(1, 20, 4):
        book.add(d, 19.99, merchant="NIGHTBOARD.EXAMPLE")
    assert "FIN_AD_SITE_PAYMENTS" not in run(book, pack)
    mine = load_pack(load_taxonomy([RULES_PATH, override]))
    assert "FIN_AD_SITE_PAYMENTS" in alerting(book, mine)


def everything() -> tuple[Book, tuple[AdUse, ...]]:
    book = Book().everyday()
    structured(book)
    funnel(book, start=40)
    night_income(book, count=24)
    circuit(book)
    for d in (1, 4, 8, 12):
        book.add(d, 24, merchant="ESCORT ADS ONLINE")
    return book, (AdUse(PHONE, ("ad-1", "ad-2"), ("net-1",)),)


def test_every_alert_carries_the_rule_version_and_a_filled_one_line_reason(pack):
    book, ads = everything()
    alerts = evaluate(book.account, book.lines, ads, pack)
    assert {a.rule for a in alerts} == CODES
    assert all(a.alerting for a in alerts)
    for a in alerts:
        assert a.rule_version == "fin-2026.12"
        assert "{" not in a.reason
        assert "\n" not in a.reason
        assert a.strength >= 1.0
        assert a.detail["weight"] > 0
        assert set(a.transactions) <= {t.id for t in book.lines}


def test_evaluation_is_pure_and_order_free(pack):
    book, ads = everything()
    first = evaluate(book.account, book.lines, ads, pack)
    lines = list(book.lines)
    random.Random(1).shuffle(lines)
    assert evaluate(book.account, lines, ads, pack) == first


def test_an_empty_ledger_alerts_nothing(pack):
    account = Account("a", "a", "", "bank", ())
    assert evaluate(account, [], [], pack) == []


def test_a_statement_with_utc_offsets_is_read_in_local_time(pack):
    book = Book().everyday()
    night_income(book)
    from datetime import timezone

    offset = timezone(timedelta(hours=-5))
    book.lines = [t if t.channel != "p2p" else _with_tz(t, offset) for t in book.lines]
    assert "FIN_NIGHT_ACTIVITY" in alerting(book, pack)


def _with_tz(t: Transaction, tz: Any) -> Transaction:
    from dataclasses import replace

    return replace(t, booked_at=t.booked_at.replace(tzinfo=tz))


def test_dates_in_ad_places_are_dates():
    assert isinstance(ads_on_circuit()[0].places[0][1], date)
