"""WhatsApp's "Export chat" text file in each way phones write it (Android's US and 24-hour
clocks, German dotted dates, the iPhone's bracketed lines with their invisible marks): the date
order a file uses, messages over several lines, WhatsApp's own lines left out, files named as
attachments, senders written as numbers known by them, and what cannot be read quarantined."""

from __future__ import annotations

from pathlib import Path

import pytest

from linkboard.ingest.options import ReadOptions
from linkboard.ingest.sources import InputError
from linkboard.model import Record
from linkboard.social.readers.whatsapp_lines import Order, content, header, moment, speaker
from tests.social.test_readers import DATA, OPTIONS, items, quarantined, records

LOLA = DATA / "WhatsApp Chat with Lola Rivera.txt"
CREW = DATA / "WhatsApp Chat - Nightshift Crew.txt"
MAX = DATA / "WhatsApp Chat mit Max.txt"
IPHONE = DATA / "_chat.txt"
LRM, NNBSP = "\u200e", "\u202f"


def _messages(path: Path, options: ReadOptions = OPTIONS) -> list[Record]:
    return list(records(items("whatsapp", path, options), "message").values())


def _chat(path: Path, options: ReadOptions = OPTIONS) -> Record:
    (chat,) = records(items("whatsapp", path, options), "chat").values()
    return chat


def _written(tmp_path: Path, lines: list[str], name: str = "WhatsApp Chat with Test.txt") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("path", "order", "first"),
    [
        (LOLA, "month_first", "2025-01-05T21:05:00"),
        (CREW, "day_first", "2025-02-14T21:06:00"),
        (MAX, "day_first", "2025-01-05T21:05:00"),
        (IPHONE, "month_first", "2025-01-05T21:05:40"),
    ],
)
def test_each_way_of_writing_dates_is_read(path: Path, order: str, first: str) -> None:
    said = _messages(path)
    assert said[0].extra["sent_local"] == first
    assert said[0].posted_at == first + "+00:00"
    assert {m.extra["date_order"] for m in said} == {order}
    assert _chat(path).extra["date_order"] == order
    assert not quarantined(items("whatsapp", path))


def test_a_message_goes_on_over_lines_without_a_date() -> None:
    bodies = [m.body for m in _messages(LOLA)]
    assert "yes babe\nnew girls this week\ncall me at 702-555-0143" in bodies
    assert "thanks\nhi" in [m.body for m in _messages(CREW)]
    assert "two lines\nsecond line" in [m.body for m in _messages(IPHONE)]


def test_whatsapps_own_lines_are_no_messages() -> None:
    for path in (LOLA, CREW, IPHONE):
        for said in _messages(path):
            assert "end-to-end encrypted" not in said.body
            assert " added " not in said.body
            assert "created group" not in said.body
    assert len(_messages(LOLA)) == 6
    assert len(_messages(CREW)) == 4
    assert len(_messages(IPHONE)) == 4


def test_files_are_named_as_attachments_never_images() -> None:
    found = {tuple(m.extra.get("attachments", [])): m for m in _messages(IPHONE) + _messages(CREW)}
    assert found[("00000012-PHOTO-2025-01-05-21-06-02.jpg",)].body == ""
    assert found[("image omitted",)].body == ""
    assert found[("IMG-20250214-WA0004.jpg",)].body == "the address"
    omitted = [m for m in _messages(LOLA) if m.extra.get("attachments")]
    assert [m.extra["attachments"] for m in omitted] == [["media omitted"]]
    assert all(m.images == () for m in _messages(IPHONE))


def test_a_sender_written_as_a_number_is_known_by_it() -> None:
    found = items("whatsapp", LOLA)
    account = records(found, "social_account")["social:whatsapp:17025550142"]
    assert account.extra["phones"] == ["+17025550142"]
    assert account.extra["handle"] == "17025550142"
    said = next(m for m in _messages(LOLA) if m.body.startswith("yes babe"))
    assert said.extra["sender_phone"] == "+17025550142"
    assert said.extra["sender"] == "17025550142"
    assert said.title == "+1 702-555-0142"
    assert said.extra["recipient_names"] == ["Dana"]
    named = records(found, "social_account")["social:whatsapp:dana"]
    assert "handle" not in named.extra


def test_a_number_in_bidi_marks_or_after_a_tilde_is_a_number(tmp_path: Path) -> None:
    path = _written(tmp_path, [
        "1/5/25, 9:05 PM - \u202a+1 702-555-0142\u202c: hi",
        f"1/5/25, 9:06 PM - ~{NNBSP}Lola: hey",
    ])  # fmt: skip
    first, second = _messages(path)
    assert first.extra["sender_phone"] == "+17025550142"
    assert second.title == "Lola"


def test_the_recipients_of_a_personal_chat_are_the_other_side() -> None:
    said = next(m for m in _messages(LOLA) if m.body == "hi is this Lola?")
    assert said.extra["recipients"] == ["17025550142"]
    assert said.extra["recipient_phones"] == ["+17025550142"]
    chat = _chat(LOLA)
    assert chat.extra["chat_type"] == "personal_chat"
    assert chat.extra["participant_names"] == ["Dana", "+1 702-555-0142"]
    assert _chat(CREW).extra["chat_type"] == "private_group"


@pytest.mark.parametrize(
    ("name", "source", "title"),
    [
        ("WhatsApp Chat with Lola Rivera.txt", None, "Lola Rivera"),
        ("WhatsApp Chat - Nightshift Crew.txt.gz", None, "Nightshift Crew"),
        ("WhatsApp Chat with Lola (2).txt", None, "Lola"),
        ("_chat.txt", "Lola iPhone", "Lola iPhone"),
        ("_chat.txt", None, "_chat"),
    ],
)
def test_the_chat_is_named_from_the_file_or_the_source(
    name: str, source: str | None, title: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    data = b"1/5/25, 9:05 PM - Dana: hi\n"
    if name.endswith(".gz"):
        import gzip

        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)
    options = ReadOptions(source=source, ingested_at=OPTIONS.ingested_at)
    chat = _chat(path, options)
    assert chat.title == title
    assert chat.id.startswith("chat:whatsapp:")
    assert _messages(path, options)[0].extra["chat"] == chat.id


def test_the_date_order_is_found_across_the_file(tmp_path: Path) -> None:
    path = _written(tmp_path, ["01/02/2025, 21:05 - Dana: a", "13/02/2025, 21:05 - Dana: b"])
    said = _messages(path)
    assert said[0].extra["sent_local"] == "2025-02-01T21:05:00"
    assert _chat(path).extra["date_order_from"] == "a first field over 12"
    path = _written(tmp_path, ["01/02/25, 9:05 PM - Dana: a", "01/13/25, 9:05 PM - Dana: b"])
    assert _messages(path)[0].extra["sent_local"] == "2025-01-02T21:05:00"
    path = _written(tmp_path, ["2025-01-02, 21:05 - Dana: a"])
    assert _messages(path)[0].extra["sent_local"] == "2025-01-02T21:05:00"


def test_without_evidence_a_12_hour_clock_is_month_first_and_a_24_hour_day_first() -> None:
    twelve, twenty_four = Order(ampm=True), Order(ampm=False)
    assert twelve.decided()[0] == "month_first"
    assert twenty_four.decided()[0] == "day_first"
    assert Order(ampm=True, dotted=True).decided()[0] == "day_first"


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("12/31/25, 9:05 PM - Lola: hi", "2025-12-31T21:05:00"),
        ("12/31/25, 12:05 AM - Lola: hi", "2025-12-31T00:05:00"),
        ("12/31/25, 12:05 pm - Lola: hi", "2025-12-31T12:05:00"),
        (f"12/31/25, 9:05{NNBSP}p.\u00a0m. - Lola: hi", "2025-12-31T21:05:00"),
        (f"{LRM}[12/31/25, 9:05:12{NNBSP}PM] Lola: hi", "2025-12-31T21:05:12"),
        ("[31.12.25, 21:05:12] Lola: hi", "2025-12-31T21:05:12"),
        ("31/12/2025, 21:05 - Lola: hi", "2025-12-31T21:05:00"),
        ("31.12.25, 21:05 - Lola: hi", "2025-12-31T21:05:00"),
    ],
)
def test_each_header_is_read(line: str, when: str) -> None:
    head = header(line)
    assert head is not None
    order = Order()
    order.see(head)
    assert moment(head, order.decided()[0]).isoformat() == when
    assert speaker(head.rest) == ("Lola", "hi")


def test_what_reads_as_no_sender_is_whatsapps_own() -> None:
    assert speaker('Lola changed the subject to "Rent: due"') is None
    assert speaker("Messages and calls are end-to-end encrypted.") is None
    assert content(f"{LRM}Lola added Max") is None
    assert content("plain: text") == ("plain: text", [])
    assert content(f"{LRM}<attached: 00000013-VIDEO.mp4>") == ("", ["00000013-VIDEO.mp4"])


def test_a_date_that_is_no_date_is_quarantined(tmp_path: Path) -> None:
    path = _written(tmp_path, ["2/30/25, 9:05 PM - Dana: a", "2/3/25, 13:05 PM - Dana: b",
                               "2/3/25, 9:05 PM - Dana: c"])  # fmt: skip
    found = items("whatsapp", path)
    assert [m.body for m in records(found, "message").values()] == ["c"]
    reasons = [q.reason for q in quarantined(found)]
    assert reasons[0].startswith("wrong date: 2/30/25 9:05")
    assert reasons[1] == "wrong time: 13:05 PM is no time"
    assert quarantined(found)[0].locator.endswith(":1")


def test_text_before_the_first_message_is_quarantined_once(tmp_path: Path) -> None:
    path = _written(tmp_path, ["exported by a tool", "more notes", "1/5/25, 9:05 PM - Dana: hi"])
    found = items("whatsapp", path)
    assert [q.reason for q in quarantined(found)] == ["text before the first message"]
    assert len(records(found, "message")) == 1


def test_a_message_too_large_is_quarantined(tmp_path: Path) -> None:
    lines = ["1/5/25, 9:05 PM - Dana: start", *(["x" * 1000] * 9000), "1/5/25, 9:06 PM - Dana: ok"]
    found = items("whatsapp", _written(tmp_path, lines))
    assert [m.body for m in records(found, "message").values()] == ["ok"]
    assert quarantined(found)[0].reason.startswith("message too large")


def test_a_field_too_large_is_quarantined(tmp_path: Path) -> None:
    lines = ["1/5/25, 9:05 PM - Dana: " + "y" * 1_000_001, "1/5/25, 9:06 PM - Dana: ok"]
    found = items("whatsapp", _written(tmp_path, lines))
    assert [m.body for m in records(found, "message").values()] == ["ok"]
    assert quarantined(found)[0].reason.startswith("field too large")


def test_the_same_message_twice_in_a_minute_has_two_ids() -> None:
    oks = [m for m in _messages(LOLA) if m.body == "ok"]
    assert len({m.id for m in oks}) == 2
    assert oks[1].id == oks[0].id + "-2"


def test_a_file_with_no_message_line_is_refused_whole(tmp_path: Path) -> None:
    path = _written(tmp_path, ["id,title", "1,hello"])
    with pytest.raises(InputError, match="not a WhatsApp chat export"):
        items("whatsapp", path)


def test_bad_bytes_are_read_as_replacement_characters(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with Test.txt"
    path.write_bytes(b"1/5/25, 9:05 PM - Dana: caf\xe9\n")
    (said,) = _messages(path)
    assert said.body == "caf\ufffd"
    assert isinstance(said, Record)


def test_an_edited_message_says_so(tmp_path: Path) -> None:
    path = _written(tmp_path, ["1/5/25, 9:05 PM - Dana: see you at 9 <This message was edited>"])
    (said,) = _messages(path)
    assert said.body == "see you at 9"
    assert said.extra["edited"] is True


def test_a_chat_only_its_owner_wrote_in_is_with_the_person_its_file_names(tmp_path: Path) -> None:
    """Strangers a recruiter writes to often never answer: the file's name is then the only
    word of who the other side is, and each message names them as its recipient."""
    path = _written(tmp_path, [
        "1/18/24, 9:01 AM - Ronan Test: hey stranger",
        "1/18/24, 9:03 AM - Ronan Test: paid portfolio shoot downtown",
    ], name="WhatsApp Chat with +1 501-555-0199.txt")  # fmt: skip
    said = records(items("whatsapp", path), "message")
    assert len(said) == 2
    assert all(m.extra["recipient_phones"] == ["+15015550199"] for m in said.values())
    assert all(
        m.extra["recipient_accounts"] == ["social:whatsapp:15015550199"] for m in said.values()
    )
