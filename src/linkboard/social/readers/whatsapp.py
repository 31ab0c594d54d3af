"""WhatsApp's "Export chat" text file (``WhatsApp Chat with Lola.txt``, an iPhone's ``_chat.txt``;
plain, .gz or .zst), read in two passes line by line: the first finds the order the file writes
its dates in, who writes in it and how it starts (``Survey``); the second gives the chat record,
then each message (its sender's account the first time they write).

The chat's name comes from the file's name (``WhatsApp Chat with <Name>.txt``, ``WhatsApp Chat -
<Name>.txt``), else ``--source``, else the file's stem. Its id is that name's slug and a hash of
its first line (the export names no chat id): the same export read twice gives the same ids, two
chats named alike do not share them. A message has no id either: it is a hash of its time, sender
and text (and how many alike came before it in that minute).

Times are written on the exporting phone's clock with no zone: ``sent_local`` keeps them as
written (no offset) and ``posted_at`` reads them as UTC, whatever ``--region`` says; a chat
record says so (``clock``). A sender written as a number (``+1 702-555-0142``) is known by it:
``sender_phone`` its E.164 form, its handle its digits (``whatsapp:+17025550142``); a sender
written as a saved contact's name has no handle, only an account by the name's slug. The
exporting phone writes its owner's own messages under their display name: ``--account`` gives
their number, which a chat with one other person (named in the file's name) lends the sender
who is not that person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from linkboard.ingest.fields import BadRecord, timestamp
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import (
    MAX_RECORD_BYTES,
    STREAM_ERRORS,
    Damaged,
    InputError,
    open_binary,
    strip_compression,
)
from linkboard.model import Quarantined, Record, sha256_text
from linkboard.social.readers.head import head_text
from linkboard.social.readers.records import (
    Chat,
    Occurrences,
    Origin,
    Person,
    Roster,
    Said,
    chat_item,
    message_item,
    phone_number,
    slug,
)
from linkboard.social.readers.whatsapp_lines import (
    EDITED,
    Header,
    Order,
    clean_name,
    content,
    header,
    moment,
    speaker,
)

PLATFORM = "whatsapp"
#: A chat lists at most this many participants (its messages name their senders all the same).
MAX_MEMBERS = 1000
CLOCK = "the phone's local time, zone unknown: posted_at reads it as UTC"
#: How much of a line over the record limit is kept: enough to tell whether it starts a message.
LONG_LINE_START = 1024
_TITLE = re.compile(
    r"^(?:WhatsApp[- ]Chat (?:with|mit|-)|Chat de WhatsApp con|Discussion WhatsApp avec|"
    r"Conversa do WhatsApp com)\s+(?P<name>.+?)(?:\s*\(\d+\))?\.txt$",
    re.I,
)
_GROUP = re.compile(r"\b(?:created group|added|removed|left|group)\b", re.I)
Item = Record | Quarantined


@dataclass(slots=True)
class Block:
    """A message's lines: its header line (and the line it is on) and the lines after it."""

    line: int
    head: Header
    raw: list[str]
    size: int = 0
    too_large: bool = False

    @property
    def text(self) -> str:
        return "\n".join([self.head.rest, *self.raw[1:]])


@dataclass(slots=True)
class Survey:
    """What a first pass over the file finds: how its dates are written, its first message
    line, who wrote in it and whether it is a group."""

    order: Order = field(default_factory=Order)
    first: str = ""
    senders: dict[str, None] = field(default_factory=dict)
    group: bool = False


def detect(path: Path) -> bool:
    """A text file whose first line that is not blank starts as a WhatsApp message does."""
    for line in head_text(path, 8192).splitlines()[:5]:
        if line.strip(" \ufeff\u200e"):
            return header(line) is not None
    return False


def read(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Item]:
    source = options.source or path.name
    found = survey(path)
    if not found.first:
        raise InputError(f"{path.name} is not a WhatsApp chat export: no line starts with a date")
    chat, owner = _chat(path, options, found)
    yield chat_item(chat, Origin(source, f"{path}:1", found.first), options)
    roster, seen = Roster(), Occurrences()
    for block in blocks(path, progress):
        if isinstance(block, Quarantined):
            yield Quarantined(source, f"{path}:{block.locator}", block.reason, block.sample)
            continue
        origin = Origin(source, f"{path}:{block.line}", "\n".join(block.raw))
        if block.too_large:
            yield origin.quarantine(f"message too large: over {MAX_RECORD_BYTES:,} bytes")
            continue
        yield from _message(block, origin, chat, roster, seen, options, owner)


def _chat(path: Path, options: ReadOptions, found: Survey) -> tuple[Chat, dict[str, Person]]:
    """The chat record's chat, and the export's owner as ``--account`` names them (by how the
    file writes them)."""
    name = strip_compression(path.name)
    titled = _TITLE.match(name)
    title = titled["name"] if titled else options.source or Path(name).stem
    order, why = found.order.decided()
    chat_id = f"{slug(title)}-{sha256_text(found.first)[:12]}"
    kind = "private_group" if found.group or len(found.senders) > 2 else "personal_chat"
    chat = Chat(PLATFORM, chat_id, title, kind,
                details={"date_order": order, "date_order_from": why, "clock": CLOCK})  # fmt: skip
    owner = _owner(found, title, options)
    for name in list(found.senders)[:MAX_MEMBERS]:
        chat.join(owner.get(name) or person(name, options.region))
    named = {clean_name(s) for s in found.senders}
    if titled and len(found.senders) < 2 and clean_name(title) not in named:
        chat.join(person(title, options.region))  # the other side, who has not written (yet)
    return chat, owner


def _owner(found: Survey, title: str, options: ReadOptions) -> dict[str, Person]:
    """The export's owner, whose own messages the file writes under their display name: when
    ``--account`` gives their number and the chat is with one person named in the file's name,
    the one sender who is not that person is the owner, known by that number."""
    number = phone_number(options.account, options.region) if options.account else None
    others = [s for s in found.senders if clean_name(s) != clean_name(title)]
    if number is None or len(found.senders) > 2 or len(others) != 1:
        return {}
    digits, name = number.lstrip("+"), clean_name(others[0])
    return {others[0]: Person(PLATFORM, digits, name, handle=digits, phone=number, source_id=name)}


def person(written: str, region: str) -> Person:
    """The sender WRITTEN names: by their number when it is one, else by their name."""
    name = clean_name(written)
    number = phone_number(name, region)
    if number:
        digits = number.lstrip("+")
        return Person(PLATFORM, digits, name, handle=digits, phone=number, source_id=name)
    return Person(PLATFORM, slug(name), name, source_id=name)


def _message(block: Block, origin: Origin, chat: Chat, roster: Roster, seen: Occurrences,
             options: ReadOptions, owner: dict[str, Person]) -> Iterator[Item]:  # fmt: skip
    said = speaker(block.text)
    body = content(said[1]) if said else None
    if said is None or body is None:
        return  # a line of WhatsApp's own
    try:
        local = moment(block.head, str(chat.details["date_order"])).isoformat()
        utc = timestamp(local, "date")
    except BadRecord as exc:
        yield origin.quarantine(str(exc))
        return
    sender = owner.get(said[0]) or person(said[0], options.region)
    if account := roster.introduce(sender, origin, options):
        yield account
    chat.join(sender)
    text, files = body
    edited = text.rstrip().endswith(EDITED)
    text = text.rstrip()[: -len(EDITED)].rstrip() if edited else text
    details = {"date_order": chat.details["date_order"], "edited": edited or None}
    message_id = seen.key(local, said[0], said[1])
    message = Said(origin, message_id, sender, text, utc, local, attachments=files, details=details)
    yield message_item(chat, message, options)


def survey(path: Path) -> Survey:
    found = Survey()
    for block in blocks(path):
        if isinstance(block, Quarantined):
            continue
        found.order.see(block.head)
        found.first = found.first or block.raw[0]
        said = speaker(block.text)
        if said is None or content(said[1]) is None:
            found.group = found.group or bool(_GROUP.search(block.head.rest))
        elif len(found.senders) < MAX_MEMBERS:
            found.senders.setdefault(said[0], None)
    return found


def blocks(
    path: Path, progress: Callable[[int], None] | None = None
) -> Iterator[Block | Quarantined]:
    """The message blocks of PATH, and what could not be read (a Quarantined whose source is
    empty and whose locator is the line)."""
    stream, raw_file = open_binary(path)
    with raw_file, stream:
        block: Block | None = None
        before = 0
        for number, line, cut in _lines(stream):
            if progress is not None:
                progress(raw_file.tell())
            if isinstance(line, Damaged):
                yield Quarantined("", str(number), line.reason)
                break
            text = line.decode("utf-8", "replace").rstrip("\r\n")
            head = header(text)
            if head is not None:  # a message, too large when its line is cut
                if block is not None:
                    yield block
                block = Block(number, head, [text], len(line), too_large=cut)
            elif block is not None:
                _extend(block, text, cut)
            elif text.strip(" \ufeff\u200e"):
                before += 1
                if before == 1:
                    yield Quarantined("", str(number), "text before the first message", text[:200])
        if block is not None:
            yield block


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes | Damaged, bool]]:
    """(line number, line, whether it was cut) of STREAM: a line over MAX_RECORD_BYTES gives its
    first LONG_LINE_START bytes, cut, and is skipped to its end (the start says whether it is a
    message of its own, or goes on the one above); damage gives ``Damaged`` and ends the lines."""
    number = 0
    try:
        while line := stream.readline(MAX_RECORD_BYTES + 1):
            number += 1
            if len(line) <= MAX_RECORD_BYTES or line.endswith(b"\n"):
                yield number, line, False
                continue
            start = line[:LONG_LINE_START]
            while (rest := stream.readline(MAX_RECORD_BYTES)) and not rest.endswith(b"\n"):
                pass  # the rest of the line, drained in bounded chunks
            yield number, start, True
    except STREAM_ERRORS as exc:
        why = str(exc) or type(exc).__name__
        yield number + 1, Damaged(f"unreadable input from here on: {why}"[:300]), False


def _extend(block: Block, text: str, cut: bool) -> None:
    block.size += len(text) + 1
    if cut or block.size > MAX_RECORD_BYTES:
        block.too_large = True
    if not block.too_large:
        block.raw.append(text)
