"""The world in memory: its accounts, the operations they serve and the payments between them.
An account's statement is generated when asked for, from its own random stream, so a world of
twenty thousand accounts holds its roster but never a million transactions at once.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from linkboard.payments.ledger import Transaction
from linkboard.synth.lexicon import lexicon
from linkboard.synth.payments_accounts import FictionPhones, accounts, operations, slots
from linkboard.synth.payments_ads import AdCorpus, Operation, read_ads
from linkboard.synth.payments_book import Book, Entry, start_ts
from linkboard.synth.payments_life import Life, cash_app_user, operation_bank, salaried
from linkboard.synth.payments_links import Link, book_links, plan_links
from linkboard.synth.payments_lookalikes import LOOKALIKES
from linkboard.synth.payments_plant import PLANTS
from linkboard.synth.payments_roster import Account

#: The first day when no ad corpus gives one.
START = date(2025, 1, 1)
MIN_DAYS = 30


@dataclass(slots=True)
class PaymentsWorld:
    seed: int
    start: date
    days: int
    accounts: list[Account]
    operations: list[Operation]
    links: dict[int, list[Link]]
    ads: AdCorpus | None = None
    ads_dir: Path | None = None

    def account(self, key: str) -> Account:
        """The account whose key (compact IBAN, ``cashapp:<tag>``) is KEY."""
        return next(a for a in self.accounts if a.key == key)

    def entries(self, account: Account) -> list[Entry]:
        """ACCOUNT's statement, in booking order (the same every time it is asked for)."""
        rng = random.Random(self.seed * 1_000_003 + account.index)
        book = Book(account.index, account.key, account.kind == "bank", rng)
        links = self.links.get(account.index, [])
        sweeps = any(link.sweep and link.payer == account.index for link in links)
        life = Life(
            account, book, rng, start_ts(self.start), self.start, self.days, lexicon(), sweeps
        )
        persona(account)(life)
        for code in account.codes:
            PLANTS[code](life)
        book_links(life, links, self.accounts)
        return book.entries()

    def transactions(self, account: Account) -> list[Transaction]:
        return [e.tx for e in self.entries(account)]

    def all_transactions(self) -> Iterator[Transaction]:
        """Every account's transactions, account by account."""
        for account in self.accounts:
            yield from self.transactions(account)


def persona(account: Account) -> Callable[[Life], None]:
    """The life an account lives on beside its flags: its look-alike's, an operation's, or an
    ordinary salaried or Cash App one."""
    kind = account.role.removeprefix("benign:")
    if kind in LOOKALIKES:
        return LOOKALIKES[kind]
    if account.role == "operation":
        return operation_bank if account.kind == "bank" else cash_app_user
    return salaried if account.kind == "bank" else cash_app_user


def world(
    seed: int, accounts: int = 300, days: int = 120, ads_dir: Path | None = None
) -> PaymentsWorld:
    """A world of ACCOUNTS accounts over DAYS days, tied to the ad corpus in ADS_DIR when given
    (its operations' phones, e-mails, $cashtags, cities and days; its first day)."""
    if days < MIN_DAYS:
        raise ValueError(f"a payments world spans at least {MIN_DAYS} days, not {days}")
    lex = lexicon()
    ads = read_ads(Path(ads_dir), lex) if ads_dir is not None else None
    start = ads.start if ads else START
    rng = random.Random(seed)
    phones = FictionPhones(ads.taken if ads else frozenset())
    ops = operations(ads, accounts, days, lex, phones, rng)
    roster = _accounts(accounts, ops, days, ads, phones, rng)
    links = plan_links(roster, start_ts(start), days, rng)
    return PaymentsWorld(seed, start, days, roster, ops, links, ads, ads_dir)


def _accounts(
    n: int,
    ops: list[Operation],
    days: int,
    ads: AdCorpus | None,
    phones: FictionPhones,
    rng: random.Random,
) -> list[Account]:
    return accounts(slots(n, ops, days, ads, lexicon(), rng), ads, phones, rng)
