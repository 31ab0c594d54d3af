"""What every chat reader makes (``data/kinds/social_account.yaml``, ``chat.yaml``,
``message.yaml``): an account record for each person the first time they speak (``Roster``), a
chat record for each chat, and a message record for each message filed under its chat. Ids come
from content alone, so that reading an export twice gives the same records with the same ids.

A handle is kept bare (``lola_22``, ``user123456``, a WhatsApp number's E.164 digits
``17025550142``): the record's ``site`` names its platform, which is how the kinds read it
(``handle:telegram:user123456``). A person known by a display name alone has no handle.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from linkboard.ingest.fields import MAX_FIELD_CHARS, BadRecord
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import MAX_RECORD_BYTES
from linkboard.model import Provenance, Quarantined, Record, sha256_text
from linkboard.values import phone

#: A message lists its recipients when it has at most this many; a larger group's message gives
#: their number alone (``recipient_count``): its chat lists them, once (``participants``).
MAX_RECIPIENTS = 50
#: Message ids made from content count alike messages over this many minutes (a day's).
MAX_MINUTES = 1440
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record's raw text came from: the source's name, ``file:line``, and the text."""

    source: str
    locator: str
    raw: str

    def quarantine(self, reason: str) -> Quarantined:
        return Quarantined(self.source, self.locator, reason, self.raw[:200])

    def provenance(self, options: ReadOptions) -> Provenance:
        return Provenance(self.source, self.locator, options.ingested_at, sha256_text(self.raw))


@dataclass(frozen=True, slots=True)
class Person:
    """Someone who writes in a chat: ``key`` ends their account id (a platform id, an E.164
    number's digits, a name's slug), ``source_id`` is how the export names them."""

    platform: str
    key: str
    name: str
    handle: str = ""
    phone: str = ""
    source_id: str = ""
    bio: str = ""
    #: The platform's own id of the person, where it is not their handle (a Telegram user id).
    platform_id: str = ""

    @property
    def id(self) -> str:
        return f"social:{self.platform}:{self.key}"


@dataclass(slots=True)
class Chat:
    """A chat as far as it is read: its members are those known so far, by account id."""

    platform: str
    chat_id: str
    title: str
    chat_type: str
    members: dict[str, Person] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    #: The id the export gives the chat, where ``chat_id`` is more than it (a personal chat's).
    given: str = ""

    @property
    def id(self) -> str:
        return f"chat:{self.platform}:{self.chat_id}"

    def join(self, person: Person) -> None:
        self.members.setdefault(person.id, person)

    def others(self, sender: Person | None) -> tuple[int, list[Person]]:
        """(how many, which) members there are besides SENDER: none in a broadcast channel,
        and which only up to MAX_RECIPIENTS."""
        if self.chat_type.endswith("channel"):
            return 0, []
        mine = sender.id if sender is not None else ""
        count = len(self.members) - (mine in self.members)
        if count > MAX_RECIPIENTS:
            return count, []
        return count, [p for key, p in self.members.items() if key != mine]


@dataclass(slots=True)
class Said:
    """One message as read, not yet a record. ``details`` holds the other message fields
    (``edited``, ``shared_contact``, ``location``, ``reactions``)."""

    origin: Origin
    message_id: str
    sender: Person | None
    text: str
    sent_utc: str | None
    sent_local: str = ""
    url: str = ""
    reply_to: str = ""
    forwarded_from: str = ""
    attachments: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


class Occurrences:
    """Ids for messages that have none: a hash of their time, sender and text, and how many
    alike came before them in the same minute (a second "ok" in a minute is ``<hash>-2``). A
    minute that comes back after others counts on (a phone's clock set back an hour in the
    autumn writes an hour of minutes twice; a sender's "ok" at 1:30 each time is two messages):
    the counts of the last ``MAX_MINUTES`` minutes met are kept."""

    def __init__(self) -> None:
        self.minutes: dict[str, dict[str, int]] = {}

    def key(self, local: str, name: str, text: str) -> str:
        counts = self.minutes.get(local[:16])
        if counts is None:
            counts = self.minutes[local[:16]] = {}
            if len(self.minutes) > MAX_MINUTES:
                del self.minutes[next(iter(self.minutes))]
        digest = sha256_text(f"{local}\n{name}\n{text}")[:20]
        counts[digest] = count = counts.get(digest, 0) + 1
        return digest if count == 1 else f"{digest}-{count}"


class Roster:
    """The accounts an export has given so far: each person's account record once."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def introduce(
        self, person: Person | None, origin: Origin, options: ReadOptions, **details: Any
    ) -> Record | Quarantined | None:
        """PERSON's account record the first time they are met, else None."""
        if person is None or person.id in self._seen:
            return None
        self._seen.add(person.id)
        raw = json.dumps({"platform": person.platform, "id": person.source_id or person.key,
                          "name": person.name}, ensure_ascii=False)  # fmt: skip
        try:
            return account_record(person, Origin(origin.source, origin.locator, raw), options,
                                  details)  # fmt: skip
        except BadRecord as exc:
            return origin.quarantine(str(exc))


def account_record(
    person: Person, origin: Origin, options: ReadOptions, details: dict[str, Any]
) -> Record:
    extra = present({
        "account": person.id, "handle": person.handle, "platform": person.platform,
        "platform_id": person.platform_id or person.handle,
        "phones": [person.phone] if person.phone else [], "display_name": person.name,
        "source_id": person.source_id, **details,
    })  # fmt: skip
    return checked(Record(id=person.id, kind="social_account", raw=origin.raw,
                          provenance=origin.provenance(options), title=person.name,
                          body=person.bio, site=person.platform, region=options.region,
                          extra=extra))  # fmt: skip


def chat_item(chat: Chat, origin: Origin, options: ReadOptions) -> Record | Quarantined:
    """The chat record of CHAT, its participants those it has had, or why it is none."""
    members = list(chat.members.values())
    extra = present({
        "platform": chat.platform, "chat_id": chat.chat_id, "chat_type": chat.chat_type,
        "participants": _unique(p.handle for p in members),
        "participant_names": _unique(p.name for p in members),
        "participant_phones": _unique(p.phone for p in members), **chat.details,
    })  # fmt: skip
    try:
        return checked(Record(id=chat.id, kind="chat", raw=origin.raw,
                              provenance=origin.provenance(options), title=chat.title,
                              site=chat.platform, region=options.region, extra=extra))  # fmt: skip
    except BadRecord as exc:
        return origin.quarantine(str(exc))


def message_item(chat: Chat, said: Said, options: ReadOptions) -> Record | Quarantined:
    """The message record of SAID, filed under CHAT, or why it is none."""
    try:
        return message_record(chat, said, options)
    except BadRecord as exc:
        return said.origin.quarantine(str(exc))


def message_record(chat: Chat, said: Said, options: ReadOptions) -> Record:
    if said.sent_utc is None:
        raise BadRecord("missing field: the time the message was sent")
    sender, (count, others) = said.sender, chat.others(said.sender)
    extra = present({
        "platform": chat.platform, "chat": chat.id, "chat_title": chat.title,
        "message_id": said.message_id, "sender": sender.handle if sender else "",
        "sender_account": sender.id if sender else "",
        "sender_phone": sender.phone if sender else "",
        "recipients": _unique(p.handle for p in others),
        "recipient_accounts": _unique(p.id for p in others),
        "recipient_names": _unique(p.name for p in others),
        "recipient_phones": _unique(p.phone for p in others), "recipient_count": count,
        "reply_to": said.reply_to, "forwarded_from": said.forwarded_from,
        "attachments": said.attachments, "sent_local": said.sent_local, **said.details,
    })  # fmt: skip
    return checked(Record(
        id=f"msg:{chat.platform}:{chat.chat_id}:{said.message_id}", kind="message",
        raw=said.origin.raw, provenance=said.origin.provenance(options),
        title=sender.name if sender else "", body=said.text, url=said.url, site=chat.platform,
        posted_at=said.sent_utc, region=options.region, extra=extra,
    ))  # fmt: skip


def present(values: dict[str, Any]) -> dict[str, Any]:
    """VALUES without the empty ones (an empty text or list, None)."""
    return {k: v for k, v in values.items() if v not in ("", None, [], ())}


def _unique(values: Any) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def checked(record: Record) -> Record:
    """RECORD once its sizes and its text hold: BadRecord when a field is over MAX_FIELD_CHARS,
    the raw text over MAX_RECORD_BYTES, or a text UTF-8 cannot hold (a lone surrogate)."""
    texts = [record.title, record.body, record.url, record.site, *_texts(record.extra)]
    if sum(map(len, texts)) > MAX_FIELD_CHARS:
        for value in texts:
            if len(value) > MAX_FIELD_CHARS:
                raise BadRecord(f"field too large: {len(value):,} characters")
    raw = record.raw
    if len(raw) > MAX_RECORD_BYTES // 4 and len(raw.encode("utf-8", "replace")) > MAX_RECORD_BYTES:
        raise BadRecord(f"record too large: over {MAX_RECORD_BYTES:,} bytes")
    try:
        "".join([record.id, raw, *texts]).encode("utf-8")
    except UnicodeEncodeError:
        raise BadRecord("invalid text: a lone surrogate (\\udXXX), not a character") from None
    return record


def _texts(extra: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for value in extra.values():
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list | tuple):
            found += [v for v in value if isinstance(v, str)]
    return found


def slug(text: str) -> str:
    """TEXT as an id part: lower case ASCII letters and digits joined by ``-`` (accents kept as
    their base letter); a name of no such letter is known by a hash of it."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    found = _NOT_SLUG.sub("-", plain.lower()).strip("-")[:64]
    return found or f"h{sha256_text(text)[:16]}"


def phone_number(text: str, region: str) -> str:
    """TEXT's E.164 form when all of it is a phone number (``+1 702-555-0142``), else ""."""
    bare = text.strip().strip("\u200e\u200f\u202a\u202b\u202c\u2066\u2067\u2068\u2069")
    if not bare or not (bare.startswith("+") or bare[:1].isdigit()):
        return ""
    return phone.clean(bare, region) or ""
