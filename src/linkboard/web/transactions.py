"""Transactions as the pages show them: a row of an account's table (booked time as the
statement wrote it, direction, amount, channel, counterparty linked to its account where one
holds it, merchant, city, memo with its mentions highlighted, the alerts that cite it), and the
transaction's own record page (its account, and the account's alerts that cite it).

It reads the fields the payments channel's ``transaction`` kind keeps (``payments/data/kinds``)
from the stored record, through the channel's own ``ledger``."""

from __future__ import annotations

from collections.abc import Sequence

from linkboard.model import Mention, Record
from linkboard.payments.ledger import amount
from linkboard.store.base import Store
from linkboard.web.masking import identifier, shown
from linkboard.web.red_flags import citing, financial_alerts
from linkboard.web.schemas_payments import FinancialAlert, TransactionRow, TransactionView
from linkboard.web.schemas_text import Highlight

ACCOUNT = "account"
#: The roles a transaction holds its own account's and the other side's identifiers in.
HOLDER, COUNTERPARTY = "holder", "counterparty"


def transaction_rows(
    store: Store, ids: Sequence[str], alerts: Sequence[FinancialAlert], reveal: bool
) -> list[TransactionRow]:
    """The transactions IDS, in that order, as rows; REVEAL: account numbers in full."""
    records = {r.id: r for r in store.records(ids)}
    found = store.mentions_of(list(ids))
    others = {m.identifier for ms in found.values() for m in ms
              if m.role == COUNTERPARTY and m.identifier}  # fmt: skip
    accounts: dict[str, str] = {}
    for ident, account_id in store.holders_of_kind(sorted(others), ACCOUNT):
        accounts.setdefault(ident, account_id)
    cited = citing(alerts)
    return [_row(records[i], found.get(i, []), accounts, cited.get(i, []), reveal)
            for i in ids if i in records]  # fmt: skip


def _row(record: Record, mentions: list[Mention], accounts: dict[str, str], rules: list[str],
         reveal: bool) -> TransactionRow:  # fmt: skip
    x = record.extra
    other = next((m for m in mentions if m.role == COUNTERPARTY and m.identifier), None)
    return TransactionRow(
        id=record.id, booked=str(x.get("booked_local") or record.posted_at or ""),
        direction=str(x.get("direction") or ""), amount=f"{amount(x.get('amount')):,.2f}",
        currency=str(x.get("currency") or ""), channel=str(x.get("channel") or ""),
        counterparty=record.title,
        counterparty_id=identifier(other.kind, other.value, reveal) if other else "",
        counterparty_shown=shown(other.kind, other.value, reveal) if other else "",
        counterparty_account=accounts.get(other.identifier or "") if other else None,
        merchant=str(x.get("merchant") or ""), mcc=str(x.get("mcc") or ""),
        city=str(x.get("merchant_city") or record.location or ""), memo=record.body,
        memo_highlights=memo_highlights(mentions), alerts=rules,
    )  # fmt: skip


def memo_highlights(mentions: list[Mention]) -> list[Highlight]:
    """The spans of what the memo mentions (a phone, a handle, a price), as an ad's text."""
    return [Highlight(field="body", start=m.start, end=m.end, label=m.kind, kind=m.kind,
                      value=m.value) for m in mentions if m.field == "body"]  # fmt: skip


def booked_on(store: Store, record: Record) -> str | None:
    """The account record the transaction RECORD is booked on: the account that holds as its
    own an identifier RECORD holds as ``holder``, else the account its ``account`` field names."""
    held = sorted({m.identifier for m in store.mentions(record.id)
                   if m.role == HOLDER and m.identifier})  # fmt: skip
    for _, account_id in store.holders_of_kind(held, ACCOUNT):
        return account_id
    named = str(record.extra.get(ACCOUNT) or "")
    kinds = store.kinds_of([named]) if named else {}
    return named if kinds.get(named) == ACCOUNT else None


def transaction_view(store: Store, record_id: str, reveal: bool) -> TransactionView | None:
    """The transaction RECORD_ID with its account and the account's alerts that cite it."""
    record = store.record(record_id)
    if record is None or record.kind != "transaction":
        return None
    account_id = booked_on(store, record)
    account = store.record_view(account_id) if account_id else None
    alerts = financial_alerts(store.hits("record", account_id)) if account_id else []
    alerts = [a for a in alerts if record_id in a.transactions]
    rows = transaction_rows(store, [record_id], alerts, reveal)
    return TransactionView(
        row=rows[0], account_id=account_id, account_holder=account.title if account else "",
        account_network=account.network_id if account else None, alerts=alerts,
    )  # fmt: skip
