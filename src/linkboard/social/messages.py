"""Stored messages as the social rules and the connection graph read them (``contacts.Msg``):
who sent each to whom, resolved to accounts.

Who a message's sender and recipients are is read from its identifiers (roles ``sender`` and
``recipient``) and its ``social`` account refs. An identifier is its account's when one social
account holds it as its own (a Telegram user id, a WhatsApp number: one person, however many
identifiers), else it stands for itself. A person an export names by a display name alone is
still an end, by their account's ref (``social:whatsapp:nathan-acosta``), which links nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from linkboard.model import Mention, Record
from linkboard.social.contacts import RECRUIT_PREFIX, Msg
from linkboard.social.values import KIND
from linkboard.store.base import Store

ENDS = ("sender", "recipient")


def end(m: Mention) -> str | None:
    """How a message's end (or an account's own) is looked up: an identifier, or an account's
    own id (``social`` links nothing, so it is no identifier; it is still who wrote)."""
    return m.identifier or (f"{m.kind}:{m.value}" if m.kind == KIND else None)


def stored_messages(
    store: Store, identifiers: Iterable[str], known: Mapping[str, str] | None = None
) -> list[Msg]:
    """Every stored message one of IDENTIFIERS sent or got, its ends resolved to accounts
    (KNOWN: identifier -> account, given, before the store is asked)."""
    wanted = set(identifiers)
    ids: set[str] = set()
    for role in ENDS:
        held = store.records_with_identifiers(wanted, role=role)
        ids |= {r for rs in held.values() for r in rs}
    if not ids:
        return []
    records = store.records(sorted(ids))
    mentions = store.mentions_of([r.id for r in records])
    people = People(store, {i for found in mentions.values() for m in found
                            if m.role in ENDS and (i := end(m))}, known or {})  # fmt: skip
    fired = store.record_indicators([r.id for r in records])
    return [
        m
        for r in records
        if (m := people.message(r, mentions.get(r.id, []), [i.code for i in fired[r.id]]))
    ]


class People:
    """Who each identifier at a message's end is: the social account holding it as its own,
    else the identifier itself."""

    def __init__(self, store: Store, identifiers: set[str], known: Mapping[str, str]) -> None:
        self.key = dict(known)
        holders = store.records_with_identifiers(identifiers - set(known))
        kind_of = store.kinds_of({r for rs in holders.values() for r in rs})
        for identifier, records in holders.items():
            accounts = sorted(r for r in records if kind_of.get(r) == "social_account")
            if len(accounts) == 1:
                self.key[identifier] = accounts[0]

    def ends(self, mentions: list[Mention], role: str) -> list[str]:
        """The people at one end of a message, each once, in a stable order."""
        found = sorted(i for m in mentions if m.role == role and (i := end(m)))
        return list(dict.fromkeys(self.who(i) for i in found))

    def who(self, identifier: str) -> str:
        """The account IDENTIFIER is: the one holding it, the one an account ref names (stored
        or not: a stranger who never wrote has no record), else the identifier itself."""
        if identifier in self.key:
            return self.key[identifier]
        return (
            identifier.removeprefix(f"{KIND}:") if identifier.startswith(f"{KIND}:") else identifier
        )

    def message(self, record: Record, mentions: list[Mention], fired: list[str]) -> Msg | None:
        """RECORD as the rules read it; None for a message with no time."""
        if not record.posted_at:
            return None
        chat = str(record.extra.get("chat", ""))
        sender = self.ends(mentions, "sender") or [f"{chat}/{record.title}"]
        recipients = self.ends(mentions, "recipient")
        if len(recipients) > 1 and record.extra.get("recipient_count") == 1:
            # one person, known by a number and a handle but by no record: their account
            recipients = [next((r for r in recipients if r.startswith("social:")), recipients[0])]
        codes = frozenset(c for c in fired if c.startswith(RECRUIT_PREFIX))
        sent = datetime.fromisoformat(record.posted_at.replace("Z", "+00:00"))
        reply = str(record.extra.get("reply_to") or "")
        return Msg(record.id, chat, sender[0], tuple(recipients), sent, record.body, codes, reply)
