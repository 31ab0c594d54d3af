"""Telegram Desktop's machine-readable export (``result.json``): one chat or a whole account's,
read as a stream; entity lists flattened to plain text; UTC times with the exporting clock's
offset kept; service messages left out; a bad message quarantined and the rest read on."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from linkboard.ingest.sources import InputError
from linkboard.model import Record
from linkboard.social.readers import json_stream
from tests.social.test_readers import DATA, items, quarantined
from tests.social.test_readers import records as with_ids

CHAT = DATA / "telegram_chat.json"
EXPORT = DATA / "telegram_export.json"


#: The hash of its first message that follows a personal chat's peer id in its ids.
_FIRST = re.compile(r"(:telegram:\d+)-[0-9a-f]{12}\b")


def records(found: list[Any], kind: str | None = None) -> dict[str, Record]:
    """The records by id, personal chats' ids read without the hash of their first message
    (``test_two_peoples_chats_with_one_peer_never_share_ids`` asserts it)."""
    return {_FIRST.sub(r"\1", k): r for k, r in with_ids(found, kind).items()}


def _chat(messages: list[Any], **header: Any) -> dict[str, Any]:
    return {"name": "Lola Rivera", "type": "personal_chat", "id": 5550142001, **header,
            "messages": messages}  # fmt: skip


def _message(n: int, text: Any = "hi", **fields: Any) -> dict[str, Any]:
    return {"id": n, "type": "message", "date": "2025-01-12T15:41:10",
            "date_unixtime": "1736725270", "from": "Lola Rivera", "from_id": "user5550142001",
            "text": text, **fields}  # fmt: skip


def _written(tmp_path: Path, data: Any, name: str = "result.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=1))
    return path


def test_a_chat_gives_its_accounts_messages_and_itself() -> None:
    found = items("telegram", CHAT)
    assert list(records(found, "social_account")) == [
        "social:telegram:user5550142001",
        "social:telegram:user5550100",
    ]
    assert sorted(records(found, "message")) == [
        f"msg:telegram:5550142001:{n}" for n in (102, 103, 104, 105, 108)
    ]
    chat = records(found, "chat")["chat:telegram:5550142001"]
    assert found[-1] == chat
    assert (chat.title, chat.site) == ("Lola Rivera", "telegram")
    assert chat.extra["chat_type"] == "personal_chat"
    assert chat.extra["participants"] == ["user5550142001", "user5550100"]


def test_an_entity_list_is_flattened_keeping_mentions_links_and_phones() -> None:
    said = records(items("telegram", CHAT))["msg:telegram:5550142001:102"]
    assert said.body == (
        "new girls this week, book on @lola_bookings_22 or my page "
        "(https://t.me/lola_bookings_22) call +1 702-555-0142\nno police"
    )


def test_a_message_is_sent_at_utc_and_keeps_the_exporting_clock() -> None:
    said = records(items("telegram", CHAT))["msg:telegram:5550142001:102"]
    assert said.posted_at == "2025-01-12T23:41:10+00:00"
    assert said.extra["sent_local"] == "2025-01-12T15:41:10-08:00"
    assert (said.title, said.site, said.kind) == ("Lola Rivera", "telegram", "message")
    assert said.extra["sender"] == "user5550142001"
    # written before the export's owner wrote: held back until they did, it names them
    assert said.extra["recipients"] == ["user5550100"]
    answer = records(items("telegram", CHAT))["msg:telegram:5550142001:103"]
    assert answer.extra["recipients"] == ["user5550142001"]


def test_replies_forwards_edits_files_and_shared_contacts_are_kept() -> None:
    found = records(items("telegram", CHAT))
    reply_to = found["msg:telegram:5550142001:103"].extra["reply_to"]
    assert found[_FIRST.sub(r"\1", reply_to)].id == reply_to
    assert reply_to.endswith(":102")
    forwarded = found["msg:telegram:5550142001:105"].extra
    assert forwarded["forwarded_from"] == "Vegas Nights Promo"
    assert forwarded["edited"] == "2025-01-13T00:12:00+00:00"
    photo = found["msg:telegram:5550142001:104"]
    assert photo.extra["attachments"] == ["photos/photo_1@12-01-2025_15-45-00.jpg"]
    assert photo.images == ()
    shared = found["msg:telegram:5550142001:108"].extra
    assert shared["attachments"] == ["rates.pdf"]
    assert shared["shared_phone"] == "+17025550177"


def test_bad_messages_are_quarantined_with_their_line_and_reason() -> None:
    found = quarantined(items("telegram", CHAT))
    assert [q.reason for q in found] == [
        "wrong type: text must be a string or a list, got int",
        "missing field: the time the message was sent",
    ]
    lines = CHAT.read_text().splitlines()
    for q in found:
        at = int(q.locator.rsplit(":", 1)[1])
        assert lines[at - 1].strip() == "{"
        assert q.sample.startswith("{")


def test_service_messages_are_no_messages(tmp_path: Path) -> None:
    service = {"id": 1, "type": "service", "date": "2025-01-12T15:41:10", "actor": "Max",
               "action": "invite_members", "members": ["Lola"], "text": ""}  # fmt: skip
    found = items("telegram", _written(tmp_path, _chat([service, _message(2)])))
    assert list(records(found, "message")) == ["msg:telegram:5550142001:2"]
    assert not quarantined(found)


def test_a_whole_export_knows_its_owner_and_lends_contacts_their_phones() -> None:
    found = items("telegram", EXPORT)
    accounts = records(found, "social_account")
    owner = accounts["social:telegram:user5550100"]
    assert owner.body == "night driver, ask for rates"
    assert owner.extra["handle"] == "dana_fict"
    assert owner.extra["phones"] == ["+17025550100"]
    assert owner.extra["export_owner"] is True
    assert accounts["social:telegram:user5550142001"].extra["phones"] == ["+17025550142"]
    said = records(found, "message")["msg:telegram:5550142001:1"]
    assert said.extra["sender"] == "dana_fict"
    assert said.extra["recipient_phones"] == ["+17025550142"]
    assert not quarantined(found)


def test_a_group_names_the_participants_known_so_far_and_a_channel_none() -> None:
    found = records(items("telegram", EXPORT))
    assert found["msg:telegram:7770001:2"].extra["recipients"] == ["dana_fict"]
    assert found["msg:telegram:7770001:5"].extra["recipients"] == [
        "dana_fict", "user5550155", "user5550177"
    ]  # fmt: skip
    assert "recipients" not in found["msg:telegram:8880001:10"].extra
    assert found["msg:telegram:8880001:10"].extra["sender"] == "channel8880001"
    assert found["chat:telegram:7770001"].extra["chat_type"] == "private_supergroup"
    left = found["chat:telegram:9990001"]
    assert left.title == "Old Group"


@pytest.mark.parametrize("chunk", [1, 7, 64, 4096])
def test_a_stream_read_in_small_pieces_gives_the_same_records(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = items("telegram", EXPORT) + items("telegram", CHAT)
    monkeypatch.setattr(json_stream, "CHUNK", chunk)
    assert items("telegram", EXPORT) + items("telegram", CHAT) == expected


def test_a_broken_message_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    text = json.dumps(_chat([_message(1), _message(2), _message(3)]), indent=1)
    broken = text.replace('"id": 2,', '"id": 2 "oops": [1, {"x": tru}],', 1)
    path = tmp_path / "result.json"
    path.write_text(broken)
    found = items("telegram", path)
    assert sorted(records(found, "message")) == [
        "msg:telegram:5550142001:1", "msg:telegram:5550142001:3"
    ]  # fmt: skip
    assert [q.reason for q in quarantined(found)] == ["invalid JSON: Expecting ',' delimiter"]


def test_a_file_cut_short_keeps_what_was_read_and_its_chat(tmp_path: Path) -> None:
    text = json.dumps(_chat([_message(n) for n in range(1, 6)]), indent=1)
    path = tmp_path / "result.json"
    path.write_text(text[: text.index('"id": 4')])
    found = items("telegram", path)
    assert len(records(found, "message")) == 3
    assert "unreadable JSON from here on" in quarantined(found)[-1].reason
    assert "chat:telegram:5550142001" in records(found, "chat")


def test_fields_and_messages_too_large_are_quarantined(tmp_path: Path) -> None:
    huge = _message(2, "x" * 1_000_001)
    huger = _message(3, ["y" * (9 * 1024 * 1024)])
    found = items("telegram", _written(tmp_path, _chat([_message(1), huge, huger, _message(4)])))
    assert len(records(found, "message")) == 2
    reasons = sorted(q.reason for q in quarantined(found))  # a personal chat's are held back
    assert reasons[0] == "field too large: 1,000,001 characters"
    assert reasons[1].startswith("too large: over 8,388,608 characters")


def test_a_message_nested_too_deeply_is_quarantined(tmp_path: Path) -> None:
    text = json.dumps(_chat([_message(1), "@@", _message(2)]))
    path = tmp_path / "result.json"
    path.write_text(text.replace('"@@"', "[" * 5000 + "]" * 5000))
    found = items("telegram", path)
    assert len(records(found, "message")) == 2
    assert [q.reason for q in quarantined(found)] == ["too deeply nested: over 64 levels"]


def test_wrong_types_are_quarantined_not_a_crash(tmp_path: Path) -> None:
    bad = [
        "a string",
        _message(2, [{"type": "bold", "text": 5}]),
        _message(3, [["nested"]]),
        _message(None),
        _message(5, date_unixtime="soon", date="not a date"),
        _message(6, "\ud800"),
    ]
    found = items("telegram", _written(tmp_path, _chat(bad)))
    assert not records(found, "message")
    reasons = [q.reason.split(":")[0] for q in quarantined(found)]
    assert reasons == [
        "a message must be a JSON object", "wrong type", "wrong type", "missing field",
        "wrong type", "invalid text",
    ]  # fmt: skip


def test_messages_before_the_chats_id_are_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "x", "messages": [_message(1)], "id": 1}))
    found = items("telegram", path)
    assert not records(found, "message")
    assert quarantined(found)[0].reason == "a chat's messages come before its id"


def test_what_is_no_json_object_is_refused_whole(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    for text in ("", "[1, 2]", "hello"):
        path.write_text(text)
        with pytest.raises(InputError, match="not a Telegram export"):
            items("telegram", path)


def test_a_sender_known_by_name_alone_has_no_handle(tmp_path: Path) -> None:
    message = _message(1)
    del message["from_id"]
    found = items("telegram", _written(tmp_path, _chat([message])))
    account = records(found, "social_account")["social:telegram:name-lola-rivera"]
    assert "handle" not in account.extra
    assert all(isinstance(i, Record) for i in found)


def test_two_peoples_chats_with_one_peer_never_share_ids(tmp_path: Path) -> None:
    """A personal chat's export gives the peer's user id as the chat's: two people's chats with
    one recruiter would share chat and message ids. The hash of the first message tells them
    apart; the same export read again gives the same ids."""
    one = _written(tmp_path, _chat([_message(1, "hi, who is this?"), _message(2, "ok")]), "a.json")
    other = _written(
        tmp_path, _chat([_message(1, "hey, saw your post"), _message(2, "ok")]), "b.json"
    )
    first, second = with_ids(items("telegram", one)), with_ids(items("telegram", other))
    chats = [k for k in first if k.startswith("chat:")] + [
        k for k in second if k.startswith("chat:")
    ]
    assert len(set(chats)) == 2
    assert all(c.startswith("chat:telegram:5550142001-") for c in chats)
    assert not {k for k in first if k.startswith("msg:")} & {
        k for k in second if k.startswith("msg:")
    }
    assert list(with_ids(items("telegram", one))) == list(first)
    message = next(r for k, r in first.items() if k.startswith("msg:") and k.endswith(":2"))
    assert message.extra["chat"] in chats


def test_a_personal_chat_whose_id_is_not_its_peers_still_has_two_people(tmp_path: Path) -> None:
    """An export whose chat id is not the peer's user id (the peer writes as another user):
    the header's peer, who never writes, is no member, and each message names the other of the
    two who wrote, the first one included."""
    peer = {"from": "Lola Rivera", "from_id": "user5550177"}
    owner = {"from": "Dana Fictional", "from_id": "user5550100"}
    chat = _chat([_message(1, "hey", **peer), _message(2, "who is this?", **owner),
                  _message(3, "a friend", **peer)], id=4000000001)  # fmt: skip
    found = with_ids(items("telegram", _written(tmp_path, chat)))
    said = {k.rsplit(":", 1)[1]: r for k, r in found.items() if r.kind == "message"}
    assert said["1"].extra["recipients"] == ["user5550100"]
    assert said["2"].extra["recipients"] == ["user5550177"]
    assert said["3"].extra["recipient_count"] == 1
    (record,) = (r for r in found.values() if r.kind == "chat")
    assert sorted(record.extra["participants"]) == ["user5550100", "user5550177"]
