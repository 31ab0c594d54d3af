"""What social accounts and messages add to the exports: the JSON Lines fields of the
``social_account`` and ``message`` kinds (``hooks.record_fields``), their FollowTheMoney entities
(``UserAccount``, ``Message``; ``hooks.ftm_entities``) and SOC_RECRUITER alerts as
``{rule, rule_version, reason, messages, recipients}``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from linkboard.export.scope import Scope
from linkboard.model import Hit, Record
from linkboard.social.evaluate import LEVEL
from linkboard.store.base import Store

PREFIX = "linkboard"


def alerts(hits: Iterable[Hit]) -> list[dict[str, Any]]:
    """A record's channel hits as the export's alerts, strongest first."""
    found = [h for h in hits if h.level == LEVEL]
    found.sort(key=lambda h: (-float(h.detail.get("strength") or 0), h.code))
    return [{"rule": h.code, "rule_version": h.detail.get("rule_version", ""),
             "reason": h.evidence, "messages": list(h.detail.get("messages") or []),
             "recipients": list(h.detail.get("recipients") or [])}
            for h in found]  # fmt: skip


def account_fields(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for record in store.records(ids):
        x = record.extra
        out[record.id] = {
            "platform": x.get("platform") or record.site,
            "source_id": x.get("source_id") or x.get("platform_id") or record.id,
            "display_name": x.get("display_name") or record.title,
            "handle": x.get("handle", ""),
            "platform_id": x.get("platform_id", ""),
            "bio": record.body,
            "alerts": alerts(store.hits("record", record.id)),
        }
    return out


def message_fields(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for record in store.records(ids):
        x = record.extra
        out[record.id] = {
            "platform": x.get("platform") or record.site,
            "chat": x.get("chat", ""),
            "chat_title": x.get("chat_title", ""),
            "sender": x.get("sender_account") or x.get("sender") or record.title,
            "sender_name": record.title,
            "recipients": list(x.get("recipient_accounts") or []),
            "sent_at": record.posted_at,
            "sent_local": x.get("sent_local", ""),
            "text": record.body,
            "reply_to": x.get("reply_to", ""),
            "attachments": list(x.get("attachments") or []),
        }
    return out


def _entity(schema: str, *key: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id(PREFIX, *key)
    return proxy


def account_entities(scope: Scope, docs: dict[str, Any]) -> list[EntityProxy]:
    """Each social account as a ``UserAccount`` (its alerts in its summary), proved by its
    record."""
    out = []
    for record in (r for r in scope.records if r.kind == "social_account"):
        user = user_account(record.id)
        x = record.extra
        user.add("username", str(x.get("handle") or x.get("source_id") or record.title or ""))
        user.add("service", str(x.get("platform") or record.site or "") or None)
        user.add("phone", [str(p) for p in x.get("phones") or []])
        user.add("email", [str(e) for e in x.get("emails") or []])
        user.add("name", record.title or None)
        found = alerts(scope.hits[record.id])
        user.add("summary", "; ".join(f"{a['rule']} ({a['rule_version']}): {a['reason']}"
                                      for a in found) or None)  # fmt: skip
        out += [user, _proof(user, docs[record.id], record.id)]
    return out


def message_entities(scope: Scope, docs: dict[str, Any]) -> list[EntityProxy]:
    """Each message as a ``Message`` from its sender's ``UserAccount`` to its recipients'."""
    out = []
    for record in (r for r in scope.records if r.kind == "message"):
        message = message_entity(record)
        out += [message, _proof(message, docs[record.id], record.id)]
    return out


def user_account(account_id: str) -> EntityProxy:
    """The ``UserAccount`` of a social account id (what a message's ends name)."""
    return _entity("UserAccount", "social", account_id)


def message_entity(record: Record) -> EntityProxy:
    x = record.extra
    message = _entity("Message", "message", record.id)
    message.add("bodyText", record.body or None)
    message.add("subject", str(x.get("chat_title") or "") or None)
    message.add("date", (record.posted_at or "")[:19] or None)
    message.add("threadTopic", str(x.get("chat") or "") or None)
    if sender := x.get("sender_account"):
        message.add("senderAccount", user_account(str(sender)).id)
    recipients = [user_account(str(r)).id for r in x.get("recipient_accounts") or []]
    message.add("recipientAccount", recipients)
    return message


def _proof(thing: EntityProxy, doc: EntityProxy, record_id: str) -> EntityProxy:
    edge = _entity("Documentation", "proves", thing.id or "", record_id)
    edge.add("entity", thing.id)
    edge.add("document", doc.id)
    edge.add("role", "export")
    return edge
