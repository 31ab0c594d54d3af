"""Chats written as the apps export them.

Telegram Desktop (one chat, JSON): ``telegram/<chat>/result.json`` holding ``{name, type
(personal_chat | private_group), id, messages}``; each message ``{id, type: "message", date
("2025-01-12T23:41:10"), date_unixtime ("1736725270"), from, from_id ("user<digits>"), text,
text_entities}``, ``text`` a string, or a list of entity objects ``{type: plain | mention |
phone, text}`` when the message holds a handle or a phone. A group opens with a service message.

WhatsApp (one chat, text): ``whatsapp/<chat>/WhatsApp Chat with <name>.txt``, lines
``12/31/25, 9:05 PM - Name: text``; a message's further lines follow on lines of their own; the
encryption notice and a group's creation are system lines. People the exporting phone has saved
are written by name, others by their number (``+1 612-555-0147``).

Each writer returns, per message in file order, its key in the export (the Telegram id; the
WhatsApp message's number and first line) for the truth.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from linkboard.synth.social_roster import Chat, Person

ENTITY = re.compile(r"@[A-Za-z][\w.]{2,}|\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b")
NOTICE = (
    "Messages and calls are end-to-end encrypted. No one outside of this chat, not even "
    "WhatsApp, can read or listen to them. Tap to learn more."
)
#: Chats whose members know each other: each one's phone has the others saved by name.
KNOWN = frozenset({"friends", "trip", "couple"})


Written = tuple[str, list[Any], dict[str, str]]


def write_chat(out: Path, chat: Chat, people: dict[str, Person]) -> Written:
    """Write ``chat`` under ``out``: its path relative to ``out``, each message's key, and how
    the export writes each member (Telegram: its ``from_id``; WhatsApp: its name or number)."""
    if chat.platform == "telegram":
        return _telegram(out, chat, people)
    return _whatsapp(out, chat, people)


def _telegram(out: Path, chat: Chat, people: dict[str, Person]) -> Written:
    owner = people[chat.owner]
    others = [people[k] for k in chat.members if k != owner.key]
    group = chat.kind == "group"
    messages: list[dict[str, Any]] = []
    if group:
        messages.append(_created(chat, people))
    keys = []
    for line in chat.lines:
        who = people[line.sender]
        n = len(messages) + 1
        messages.append(
            {
                "id": n,
                "type": "message",
                "date": _local(line.at).strftime("%Y-%m-%dT%H:%M:%S"),
                "date_unixtime": str(line.at),
                "from": who.name,
                "from_id": who.tg_id,
                "text": _text(line.text),
                "text_entities": _entities(line.text),
            }
        )
        keys.append(n)
    export = {
        "name": chat.title if group else others[0].name,
        "type": "private_group" if group else "personal_chat",
        "id": int(chat.id.split("-")[1]) + 4_000_000_000,
        "messages": messages,
    }
    path = Path("telegram") / chat.id / "result.json"
    (out / path).parent.mkdir(parents=True, exist_ok=True)
    (out / path).write_text(json.dumps(export, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return str(path), keys, {k: people[k].tg_id for k in chat.members}


def _created(chat: Chat, people: dict[str, Person]) -> dict[str, Any]:
    first = chat.lines[0].at - 600 if chat.lines else 0
    actor = people[chat.members[0]]
    return {
        "id": 1,
        "type": "service",
        "date": _local(first).strftime("%Y-%m-%dT%H:%M:%S"),
        "date_unixtime": str(first),
        "actor": actor.name,
        "actor_id": actor.tg_id,
        "action": "create_group",
        "title": chat.title,
        "members": [people[k].name for k in chat.members],
        "text": "",
        "text_entities": [],
    }


def _text(text: str) -> str | list[dict[str, str]]:
    entities = _entities(text)
    return text if all(e["type"] == "plain" for e in entities) else entities


def _entities(text: str) -> list[dict[str, str]]:
    out, pos = [], 0
    for m in ENTITY.finditer(text):
        if m.start() > pos:
            out.append({"type": "plain", "text": text[pos : m.start()]})
        out.append({"type": "mention" if m.group()[0] == "@" else "phone", "text": m.group()})
        pos = m.end()
    if pos < len(text):
        out.append({"type": "plain", "text": text[pos:]})
    return out


def _whatsapp(out: Path, chat: Chat, people: dict[str, Person]) -> Written:
    owner = people[chat.owner]

    def shown(key: str) -> str:
        p = people[key]
        return p.name if key == owner.key or chat.story in KNOWN else whatsapp_phone(p.phone)

    first = chat.lines[0].at if chat.lines else 0
    rows = [f"{_stamp(first)} - {NOTICE}"]
    if chat.kind == "group":
        rows.append(f'{_stamp(first)} - {shown(chat.members[0])} created group "{chat.title}"')
        rows += [
            f"{_stamp(first)} - {shown(chat.members[0])} added {shown(k)}" for k in chat.members[1:]
        ]
    keys, at_line = [], len(rows) + 1
    for n, line in enumerate(chat.lines, 1):
        keys.append({"n": n, "line": at_line})
        rows.append(f"{_stamp(line.at)} - {shown(line.sender)}: {line.text}")
        at_line += line.text.count("\n") + 1
    title = chat.title or shown(next(k for k in chat.members if k != owner.key))
    path = Path("whatsapp") / chat.id / f"WhatsApp Chat with {title}.txt"
    (out / path).parent.mkdir(parents=True, exist_ok=True)
    (out / path).write_text("\n".join(rows) + "\n", "utf-8")
    return str(path), keys, {k: shown(k) for k in chat.members}


def whatsapp_phone(e164: str) -> str:
    """A number as WhatsApp on Android shows an unsaved contact: ``+1 612-555-0147``."""
    return f"+1 {e164[2:5]}-{e164[5:8]}-{e164[8:]}"


def _stamp(at: int) -> str:
    t = _local(at)
    hour, noon = t.hour % 12 or 12, "AM" if t.hour < 12 else "PM"
    return f"{t.month}/{t.day}/{t.strftime('%y')}, {hour}:{t.minute:02d} {noon}"


def _local(at: int) -> datetime:
    """The exporting phone's clock: UTC in this world."""
    return datetime.fromtimestamp(at, UTC).replace(tzinfo=None)
