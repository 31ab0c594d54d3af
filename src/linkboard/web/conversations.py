"""Messages as the pages show them: a conversation (a chat's messages in the order they were
sent, a page at a time, each with its sender and recipients resolved to their accounts and what
its text names - phones, handles, $cashtags - and its RECRUIT_* indicators highlighted as an ad's
text is), an account's messages sent and received, and a message's place in its conversation.

Who sent a message to whom is read as the social channel reads it (``social.messages``): an
identifier is its account's when one social account holds it as its own."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from urllib.parse import quote

from linkboard.model import Hit, Mention, Record
from linkboard.social.messages import ENDS, People, end
from linkboard.store.base import Store
from linkboard.store.page_rows import RecordView
from linkboard.web.parties import parties
from linkboard.web.schemas_social import ChatView, MessageRow, MessageView, Party
from linkboard.web.schemas_text import Highlight

CHAT, MESSAGE = "chat", "message"
#: Messages a conversation page shows.
PAGE_SIZE = 100
#: The most messages of a chat read to name who took part and how many each sent.
MAX_READ = 5000
BODY = "body"
_NOT_ID = re.compile(r"[^A-Za-z0-9_-]")


def anchor(message_id: str) -> str:
    """A message's HTML id in its conversation: ``m-`` and its id in the chat."""
    return "m-" + _NOT_ID.sub("-", message_id.rpartition(":")[2] or message_id)


def message_rows(
    store: Store,
    ids: Sequence[str],
    known: Mapping[str, str] | None = None,
    account: str = "",
    alerted: frozenset[str] = frozenset(),
) -> list[MessageRow]:
    """The messages IDS, in that order (KNOWN: identifier -> account, given); ACCOUNT: whose
    messages they are (each sent or received); ALERTED: the messages behind an alert."""
    records = {r.id: r for r in store.records(ids)}
    mentions = store.mentions_of([i for i in ids if i in records])
    people = People(store, {i for found in mentions.values() for m in found
                            if m.role in ENDS and (i := end(m))}, known or {})  # fmt: skip
    ends = {i: _ends(people, records[i], mentions.get(i, [])) for i in records}
    named = parties(store, {p for s, rs in ends.values() for p in (s, *rs)})
    titles = chat_titles(store, [r.extra.get("chat") for r in records.values()])
    rows = []
    for i in ids:
        if i in records:
            hits = store.hits("record", i)
            rows.append(_row(records[i], mentions.get(i, []), hits, ends[i], named, titles))
    for row in rows:
        row.direction = ("sent" if row.sender.id == account else "received") if account else ""
        row.alerted = row.id in alerted
    return rows


def chat_titles(store: Store, chats: Sequence[object]) -> dict[str, str]:
    """chat id -> its title, for the stored chats among CHATS."""
    wanted = sorted({str(c) for c in chats if c})
    return {r.id: r.title or r.id for r in store.record_refs(wanted)}


def _ends(people: People, record: Record, mentions: list[Mention]) -> tuple[str, list[str]]:
    chat = str(record.extra.get("chat") or "")
    sender = people.ends(mentions, "sender") or [f"{chat}/{record.title}"]
    return sender[0], people.ends(mentions, "recipient")


def _row(record: Record, mentions: list[Mention], hits: list[Hit],
         ends: tuple[str, list[str]], named: Mapping[str, Party], titles: Mapping[str, str]
         ) -> MessageRow:  # fmt: skip
    chat = str(record.extra.get("chat") or "")
    sender, recipients = ends
    attachments = record.extra.get("attachments")
    return MessageRow(
        id=record.id, anchor=anchor(record.id), chat=chat,
        chat_title=titles.get(chat) or str(record.extra.get("chat_title") or ""),
        sent_at=record.posted_at, sender=named.get(sender) or Party(id=sender, name=sender),
        recipients=[named.get(r) or Party(id=r, name=r) for r in recipients], text=record.body,
        highlights=text_highlights(mentions, hits), codes=sorted({h.code for h in hits}),
        reply_to=str(record.extra.get("reply_to") or ""),
        attachments=len(attachments) if isinstance(attachments, list) else len(record.images),
    )  # fmt: skip


def text_highlights(mentions: Sequence[Mention], hits: Sequence[Hit]) -> list[Highlight]:
    """The spans of a text: what it names (a phone, a handle, a $cashtag, a price) and the
    evidence of its indicators (RECRUIT_*), as an ad's text is marked."""
    spans = [Highlight(field=BODY, start=m.start, end=m.end, label=m.kind, kind=m.kind,
                       value=m.value) for m in mentions if m.field == BODY]  # fmt: skip
    spans += [Highlight(field=BODY, start=h.start, end=h.end, label=h.code, kind="indicator",
                        value=h.evidence)
              for h in hits if h.field == BODY and 0 <= h.start < h.end]  # fmt: skip
    return spans


def pages(total: int, page: int, size: int) -> tuple[int, int]:
    """(the page, how many pages) of TOTAL items SIZE a page, PAGE kept in range."""
    count = max(1, -(-total // size))
    return min(max(1, page), count), count


def chat_view(store: Store, row: RecordView, page: int) -> ChatView:
    """The chat ROW's conversation: PAGE of its messages, in the order they were sent."""
    ids = store.chat_message_ids(row.id)
    page, count = pages(len(ids), page, PAGE_SIZE)
    shown = ids[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    sent, everyone = _participants(store, ids[:MAX_READ])
    named = parties(store, everyone)
    return ChatView(
        id=row.id, title=row.title or row.id, platform=row.site,
        chat_type=str(row.extra.get("chat_type") or ""),
        participants=[named[p] for p in sorted(everyone, key=lambda p: (-sent.get(p, 0), p))],
        sent=sent, messages=message_rows(store, shown), total_messages=len(ids), page=page,
        pages=count,
    )  # fmt: skip


def _participants(store: Store, ids: list[str]) -> tuple[dict[str, int], set[str]]:
    """How many of the messages IDS each sender sent, and everyone at their ends."""
    mentions = store.mentions_of(ids)
    people = People(store, {i for found in mentions.values() for m in found
                            if m.role in ENDS and (i := end(m))}, {})  # fmt: skip
    sent: dict[str, int] = {}
    everyone: set[str] = set()
    for found in mentions.values():
        senders = people.ends(found, "sender")
        for s in senders[:1]:
            sent[s] = sent.get(s, 0) + 1
        everyone |= {*senders, *people.ends(found, "recipient")}
    return sent, everyone


def message_view(store: Store, row: RecordView) -> MessageView | None:
    """The message ROW's place in its conversation, its sender and recipients."""
    found = message_rows(store, [row.id])
    if not found:
        return None
    message = found[0]
    ids = store.chat_message_ids(message.chat) if message.chat else []
    position = ids.index(row.id) + 1 if row.id in ids else 0
    href = ""
    if position:
        page = (position - 1) // PAGE_SIZE + 1
        href = "/records/" + quote(message.chat, safe="") + (f"?page={page}" if page > 1 else "")
        href += "#" + message.anchor
    return MessageView(
        chat=message.chat, chat_title=message.chat_title, href=href, position=position,
        total=len(ids), sender=message.sender, recipients=message.recipients,
        reply_to=message.reply_to,
    )  # fmt: skip
