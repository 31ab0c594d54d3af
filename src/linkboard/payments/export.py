"""What accounts and transactions add to the exports: the JSON Lines fields of the ``account``
and ``transaction`` kinds (``hooks.record_fields``), their FollowTheMoney entities
(``BankAccount``, ``CryptoWallet``, ``UserAccount``, ``Payment``; ``hooks.ftm_entities``) and the
alerts as ``{rule, rule_version, reason}``, each naming the rule version that raised it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from linkboard.export.scope import Scope
from linkboard.model import Hit, Record
from linkboard.payments.evaluate import LEVEL
from linkboard.payments.ledger import amount
from linkboard.store.base import Store

PREFIX = "linkboard"


def alerts(hits: Iterable[Hit]) -> list[dict[str, Any]]:
    """A record's channel hits as the export's alerts, strongest first."""
    found = [h for h in hits if h.level == LEVEL]
    found.sort(key=lambda h: (-float(h.detail.get("strength") or 0), h.code))
    return [{"rule": h.code, "rule_version": h.detail.get("rule_version", ""),
             "reason": h.evidence, "transactions": list(h.detail.get("transactions") or [])}
            for h in found]  # fmt: skip


def account_fields(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for record in store.records(ids):
        x = record.extra
        out[record.id] = {
            "source_id": x.get("source_id", record.id),
            "holder": record.title,
            "account_type": x.get("account_type", ""),
            "institution": record.site,
            "iban": x.get("iban", ""),
            "bic": x.get("bic", ""),
            "alerts": alerts(store.hits("record", record.id)),
        }
    return out


def transaction_fields(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    records = store.records(ids)
    accounts = {a.id: a for a in store.records({str(r.extra.get("account", "")) for r in records})}
    cited = _cited(store, accounts)
    out = {}
    for record in records:
        x = record.extra
        account = accounts.get(str(x.get("account", "")))
        out[record.id] = {
            "account": account.extra.get("source_id", account.id) if account else x.get("account"),
            "account_id": x.get("account", ""),
            "counterparty": record.title,
            "counterparty_identifier": _counterparty(record),
            "amount": float(amount(x.get("amount"))),
            "currency": x.get("currency", ""),
            "direction": x.get("direction", ""),
            "channel": x.get("channel", ""),
            "booked_at": x.get("booked_local") or record.posted_at,
            "merchant": x.get("merchant", ""),
            "mcc": x.get("mcc", ""),
            "memo": record.body,
            "alerts": [a for a in cited.get(str(x.get("account", "")), [])
                       if record.id in a["transactions"]],
        }  # fmt: skip
    return out


def _cited(store: Store, accounts: dict[str, Record]) -> dict[str, list[dict[str, Any]]]:
    return {aid: alerts(store.hits("record", aid)) for aid in accounts}


def _counterparty(record: Record) -> str:
    from linkboard.payments.ledger import held_values

    return next(held_values(record, "counterparty"), "")


def _entity(schema: str, *key: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id(PREFIX, *key)
    return proxy


def account_entities(scope: Scope, docs: dict[str, Any]) -> list[EntityProxy]:
    """Each account as a ``BankAccount`` (a wallet as a ``CryptoWallet``, a P2P account as a
    ``UserAccount``) held by a ``LegalEntity`` of its holder's name, proved by its record."""
    out = []
    for record in (r for r in scope.records if r.kind == "account"):
        thing = _account(record)
        found = alerts(scope.hits[record.id])
        thing.add("summary", "; ".join(f"{a['rule']} ({a['rule_version']}): {a['reason']}"
                                       for a in found) or None)  # fmt: skip
        out.append(thing)
        if record.title:
            holder = _entity("LegalEntity", "holder", record.id)
            holder.add("name", record.title)
            holder.add("phone", [str(p) for p in record.extra.get("phones") or []])
            holder.add("email", [str(e) for e in record.extra.get("emails") or []])
            out.append(holder)
            if thing.schema.name == "BankAccount":
                owns = _entity("Ownership", "holds", record.id)
                owns.add("owner", holder.id)
                owns.add("asset", thing.id)
                out.append(owns)
            else:
                thing.add("holder" if thing.schema.name == "CryptoWallet" else "owner", holder.id)
        out.append(_proof(thing, docs[record.id], record.id))
    return out


def _account(record: Record) -> EntityProxy:
    x = record.extra
    kind = str(x.get("account_type", ""))
    if kind == "crypto":
        wallet = _entity("CryptoWallet", "account", record.id)
        wallet.add("publicKey", str(x.get("source_id") or record.id))
        return wallet
    if kind == "p2p":
        user = _entity("UserAccount", "account", record.id)
        user.add("username", str(x.get("source_id") or record.id))
        user.add("service", str(x.get("service") or record.site or "") or None)
        return user
    bank = _entity("BankAccount", "account", record.id)
    bank.add("iban", str(x.get("iban") or "") or None)
    bank.add("accountNumber", str(x.get("account_number") or x.get("source_id") or ""))
    bank.add("bic", str(x.get("bic") or "") or None)
    bank.add("bankName", record.site or None)
    bank.add("currency", str(x.get("currency") or "") or None)
    bank.add("accountType", kind or None)
    return bank


def transaction_entities(scope: Scope, docs: dict[str, Any]) -> list[EntityProxy]:
    """Each transaction as a ``Payment`` between its account and its counterparty."""
    out = []
    for record in (r for r in scope.records if r.kind == "transaction"):
        x = record.extra
        pay = _entity("Payment", "transaction", record.id)
        pay.add("amount", str(amount(x.get("amount"))))
        pay.add("currency", str(x.get("currency") or "") or None)
        pay.add("date", str(x.get("booked_local") or record.posted_at or "")[:19] or None)
        pay.add("purpose", record.body or None)
        pay.add("programme", str(x.get("channel") or "") or None)
        own = _entity("BankAccount", "account", str(x.get("account", "")))
        other = _entity("LegalEntity", "counterparty", record.title or record.id)
        other.add("name", record.title or _counterparty(record) or record.id)
        holder = _entity("LegalEntity", "holder", str(x.get("account", "")))
        credit = x.get("direction") == "credit"
        pay.add("beneficiaryAccount" if credit else "payerAccount", own.id)
        pay.add("beneficiary" if credit else "payer", holder.id)
        pay.add("payer" if credit else "beneficiary", other.id)
        out += [other, pay, _proof(pay, docs[record.id], record.id)]
    return out


def _proof(thing: EntityProxy, doc: EntityProxy, record_id: str) -> EntityProxy:
    edge = _entity("Documentation", "proves", thing.id or "", record_id)
    edge.add("entity", thing.id)
    edge.add("document", doc.id)
    edge.add("role", "statement")
    return edge
