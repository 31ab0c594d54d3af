"""The seeds of the social channel's chat export readers (``social_targets``), made from the
sample exports of tests/social/data.

``corpus()`` gives, per reader, each sample plain, .gz and .zst, cut short (in half, after its
first line, without its last byte) and as a truncated .gz; Instagram's follow lists, which have
no sample file, are written here (``FOLLOWERS``, ``FOLLOWING``). ``HOSTILE`` lists inputs a
reader must survive, as the fields of ``seeds.Seed`` (reader, name, build, expect): nesting
100,000 deep, a 30 MB text, a message list that never ends, a personal chat of 10,000 messages
whose peer never writes (tests/fuzz reads one of 100,000 too: instrumented, that one takes the
fuzzer over its 10 s a seed), brackets and quotes left open, mis-encoded UTF-8, lone
surrogates, a number of 5,000 digits, a gzip bomb; for WhatsApp a 30 MB line (first, in the
middle, and as a message's continuation), 100,000 continuation lines, 5,000 senders and dates
that are none; for Instagram a medium whose name is longer than a file name may be.
``DICTIONARY`` gives each reader's tokens to libFuzzer (``-dict``). Each input starts with the
byte that picks its compression (``targets.SUFFIXES``).
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import zstandard

from fuzz.targets import GZ, PLAIN, ZST

SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "social" / "data"
MB = 1024 * 1024
INBOX = "instagram/your_instagram_activity/messages/inbox/lolariviere_10001/message_1.json"
POSTS = "instagram/your_instagram_activity/content/posts_1.json"
#: Each reader's sample exports.
FILES = {
    "telegram": ("telegram_chat.json", "telegram_export.json"),
    "whatsapp": (
        "WhatsApp Chat with Lola Rivera.txt",
        "WhatsApp Chat - Nightshift Crew.txt",
        "WhatsApp Chat mit Max.txt",
        "_chat.txt",
    ),
    "instagram": (INBOX, POSTS),
}
#: Instagram's follow lists (``followers_1.json``, ``following.json``), as a newer and an older
#: export writes them: a username in ``value`` or in ``title``, one entry naming no account.
FOLLOWERS = [
    {"title": "", "media_list_map": [],
     "string_list_data": [{"href": "https://www.instagram.com/mia.scout55", "value": "mia.scout55",
                           "timestamp": 1706745600}]},
    {"title": "dana_fict", "string_list_data": [{"href": "https://www.instagram.com/_u/dana_fict",
                                                 "timestamp": 1706832000}]},
    {"title": "", "string_list_data": [{"value": "not a user name!"}]},
]  # fmt: skip
FOLLOWING = {"relationships_following": [
    {"title": "", "string_list_data": [{"href": "https://www.instagram.com/lola_bookings_22",
                                        "value": "lola_bookings_22", "timestamp": 1706918400}]},
]}  # fmt: skip
#: Each reader's own tokens, for libFuzzer's dictionary.
DICTIONARY = {
    "telegram": [
        '"messages": [', '"chats": {"list": [', '"left_chats"', '"personal_information": ',
        '"contacts": {"list": [', '"user_id": 5550100', '"type": "message"', '"type": "service"',
        '"personal_chat"', '"bot_chat"', '"saved_messages"', '"private_supergroup"',
        '"public_channel"', '"id": ', '"from_id": "user5550142001"', '"from": ',
        '"date_unixtime": "1736725270"', '"date": "2025-01-12T15:41:10"', '"text": [',
        '"text_entities"', '{"type": "text_link", "text": "a", "href": "https://t.me/x"}',
        '"reply_to_message_id": ', '"forwarded_from": ', '"photo": ', '"file": ',
        '"(File not included', '"file_name": ', '"media_type": ', '"edited_unixtime": ',
        '"contact_information": {', '"phone_number": "+1 702 555 0177"',
        '"location_information": {"latitude": 1, "longitude": 2}', '"via_bot"', "\\ud800",
    ],
    "whatsapp": [
        "1/5/25, 9:05 PM - ", "31/12/2025, 21:05 - ", "31.12.25, 21:05 - ", "2025-01-05, 21:05 - ",
        "[1/5/25, 9:05:12\u202fPM] ", "\u200e", "\u202a", "~\u202f", "Lola: ", "+1 702-555-0142: ",
        "<Media omitted>", "image omitted", "<attached: 00000012-PHOTO.jpg>",
        "IMG-1.jpg (file attached)", "<This message was edited>", "created group", " added ",
        "Messages and calls are end-to-end encrypted.", "\r\n",
    ],
    "instagram": [
        '"participants": [{"name": ', '"messages": [', '"sender_name": ', '"timestamp_ms": ',
        '"content": ', '"photos": [{"uri": ', '"share": {"link": ', '"share_text": ',
        '"original_content_owner": ', '"sticker": {"uri": ', '"is_unsent": true',
        '"call_duration": ', '"thread_path": "inbox/x_1"', '"thread_type": "RegularGroup"',
        '"title": ', '"media": [{"uri": ', '"creation_timestamp": ', '"string_list_data": [',
        '"relationships_following": [', '"relationships_followers": [', '"value": ',
        '"href": "https://www.instagram.com/_u/', '"timestamp": ', "\\u00c3\\u00a9",
        "\\u00f0\\u009f\\u0098\\u0080", "\\ud800",
    ],
}  # fmt: skip


def sample(reader: str, which: int = 0) -> bytes:
    return (SAMPLES / FILES[reader][which]).read_bytes()


# -- hostile seeds -----------------------------------------------------------------------------


def _telegram_message(n: int, sender: str = "user5550100", text: str = "ok") -> bytes:
    return json.dumps({
        "id": n, "type": "message", "date": "2025-01-12T15:41:10", "date_unixtime": "1736725270",
        "from": "Dana", "from_id": sender, "text": text,
    }).encode()  # fmt: skip


def _telegram_chat(kind: str, messages: Iterable[bytes], end: bytes = b"]}") -> bytes:
    """A one-chat export of KIND, its MESSAGES one to a line, closed by END."""
    head = b'{"name": "Lola Rivera", "type": "%s", "id": 5550142001, ' % kind.encode()
    head += b'"messages": [\n'
    return PLAIN + head + b",\n".join(messages) + b"\n" + end


def telegram_silent_peer(count: int = 10_000) -> bytes:
    """A personal chat of COUNT tiny messages, all from the export's owner: its peer never
    writes, so the reader holds back its messages (at most ``telegram.MAX_HELD`` at a time)."""
    return _telegram_chat("personal_chat", (_telegram_message(n) for n in range(count)))


def telegram_never_ends(count: int = 5_000) -> bytes:
    """A group chat whose message list never ends: COUNT messages, then the end of the file."""
    senders = ("user5550100", "user5550142001")
    messages = (_telegram_message(n, senders[n % 2]) for n in range(count))
    return _telegram_chat("private_group", messages, end=b"")


def _telegram_text(value: bytes) -> bytes:
    """A group chat of three messages, the second's text VALUE (raw JSON)."""
    middle = _telegram_message(2).replace(b'"text": "ok"', b'"text": ' + value)
    return _telegram_chat("private_group", [_telegram_message(1), middle, _telegram_message(3)])


def _telegram_bomb() -> bytes:
    """A .gz export that unpacks to a chat whose one message's text is 256 MB."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    head = _telegram_chat("private_group", [])[1:-3] + b'{"id": 1, "type": "message", "text": "'
    parts = [comp.compress(head), *(comp.compress(b"x" * MB) for _ in range(256))]
    return GZ + b"".join(parts) + comp.compress(b'"}]}') + comp.flush()


def _whatsapp(*lines: bytes) -> bytes:
    return PLAIN + b"\n".join(lines) + b"\n"


WA_FIRST = b"1/5/25, 9:05 PM - Dana: hi is this Lola?"
WA_LAST = b"1/5/25, 9:10 PM - +1 702-555-0142: yes babe"


def _instagram_thread(messages: list[bytes], end: bytes = b"]}") -> bytes:
    head = b'{"participants": [{"name": "Lola"}, {"name": "Dana"}], "messages": [\n'
    return PLAIN + head + b",\n".join(messages) + b"\n" + end


def _instagram_message(n: int, content: bytes | None = None) -> bytes:
    said = {"sender_name": "Dana" if n % 2 else "Lola", "timestamp_ms": 1736725270000 - n}
    text = json.dumps(said)[:-1].encode()
    return text + b', "content": ' + (content or json.dumps(f"message {n}").encode()) + b"}"


def _instagram_text(value: bytes) -> bytes:
    return _instagram_thread([_instagram_message(1), _instagram_message(2, value),
                              _instagram_message(3)])  # fmt: skip


def _posts_with_uri(uri: str) -> bytes:
    post = {"media": [{"uri": uri, "creation_timestamp": 1736725200, "title": "new in town"}]}
    return (
        PLAIN
        + json.dumps([post, {"media": [], "title": "after", "creation_timestamp": 1}]).encode()
    )


def _followers(count: int) -> bytes:
    entries = [
        json.dumps(
            {"title": "", "string_list_data": [{"value": f"user.{n}", "timestamp": 1}]}
        ).encode()
        for n in range(count)
    ]
    return PLAIN + b"[\n" + b",\n".join(entries) + b"\n]"


_DEEP = b"[" * 100_000 + b"]" * 100_000
_BROKEN_UTF8 = b'"\xff\xfe caf\xc3 \xc0\xaf \xed\xa0\x80 \xf0\x9f\x98 ok"'


def _telegram_seeds() -> Iterator[tuple[str, str, Callable[[], bytes], str]]:
    yield "telegram", "text-nested-100000", lambda: _telegram_text(_DEEP), "too deeply nested"
    yield "telegram", "text-30mb", lambda: _telegram_text(b'"' + b"x" * 30 * MB + b'"'), "too large"
    yield "telegram", "messages-never-end-5000", telegram_never_ends, "unreadable JSON"
    yield "telegram", "personal-chat-10000-peer-silent", telegram_silent_peer, ""
    yield (
        "telegram",
        "string-never-closed",
        lambda: _telegram_text(b'"a } ] , {"id": 9 ' + b"more text " * 1000),
        "invalid JSON",
    )
    yield (
        "telegram",
        "brackets-never-closed",
        lambda: _telegram_text(b'[[[{"type": "bold", "text": [[[ "x", ' * 2000),
        "",
    )
    yield "telegram", "mis-encoded-utf8", lambda: _telegram_text(_BROKEN_UTF8), ""
    yield (
        "telegram",
        "lone-surrogates",
        lambda: _telegram_text(b'"a \\ud800 b"').replace(b'"Dana"', b'"\\udc00 Dana"', 1),
        "lone surrogate",
    )
    yield (
        "telegram",
        "id-of-5000-digits",
        lambda: _telegram_chat("private_group", [_telegram_message(1)]).replace(
            b'"id": 1,', b'"id": ' + b"7" * 5000 + b",", 1
        ),
        "invalid JSON",
    )
    yield "telegram", "gzip-bomb-256mb-text", _telegram_bomb, "too large"


def _whatsapp_seeds() -> Iterator[tuple[str, str, Callable[[], bytes], str]]:
    big = b"1/5/25, 9:06 PM - Lola: " + b"x" * 30 * MB
    yield "whatsapp", "line-30mb", lambda: _whatsapp(WA_FIRST, big, WA_LAST), "message too large"
    yield "whatsapp", "line-30mb-first", lambda: _whatsapp(big, WA_LAST), "message too large"
    yield (
        "whatsapp",
        "continuation-line-30mb",
        lambda: _whatsapp(WA_FIRST, b"x" * 30 * MB, WA_LAST),
        "message too large",
    )
    yield (
        "whatsapp",
        "continuation-lines-100000",
        lambda: _whatsapp(WA_FIRST, *[b"and so on " * 10] * 100_000, WA_LAST),
        "message too large",
    )
    yield (
        "whatsapp",
        "senders-5000",
        lambda: _whatsapp(*(b"1/5/25, 9:05 PM - Sender %d: hi" % n for n in range(5_000))),
        "",
    )
    yield (
        "whatsapp",
        "dates-that-are-none",
        lambda: _whatsapp(WA_FIRST, b"99/99/99, 99:99 PM - X: y", b"2025/13/45, 9:05 - X: y"),
        "wrong",
    )
    yield (
        "whatsapp",
        "quotes-and-brackets-never-closed",
        lambda: _whatsapp(
            WA_FIRST,
            b'1/5/25, 9:06 PM - Lola: "call <attached: x.jpg [1/5/25',
            b'1/5/25, 9:07 PM - "Max: <Media omitted',
            WA_LAST,
        ),
        "",
    )
    yield (
        "whatsapp",
        "mis-encoded-utf8",
        lambda: _whatsapp(WA_FIRST, b"1/5/25, 9:06 PM - \xff\xfeLola\xc3: " + _BROKEN_UTF8),
        "",
    )
    yield (
        "whatsapp",
        "truncated-gzip",
        lambda: GZ + gzip.compress(sample("whatsapp") * 40, mtime=0)[:-30],
        "unreadable input",
    )


def _instagram_seeds() -> Iterator[tuple[str, str, Callable[[], bytes], str]]:
    yield "instagram", "content-nested-100000", lambda: _instagram_text(_DEEP), "too deeply nested"
    yield (
        "instagram",
        "content-30mb",
        lambda: _instagram_text(b'"' + b"x" * 30 * MB + b'"'),
        "too large",
    )
    yield (
        "instagram",
        "messages-never-end-5000",
        lambda: _instagram_thread([_instagram_message(n) for n in range(5_000)], end=b""),
        "unreadable JSON",
    )
    yield (
        "instagram",
        "mis-encoded-meta-text",
        lambda: _instagram_text(b'"\\u00f0\\u009f \\u00c3"'),
        "",
    )
    yield "instagram", "mis-encoded-utf8", lambda: _instagram_text(_BROKEN_UTF8), ""
    yield (
        "instagram",
        "lone-surrogates",
        lambda: _instagram_text(b'"a \\ud800"').replace(b'"Dana"}', b'"\\udc00"}', 1),
        "lone surrogate",
    )
    yield (
        "instagram",
        "medium-name-300-characters",
        lambda: _posts_with_uri("a" * 300 + ".jpg"),
        "",
    )
    yield "instagram", "followers-10000", lambda: _followers(10_000), ""


HOSTILE: list[tuple[str, str, Callable[[], bytes], str]] = [
    *_telegram_seeds(),
    *_whatsapp_seeds(),
    *_instagram_seeds(),
]


# -- the seed corpus ---------------------------------------------------------------------------


def _versions(data: bytes) -> Iterator[tuple[str, bytes]]:
    first = data[: data.find(b"\n") + 1]
    yield "plain", PLAIN + data
    yield "gz", GZ + gzip.compress(data, mtime=0)
    yield "zst", ZST + zstandard.ZstdCompressor().compress(data)
    yield "half", PLAIN + data[: len(data) // 2]
    yield "first-line", PLAIN + first
    yield "last-byte-cut", PLAIN + data[:-1]
    yield "gz-truncated", GZ + gzip.compress(data, mtime=0)[:-12]


def _samples(reader: str) -> Iterator[tuple[str, bytes]]:
    for name in FILES[reader]:
        yield Path(name).stem.replace(" ", "-"), sample(reader, FILES[reader].index(name))
    if reader == "instagram":
        yield "followers_1", json.dumps(FOLLOWERS, indent=1).encode()
        yield "following", json.dumps(FOLLOWING, indent=1).encode()


def corpus() -> dict[str, dict[str, bytes]]:
    """reader -> {name: input}: each reader's samples, whole and cut short, plain and packed."""
    return {
        reader: {
            f"{stem}-{how}": data
            for stem, whole in _samples(reader)
            for how, data in _versions(whole)
        }
        for reader in FILES
    }


def dictionary(reader: str) -> str:
    """READER's tokens as a libFuzzer dictionary ("" for a reader without one)."""
    escaped = (
        "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else
                "".join(f"\\x{b:02x}" for b in c.encode()) for c in token)
        for token in DICTIONARY.get(reader, [])
    )  # fmt: skip
    return "".join(f'"{token}"\n' for token in escaped)
