import pytest

from linkboard.extract import extract_record, extract_text
from linkboard.model import Provenance, Record
from tests.extract.mentions import found

E164 = "+17025550123"


@pytest.mark.parametrize(
    "text",
    [
        "(702) 555-0123",
        "call 702.555.0123 now",
        "seven0two 5five5 01two3",
        "siete cero dos cinco cinco cinco cero uno dos tres",
        "7O2-555-Ol23",
        "７０２５５５０１２３",
        "7️⃣0️⃣2️⃣5️⃣5️⃣5️⃣0️⃣1️⃣2️⃣3️⃣",
        "𝟕𝟎𝟐 𝟓𝟓𝟓 𝟎𝟏𝟐𝟑",
        "⑦⓪② ⑤⑤⑤ ⓪①②③",
        "7.0.2.5.5.5.0.1.2.3",
        "702**555**0123",
        "7 0 2 5 5 5 0 1 2 3",
        "702 call me 555 0123",
        "7&#48;2 555 0123",
        "ï¼—ï¼�ï¼’ 555 0123".replace("ï¼�", "0"),
        "call 💋702💋555💋0123💋",
        "1-702-555-0123",
        "+1 702 555 0123",
    ],
)
def test_phone_spellings(text: str) -> None:
    assert found(text, "phone") == {E164}


def test_international_and_regions() -> None:
    assert found("+44 7700 900123", "phone") == {"+447700900123"}
    assert found("ring 07700 900123", "phone", region="GB") == {"+447700900123"}
    (m,) = [m for m in extract_text("702-555-0123") if m.kind == "phone"]
    assert m.data["region"] == {"country": "US", "region": "NV", "place": "Nevada"}
    (m,) = [m for m in extract_text("416 555 0142") if m.kind == "phone"]
    assert m.data["region"]["country"] == "CA"
    assert m.data["region"]["region"] == "ON"


def test_span_points_at_the_original_text() -> None:
    text = "text me: seven0two 5five5 01two3 ok"
    (m,) = [m for m in extract_text(text) if m.kind == "phone"]
    assert m.text == "seven0two 5five5 01two3"
    assert (m.start, m.end) == (9, 32)


def test_two_phones_in_one_run() -> None:
    assert found("702 555 0123 702 555 0124", "phone") == {E164, "+17025550124"}


@pytest.mark.parametrize(
    "text",
    [
        "Updated 2025-03-14 10:30",
        "posted 12/25/2023",
        "server 192.168.100.200",
        "zip 89109",
        "only $1500 tonight",
        "order #7025550123",
        "card 4111 1111 1111 1111",
        "1234567890123456",
        "7025550123456789",
        "I'm 22, 5'4, 120lbs",
        "17 years of experience",
    ],
)
def test_not_phones(text: str) -> None:
    assert found(text, "phone") == set()


def test_phone_in_url_field() -> None:
    mentions = extract_text("https://ads.example.com/lv/702-555-0123-lola", "url")
    assert {m.value for m in mentions if m.kind == "phone"} == {E164}


def test_a_group_of_look_alike_letters_beside_digits_is_digits() -> None:
    mentions = extract_text("Book now 2O6-555-OlOO, lol")
    phones = [m for m in mentions if m.kind == "phone"]
    assert [(m.value, m.text) for m in phones] == [("+12065550100", "2O6-555-OlOO")]
    assert found("Order 555 OOO ships today, lol 10", "phone") == set()


# Misses found on real ads (benchmarks/real_ads.py); the texts here are made up, the numbers
# fictional.


def _url_phones(url: str, site_body: str = "") -> set[str]:
    prov = Provenance("test", "-", "2025-01-01T00:00:00Z", "0" * 64)
    record = Record("r1", "ad", "", prov, url=url, body=site_body)
    return {m.value for m in extract_record(record) if m.kind == "phone" and m.field == "url"}


@pytest.mark.parametrize(
    "url",
    [
        # a post id, all digits and a whole path segment, short of a North American number
        "https://escorts.example.de/anzeige/blonde-date/5550123",
        "https://example.fi/ilmoitus/sweet-girl/5550144",
        # digits either side of a "/" in a path: a slug's number, then the post id
        "https://ads.example.com/ad/sweet-treat-70/25550142",
    ],
)
def test_post_ids_and_path_segments_in_a_url_are_not_phones(url: str) -> None:
    assert _url_phones(url) == set()


@pytest.mark.parametrize(
    ("url", "value"),
    [
        ("https://ads.example.com/lv/7025550142", "+17025550142"),
        ("http://702-555-0142.example.com/ad/lola", "+17025550142"),
        ("https://ads.example.com/ad/lola-702-555-0142/31798050", "+17025550142"),
        ("https://ads.example.com/ad/lola-7025550142/31798050", "+17025550142"),
    ],
)
def test_phones_in_a_url_still_read(url: str, value: str) -> None:
    assert _url_phones(url) == {value}


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Posted 2016 06 17 - 21", "US"),  # a date written with spaces
        ("escorts - example.com 2016 06 17", "US"),
        ("Booking 18th December 2015 Mia 160cm", "MY"),  # a day, a month, a year, a height
        ("19th December 2015 ~ 9.30AM : booked", "MY"),
        ("Available 18th December 2015 Mia 160cm", "US"),
    ],
)
def test_dates_written_with_spaces_or_words_are_not_phones(text: str, region: str) -> None:
    assert found(text, "phone", region) == set()


def test_a_phone_beside_a_spaced_date_still_reads() -> None:
    assert found("2016 06 17 call 713-555-0142", "phone") == {"+17135550142"}
