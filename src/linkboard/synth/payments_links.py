"""Money between two accounts of the world, planned before either statement is written so both
show the same payment at the same instant: a customer paying an operation's $cashtag or IBAN,
and an operation's Cash App account sweeping its takings to its bank account.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from linkboard.synth.lexicon import City
from linkboard.synth.payments_book import NIGHT_HOURS, at
from linkboard.synth.payments_life import Life, dollars
from linkboard.synth.payments_names import P2P_TRANSFER
from linkboard.synth.payments_roster import Account

#: Memos a customer writes, besides one naming the operation's phone.
MEMOS = ("", "", "", "thanks", "for tonight", "appointment", "dinner", "deposit")


@dataclass(frozen=True, slots=True)
class Link:
    ts: int
    cents: int
    payer: int  # account index
    payee: int
    memo: str
    sweep: bool  # an operation's own money moving between its accounts
    payer_city: City  # whose clock each statement shows
    payee_city: City


def plan_links(
    accounts: list[Account], origin: int, days: int, rng: random.Random
) -> dict[int, list[Link]]:
    """Every link, filed under both its accounts' indices."""
    links: dict[int, list[Link]] = {}
    for account in accounts:
        for link in _payments(account, accounts, origin, rng):
            links.setdefault(link.payer, []).append(link)
            links.setdefault(link.payee, []).append(link)
    for link in _sweeps(accounts, origin, days, rng):
        links.setdefault(link.payer, []).append(link)
        links.setdefault(link.payee, []).append(link)
    return links


def _payments(
    customer: Account, accounts: list[Account], origin: int, rng: random.Random
) -> list[Link]:
    """A customer's payments to its operation: at night where the operation is for a $cashtag,
    by day for an IBAN; a quarter name the operation's phone in the memo."""
    if customer.target < 0:
        return []
    target = accounts[customer.target]
    op = target.op
    assert op is not None
    out = []
    for day in customer.pay_days:
        city = op.city_on(day)
        hour = rng.choice(NIGHT_HOURS) if target.kind == "p2p" else rng.randint(8, 20)
        memo = rng.choice(MEMOS)
        if op.phones and rng.random() < 0.25:
            phone = op.phones[0]
            memo = f"for {phone[2:5]}-{phone[5:8]}-{phone[8:]}"
            customer.mentions.append(f"phone:{phone}")
        amount = rng.randrange(4, 17) * 2500 if target.kind == "p2p" else dollars(rng, 150, 600)
        ts = at(origin, day, hour, rng.randrange(60), city, rng.randrange(60))
        out.append(Link(ts, amount, customer.index, target.index, memo, False, customer.city, city))
    if op.id not in customer.paid:
        customer.paid.append(op.id)
    return out


def _sweeps(accounts: list[Account], origin: int, days: int, rng: random.Random) -> list[Link]:
    """Weekly, from the night phase on, an operation's Cash App account cashes out to its bank
    account."""
    banks = {a.op.id: a for a in accounts if a.op and a.kind == "bank"}
    out = []
    for account in accounts:
        bank = banks.get(account.op.id) if account.op and account.kind == "p2p" else None
        if bank is None:
            continue
        for day in range(days // 3 + 6, days, 7):
            city = account.op.city_on(day) if account.op else account.city
            ts = at(origin, day, rng.randint(11, 17), rng.randrange(60), city)
            cents = dollars(rng, 600, 1800)
            out.append(Link(ts, cents, account.index, bank.index, "", True, city, bank.city))
    return out


def book_links(life: Life, links: list[Link], accounts: list[Account]) -> None:
    """Each link as this account's statement shows it."""
    for link in links:
        if link.payer == life.account.index:
            _paid(life, link, accounts[link.payee])
        else:
            _received(life, link, accounts[link.payer])


def _paid(life: Life, link: Link, payee: Account) -> None:
    city = link.payer_city
    if link.sweep:
        life.book.add(link.ts, city, link.cents, "debit", "ach", "Transfer", note="Your Cash")
    elif payee.kind == "p2p":
        life.book.add(
            link.ts,
            city,
            link.cents,
            "debit",
            "p2p",
            "P2P",
            counterparty=f"${payee.cashtag}",
            memo=link.memo,
            note="Your Cash",
            counterparty_id=f"payment:cashapp:{payee.cashtag}",
        )
    else:
        life.book.add(
            link.ts,
            city,
            link.cents,
            "debit",
            "wire",
            "PMNT/ICDT/DMCT",
            counterparty=payee.holder,
            counterparty_id=f"iban:{payee.iban}",
            memo=link.memo,
            note=f"WIRE {payee.holder.upper()}",
        )


def _received(life: Life, link: Link, payer: Account) -> None:
    city = link.payee_city
    if link.sweep:
        life.book.add(
            link.ts,
            city,
            link.cents,
            "credit",
            "ach",
            "PMNT/RCDT/ACDT",
            counterparty=P2P_TRANSFER,
            note=f"ACH {P2P_TRANSFER}",
        )
    elif payer.kind == "p2p":
        life.book.add(
            link.ts,
            city,
            link.cents,
            "credit",
            "p2p",
            "P2P",
            counterparty=payer.holder,
            memo=link.memo,
            note="Your Cash",
        )
    else:
        life.book.add(
            link.ts,
            city,
            link.cents,
            "credit",
            "wire",
            "PMNT/RCDT/DMCT",
            counterparty=payer.holder,
            counterparty_id=f"iban:{payer.iban}",
            memo=link.memo,
            note=f"WIRE {payer.holder.upper()}",
        )
