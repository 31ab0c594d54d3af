"""Who holds the world's accounts: what each account is for (its role, the operation it serves,
the red flags planted in it) is decided first, as a :class:`Slot`; then the slots are shuffled
and each becomes an :class:`Account` with its own fictional identifiers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from linkboard.synth.lexicon import City, Lexicon
from linkboard.synth.payments_ads import AdCorpus, Operation
from linkboard.synth.payments_names import FIRST_NAMES, SURNAMES, Bank

#: The red flags a world plants, each with what was planted (FinCEN FIN-2020-A008, FINTRAC).
CODES = {
    "FIN_STRUCTURING": "three to five cash deposits of 8,500–9,990 USD within three weeks, "
    "twice or more, at one or several branches, for some accounts beside one or two larger "
    "deposits (10,000–15,999 USD)",
    "FIN_FUNNEL": "cash deposits within two weeks, five or more of them in two to five cities "
    "away from home, then wires and crypto buys of 85–97 % of the sum within four days, "
    "repeatedly",
    "FIN_AD_SITE_PAYMENTS": "payments to online ad sites in small multiples of 3 USD "
    "(3, 12, 24, …) on ad days, for some accounts partly through generic high-risk billing "
    "descriptors, and small virtual-currency buys",
    "FIN_NIGHT_ACTIVITY": "after a daytime baseline, P2P credits of 100–400 USD from many "
    "distinct payers between 22:00 and 06:00 local time, for some accounts a third of them "
    "from a few repeat customers",
    "FIN_TRAVEL_LODGING": "hotel stays (MCC 7011) of one to three nights in three or more "
    "cities within weeks, with rides (4121), fast food (5814) and pharmacy (5912) the same days",
    "FIN_AD_IDENTIFIER": "the account's phone, e-mail or $cashtag is one an operation's ads print",
}
BANK_CODES = ("FIN_STRUCTURING", "FIN_FUNNEL", "FIN_AD_SITE_PAYMENTS", "FIN_TRAVEL_LODGING")
#: A second flag a bank account of an operation may carry beside its first.
SECOND = {
    "FIN_STRUCTURING": ("FIN_AD_SITE_PAYMENTS", "FIN_TRAVEL_LODGING"),
    "FIN_FUNNEL": ("FIN_TRAVEL_LODGING", "FIN_AD_SITE_PAYMENTS"),
    "FIN_AD_SITE_PAYMENTS": ("FIN_TRAVEL_LODGING",),
    "FIN_TRAVEL_LODGING": ("FIN_AD_SITE_PAYMENTS",),
}
#: The flag each benign look-alike and confounder resembles (and must not raise or feed).
RESEMBLES = {
    "night_nurse": "FIN_NIGHT_ACTIVITY",
    "travelling_sales": "FIN_TRAVEL_LODGING",
    "shop_owner": "FIN_STRUCTURING",
    "student": "FIN_NIGHT_ACTIVITY",
    "gig_driver": "FIN_NIGHT_ACTIVITY",
    "crypto_saver": "FIN_AD_SITE_PAYMENTS",
    "furniture_seller": "FIN_AD_SITE_PAYMENTS",
    "bartender": "FIN_NIGHT_ACTIVITY",
    "ad_boosting_shop": "FIN_AD_SITE_PAYMENTS",
    "touring_musician": "FIN_TRAVEL_LODGING",
    "landlord": "FIN_NIGHT_ACTIVITY",
    "cash_restaurant": "FIN_STRUCTURING",
    "generic_phone": "FIN_AD_IDENTIFIER",
    "surname": "FIN_AD_IDENTIFIER",
    "city": "FIN_AD_IDENTIFIER",
}
#: The benign look-alikes and the kind of account each holds (two kinds: one of each).
LOOKALIKES = (
    ("night_nurse", "bank"),
    ("travelling_sales", "bank"),
    ("shop_owner", "bank"),
    ("student", "p2p"),
    ("gig_driver", "p2p"),
    ("crypto_saver", "bank"),
    ("crypto_saver", "p2p"),
    ("furniture_seller", "bank"),
    ("bartender", "p2p"),
    ("ad_boosting_shop", "bank"),
    ("touring_musician", "bank"),
    ("touring_musician", "p2p"),
    ("landlord", "p2p"),
    ("cash_restaurant", "bank"),
)


@dataclass(slots=True)
class Slot:
    """An account before it has an index and identifiers."""

    role: str
    kind: str  # bank | p2p
    holder: str
    city: City
    op: Operation | None = None
    codes: tuple[str, ...] = ()
    phone: str = ""  # a phone it must show (an operation's, a generic one)
    email: str = ""
    cashtag: str = ""
    generic: tuple[str, ...] = ()
    note: str = ""
    target: Slot | None = None  # a customer's operation account
    days: tuple[int, ...] = ()  # the days a customer pays


@dataclass(slots=True)
class Account:
    index: int
    kind: str  # bank | p2p
    holder: str
    city: City
    role: str
    bank: Bank | None
    iban: str  # compact; "" for a P2P account
    cashtag: str  # lower case, no $; "" for a bank account
    phones: tuple[str, ...]
    emails: tuple[str, ...]
    op: Operation | None = None
    codes: tuple[str, ...] = ()
    shares: tuple[str, ...] = ()  # identifiers its operation's ads print too (self)
    generic: tuple[str, ...] = ()  # generic ad identifiers it holds (never evidence)
    note: str = ""
    paid: list[str] = field(default_factory=list)  # operations a customer paid
    mentions: list[str] = field(default_factory=list)  # identifiers its memos name
    target: int = -1  # a customer's operation account (index)
    pay_days: tuple[int, ...] = ()  # the days a customer pays it

    @property
    def key(self) -> str:
        return self.iban or f"cashapp:{self.cashtag}"

    @property
    def identifier(self) -> str:
        return self.iban or f"${self.cashtag}"

    @property
    def utc_offset(self) -> int:
        return self.city.utc_offset


def name(rng: random.Random, surname: str = "") -> str:
    return f"{rng.choice(FIRST_NAMES)} {surname or rng.choice(SURNAMES)}"


def op_slots(ops: list[Operation], budget: int, rng: random.Random) -> list[Slot]:
    """One bank account per operation, a Cash App account for as many as the budget allows
    (those whose ads print a $cashtag first), the flags dealt round so each appears."""
    banks = [_op_bank(op, BANK_CODES[i % len(BANK_CODES)], rng) for i, op in enumerate(ops)]
    cash_first = sorted(ops, key=lambda o: (not o.cashtags, o.id))
    p2ps = [_op_p2p(op, banks[ops.index(op)], rng) for op in cash_first[: budget - len(ops)]]
    return banks + p2ps


def _op_bank(op: Operation, first: str, rng: random.Random) -> Slot:
    codes = [first]
    if rng.random() < 0.35:
        codes.append(rng.choice(SECOND[first]))
    slot = Slot("operation", "bank", name(rng), op.home, op=op)
    if op.phones and (rng.random() < 0.85 or not op.from_ads):
        slot.phone = rng.choice(op.phones[:2])
    if op.emails and rng.random() < 0.5:
        slot.email = op.emails[0]
    if op.from_ads and (slot.phone or slot.email):
        codes.append("FIN_AD_IDENTIFIER")
    slot.codes = tuple(sorted(codes))
    return slot


def _op_p2p(op: Operation, bank: Slot, rng: random.Random) -> Slot:
    surname = bank.holder.split()[-1] if rng.random() < 0.5 else ""
    slot = Slot("operation", "p2p", name(rng, surname), op.home, op=op)
    codes = ["FIN_NIGHT_ACTIVITY"]
    if op.cashtags:
        slot.cashtag = op.cashtags[0]
        if op.from_ads:
            codes.append("FIN_AD_IDENTIFIER")
    slot.codes = tuple(sorted(codes))
    return slot


def lookalike_slots(n: int, lex: Lexicon, rng: random.Random) -> list[Slot]:
    each = max(1, round(n * 0.02))
    return [
        Slot(f"benign:{kind}", account, name(rng), lex.pick_city(rng))
        for kind, account in LOOKALIKES
        for _ in range(each)
    ]


def confounder_slots(
    n: int, ops: list[Slot], ads: AdCorpus | None, lex: Lexicon, rng: random.Random
) -> list[Slot]:
    """An account holding a generic ad phone; accounts sharing only a surname, or only a home
    city, with an operation's account."""
    out = []
    generic = ads.generic if ads else ()
    phones = sorted((("spam" not in why), g) for g, why in generic if g.startswith("phone:"))
    for _, g in phones[:2]:
        slot = Slot("confounder:generic_phone", "bank", name(rng), lex.pick_city(rng))
        slot.phone, slot.generic = g.removeprefix("phone:"), (g,)
        slot.note = "its phone is a generic number pasted into unrelated ads: must not count"
        out.append(slot)
    banks = [s for s in ops if s.kind == "bank" and s.op]
    for i in range(max(1, n // 150)):
        like = banks[i % len(banks)]
        assert like.op
        other = rng.choice([c for c in lex.cities if c != like.op.home])
        out.append(Slot("confounder:surname", "bank", name(rng, like.holder.split()[-1]), other))
        out[-1].note = f"shares only a surname with an account of {like.op.id}"
        out.append(Slot("confounder:city", rng.choice(("bank", "p2p")), name(rng), like.op.home))
        out[-1].note = f"shares only a home city with {like.op.id}"
    return out


def customer_slots(count: int, ops: list[Slot], days: int, rng: random.Random) -> list[Slot]:
    """Customers, each paying one operation account once or twice: a Cash App account pays a
    $cashtag at night, a bank account pays an IBAN by transfer. A customer lives where the
    operation was on the day of the first payment."""
    weights = [3 if s.kind == "p2p" else 1 for s in ops]
    out = []
    for _ in range(count):
        target = rng.choices(ops, weights)[0]
        assert target.op
        first = days // 3 if target.kind == "p2p" else 0
        paid = tuple(sorted(rng.sample(range(first, days), rng.choice((1, 1, 2)))))
        city = target.op.city_on(paid[0])
        out.append(Slot("customer", target.kind, name(rng), city, target=target, days=paid))
    return out


def plain_slots(count: int, lex: Lexicon, rng: random.Random) -> list[Slot]:
    return [
        Slot("plain", "p2p" if rng.random() < 0.3 else "bank", name(rng), lex.pick_city(rng))
        for _ in range(count)
    ]
