"""The chat export readers as a whole: each knows its own format and no other (nor an ads file),
is a ``hooks.Reader`` that ``ingest`` detects and reads once registered, gives the same records
when an export is read twice, reads .gz and .zst inputs, and gives records their kinds declare
(the identifiers a message or an account holds come out in their roles). The helpers here serve
the per-format tests too."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import zstandard

from linkboard import hooks, ingest
from linkboard.held import held_identifiers
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import InputError
from linkboard.model import Quarantined, Record, is_linkable
from linkboard.social.readers import READERS

DATA = Path(__file__).parent / "data"
KINDS = Path(__file__).parents[2] / "src" / "linkboard" / "social" / "data" / "kinds"
OPTIONS = ReadOptions(source="test", ingested_at="2026-01-01T00:00:00+00:00")
INBOX = "instagram/your_instagram_activity/messages/inbox/lolariviere_10001/message_1.json"
POSTS = "instagram/your_instagram_activity/content/posts_1.json"
#: Each sample export and the reader that is its own.
SAMPLES = {
    "telegram_chat.json": "telegram",
    "telegram_export.json": "telegram",
    "WhatsApp Chat with Lola Rivera.txt": "whatsapp",
    "WhatsApp Chat - Nightshift Crew.txt": "whatsapp",
    "WhatsApp Chat mit Max.txt": "whatsapp",
    "_chat.txt": "whatsapp",
    INBOX: "instagram",
    POSTS: "instagram",
}


def items(fmt: str, path: Path, options: ReadOptions = OPTIONS) -> list[Record | Quarantined]:
    return list(READERS[fmt].read(path, options, None))


def records(found: list[Record | Quarantined], kind: str | None = None) -> dict[str, Record]:
    return {r.id: r for r in found if isinstance(r, Record) and (kind is None or r.kind == kind)}


def quarantined(found: list[Record | Quarantined]) -> list[Quarantined]:
    return [q for q in found if isinstance(q, Quarantined)]


def detects(fmt: str, path: Path) -> bool:
    detect = READERS[fmt].detect
    assert detect is not None
    return detect(path)


def storable(item: Record | Quarantined) -> None:
    """What the store needs of an item: a reason in words, text UTF-8 holds, JSON extras."""
    if isinstance(item, Quarantined):
        assert item.reason.strip()
        assert "object at 0x" not in item.reason
        return
    assert isinstance(item, Record)
    assert item.id
    assert item.kind in ("social_account", "chat", "message", "post")
    for text in (item.id, item.raw, item.title, item.body, item.url, item.site, *item.images):
        text.encode("utf-8")
    json.dumps(item.extra, ensure_ascii=False).encode("utf-8")
    if item.kind == "message":
        assert item.posted_at
        assert item.extra["chat"].startswith("chat:")


@pytest.fixture
def registered() -> Iterator[None]:
    """READERS and the social kinds registered as a plugin registers them (those already
    registered are left)."""
    hooks.load_default_plugins()
    readers = [k for k in READERS if hooks.readers.parts.get(k) is None]
    kinds = [p.stem for p in KINDS.glob("*.yaml") if hooks.kind_files.parts.get(p.stem) is None]
    for key in readers:
        hooks.readers.register(key, READERS[key])
    for key in kinds:
        hooks.kind_files.register(key, KINDS / f"{key}.yaml")
    yield
    for key in readers:
        hooks.readers.unregister(key)
    for key in kinds:
        hooks.kind_files.unregister(key)


def test_the_readers_are_the_formats_asked_for() -> None:
    assert set(READERS) == {"telegram", "whatsapp", "instagram"}
    assert all(isinstance(r, hooks.Reader) for r in READERS.values())


@pytest.mark.parametrize("name", list(SAMPLES))
def test_each_reader_knows_its_own_format_and_no_other(name: str) -> None:
    assert [fmt for fmt in READERS if detects(fmt, DATA / name)] == [SAMPLES[name]]


def test_ads_and_other_files_are_no_export(tmp_path: Path) -> None:
    ad = {
        "id": "ad1",
        "title": "new in town",
        "body": "call 702-555-0142",
        "posted_at": "2025-01-01",
    }
    (tmp_path / "ads.jsonl").write_text(json.dumps(ad) + "\n" + json.dumps(ad) + "\n")
    (tmp_path / "ads.json").write_text(json.dumps([ad, ad]))
    (tmp_path / "ads.csv").write_text("id,title,body,posted_at\nad1,new,call 702-555-0142,1/5/25\n")
    (tmp_path / "notes.txt").write_text("Met Lola on 1/5/25 at 9:05 PM - she said: call later\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "broken.json.gz").write_bytes(b"\x1f\x8b not gzip")
    for path in [tmp_path, tmp_path / "missing.json", *tmp_path.iterdir()]:
        assert not any(detects(fmt, path) for fmt in READERS), path.name


@pytest.mark.usefixtures("registered")
@pytest.mark.parametrize("name", list(SAMPLES))
def test_ingest_detects_and_reads_a_registered_reader(name: str) -> None:
    path = DATA / name
    assert ingest.detect_format(path) == SAMPLES[name]
    found = list(ingest.read(path, options=OPTIONS))
    assert records(found, "post" if name == POSTS else "message")


@pytest.mark.parametrize("name", list(SAMPLES))
def test_reading_twice_gives_the_same_records(name: str) -> None:
    first, second = items(SAMPLES[name], DATA / name), items(SAMPLES[name], DATA / name)
    assert first == second
    for item in first:
        storable(item)
    ids = [r.id for r in first if isinstance(r, Record)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", list(SAMPLES))
def test_an_account_comes_before_the_first_message_it_sent(name: str) -> None:
    found = items(SAMPLES[name], DATA / name)
    accounts = {r.id for r in records(found, "social_account").values()}
    seen: set[str] = set()
    for item in found:
        if isinstance(item, Record) and item.kind == "social_account":
            seen.add(item.id)
        elif isinstance(item, Record) and item.kind == "message" and "sender_account" in item.extra:
            assert item.extra["sender_account"] in seen
    assert seen == accounts


def _compressed(path: Path, into: Path, suffix: str) -> Path:
    out = into / (path.name + suffix)
    data = path.read_bytes()
    if suffix == ".gz":
        out.write_bytes(gzip.compress(data, mtime=0))
    else:
        out.write_bytes(zstandard.ZstdCompressor().compress(data))
    return out


def _without_place(item: Record | Quarantined) -> Any:
    if isinstance(item, Quarantined):
        return item.reason
    return (item.id, item.raw, {k: v for k, v in item.extra.items() if k != "platform"})


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
@pytest.mark.parametrize("name", list(SAMPLES))
def test_compressed_exports_read_as_plain_ones(name: str, suffix: str, tmp_path: Path) -> None:
    path = _compressed(DATA / name, tmp_path, suffix)
    assert detects(SAMPLES[name], path)
    squeezed = items(SAMPLES[name], path)
    expected = items(SAMPLES[name], DATA / name)
    assert [_without_place(i) for i in squeezed] == [_without_place(i) for i in expected]


def test_a_cut_gzip_keeps_what_was_read_and_says_why(tmp_path: Path) -> None:
    chat = json.loads((DATA / "telegram_chat.json").read_text())
    chat["messages"] = [dict(m, id=n) for n, m in enumerate(chat["messages"][1:5] * 3000)]
    whole = gzip.compress(json.dumps(chat, indent=1).encode(), mtime=0)
    path = tmp_path / "result.json.gz"
    path.write_bytes(whole[: len(whole) // 2])
    found = items("telegram", path)
    assert len(records(found, "message")) > 100
    assert "unreadable input" in quarantined(found)[-1].reason
    assert records(found, "chat")


@pytest.mark.parametrize("fmt", list(READERS))
def test_a_missing_file_is_one_clear_error(fmt: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        items(fmt, tmp_path / "missing.json")


@pytest.mark.parametrize("name", list(SAMPLES))
def test_progress_is_told_how_far_the_file_is_read(name: str) -> None:
    told: list[int] = []
    list(READERS[SAMPLES[name]].read(DATA / name, OPTIONS, told.append))
    assert told
    assert told == sorted(told)
    assert told[-1] == (DATA / name).stat().st_size


@pytest.mark.usefixtures("registered")
def test_a_message_holds_its_sender_and_recipients_in_their_roles() -> None:
    found = records(items("whatsapp", DATA / "WhatsApp Chat with Lola Rivera.txt"), "message")
    said = next(r for r in found.values() if r.body.startswith("yes babe"))
    held = {(m.kind, m.value, m.role) for m in held_identifiers(said)}
    assert held == {
        ("handle", "whatsapp:+17025550142", "sender"),
        ("phone", "+17025550142", "sender"),
        ("social", "social:whatsapp:17025550142", "sender"),
        ("social", "social:whatsapp:dana", "recipient"),  # a display name alone: links nothing
    }
    asked = next(r for r in found.values() if r.body == "hi is this Lola?")
    held = {(m.kind, m.value, m.role) for m in held_identifiers(asked)}
    assert held == {
        ("handle", "whatsapp:+17025550142", "recipient"),
        ("phone", "+17025550142", "recipient"),
        ("social", "social:whatsapp:17025550142", "recipient"),
        ("social", "social:whatsapp:dana", "sender"),
    }
    assert not is_linkable("social")


@pytest.mark.usefixtures("registered")
def test_an_account_holds_its_own_handle_and_phone() -> None:
    found = records(items("telegram", DATA / "telegram_export.json"), "social_account")
    owner = found["social:telegram:user5550100"]
    held = {(m.kind, m.value, m.role) for m in held_identifiers(owner)}
    assert held == {
        ("handle", "telegram:dana_fict", "self"),
        ("phone", "+17025550100", "self"),
        ("social", "social:telegram:user5550100", "self"),
    }
    chat = records(items("telegram", DATA / "telegram_export.json"), "chat")
    group = chat["chat:telegram:7770001"]
    assert {m.value for m in held_identifiers(group)} >= {"telegram:user5550155"}
    assert {m.role for m in held_identifiers(group)} == {"mentioned"}


@pytest.mark.usefixtures("registered")
def test_a_folder_is_read_for_its_chats_and_no_other_text(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("just notes\n")
    (tmp_path / "WhatsApp Chat with Lola.txt").write_bytes(
        (DATA / "WhatsApp Chat with Lola Rivera.txt").read_bytes()
    )
    (tmp_path / "result.json").write_bytes((DATA / "telegram_chat.json").read_bytes())
    found = sorted((p.name, fmt) for p, fmt, _ in ingest.sources([tmp_path]))
    assert found == [("WhatsApp Chat with Lola.txt", "whatsapp"), ("result.json", "telegram")]
