"""The world's accounts: which operations it serves (from the ads, or made up), the roster of
slots, and each account's own fictional identifiers: an IBAN at a fictional bank or a $cashtag,
phones on the 555-01XX lines of its city's area codes, e-mails at ``.example`` domains. None of
them is written in any ad unless the account's role says so.
"""

from __future__ import annotations

import random

from schwifty import IBAN

from linkboard.synth.lexicon import City, Lexicon
from linkboard.synth.payments_ads import AdCorpus, Operation
from linkboard.synth.payments_names import BANKS
from linkboard.synth.payments_roster import (
    Account,
    Slot,
    confounder_slots,
    customer_slots,
    lookalike_slots,
    op_slots,
    plain_slots,
)
from linkboard.synth.spelling import unique_tag

DOMAINS = ("mailbox.example", "postbox.example", "inbox.example")


class FictionPhones:
    """Hands out ``+1 <area code> 555 01XX`` numbers, from 0199 down, never one an ad wrote."""

    def __init__(self, taken: frozenset[str]) -> None:
        self._taken = taken
        self._next: dict[int, int] = {}

    def allocate(self, city: City) -> str:
        """A new number in one of CITY's area codes; "" when they are all used."""
        for code in city.area_codes:
            while (line := self._next.get(code, 199)) >= 100:
                self._next[code] = line - 1
                phone = f"+1{code}555{line:04d}"
                if f"phone:{phone}" not in self._taken:
                    return phone
        return ""


def budget(n: int) -> int:
    """How many of N accounts belong to operations."""
    return max(6, round(n * 0.08))


def operations(
    ads: AdCorpus | None, n: int, days: int, lex: Lexicon, phones: FictionPhones, rng: random.Random
) -> list[Operation]:
    """Two thirds of the operation budget in operations: those of the ads that print a
    fictional phone, an e-mail or a $cashtag first, made-up ones for the rest."""
    wanted = max(3, budget(n) * 2 // 3)
    usable = [o for o in (ads.operations if ads else ()) if o.phones or o.emails or o.cashtags]
    chosen = sorted(rng.sample(usable, min(wanted, len(usable))), key=lambda o: o.id)
    made = [made_up(i + 1, days, lex, phones, rng) for i in range(wanted - len(chosen))]
    return chosen + made


def made_up(
    number: int, days: int, lex: Lexicon, phones: FictionPhones, rng: random.Random
) -> Operation:
    """An operation with no ads: a phone or two, perhaps a $cashtag, a circuit of cities."""
    home = lex.pick_city(rng)
    route = [home, *rng.sample(lex.neighbours[home.name][:8], rng.randint(2, 5))]
    stops, day, i = [], rng.randrange(5), 0
    while day < days:
        length = rng.randint(2, 6)
        stops.append((day, min(days - 1, day + length - 1), route[i % len(route)]))
        day += length + rng.randint(0, 3)
        i += 1
    numbers = tuple(p for p in (phones.allocate(home) for _ in range(rng.randint(1, 2))) if p)
    tags = (f"tips{unique_tag(900_000 + number)}",) if rng.random() < 0.6 else ()
    return Operation(f"op-s{number:04d}", home, numbers, (), tags, tuple(stops), False)


def slots(
    n: int, ops: list[Operation], days: int, ads: AdCorpus | None, lex: Lexicon, rng: random.Random
) -> list[Slot]:
    """Every account's slot, shuffled: operations', look-alikes, confounders, customers
    (a fifth), plain accounts for the rest."""
    ours = op_slots(ops, budget(n), rng)
    others = lookalike_slots(n, lex, rng) + confounder_slots(n, ours, ads, lex, rng)
    customers = customer_slots(round(n * 0.2), ours, days, rng)
    rest = n - len(ours) - len(others) - len(customers)
    if rest < 0:
        raise ValueError(f"a payments world needs at least {n - rest} accounts, not {n}")
    out = ours + others + customers + plain_slots(rest, lex, rng)
    rng.shuffle(out)
    return out


def accounts(
    planned: list[Slot], ads: AdCorpus | None, phones: FictionPhones, rng: random.Random
) -> list[Account]:
    """Each slot as an account with its identifiers; customers know their target's index."""
    taken = ads.taken if ads else frozenset()
    out = [_account(i, s, taken, phones, rng) for i, s in enumerate(planned)]
    where = {id(s): i for i, s in enumerate(planned)}
    for slot, account in zip(planned, out, strict=True):
        if slot.target is not None:
            account.target, account.pay_days = where[id(slot.target)], slot.days
    return out


def _account(
    i: int, slot: Slot, taken: frozenset[str], phones: FictionPhones, rng: random.Random
) -> Account:
    bank = BANKS[i % len(BANKS)] if slot.kind == "bank" else None
    account = Account(
        index=i,
        kind=slot.kind,
        holder=slot.holder,
        city=slot.city,
        role=slot.role,
        bank=bank,
        iban=str(IBAN.generate(bank.country, bank.bank_code, str(i + 1)).compact) if bank else "",
        cashtag=slot.cashtag or ("" if bank else _cashtag(i, slot.holder, taken)),
        phones=_phones(slot, phones, rng) if bank else (),
        emails=((slot.email or _email(i, slot.holder, taken, rng)),) if bank else (),
        op=slot.op,
        codes=slot.codes,
        generic=slot.generic,
        note=slot.note,
    )
    if bank and not slot.email and rng.random() < 0.5:
        account.emails = ()
    if slot.op and slot.op.from_ads:
        own = {f"phone:{p}" for p in account.phones} | {f"email:{e}" for e in account.emails}
        own |= {f"payment:cashapp:{account.cashtag}"} if account.cashtag else set()
        account.shares = tuple(sorted(own & slot.op.identifiers()))
    return account


def _phones(slot: Slot, phones: FictionPhones, rng: random.Random) -> tuple[str, ...]:
    """The phone the slot must show, else one of its own (six in ten), rarely a second."""
    first = slot.phone or (phones.allocate(slot.city) if rng.random() < 0.6 else "")
    second = phones.allocate(slot.city) if first and rng.random() < 0.1 else ""
    return tuple(p for p in (first, second) if p)


def _cashtag(i: int, holder: str, taken: frozenset[str]) -> str:
    first, *_, last = holder.lower().split()
    tag = f"{first}{last[:2]}{unique_tag(i)}"
    while f"payment:cashapp:{tag}" in taken:
        tag += "x"
    return tag


def _email(i: int, holder: str, taken: frozenset[str], rng: random.Random) -> str:
    first, *_, last = holder.lower().split()
    email = f"{first}.{last}{i}@{rng.choice(DOMAINS)}"
    return email if f"email:{email}" not in taken else f"{first}.{last}.{i}@{DOMAINS[0]}"
