"""The property of ``targets`` for the social channel's chat export readers: Telegram Desktop's
``result.json``, WhatsApp's text export, Instagram's JSON (a conversation, the posts, a follow
list). The fuzzer's first byte picks a plain, .gz or .zst file; the rest is the export. Each
target checks that:

- every format's ``detect`` survives the file (format detection asks each);
- nothing escapes but the reader's own outcomes, ``Record`` or ``Quarantined`` (an
  ``InputError`` only before any item), and every record is storable: an id of its kind
  (``social:``, ``chat:``, ``msg:``, ``post:``, ``follow:``), text UTF-8 holds, a message with its
  time and its chat, a follow with its two accounts;
- every message is filed under a chat the read gives a record of, and every sender has an
  account record, or the read says why not (something is quarantined);
- nothing is dropped in silence where the format lets it be counted: in a file that unpacks
  and decodes whole, each Telegram message of a chat whose id comes before it (service messages
  aside), each Instagram message, post and follow entry, and each WhatsApp line that starts with
  a date and a sender gives a record or a quarantined item; two messages of a WhatsApp or
  Instagram chat never share an id (the store would keep one);
- a JSON export reads the same in chunks of 7 bytes as in chunks of a megabyte (every value
  then straddles a chunk's end): a small plain input is read twice;
- a follow list without ``--account`` gives one quarantined item, which says to give it.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

import zstandard

from fuzz.targets import (
    OPTIONS,
    SUFFIXES,
    PropertyBroken,
    check_storable,
    is_quarantined,
    line_file,
    reasons,
)
from linkboard.ingest import detect_format, read
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import InputError
from linkboard.model import Quarantined, Record
from linkboard.social.readers import instagram_follows, json_stream, whatsapp_lines
from linkboard.social.readers.head import HEAD_BYTES, head_text

Item = Record | Quarantined
#: Each record kind a chat reader gives, and how its id starts.
KINDS = {"social_account": "social:", "chat": "chat:", "message": "msg:", "post": "post:",
         "follow": "follow:"}  # fmt: skip
#: The name each export is written as (WhatsApp's names its chat).
NAMES = {"telegram": "result.json", "whatsapp": "WhatsApp Chat with Fuzz.txt",
         "instagram": "message_1.json"}  # fmt: skip
#: The export's owner as ``--account`` gives them: a WhatsApp number; an Instagram username
#: (a follow list says whose it is by it).
ACCOUNTS = {"whatsapp": "+1 702 555 0100", "instagram": "rosa.owner"}
#: Plain JSON inputs up to this size are read a second time, in chunks of TINY_CHUNK bytes.
MAX_REREAD = 1 << 16
TINY_CHUNK = 7
#: A packed input is unpacked to count what it holds when it unpacks to at most this.
MAX_UNPACKED = 64 * 1024 * 1024
#: A Telegram chat id the reader takes is at most 10,000 characters of JSON: this many
#: characters, each escaped, are within it.
MAX_ID_CHARS = 800


class Obj(list[tuple[str, Any]]):
    """A JSON object as its members in order, duplicates kept (``object_pairs_hook``)."""

    def last(self, key: str) -> list[Any]:
        """KEY's value as ``json`` decodes it (the last one written), in a list; [] if none."""
        return [v for k, v in self if k == key][-1:]


def chat_export(data: bytes, fmt: str) -> list[str]:
    """A chat export in format FMT: every format's ``detect`` survives it, and its reader gives
    records and quarantined items that keep the property above."""
    path, plain = line_file(data, fmt, NAMES[fmt])
    with suppress(InputError):  # no format knows it: said in one line, as it should be
        detect_format(path)
    options = replace(OPTIONS, account=ACCOUNTS.get(fmt, ""))
    if fmt == "instagram" and instagram_follows.detect_text(_start(head_text(path))):
        _without_owner(path)
    reread = plain and len(data) <= MAX_REREAD and fmt != "whatsapp"
    tally, kept = Tally(fmt), []
    for item in checked_items(path, fmt, options):
        tally.add(item)
        kept += [item] if reread else []
    tally.check()
    if reread:
        with chunks(TINY_CHUNK):
            _same(kept, list(checked_items(path, fmt, options)))
    whole = unpacked(data)
    counted = COUNTS[fmt](whole) if whole is not None else None
    if counted is not None and tally.given < counted:
        raise PropertyBroken(f"{counted} messages, posts or follows gave {tally.given} items")
    return tally.reasons


def unpacked(data: bytes) -> memoryview | None:
    """The export the input is (all but its first byte), unpacked as that byte picks; None when
    it does not unpack whole, or to more than MAX_UNPACKED bytes (the count is then not
    checked)."""
    suffix = SUFFIXES[data[0] % len(SUFFIXES)] if data else ""
    if not suffix:
        return memoryview(data)[1:]
    packed = io.BytesIO(memoryview(data)[1:])
    try:
        if suffix == ".gz":
            with gzip.GzipFile(fileobj=packed) as stream:
                return _whole(stream)
        with zstandard.ZstdDecompressor().stream_reader(packed) as stream:
            return _whole(stream)
    except (OSError, EOFError, zlib.error, zstandard.ZstdError):
        return None


def _whole(stream: IO[bytes]) -> memoryview | None:
    parts, size = [], 0
    while part := stream.read(1 << 20):
        parts.append(part)
        size += len(part)
        if size > MAX_UNPACKED:
            return None
    return memoryview(b"".join(parts))


def _start(text: str) -> str:
    return text.lstrip("\ufeff \t\r\n")


def checked_items(path: Path, fmt: str, options: ReadOptions) -> Iterator[Item]:
    """The items FMT's reader gives PATH, each checked (``check_social_item``), one at a time
    (an export of 100,000 messages is not held); an ``InputError`` only before any."""
    given = 0
    try:
        for item in read(path, fmt, options):
            check_social_item(item)
            given += 1
            yield item
    except InputError as exc:
        if given:
            raise PropertyBroken(f"input refused after {given} items: {exc}") from None


class Tally:
    """What a read has given so far, as far as the property needs it: the reasons quarantined,
    the chats and accounts given, the chat and sender each message names, and (WhatsApp,
    Instagram, whose message ids are made from the content) the message ids."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.reasons: list[str] = []
        self.given = 0  # messages, posts, follows and quarantined items
        self.known: set[str] = set()
        self.named: set[tuple[str, str]] = set()
        self.messages: set[str] = set()

    def add(self, item: Item) -> None:
        if isinstance(item, Quarantined):
            self.reasons.append(item.reason)
            self.given += 1
            return
        self.given += item.kind in ("message", "post", "follow")
        if item.kind in ("chat", "social_account"):
            self.known.add(item.id)
        if item.kind != "message":
            return
        self.named.add((item.extra["chat"], item.extra.get("sender_account", "")))
        if self.fmt != "telegram" and item.id in self.messages:
            raise PropertyBroken(f"two messages with one id: {item.id!r}")
        self.messages.add(item.id)

    def check(self) -> None:
        """Each message's chat and sender have records, unless something was quarantined (a
        chat or an account may be among it)."""
        for chat, sender in sorted(self.named) if not self.reasons else []:
            for needed in (chat, sender):
                if needed and needed not in self.known:
                    raise PropertyBroken(f"a message names {needed!r}, never given")


def _same(first: list[Item], second: list[Item]) -> None:
    """The items of two reads alike, but for a quarantined value's sample (what the buffer held
    of it)."""
    first, second = ([_unsampled(i) for i in found] for found in (first, second))
    if first != second:
        pairs = zip(first, second, strict=False)
        at = next((n for n, (a, b) in enumerate(pairs) if a != b), min(len(first), len(second)))
        shown = [
            str(found[at])[:300] if at < len(found) else "nothing" for found in (first, second)
        ]
        raise PropertyBroken(f"read in chunks of {TINY_CHUNK} bytes, item {at} differs: "
                             f"{shown[0]} / {shown[1]}")  # fmt: skip


def _unsampled(item: Item) -> Item:
    return replace(item, sample="") if isinstance(item, Quarantined) else item


@contextmanager
def chunks(size: int) -> Iterator[None]:
    """The JSON exports read SIZE bytes at a time."""
    usual, json_stream.CHUNK = json_stream.CHUNK, size
    try:
        yield
    finally:
        json_stream.CHUNK = usual


def _without_owner(path: Path) -> None:
    """A follow list read without ``--account``: one quarantined item that asks for it."""
    items = list(checked_items(path, "instagram", OPTIONS))
    if len(items) != 1 or "--account" not in "".join(reasons(items)):
        raise PropertyBroken(f"a follow list without --account gave {str(items[:3])[:300]}")


def check_social_item(item: object) -> None:
    """A chat reader's item: quarantined with a reason in words, or a storable record of one of
    the channel's kinds, with an id of that kind; a message with its time and chat, a follow
    with its two accounts."""
    if is_quarantined(item):
        return
    assert isinstance(item, Record)
    prefix = KINDS.get(item.kind)
    if prefix is None or not item.id.startswith(prefix) or len(item.id) <= len(prefix):
        raise PropertyBroken(f"a record of kind {item.kind!r} with the id {item.id!r}")
    check_storable(item)
    extra = item.extra
    if item.kind == "message" and not (item.posted_at and extra.get("chat", "")[:5] == "chat:"):
        raise PropertyBroken(f"message {item.id!r} without a time or a chat")
    if item.kind == "follow" and not (
        extra.get("follower_account") and extra.get("followed_account")
    ):
        raise PropertyBroken(f"follow {item.id!r} without its two accounts")


# -- what a plain export holds, counted from the file ------------------------------------------


def _json(text: memoryview) -> Any:
    """TEXT as JSON (UTF-8, bad bytes replaced, as the readers read it), objects as ``Obj``;
    None when it does not decode whole (the count is then not checked)."""
    decoded = bytes(text).decode("utf-8", "replace").lstrip("\ufeff")
    try:
        return json.loads(decoded, object_pairs_hook=Obj)
    except (ValueError, RecursionError):
        return None


def _is_list(value: Any) -> bool:
    return isinstance(value, list) and not isinstance(value, Obj)


def telegram_count(text: memoryview) -> int | None:
    """The messages of a Telegram export that must each give an item: in each chat (the top
    object, or one of ``chats``/``left_chats``' lists), those of its ``messages`` after a valid
    ``id`` that are not service messages (``"type"`` other than ``"message"``)."""
    doc = _json(text)
    if not isinstance(doc, Obj):
        return None
    chats: list[Any] = [doc]
    for key, value in doc:
        if key in ("chats", "left_chats") and isinstance(value, Obj):
            chats += [c for k, v in value if k == "list" and _is_list(v) for c in v]
    return sum(_chat_count(chat) for chat in chats)


def _valid_id(value: Any) -> bool:
    """Whether a chat's id is one the Telegram reader takes (a number or a text)."""
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value):
        return False
    return len(str(value)) <= MAX_ID_CHARS


def _chat_count(chat: Any) -> int:
    if not isinstance(chat, Obj):
        return 0
    count, named = 0, False
    for key, value in chat:
        named = named or (key == "id" and _valid_id(value))
        if key == "messages" and named and _is_list(value):
            count += sum(_said(m) for m in value)
    return count


def _said(message: Any) -> bool:
    """Whether MESSAGE must give an item: all but a service message (a ``type`` not
    ``"message"``)."""
    return not isinstance(message, Obj) or message.last("type") in ([], ["message"])


def instagram_count(text: memoryview) -> int | None:
    """The entries of an Instagram export that must each give an item: a list's posts (or
    followers), a conversation's messages or a follow list's ``relationships_*`` entries."""
    doc = _json(text)
    if _is_list(doc):
        return len(doc)
    if not isinstance(doc, Obj):
        return None
    start = _start(bytes(text[:HEAD_BYTES]).decode("utf-8", "replace"))
    follows = instagram_follows.detect_text(start)  # as the reader tells the two apart
    keys = tuple(instagram_follows.LISTS) if follows else ("messages",)
    return sum(len(v) for k, v in doc if k in keys and _is_list(v))


def whatsapp_count(text: memoryview) -> int:
    """The messages of a WhatsApp export: each line that starts with a date and a sender's
    name (a line of WhatsApp's own has none), read with the lines after it that start with no
    date."""
    lines = bytes(text).split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    count, block = 0, []
    for line in [*lines, b"1/1/01, 1:01 - the end"]:  # a last line, that ends the last message
        decoded = line.decode("utf-8", "replace").rstrip("\r\n")
        head = whatsapp_lines.header(decoded)
        if head is None:
            block += [decoded] if block else []
            continue
        said = whatsapp_lines.speaker("\n".join(block)) if block else None
        count += said is not None and whatsapp_lines.content(said[1]) is not None
        block = [head.rest]
    return count


COUNTS = {"telegram": telegram_count, "whatsapp": whatsapp_count, "instagram": instagram_count}
