"""A SAR-ready narrative per account (``linkboard export … --format sar``): FinCEN's key term for
human trafficking, who holds the account, what it did, which red flags it raised and why (each
with its rule version and the transactions behind it), and the online ads that print the
account's own identifiers as supporting evidence — text an analyst pastes into a report's
narrative and edits, every statement citing the record it comes from."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import IO, Any

from linkboard import PIPELINE_VERSION, hooks
from linkboard.export.scope import Scope
from linkboard.model import Record
from linkboard.payments.evaluate import ad_uses
from linkboard.payments.export import alerts
from linkboard.payments.ledger import Transaction
from linkboard.store.base import Store

#: FinCEN's key term for SARs on human trafficking (FIN-2020-A008), field 2 and the narrative.
KEY_TERM = "HUMAN TRAFFICKING FIN-2020-A008"


def write(store: Store, scope: Scope, out: IO[Any], options: hooks.ExportOptions) -> int:
    """One narrative per account of SCOPE, in id order; returns how many."""
    accounts = sorted((r for r in scope.records if r.kind == "account"), key=lambda r: r.id)
    if not accounts:
        out.write(f"No account in this export ({scope.kind} {scope.ref}).\n")
    for n, record in enumerate(accounts):
        out.write(("\n" + "=" * 78 + "\n\n" if n else "") + narrative(store, record) + "\n")
    return len(accounts)


def narrative(store: Store, account: Record) -> str:
    own = sorted({m.identifier for m in store.mentions(account.id)
                  if m.role == "self" and m.identifier})  # fmt: skip
    booked = store.records_with_identifiers(own, role="holder")
    ids = sorted({r for rs in booked.values() for r in rs})
    txns = sorted((Transaction.of(r) for r in store.records(ids)), key=lambda t: t.booked_at)
    flags = alerts(store.hits("record", account.id))
    lines = [f"{KEY_TERM}", "", _subject(account, own), "", *_activity(txns), ""]
    lines += _flags(flags, {t.id: t for t in txns})
    lines += _ads(store, own, frozenset(store.suppressed_identifiers(suspected=True)))
    where = f"{account.provenance.source}, {account.provenance.locator}"
    lines += ["", f"Prepared with linkboard (pipeline {PIPELINE_VERSION}) from the statement "
              f"record {account.id} ({where})."]  # fmt: skip
    return "\n".join(lines)


def _subject(account: Record, own: Sequence[str]) -> str:
    x = account.extra
    where = f" at {account.site}" if account.site else ""
    kind = x.get("account_type") or "financial"
    held = ", ".join(own) or "no identifier"
    return (f"Subject: {account.title or 'an unnamed holder'}, holder of the {kind} account "
            f"{x.get('source_id', account.id)}{where}. Identifiers: {held}.")  # fmt: skip


def _activity(txns: Sequence[Transaction]) -> list[str]:
    if not txns:
        return ["Activity: no transaction of this account is loaded."]
    credits = [t for t in txns if t.credit]
    debits = [t for t in txns if not t.credit]
    currency = txns[0].currency or ""
    return [
        f"Activity: from {txns[0].booked_at:%Y-%m-%d} to {txns[-1].booked_at:%Y-%m-%d} the "
        f"account received {len(credits)} credits totalling {_money(credits)} {currency} and "
        f"made {len(debits)} debits totalling {_money(debits)} {currency}."
    ]


def _money(txns: Sequence[Transaction]) -> str:
    return f"{sum((t.amount for t in txns), Decimal(0)):,.2f}"


def _flags(flags: list[dict[str, Any]], by_id: dict[str, Transaction]) -> list[str]:
    if not flags:
        return ["Red flags: none of the rules alerted on this account."]
    lines = ["Red flags:"]
    for flag in flags:
        lines.append(f"- {flag['rule']} (rule version {flag['rule_version']}): {flag['reason']}")
        for tid in flag["transactions"][:12]:
            if (t := by_id.get(tid)) is not None:
                lines.append(f"    {t.booked_at:%Y-%m-%d %H:%M} {t.direction} {t.amount:,.2f} "
                             f"{t.currency} {t.channel} {t.counterparty or t.merchant} "
                             f"[{t.id}]")  # fmt: skip
        if len(flag["transactions"]) > 12:
            lines.append(f"    … and {len(flag['transactions']) - 12} more")
    return lines


def _ads(store: Store, own: Sequence[str], generic: frozenset[str]) -> list[str]:
    uses = ad_uses(store, own, generic)
    if not uses:
        return ["", "Supporting evidence: no online ad holds this account's identifiers."]
    lines = ["", "Supporting evidence (online ads that print this account's identifiers):"]
    for use in uses:
        nets = f" in network {', '.join(use.networks)}" if use.networks else ""
        lines.append(f"- {use.identifier}: {len(use.ads)} ad(s){nets}")
        for record in store.records(use.ads[:10]):
            lines.append(f"    {record.posted_at or ''} {record.site} {record.location} "
                         f"{record.url or record.id}".rstrip())  # fmt: skip
    return lines
