"""An account as its record page shows it: the account card (holder, type, institution, its
numbers masked to a role that may not see them, its contacts), its financial alerts, its
transactions a page at a time (newest first) with their totals, the ads that print its own
identifiers (FIN_AD_IDENTIFIER's evidence) and the accounts in other networks it pays or is paid
by (edges between networks, never members); and a network's accounts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from linkboard.payments.evaluate import holding_ads
from linkboard.store.base import Store
from linkboard.store.page_rows import RecordView
from linkboard.store.pages import BookedTotal
from linkboard.values import Identifier
from linkboard.web.masking import concealer_for, identifier, mask, masked_kinds, shown
from linkboard.web.red_flags import financial_alerts
from linkboard.web.schemas import DayCount
from linkboard.web.schemas_payments import (
    AccountCard,
    AccountView,
    AdUse,
    Counterparty,
    HeldValue,
    NetworkAccount,
    Total,
)
from linkboard.web.transactions import transaction_rows, transaction_view

ACCOUNT = "account"
PAGE_SIZE = 50
NUMBER_KINDS = ("iban", "account", "card")
LABELS = {"iban": "IBAN", "account": "account number", "card": "card", "phone": "phone",
          "email": "e-mail", "handle": "handle", "payment": "$cashtag / payment name",
          "crypto": "wallet"}  # fmt: skip
MAX_ADS = 50
MAX_COUNTERPARTIES = 200
MAX_ACCOUNTS = 50
#: How many of each account's newest transactions a network's timeline and map place.
MAX_EVENTS = 2000


@dataclass(frozen=True, slots=True)
class Booked:
    """A transaction placed in time (as booked) and, at a merchant, in a city."""

    id: str
    at: str
    city: str


def own_identifiers(store: Store, record_id: str) -> list[str]:
    """The identifiers the account RECORD_ID holds as its own (``kind:value``), sorted."""
    return sorted({m.identifier for m in store.mentions(record_id)
                   if m.role == "self" and m.identifier})  # fmt: skip


def account_view(store: Store, row: RecordView, page: int, reveal: bool) -> AccountView:
    """The account ROW's page: PAGE of its transactions; REVEAL: its numbers in full."""
    own = own_identifiers(store, row.id)
    booked = store.booked_totals(own)
    count = sum(t.count for t in booked)
    pages = max(1, -(-count // PAGE_SIZE))
    page = min(max(1, page), pages)
    alerts = financial_alerts(store.hits("record", row.id))
    ids = store.booked_ids(own, (page - 1) * PAGE_SIZE, PAGE_SIZE)
    view = AccountView(
        card=account_card(row, own, reveal), alerts=alerts,
        transactions=transaction_rows(store, ids, alerts, reveal), total_transactions=count,
        page=page, pages=pages, totals=totals(booked), ads=ad_uses(store, own, reveal),
        counterparties=counterparties(store, row, own, reveal),
    )  # fmt: skip
    # its numbers as an alert's reason or a memo may spell them
    return concealer_for(reveal, lambda: ((*_split(i), "") for i in own)).model(view)


def account_card(row: RecordView, own: Sequence[str], reveal: bool) -> AccountCard:
    held = [_held(i, reveal) for i in own]
    return AccountCard(
        id=row.id, source_id=str(row.extra.get("source_id") or row.id), holder=row.title,
        account_type=str(row.extra.get("account_type") or ""), institution=row.site,
        bic=str(row.extra.get("bic") or ""),
        numbers=[h for h in held if h.kind in NUMBER_KINDS],
        contacts=[h for h in held if h.kind not in NUMBER_KINDS], risk=row.risk,
        network_id=row.network_id, network_name=row.network_name,
    )  # fmt: skip


def _held(ident: str, reveal: bool) -> HeldValue:
    kind, value = _split(ident)
    return HeldValue(
        kind=kind, label=LABELS.get(kind, kind), value=value if reveal else mask(kind, value),
        identifier=identifier(kind, value, reveal),
        shown=shown(kind, value, reveal), masked=kind in masked_kinds() and not reveal,
    )  # fmt: skip


def _split(ident: str) -> tuple[str, str]:
    parsed = Identifier.parse(ident)
    return parsed.kind, parsed.value


def totals(booked: Sequence[BookedTotal]) -> list[Total]:
    """Money in (credits) and out (debits), by currency."""
    out: dict[str, Total] = {}
    for t in booked:
        total = out.setdefault(t.currency, Total(currency=t.currency))
        money = f"{t.cents / 100:,.2f}"
        if t.direction == "credit":
            total.credits, total.credit_total = t.count, money
        elif t.direction == "debit":
            total.debits, total.debit_total = t.count, money
    return list(out.values())


def ad_uses(store: Store, own: Sequence[str], reveal: bool) -> list[AdUse]:
    """Each identifier of OWN (none generic: marked by an analyst or found by linking) that
    records outside the payments channel hold as their own: those ads and their networks."""
    generic = frozenset(store.suppressed_identifiers(suspected=True))
    out = []
    for ident, (held, networks) in holding_ads(store, own, generic).items():
        ads = list(held[:MAX_ADS])
        titles = {ref.id: ref.title or ref.id for ref in store.record_refs(ads)}
        kind, value = _split(ident)
        out.append(AdUse(
            identifier=identifier(kind, value, reveal), shown=shown(kind, value, reveal),
            ads=ads, titles=titles, networks=list(networks),
        ))  # fmt: skip
    return out


def counterparties(store: Store, row: RecordView, own: Sequence[str], reveal: bool
                   ) -> list[Counterparty]:  # fmt: skip
    """The accounts outside ROW's network that its transactions name as their counterparty."""
    counts = dict(store.booked_counterparties(own, MAX_COUNTERPARTIES))
    holders = store.holders_of_kind(sorted(counts), ACCOUNT)
    ids = sorted({a for _, a in holders if a != row.id})
    network_of = store.network_of(ids)
    names = {ref.id: ref.title or "" for ref in store.record_refs(ids)}
    out = []
    for ident, account_id in holders:
        network = network_of.get(account_id)
        if account_id == row.id or (network is not None and network == row.network_id):
            continue
        kind, value = _split(ident)
        out.append(Counterparty(
            identifier=identifier(kind, value, reveal), shown=shown(kind, value, reveal),
            account_id=account_id, holder=names.get(account_id, ""), network_id=network,
            transactions=counts.get(ident, 0),
        ))  # fmt: skip
    out.sort(key=lambda c: (-c.transactions, c.account_id))
    return out


def network_accounts(store: Store, network_id: str) -> list[NetworkAccount]:
    """The account records of NETWORK_ID with their alerts, the most alerted first."""
    out = []
    for account_id in store.network_records_of_kind(network_id, ACCOUNT)[:MAX_ACCOUNTS]:
        row = store.record_view(account_id)
        if row is None:
            continue
        booked = store.booked_totals(own_identifiers(store, account_id))
        out.append(NetworkAccount(
            id=row.id, holder=row.title or row.id,
            account_type=str(row.extra.get("account_type") or ""), institution=row.site,
            risk=row.risk, transactions=sum(t.count for t in booked),
            alerts=financial_alerts(store.hits("record", account_id)),
        ))  # fmt: skip
    out.sort(key=lambda a: (-max((x.strength for x in a.alerts), default=-1), a.id))
    return out


def booked_events(store: Store, account_ids: Sequence[str]) -> list[Booked]:
    """The newest transactions of the accounts ACCOUNT_IDS, with when and where."""
    ids: list[str] = []
    for account_id in account_ids[:MAX_ACCOUNTS]:
        ids += store.booked_ids(own_identifiers(store, account_id), 0, MAX_EVENTS)
    context = store.record_context(ids)
    found = [Booked(rid, str(c["posted_at"]), str(c.get("city") or ""))
             for rid, c in context.items() if c.get("posted_at")]  # fmt: skip
    return sorted(found, key=lambda b: (b.at, b.id))


def payment_days(booked: Sequence[Booked]) -> list[DayCount]:
    """How many transactions were booked each day, in day order."""
    days = Counter(b.at[:10] for b in booked)
    return [DayCount(day=day, count=n) for day, n in sorted(days.items())]


def channel_parts(store: Store, kind: str, record_id: str, page: int, reveal: bool
                  ) -> dict[str, Any]:  # fmt: skip
    """What the record page of an account (``account``) or a transaction (``transaction``)
    shows besides what every record page shows; nothing for other kinds."""
    if kind == ACCOUNT:
        row = store.record_view(record_id)
        return {"account": account_view(store, row, page, reveal)} if row else {}
    if kind == "transaction":
        return {"transaction": transaction_view(store, record_id, reveal)}
    return {}
