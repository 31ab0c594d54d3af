"""Instagram's "Download your information" JSON: a conversation (its title and thread read
first, its messages one at a time) and the account's posts; Meta's mis-encoded text repaired;
what cannot be read quarantined."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from linkboard.ingest.images import REFUSED
from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import InputError
from linkboard.social.readers.meta_text import repair, repaired
from tests.social.test_readers import DATA, INBOX, OPTIONS, POSTS, items, quarantined, records

THREAD = DATA / INBOX
POSTS_FILE = DATA / POSTS


def _mojibake(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def _thread(tmp_path: Path, data: dict[str, Any], folder: str = "inbox/x_1") -> Path:
    path = tmp_path / folder / "message_1.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return path


def test_metas_mis_encoding_is_repaired_and_right_text_left_alone() -> None:
    assert repair(_mojibake("Café 😀 Rivière")) == "Café 😀 Rivière"
    assert repair("Café") == "Café"
    assert repair("plain") == "plain"
    assert repair("😀 right already") == "😀 right already"
    assert repaired({_mojibake("clé"): [_mojibake("é"), 5, None]}) == {"clé": ["é", 5, None]}


def test_a_conversation_gives_its_chat_accounts_and_messages() -> None:
    found = items("instagram", THREAD)
    chat = records(found, "chat")["chat:instagram:lolariviere_10001"]
    assert found[0] == chat
    assert chat.title == "Lola Rivière"
    assert chat.extra["participant_names"] == ["Lola Rivière", "Dana Fictional"]
    assert chat.extra["chat_type"] == "personal_chat"
    assert list(records(found, "social_account")) == [
        "social:instagram:dana-fictional",
        "social:instagram:lola-riviere",
    ]
    assert len(records(found, "message")) == 3


def test_a_message_has_its_repaired_text_time_share_and_files() -> None:
    said = {m.body: m for m in records(items("instagram", THREAD), "message").values()}
    assert said["ok 😀"].posted_at == "2025-01-12T23:41:10+00:00"
    assert said["ok 😀"].extra["recipient_names"] == ["Lola Rivière"]
    assert "recipients" not in said["ok 😀"].extra  # a display name is no handle
    shared = said["Café tonight? text me 702-555-0142"]
    assert shared.url == "https://www.instagram.com/p/FAKE123/"
    assert shared.extra["shared_text"] == "promo"
    assert shared.title == "Lola Rivière"
    photo = said[""]
    assert photo.extra["attachments"] == [
        "your_instagram_activity/messages/inbox/lolariviere_10001/photos/1234.jpg"
    ]
    assert photo.images == ()


def test_a_bad_message_is_quarantined_and_the_rest_read() -> None:
    found = quarantined(items("instagram", THREAD))
    assert [q.reason for q in found] == [
        "wrong type: timestamp_ms must be a number, got 'yesterday'"
    ]
    assert found[0].locator.endswith(":39")


def test_the_chat_id_comes_from_the_thread_else_its_folder(tmp_path: Path) -> None:
    said = {"sender_name": "A", "timestamp_ms": 1736725270000, "content": "hi"}
    data = {"participants": [{"name": "A"}, {"name": "B"}, {"name": "C"}], "messages": [said]}
    found = items("instagram", _thread(tmp_path, data, "inbox/abc_123"))
    chat = records(found, "chat")["chat:instagram:abc_123"]
    assert chat.title == "A, B, C"
    assert chat.extra["chat_type"] == "private_group"
    said = next(iter(records(found, "message").values()))
    assert said.extra["recipient_names"] == ["B", "C"]


def test_title_and_thread_after_the_messages_are_read_first(tmp_path: Path) -> None:
    text = THREAD.read_text()
    data = json.loads(text)
    reordered = {"messages": data["messages"], **{k: v for k, v in data.items() if k != "messages"}}
    path = _thread(tmp_path, reordered)
    found, expected = records(items("instagram", path)), records(items("instagram", THREAD))
    assert list(found) == list(expected)
    assert [(r.title, r.body, r.extra) for r in found.values()] == [
        (r.title, r.body, r.extra) for r in expected.values()
    ]


def test_a_facebook_export_is_read_as_facebooks(tmp_path: Path) -> None:
    target = tmp_path / "your_facebook_activity" / "messages" / "inbox" / "t_1" / "message_1.json"
    target.parent.mkdir(parents=True)
    shutil.copy(THREAD, target)
    found = records(items("instagram", target))
    assert {r.site for r in found.values()} == {"facebook"}
    assert "chat:facebook:lolariviere_10001" in found


def test_posts_give_their_caption_time_and_photos() -> None:
    found = items("instagram", POSTS_FILE)
    posts = list(records(found, "post").values())
    assert [p.body for p in posts] == ["New in town 💋 DM for rates", "two for one"]
    assert posts[0].posted_at == "2025-01-12T23:40:00+00:00"
    assert posts[1].extra["media"] == ["media/posts/202501/a.jpg", "media/posts/202501/b.mp4"]
    assert len(posts[1].images) == 1
    assert posts[1].images[0].endswith("a.jpg")
    assert all(p.id.startswith("post:instagram:") and p.site == "instagram" for p in posts)
    assert [q.reason for q in quarantined(found)] == ["a post must be a JSON object"]


def test_a_posts_id_is_its_content(tmp_path: Path) -> None:
    posts = json.loads(POSTS_FILE.read_text())
    path = tmp_path / "posts_2.json"
    path.write_text(json.dumps([{"media": []}, posts[1]], indent=4))
    again = list(records(items("instagram", path), "post"))
    assert again[1] == list(records(items("instagram", POSTS_FILE), "post"))[1]


def test_a_posts_photo_is_found_from_the_exports_top_and_never_above_the_root(
    tmp_path: Path,
) -> None:
    top = tmp_path / "export"
    content = top / "your_instagram_activity" / "content"
    content.mkdir(parents=True)
    (top / "media" / "posts").mkdir(parents=True)
    (top / "media" / "posts" / "p.jpg").write_bytes(b"\xff\xd8\xff fake jpeg")
    when = 1736725200
    media = [{"uri": "media/posts/p.jpg", "creation_timestamp": when},
             {"uri": "../../secret.jpg", "creation_timestamp": when}]  # fmt: skip
    posts = [{"media": media}]
    path = content / "posts_1.json"
    path.write_text(json.dumps(posts))
    inside = ReadOptions(source="t", root=top, ingested_at=OPTIONS.ingested_at)
    (post,) = records(items("instagram", path, inside), "post").values()
    assert post.images[0] == str((top / "media" / "posts" / "p.jpg").resolve())
    assert post.images[1].startswith(REFUSED)
    (alone,) = records(items("instagram", path), "post").values()
    assert alone.images[0] == str((content / "media" / "posts" / "p.jpg").resolve())


@pytest.mark.parametrize("text", ["", "hello", "42"])
def test_what_is_no_json_object_or_list_is_refused_whole(text: str, tmp_path: Path) -> None:
    path = tmp_path / "message_1.json"
    path.write_text(text)
    with pytest.raises(InputError, match="not an Instagram export"):
        items("instagram", path)


def test_wrong_types_are_quarantined_not_a_crash(tmp_path: Path) -> None:
    data = {"participants": "nobody", "title": 5, "messages": [
        "text", {"sender_name": 5, "timestamp_ms": 1}, {"sender_name": "A", "timestamp_ms": True},
        {"sender_name": "A", "timestamp_ms": 10**30}, {"sender_name": "A", "timestamp_ms": 1,
                                                        "photos": "x", "share": [1]},
    ]}  # fmt: skip
    found = items("instagram", _thread(tmp_path, data))
    assert len(records(found, "message")) == 1
    assert len(quarantined(found)) == 4
    assert records(found, "chat")
