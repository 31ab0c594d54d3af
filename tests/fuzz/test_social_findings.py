"""What fuzzing the chat export readers found, each fixed (``fuzz.findings``), and what their
hostile seeds must keep beyond the fuzz property: a personal chat whose peer never writes is
held back at most ``telegram.MAX_HELD`` messages at a time, however long, and at a cost per
message that does not grow with how many are held; a message list that never ends gives every
message and its chat; a WhatsApp line over the record limit is a message of its own; a minute a
chat comes back to counts its messages on; a medium named longer than a file name may be is
a post. Each checks the work done and the items given, never the time taken."""

from __future__ import annotations

import bisect
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fuzz import social_seeds
from fuzz.social_targets import chunks
from linkboard.ingest.options import ReadOptions
from linkboard.model import Quarantined, Record
from linkboard.social.readers import READERS, json_stream, records, telegram
from linkboard.social.readers.records import Person

OPTIONS = ReadOptions(source="fuzz", ingested_at="2026-01-01T00:00:00+00:00")
#: The size of a read from the stream in the held-back test: a few dozen messages.
CHUNK = 4096


def _read(fmt: str, path: Path, progress: Any = None) -> Iterator[Record | Quarantined]:
    return READERS[fmt].read(path, OPTIONS, progress)


def _written(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data[1:])  # past the byte that picks plain, .gz or .zst: plain
    return path


def test_a_personal_chat_whose_peer_never_writes_is_held_back_a_thousand_at_most(
    tmp_path: Path,
) -> None:
    data = social_seeds.telegram_silent_peer(100_000)
    path = _written(tmp_path, "result.json", data)
    ends = [m.start() for m in re.finditer(b"\n", data[1:])][1:]  # where each message ends
    read = [0]
    behind, given = 0, 0
    with chunks(CHUNK):
        for item in _read("telegram", path, lambda at: read.__setitem__(0, at)):
            if isinstance(item, Record) and item.kind == "message":
                given += 1
                behind = max(behind, bisect.bisect_right(ends, read[0]) - given)
    assert given == 100_000
    assert behind <= telegram.MAX_HELD + CHUNK // 100  # those held, and one read's worth


def test_holding_a_message_back_costs_the_same_however_many_are_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the fix each message looked again at every one held: 50 million look-ups of a
    person's id for 100,000 messages (34 s); now a few per message."""
    looked = [0]

    def counted(person: Person) -> str:
        looked[0] += 1
        return f"social:{person.platform}:{person.key}"

    monkeypatch.setattr(records.Person, "id", property(counted))
    path = _written(tmp_path, "result.json", social_seeds.telegram_silent_peer(5_000))
    assert sum(isinstance(i, Record) for i in _read("telegram", path)) == 5_002
    assert looked[0] < 20 * 5_000


def test_a_message_list_that_never_ends_gives_each_message_and_its_chat(tmp_path: Path) -> None:
    path = _written(tmp_path, "result.json", social_seeds.telegram_never_ends(5_000))
    found = list(_read("telegram", path))
    kinds = [i.kind if isinstance(i, Record) else "quarantined" for i in found]
    assert kinds.count("message") == 5_000
    assert kinds[-2:] == ["quarantined", "chat"]


@pytest.mark.parametrize("first", [True, False], ids=["first", "after-a-message"])
def test_a_whatsapp_line_over_the_limit_is_a_message_of_its_own(
    tmp_path: Path, first: bool
) -> None:
    """Before the fix the line was read as more of the message above, quarantined as too large
    with it; or, as the file's first line, dropped without a word."""
    big = b"1/5/25, 9:06 PM - Lola: " + b"x" * 9 * 1024 * 1024
    lines = (
        [big, social_seeds.WA_LAST] if first else [social_seeds.WA_FIRST, big, social_seeds.WA_LAST]
    )
    path = _written(tmp_path, "WhatsApp Chat with Lola.txt", b"\x00" + b"\n".join(lines) + b"\n")
    found = list(_read("whatsapp", path))
    said = [i.body for i in found if isinstance(i, Record) and i.kind == "message"]
    assert said == ([] if first else ["hi is this Lola?"]) + ["yes babe"]
    (too_large,) = [i for i in found if isinstance(i, Quarantined)]
    assert too_large.reason.startswith("message too large")
    assert too_large.locator.endswith(f":{1 if first else 2}")
    assert too_large.sample.startswith("1/5/25, 9:06 PM - Lola: xxx")


def test_a_minute_the_clock_comes_back_to_counts_its_messages_on(tmp_path: Path) -> None:
    """A phone's clock set back an hour writes 1:30 twice: Dana's "ok" each time is a message of
    its own (before the fix both had one id, and the store kept one)."""
    lines = ["11/2/25, 1:30 AM - Dana: ok", "11/2/25, 1:59 AM - Lola: hi",
             "11/2/25, 1:00 AM - Lola: back", "11/2/25, 1:30 AM - Dana: ok"]  # fmt: skip
    path = _written(tmp_path, "WhatsApp Chat with Lola.txt", b"\x00" + "\n".join(lines).encode())
    ids = [i.id for i in _read("whatsapp", path) if isinstance(i, Record) and i.kind == "message"]
    assert len(set(ids)) == 4
    assert ids[3] == ids[0] + "-2"
    assert ids == [
        i.id for i in _read("whatsapp", path) if isinstance(i, Record) and i.kind == "message"
    ]


def test_the_same_instagram_message_apart_from_itself_has_two_ids(tmp_path: Path) -> None:
    ok = b'{"sender_name": "Dana", "timestamp_ms": 1736725270000, "content": "ok"}'
    other = b'{"sender_name": "Lola", "timestamp_ms": 1736725260000, "content": "hi"}'
    data = social_seeds._instagram_thread([ok, other, ok])
    path = _written(tmp_path, "message_1.json", data)
    ids = [i.id for i in _read("instagram", path) if isinstance(i, Record) and i.kind == "message"]
    assert len(set(ids)) == 3


def test_a_medium_named_longer_than_a_file_name_may_be_is_a_post(tmp_path: Path) -> None:
    """Before the fix looking for the file raised OSError (ENAMETOOLONG) out of the reader."""
    path = _written(tmp_path, "posts_1.json", social_seeds._posts_with_uri("a" * 300 + ".jpg"))
    found = list(_read("instagram", path))
    assert [i.kind for i in found if isinstance(i, Record)] == ["post", "post"]
    assert found[0].images[0].endswith("a" * 300 + ".jpg")  # type: ignore[union-attr]


def test_a_follow_list_cut_short_gives_what_it_holds_and_says_where_it_breaks(
    tmp_path: Path,
) -> None:
    """Before the fix the list's end, missing, raised Unreadable out of the reader (found by the
    fuzzer's first input: the seed corpus's follow list cut in half)."""
    whole = json.dumps(social_seeds.FOLLOWERS, indent=1).encode()
    path = _written(tmp_path, "followers_1.json", b"\x00" + whole[: whole.index(b"dana_fict")])
    options = ReadOptions(source="fuzz", account="rosa.owner")
    found = list(READERS["instagram"].read(path, options, None))
    given = [i.id if isinstance(i, Record) else "quarantined" for i in found]
    assert given[:3] == [
        "social:instagram:rosa.owner",
        "social:instagram:mia.scout55",
        "follow:instagram:mia.scout55:rosa.owner",
    ]
    assert found[-1].reason.startswith("unreadable JSON from here on")  # type: ignore[union-attr]


@pytest.mark.parametrize("chunk", range(1, 24))
def test_a_number_cut_by_a_chunks_end_is_read_whole(chunk: int) -> None:
    """Before the fix ``5550.`` at a chunk's end was read as 5550, and the stream broke at the
    ``.`` (found by the fuzzer: a Telegram chat read in chunks of 7 bytes gave another item
    than read whole)."""
    text = b'{"id": 5550.42002, "n": 1.5e10, "m": -2E-3, "k": [7, 0.25]}'
    with chunks(chunk):
        stream = json_stream.JsonStream(io.BytesIO(text))
        found = {key: stream.value()[0] for key in stream.members()}
    assert found == {"id": 5550.42002, "n": 1.5e10, "m": -2e-3, "k": [7, 0.25]}
