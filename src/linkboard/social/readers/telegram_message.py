"""One message of a Telegram Desktop export (``result.json``) as a ``Said``: who wrote it (their
``from_id``, ``user123456``, is their handle), when (``date_unixtime``, UTC; ``date`` is the
exporting computer's clock, kept as ``sent_local`` with the offset the two differ by), its text
(a string, or a list of strings and entities, flattened to plain text: a ``text_link`` keeps its
address after its words), and what it carried (photos and files named, never opened)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from linkboard.ingest.fields import BadRecord, timestamp
from linkboard.social.readers.records import Chat, Origin, Person, Said, phone_number, slug

PLATFORM = "telegram"
#: What the export writes in place of a file it did not download.
NOT_INCLUDED = "(File not included"
_ID = re.compile(r"^-?[A-Za-z0-9_]{1,64}$")
_PEER = re.compile(r"^[a-z]{1,16}-?\d{1,24}$")
#: Local clocks differ from UTC by at most this much.
MAX_OFFSET = timedelta(hours=14)


def said(obj: dict[str, Any], origin: Origin, chat: Chat, people: dict[str, Person],
         region: str) -> Said:  # fmt: skip
    """The message OBJ of CHAT; PEOPLE are those the export knows more of (its owner, the
    contacts), by ``from_id``. BadRecord says why it is no message."""
    utc, local = sent(obj)
    return Said(
        origin=origin,
        message_id=_message_id(obj.get("id")),
        sender=sender(obj, people),
        text=flatten(obj["text"] if "text" in obj else obj.get("text_entities")),
        sent_utc=utc,
        sent_local=local,
        reply_to=_reply(obj.get("reply_to_message_id"), chat),
        forwarded_from=_text(obj.get("forwarded_from"), "forwarded_from"),
        attachments=attachments(obj),
        details=details(obj, region),
    )


def _message_id(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        raise BadRecord("missing field: id")
    text = str(value) if isinstance(value, int) else value
    if not isinstance(text, str) or not _ID.match(text):
        raise BadRecord(f"wrong type: id must be a number, got {str(value)[:40]!r}")
    return text


def _reply(value: Any, chat: Chat) -> str:
    if value is None or isinstance(value, bool) or not isinstance(value, int | str):
        return ""
    text = str(value)
    return f"msg:{PLATFORM}:{chat.chat_id}:{text}" if _ID.match(text) else ""


def _text(value: Any, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadRecord(f"wrong type: {name} must be a string, got {type(value).__name__}")
    return value


def sender(obj: dict[str, Any], people: dict[str, Person]) -> Person | None:
    """Who wrote OBJ: a person the export knows (by ``from_id``), else the name and id it
    gives; None when it gives neither."""
    name = _text(obj.get("from"), "from")
    given = obj.get("from_id")
    peer = str(given) if isinstance(given, int | str) and not isinstance(given, bool) else ""
    if peer in people:
        return people[peer]
    if _PEER.match(peer):
        return Person(PLATFORM, peer, name, handle=peer, source_id=peer)
    if not name:
        return None
    return Person(PLATFORM, f"name-{slug(name)}", name, source_id=name)


def flatten(value: Any) -> str:
    """A message's text as plain text: a string as it is; a list of strings and entities
    (``{"type": "link", "text": ...}``) joined, a ``text_link``'s address after its words."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        raise BadRecord(f"wrong type: text must be a string or a list, got {type(value).__name__}")
    return "".join(_piece(p) for p in value)


def _piece(piece: Any) -> str:
    if isinstance(piece, str):
        return piece
    if not isinstance(piece, dict):
        raise BadRecord(f"wrong type: a text entity must be an object, got {type(piece).__name__}")
    text, href = piece.get("text", ""), piece.get("href")
    if not isinstance(text, str):
        raise BadRecord(f"wrong type: a text entity's text must be a string, got {text!r:.40}")
    if isinstance(href, str) and href and href not in text:
        return f"{text} ({href})"
    return text


def sent(obj: dict[str, Any]) -> tuple[str | None, str]:
    """(UTC time, local time as written) of OBJ: ``date_unixtime`` is UTC; ``date`` the clock of
    the computer that exported it, given the offset between them when both are there."""
    unix, date = obj.get("date_unixtime"), obj.get("date")
    local = date if isinstance(date, str) else ""
    seconds = _seconds(unix)
    if seconds is None:
        return timestamp(date or None, "date"), local
    utc = timestamp(seconds, "date_unixtime")
    return utc, _with_offset(local, seconds)


def _seconds(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 12:
        return int(value)
    return None


def _with_offset(local: str, seconds: int) -> str:
    """LOCAL with the offset from UTC that SECONDS (the same moment, UTC) shows, if it can."""
    try:
        written = datetime.fromisoformat(local)
        utc = datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        return local
    if written.tzinfo is not None:
        return local  # its offset written already
    offset = timedelta(minutes=round((written - utc).total_seconds() / 60))
    if abs(offset) > MAX_OFFSET:
        return local
    return written.replace(tzinfo=timezone(offset)).isoformat()


def attachments(obj: dict[str, Any]) -> list[str]:
    """The files a message carried, by their path in the export (or their name, or their sort,
    when the export did not include them)."""
    found = []
    for key in ("photo", "file"):
        value = obj.get(key)
        if not isinstance(value, str) or not value:
            continue
        if value.startswith(NOT_INCLUDED):
            value = _text(obj.get("file_name"), "file_name") or str(obj.get("media_type") or key)
        found.append(value[:1024])
    return found


def details(obj: dict[str, Any], region: str) -> dict[str, Any]:
    """The message's other fields worth keeping: media type, edit time, a shared contact or
    place, the bot it came through."""
    found: dict[str, Any] = {}
    for key in ("media_type", "via_bot", "sticker_emoji", "author"):
        if isinstance(value := obj.get(key), str):
            found[key] = value
    edited = _seconds(obj.get("edited_unixtime"))
    if edited is not None:
        found["edited"] = timestamp(edited, "edited_unixtime")
    contact = obj.get("contact_information")
    if isinstance(contact, dict):
        found.update(_contact(contact, region))
    place = obj.get("location_information")
    if isinstance(place, dict) and {"latitude", "longitude"} <= place.keys():
        found["location"] = f"{place['latitude']},{place['longitude']}"[:100]
    return found


def _contact(contact: dict[str, Any], region: str) -> dict[str, str]:
    parts = [contact.get(k) for k in ("first_name", "last_name", "phone_number")]
    written = " ".join(p for p in parts if isinstance(p, str) and p.strip())
    number = contact.get("phone_number")
    e164 = phone_number(number, region) if isinstance(number, str) else ""
    return {"shared_contact": written[:1000], "shared_phone": e164}
