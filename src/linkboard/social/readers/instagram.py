"""Instagram's "Download your information" export, in JSON: a conversation's
``messages/inbox/<thread>/message_1.json`` (``{"participants": [{"name"}], "messages":
[{"sender_name", "timestamp_ms", "content", "photos", "share"}], "title", "thread_path"}``), or
the posts of ``content/posts_1.json`` (``instagram_posts``), or a follow list
(``followers_1.json``, ``following.json``: ``instagram_follows``). Plain, .gz or .zst.

A conversation is read in two passes (``json_stream``): the first reads all but its messages
(Meta writes the title and thread after them), the second the messages one at a time. Meta's
text is mis-encoded (``meta_text``) and repaired as it is read. The export names people by their
display name alone: their accounts are ``social:instagram:<name slug>`` and have no handle. Its
chat id is the thread's folder (``thread_path``); a message's id, a hash of its time, sender and
text. Messenger's export has the same shape: a file under a ``facebook`` folder is read as
Facebook's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from linkboard.ingest.fields import BadRecord, timestamp
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import InputError
from linkboard.model import Quarantined, Record, sha256_text
from linkboard.social.readers import instagram_follows, instagram_posts
from linkboard.social.readers.head import head_text
from linkboard.social.readers.json_stream import BadValue, JsonStream, Unreadable, opened
from linkboard.social.readers.meta_text import platform_of, repaired
from linkboard.social.readers.records import (
    Chat,
    Occurrences,
    Origin,
    Person,
    Roster,
    Said,
    chat_item,
    message_item,
    slug,
)

#: The members of a conversation read in the first pass.
HEADER = ("participants", "title", "thread_path", "thread_type", "is_still_participant")
#: A message's lists of files, each ``[{"uri": ...}]``.
FILES = ("photos", "videos", "audio_files", "gifs", "files")
_THREAD = re.compile(r"^[\w.\-]{1,128}$")
Item = Record | Quarantined


def detect(path: Path) -> bool:
    """A conversation (``participants`` and ``messages`` by ``sender_name``/``timestamp_ms``),
    or a list of posts (``media`` with ``creation_timestamp``)."""
    text = head_text(path).lstrip("\ufeff \t\r\n")
    if instagram_follows.detect_text(text):
        return True
    if text.startswith("{"):
        said = '"sender_name"' in text or '"timestamp_ms"' in text
        return said and '"participants"' in text and '"messages"' in text
    return instagram_posts.detect_text(text)


def read(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Item]:
    source = options.source or path.name
    try:  # a follow list, a list of posts or a conversation: each may break off (Unreadable)
        if instagram_follows.detect_text(head_text(path).lstrip("\ufeff \t\r\n")):
            yield from instagram_follows.read(path, options, progress)
            return
        first, header = _header(path)
        if first == "[":
            yield from instagram_posts.read(path, options, progress)
            return
        if first != "{":
            raise InputError(f"{path.name} is not an Instagram export: no JSON object or list")
        yield from _thread(path, header, options, progress)
    except Unreadable as exc:
        yield Quarantined(source, f"{path}:{exc.line}", exc.reason)


def _header(path: Path) -> tuple[str, dict[str, Any]]:
    """The first character of PATH's JSON and, for an object, its members but the messages."""
    header: dict[str, Any] = {}
    with opened(path) as js:
        first = js.peek()
        if first != "{":
            return first, header
        try:
            for key in js.members():
                if key in HEADER:
                    header[key] = _value(js)
                else:
                    js.skip()
        except Unreadable:
            pass  # the second pass says where
    return first, repaired(header)


def _value(js: JsonStream) -> Any:
    try:
        return js.value()[0]
    except BadValue:
        return None


def _thread(path: Path, header: dict[str, Any], options: ReadOptions,
            progress: Callable[[int], None] | None) -> Iterator[Item]:  # fmt: skip
    source = options.source or path.name
    chat = _chat(path, header)
    raw = json.dumps(header, ensure_ascii=False)[:100_000]
    yield chat_item(chat, Origin(source, f"{path}:1", raw), options)
    roster, seen = Roster(), Occurrences()
    with opened(path, progress) as js:
        for key in js.members():
            if key != "messages" or js.peek() != "[":
                js.skip()
                continue
            for _ in js.items():
                try:
                    obj, text, line = js.value()
                except BadValue as exc:
                    yield Quarantined(source, f"{path}:{exc.line}", exc.reason, exc.sample)
                    continue
                origin = Origin(source, f"{path}:{line}", text)
                yield from _message(repaired(obj), origin, chat, (roster, seen), options)


def _chat(path: Path, header: dict[str, Any]) -> Chat:
    platform = platform_of(path)
    given = [p.get("name") for p in _list(header.get("participants")) if isinstance(p, dict)]
    names: list[str] = [n for n in given if isinstance(n, str) and n]
    title = header.get("title") if isinstance(header.get("title"), str) else ""
    thread = str(header.get("thread_path") or "").rstrip("/").rsplit("/", 1)[-1]
    if not _THREAD.match(thread):
        folder = path.parent.name
        thread = folder if _THREAD.match(folder) else f"h{sha256_text(repr(header))[:24]}"
    group = header.get("thread_type") == "RegularGroup" or len(names) > 2
    chat = Chat(platform, thread, str(title or ", ".join(names))[:1000],
                "private_group" if group else "personal_chat")  # fmt: skip
    for name in names:
        chat.join(Person(platform, slug(name), name, source_id=name))
    return chat


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _message(obj: Any, origin: Origin, chat: Chat, state: tuple[Roster, Occurrences],
             options: ReadOptions) -> Iterator[Item]:  # fmt: skip
    roster, seen = state
    try:
        said = _said(obj, origin, chat.platform, seen)
    except BadRecord as exc:
        yield origin.quarantine(str(exc))
        return
    if said.sender is not None:
        if account := roster.introduce(said.sender, origin, options):
            yield account
        chat.join(said.sender)
    yield message_item(chat, said, options)


def _said(obj: Any, origin: Origin, platform: str, seen: Occurrences) -> Said:
    if not isinstance(obj, dict):
        raise BadRecord("a message must be a JSON object")
    name, text, sent = obj.get("sender_name"), obj.get("content", ""), obj.get("timestamp_ms")
    if not isinstance(name, str) or not isinstance(text, str):
        raise BadRecord("wrong type: sender_name and content must be strings")
    if isinstance(sent, bool) or not isinstance(sent, int):
        raise BadRecord(f"wrong type: timestamp_ms must be a number, got {str(sent)[:40]!r}")
    utc = timestamp(sent, "timestamp_ms")
    sender = Person(platform, slug(name), name, source_id=name) if name else None
    share = obj.get("share")
    share = share if isinstance(share, dict) else {}
    link = share.get("link")
    link = link if isinstance(link, str) else ""
    return Said(origin, seen.key(str(sent), name, text), sender, text, utc, url=link[:2048],
                attachments=_files(obj), details=_details(obj, share))  # fmt: skip


def _files(obj: dict[str, Any]) -> list[str]:
    found = [f.get("uri") for key in FILES for f in _list(obj.get(key)) if isinstance(f, dict)]
    sticker = obj.get("sticker")
    if isinstance(sticker, dict):
        found.append(sticker.get("uri"))
    return [f[:1024] for f in found if isinstance(f, str) and f]


def _details(obj: dict[str, Any], share: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if isinstance(text := share.get("share_text"), str) and text:
        found["shared_text"] = text
    if isinstance(owner := share.get("original_content_owner"), str) and owner:
        found["shared_from"] = owner
    if obj.get("is_unsent") is True:
        found["unsent"] = True
    if isinstance(duration := obj.get("call_duration"), int) and not isinstance(duration, bool):
        found["call_duration"] = duration
    return found
