"""Ordinary money: the :class:`Life` an account's moves are drawn in, the verbs every persona
uses (a card payment, a cash deposit, a wire, a P2P credit) and the baselines every account
lives on: a salaried bank customer, a Cash App user, an operation's everyday spending.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from schwifty import IBAN

from linkboard.synth.lexicon import City, Lexicon
from linkboard.synth.payments_book import Book, at
from linkboard.synth.payments_names import (
    ATM,
    EMPLOYERS,
    LANDLORDS,
    MERCHANTS,
    ONLINE,
    OUTSIDE,
    P2P_TRANSFER,
    UTILITIES,
)
from linkboard.synth.payments_roster import Account, name


@cache
def outside_iban(label: str) -> str:
    """The IBAN of a counterparty outside the world (at the fictional OUTSIDE bank)."""
    code = str(zlib.crc32(label.encode("utf-8")) % 10**10)
    return str(IBAN.generate(OUTSIDE.country, OUTSIDE.bank_code, code).compact)


@dataclass(slots=True)
class Life:
    """Where one account's moves are drawn: its book, its random stream, the period."""

    account: Account
    book: Book
    rng: random.Random
    origin: int  # UTC timestamp of the first day's midnight
    start: date
    days: int
    lex: Lexicon
    sweeps: bool = False  # its money leaves by sweeps to a sibling account

    @property
    def bank(self) -> bool:
        return self.account.kind == "bank"

    def ts(self, day: int, hour: int, city: City | None = None) -> int:
        minute, second = divmod(self.rng.randrange(3600), 60)
        return at(self.origin, day, hour, minute, city or self.account.city, second)

    def every(self, low: int, high: int, first: int = 0) -> list[int]:
        """Days from FIRST on, LOW to HIGH days apart."""
        out, day = [], first + self.rng.randrange(high)
        while day < self.days:
            out.append(day)
            day += self.rng.randint(low, high)
        return out

    def month_days(self, day_of_month: int) -> list[int]:
        return [d for d in range(self.days) if (self.start + timedelta(d)).day == day_of_month]

    def card(self, kind: str, day: int, hour: int, amount: int, city: City | None = None) -> None:
        """A card payment of AMOUNT cents at a merchant of KIND (``payments_names.MERCHANTS``)."""
        merchant, mcc = self.rng.choice(MERCHANTS[kind])
        self.pay_merchant(merchant, mcc, day, hour, amount, city)

    def pay_merchant(
        self,
        merchant: str,
        mcc: str,
        day: int,
        hour: int,
        amount: int,
        city: City | None = None,
        place: str = "",
    ) -> None:
        """A card payment in CITY (the account's home unless given); PLACE is the city the
        statement writes for the merchant (an online merchant's web address)."""
        where = city or self.account.city
        ts = self.ts(day, hour, where)
        if not self.bank:  # the Cash App export shows the merchant's name only
            line = {"counterparty": merchant, "merchant": merchant, "note": "Your Cash"}
            self.book.add(ts, where, amount, "debit", "card", "Cash Card", **line)
            return
        line = {
            "counterparty": merchant,
            "merchant": merchant,
            "mcc": mcc,
            "place": place or ONLINE.get(merchant, where.name),
            "note": f"CARD PURCHASE {merchant}",
        }
        self.book.add(ts, where, amount, "debit", "card", "PMNT/CCRD/POSD", **line)

    def atm(self, day: int, amount: int) -> None:
        city = self.account.city
        self.book.add(
            self.ts(day, self.rng.randint(8, 21)),
            city,
            amount,
            "debit",
            "cash",
            "PMNT/CCRD/CWDL",
            mcc=ATM[1],
            place=city.name,
            note=ATM[0],
        )

    def cash_in(self, day: int, hour: int, amount: int, city: City, branch: int) -> None:
        """A cash deposit at a counter: the branch's city is written with it."""
        self.book.add(
            self.ts(day, hour, city),
            city,
            amount,
            "credit",
            "cash",
            "PMNT/CNTR/CDPT",
            place=city.name,
            note=f"CASH DEPOSIT BRANCH {branch:04d}",
        )

    def transfer(
        self,
        day: int,
        hour: int,
        amount: int,
        direction: str,
        party: str,
        code: str = "DMCT",
        memo: str = "",
    ) -> None:
        """A bank transfer with PARTY outside the world: ``ACDT`` an ACH credit transfer,
        ``DMCT``/``XBCT`` a domestic/cross-border wire, ``SALA`` payroll, ``STDO`` a standing
        order, ``PMDD`` a direct debit."""
        family = {"credit": "RCDT", "debit": "ICDT"}[direction]
        if code == "PMDD":
            family = "RDDT"
        channel = "wire" if code in ("DMCT", "XBCT") else "ach"
        self.book.add(
            self.ts(day, hour),
            self.account.city,
            amount,
            direction,
            channel,
            f"PMNT/{family}/{code}",
            counterparty=party,
            counterparty_id=f"iban:{outside_iban(party)}",
            memo=memo,
            note=f"{'WIRE' if channel == 'wire' else 'ACH'} {party}",
        )

    def p2p(
        self,
        day: int,
        hour: int,
        amount: int,
        direction: str,
        party: str,
        kind: str = "P2P",
        memo: str = "",
        city: City | None = None,
    ) -> None:
        """A Cash App row: P2P, Deposit, Transfer, Paper Money Deposit, Cash Card Deposit."""
        channel = {"P2P": "p2p", "Paper Money Deposit": "cash", "Cash Card Deposit": "cash"}
        where = city or self.account.city
        self.book.add(
            self.ts(day, hour, where),
            where,
            amount,
            direction,
            channel.get(kind, "ach"),
            kind,
            counterparty=party,
            memo=memo,
            note="Your Cash",
        )

    def bitcoin(self, day: int, amount: int) -> None:
        """A Cash App bitcoin buy, at a made-up price of the day (42,000–65,000 USD)."""
        price = 4_200_000 + (day * 7919 + self.account.index * 104_729) % 2_300_000
        when = self.ts(day, self.rng.randint(8, 22))
        line = {"asset_price": f"{price // 100}.{price % 100:02d}", "note": "Your Cash"}
        self.book.add(when, self.account.city, amount, "debit", "crypto", "Bitcoin Buy", **line)


def dollars(rng: random.Random, low: float, high: float) -> int:
    """Cents between LOW and HIGH dollars."""
    return rng.randrange(round(low * 100), round(high * 100) + 1)


def salaried(life: Life, employer: str = "") -> None:
    """Payroll every other week, rent and bills, groceries, meals, fuel, cash now and then."""
    rng = life.rng
    employer = employer or rng.choice(EMPLOYERS)
    pay = dollars(rng, 1400, 3200)
    for day in life.every(14, 14):
        life.transfer(day, rng.randint(6, 8), pay, "credit", employer, "SALA", "PAYROLL")
    rent, landlord = dollars(rng, 900, 2200), rng.choice(LANDLORDS)
    for day in life.month_days(1):
        life.transfer(day, 9, rent, "debit", landlord, "STDO", "RENT")
    for day in life.month_days(rng.randint(5, 25)):
        life.transfer(day, 10, dollars(rng, 60, 220), "debit", rng.choice(UTILITIES), "PMDD")
    spending(life)


def spending(life: Life, scale: float = 1.0) -> None:
    rng = life.rng
    for day in life.every(3, 8):
        life.card("grocery", day, rng.randint(9, 20), dollars(rng, 25 * scale, 180 * scale))
    for day in life.every(4, 10):
        kind = rng.choice(("restaurant", "fastfood"))
        life.card(kind, day, rng.randint(11, 21), dollars(rng, 8, 60 * scale))
    for day in life.every(6, 12):
        life.card("gas", day, rng.randint(7, 20), dollars(rng, 25, 70))
    for day in life.every(20, 40):
        life.atm(day, rng.randrange(2, 11) * 2000)


def cash_app_user(life: Life) -> None:
    """Pay by Deposit (payroll) or from family, P2P with a few friends by day, the Cash Card,
    a cash-out to the bank now and then, for some a little paper money paid in at a store."""
    rng = life.rng
    friends = [name(rng) for _ in range(rng.randint(2, 4))]
    if rng.random() < 0.7:
        pay, employer = dollars(rng, 500, 1500), rng.choice(EMPLOYERS)
        for day in life.every(14, 14):
            life.p2p(day, rng.randint(6, 8), pay, "credit", employer, "Deposit", "PAYROLL")
    else:
        family = name(rng)
        for day in life.every(7, 14):
            life.p2p(day, rng.randint(9, 20), dollars(rng, 80, 300), "credit", family)
    for day in life.every(5, 14):
        direction = rng.choice(("debit", "debit", "credit"))
        memo = rng.choice(("", "lunch", "gas money", "tickets", "groceries"))
        life.p2p(
            day,
            rng.randint(10, 20),
            dollars(rng, 10, 80),
            direction,
            rng.choice(friends),
            memo=memo,
        )
    for day in life.every(2, 5):
        kind = rng.choice(("grocery", "fastfood", "gas", "restaurant"))
        life.card(kind, day, rng.randint(9, 21), dollars(rng, 6, 70))
    for day in life.every(25, 40):
        life.p2p(day, rng.randint(9, 18), dollars(rng, 100, 400), "debit", "", "Transfer")
    if rng.random() < 0.3:
        for day in life.every(30, 60):
            cash = rng.randrange(2, 21) * 1000
            life.p2p(day, rng.randint(10, 19), cash, "credit", "", "Paper Money Deposit")


def operation_bank(life: Life) -> None:
    """An operation's bank account lives on transfers from a P2P app and, for some, money from
    a relative; it pays rent and bills and spends as anyone does."""
    rng = life.rng
    for day in life.every(5, 9):
        life.transfer(
            day, rng.randint(8, 18), dollars(rng, 300, 1200), "credit", P2P_TRANSFER, "ACDT"
        )
    if rng.random() < 0.5:
        relative = name(rng)
        for day in life.every(10, 30):
            amount = dollars(rng, 50, 400)
            life.transfer(day, rng.randint(9, 20), amount, "credit", relative, "ACDT")
    if rng.random() < 0.5:
        rent, landlord = dollars(rng, 700, 1800), rng.choice(LANDLORDS)
        for day in life.month_days(1):
            life.transfer(day, 9, rent, "debit", landlord, "STDO", "RENT")
    spending(life, rng.uniform(0.6, 1.0))
    for day in life.month_days(rng.randint(3, 20)):
        life.transfer(day, 10, dollars(rng, 50, 120), "debit", rng.choice(UTILITIES), "PMDD")
