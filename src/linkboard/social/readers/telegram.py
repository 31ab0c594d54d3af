"""Telegram Desktop's "Export chat history" in its machine-readable form (``result.json``): one
chat (``{"name", "type", "id", "messages": [...]}``) or a whole account's export (``{"about",
"personal_information", "contacts", "chats": {"list": [...]}, "left_chats": ...}``), plain, .gz or
.zst, read as a stream (``json_stream``): one message in memory at a time, whatever the size
(a personal chat's first messages are held back until both its people have written, at most
``MAX_HELD``, so that each message names the other as its recipient).

Each chat gives a chat record (after its messages: its participants are those who wrote in it),
each message a message record (``msg:telegram:<chat id>:<message id>``; a personal chat's id
is its peer's user id and a hash of its first message), each person the first
time they write an account record (``social:telegram:<from_id>``). The export's owner
(``personal_information``) is an account with their phone and username, and the contacts that
name a user id lend that user their phone. Service messages (joins, pins, calls) are no messages:
they are left out. A message that cannot be read is quarantined with the reason; the rest goes on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from linkboard.ingest.fields import BadRecord
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import InputError
from linkboard.model import Quarantined, Record, sha256_text
from linkboard.social.readers import telegram_message
from linkboard.social.readers.head import head_text
from linkboard.social.readers.json_stream import BadValue, JsonStream, Unreadable, opened
from linkboard.social.readers.records import (
    Chat,
    Origin,
    Person,
    Roster,
    Said,
    chat_item,
    message_item,
    phone_number,
)

PLATFORM = telegram_message.PLATFORM
#: Chat types whose other side is one user, whose id is the chat's.
ONE_TO_ONE = ("personal_chat", "bot_chat")
#: The most messages of a personal chat held back until its two people are known.
MAX_HELD = 1000
_CHAT_TYPE = re.compile(
    r'"type"\s*:\s*"(?:personal_chat|bot_chat|saved_messages|private_group|private_supergroup|'
    r'public_supergroup|private_channel|public_channel)"'
)
_SINGLE = re.compile(r'"messages"\s*:\s*\[')
_MESSAGE = re.compile(r'"(?:date_unixtime|from_id)"\s*:')
_WHOLE = re.compile(r'^\{\s*"about"\s*:\s*"[^"]*Telegram|"chats"\s*:\s*\{\s*"about"')
Item = Record | Quarantined


def detect(path: Path) -> bool:
    """A JSON object that reads as a Telegram export: a chat of Telegram's chat types, or a
    message with Telegram's fields, or the whole export's ``about``."""
    text = head_text(path).lstrip("\ufeff \t\r\n")
    if not text.startswith("{") or '"sender_name"' in text:
        return False
    if _WHOLE.search(text):
        return True
    return bool(_SINGLE.search(text) and (_CHAT_TYPE.search(text) or _MESSAGE.search(text)))


def read(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Item]:
    source = options.source or path.name
    export = Export(path, source, options)
    try:
        with opened(path, progress) as js:
            if js.peek() != "{":
                raise InputError(f"{path.name} is not a Telegram export: no JSON object in it")
            yield from export.document(js)
    except Unreadable as exc:
        yield Quarantined(source, f"{path}:{exc.line}", exc.reason)
        if export.chat is not None:
            yield from export.close()


class Export:
    """The walk of one export: the people it knows, the accounts given, the chat being read."""

    def __init__(self, path: Path, source: str, options: ReadOptions) -> None:
        self.path, self.source, self.options = path, source, options
        self.roster = Roster()
        self.people: dict[str, Person] = {}
        self.owner: Person | None = None
        self.chat: Chat | None = None
        #: A personal chat's messages held back until its two people are known (``_settled``).
        self.held: list[Said] = []
        self.spoke: set[str] = set()
        self._chat_origin = Origin(source, f"{path}:1", "")

    def _where(self, line: int) -> str:
        return f"{self.path}:{line}"

    def _quarantine(self, line: int, reason: str, sample: str = "") -> Quarantined:
        return Quarantined(self.source, self._where(line), reason, sample)

    def document(self, js: JsonStream) -> Iterator[Item]:
        """The top-level object: a whole export, or one chat (its members at the top)."""
        header: dict[str, Any] = {}
        line = js.line()
        for key in js.members():
            if key in ("chats", "left_chats"):
                yield from self._chat_list(js)
            elif key == "messages":
                yield from self._messages(js, header, line)
            elif key == "personal_information":
                yield from self._owner(js)
            elif key == "contacts":
                yield from self._contacts(js)
            elif key in ("name", "type", "id"):
                header[key] = self._scalar(js)
            else:
                js.skip()
        if self.chat is not None:
            yield from self.close()

    def _scalar(self, js: JsonStream) -> Any:
        try:
            return js.value(limit=10_000)[0]
        except BadValue:
            return None

    def _chat_list(self, js: JsonStream) -> Iterator[Item]:
        """``{"about": ..., "list": [chat, ...]}``."""
        if js.peek() != "{":
            yield self._quarantine(js.line(), "chats: not an object of a list of chats")
            js.skip()
            return
        for key in js.members():
            if key != "list" or js.peek() != "[":
                js.skip()
                continue
            for _ in js.items():
                yield from self._one_chat(js)

    def _one_chat(self, js: JsonStream) -> Iterator[Item]:
        line = js.line()
        if js.peek() != "{":
            yield self._quarantine(line, "a chat must be a JSON object")
            js.skip()
            return
        header: dict[str, Any] = {}
        for key in js.members():
            if key == "messages":
                yield from self._messages(js, header, line)
            elif key in ("name", "type", "id"):
                header[key] = self._scalar(js)
            else:
                js.skip()
        if self.chat is not None or self._open(header, line) is not None:
            yield from self.close()
        else:
            yield self._quarantine(line, "a chat without an id", repr(header)[:200])

    def _messages(self, js: JsonStream, header: dict[str, Any], line: int) -> Iterator[Item]:
        chat = self._open(header, line)
        if chat is None or js.peek() != "[":
            why = "messages: not a list" if chat else "a chat's messages come before its id"
            yield self._quarantine(js.line(), why)
            js.skip()
            return
        for _ in js.items():
            try:
                obj, text, at = js.value()
            except BadValue as exc:
                yield self._quarantine(exc.line, exc.reason, exc.sample)
                continue
            if chat.given and chat.chat_id == chat.given:
                chat.chat_id = personal_id(chat.given, text)
            yield from self._message(obj, Origin(self.source, self._where(at), text), chat)

    def _open(self, header: dict[str, Any], line: int) -> Chat | None:
        """The chat HEADER names (the one being read when it is the same), else None."""
        given = header.get("id")
        if isinstance(given, bool) or not isinstance(given, int | str) or not str(given):
            return None
        if self.chat is not None and (self.chat.given or self.chat.chat_id) == str(given)[:64]:
            return self.chat
        name, kind = header.get("name"), header.get("type")
        chat = Chat(PLATFORM, str(given)[:64], name if isinstance(name, str) else "",
                    kind if isinstance(kind, str) else "")  # fmt: skip
        if chat.chat_type in ONE_TO_ONE:  # its id is the peer's: told apart at its first message
            chat.given = chat.chat_id
        if chat.chat_type in ONE_TO_ONE:
            peer = f"user{chat.chat_id}"
            chat.join(self.people.get(peer) or Person(PLATFORM, peer, chat.title, handle=peer))
        if self.owner is not None and chat.chat_type != "saved_messages":
            chat.join(self.owner)
        raw = json.dumps({k: header.get(k) for k in ("name", "type", "id")}, ensure_ascii=False)
        self.chat, self._chat_origin = chat, Origin(self.source, self._where(line), raw)
        self.spoke = set()
        return chat

    def close(self) -> Iterator[Item]:
        """The messages held back, then the chat record of the chat being read, which ends."""
        assert self.chat is not None
        yield from self._flush(self.chat)
        chat, self.chat = self.chat, None
        yield chat_item(chat, self._chat_origin, self.options)

    def _flush(self, chat: Chat) -> Iterator[Item]:
        held, self.held = self.held, []
        for said in held:
            yield message_item(chat, said, self.options)

    def _settled(self, chat: Chat) -> bool:
        """Whether a personal chat's two people are known: its messages are held back until
        they are (or ``MAX_HELD`` are), so that each names the other as its recipient. The two
        are those who wrote and the export's owner; a header's peer who never wrote is the
        peer only when no one else is (an export whose chat id is not the peer's user id)."""
        both = self.spoke | ({self.owner.id} if self.owner is not None else set())
        if len(both) >= 2:
            for other in [m for m in chat.members if m not in both]:
                del chat.members[other]
            return True
        return len(self.held) >= MAX_HELD

    def _message(self, obj: Any, origin: Origin, chat: Chat) -> Iterator[Item]:
        if not isinstance(obj, dict):
            yield origin.quarantine("a message must be a JSON object")
            return
        if obj.get("type", "message") != "message":
            return  # a service message: someone joined, pinned, called
        try:
            said = telegram_message.said(obj, origin, chat, self.people, self.options.region)
        except BadRecord as exc:
            yield origin.quarantine(str(exc))
            return
        if said.sender is not None:
            if account := self.roster.introduce(said.sender, origin, self.options):
                yield account
            chat.join(said.sender)
        if not chat.given:
            yield message_item(chat, said, self.options)
            return
        self.held.append(said)
        if said.sender is not None:  # counted as held, not by going over those held: linear
            self.spoke.add(said.sender.id)
        if self._settled(chat):
            yield from self._flush(chat)

    def _owner(self, js: JsonStream) -> Iterator[Item]:
        """``personal_information``: the export's owner, an account of their own."""
        try:
            obj, text, line = js.value()
        except BadValue as exc:
            yield self._quarantine(exc.line, f"personal_information: {exc.reason}", exc.sample)
            return
        origin = Origin(self.source, self._where(line), text)
        person = _person(obj, self.options.region) if isinstance(obj, dict) else None
        if person is None:
            yield origin.quarantine("personal_information: no user_id")
            return
        self.owner = self.people[person.key] = person
        if account := self.roster.introduce(person, origin, self.options, export_owner=True):
            yield account

    def _contacts(self, js: JsonStream) -> Iterator[Item]:
        """``contacts``: each contact that names its user id lends that user its phone."""
        try:
            obj = js.value()[0]
        except BadValue as exc:
            yield self._quarantine(exc.line, f"contacts: {exc.reason}", exc.sample)
            return
        entries = obj.get("list") if isinstance(obj, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            person = _person(entry, self.options.region) if isinstance(entry, dict) else None
            if person is not None:
                self.people.setdefault(person.key, person)


def personal_id(peer: str, first: str) -> str:
    """A personal chat's id: the peer's user id, which every export of a chat with that peer
    gives (two people's chats with one recruiter), and a hash of its first message."""
    return f"{peer}-{sha256_text(first)[:12]}"


def _person(obj: dict[str, Any], region: str) -> Person | None:
    """The user OBJ describes (the owner's ``personal_information``, a contact), if it names
    their user id."""
    user = obj.get("user_id")
    if isinstance(user, bool) or not isinstance(user, int | str) or not str(user).isdigit():
        return None
    peer = f"user{user}"[:64]
    names = [obj.get("first_name"), obj.get("last_name")]
    name = " ".join(n.strip() for n in names if isinstance(n, str) and n.strip())
    texts = {k: v if isinstance(v := obj.get(k), str) else "" for k in ("username", "bio")}
    number = obj.get("phone_number")
    return Person(PLATFORM, peer, name, handle=texts["username"].lstrip("@") or peer,
                  phone=phone_number(number, region) if isinstance(number, str) else "",
                  source_id=peer, bio=texts["bio"], platform_id=peer)  # fmt: skip
