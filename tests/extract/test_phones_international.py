"""Issue 17: phones in national formats outside North America, and phones whose digits are hidden.

Every number is fictional: Ofcom drama ranges (UK), ACMA fictional mobiles (Australia), NANP
555-01xx, and made-up sequences elsewhere that ``phonenumbers`` calls valid.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkboard.extract import dialing, extract_record, extract_text
from linkboard.model import Provenance, Record
from tests.extract.mentions import found

PROV = Provenance("test", "-", "2026-01-01T00:00:00+00:00", "")


def record(body: str, location: str = "", site: str = "", region: str = "US") -> Record:
    return Record("r1", "ad", body, PROV, body=body, location=location, site=site, region=region)


def phones(rec: Record) -> set[str]:
    mentions = extract_record(rec)
    for m in mentions:
        assert rec.field_text(m.field)[m.start : m.end] == m.text
    return {m.value for m in mentions if m.kind == "phone"}


@pytest.mark.parametrize(
    ("location", "text", "e164"),
    [
        ("London", "Text me 07700 900123", "+447700900123"),
        ("London, UK", "call 020 7946 0123", "+442079460123"),
        ("Tokyo", "連絡 090-1234-5678", "+819012345678"),
        ("Pune", "WhatsApp 98765 43210", "+919876543210"),
        ("Pune", "WhatsApp 91234 56789", "+919123456789"),  # 912 is also a US area code
        ("Milan", "chiamami 333 123 4567", "+393331234567"),
        ("Milano", "chiamami 312 345 6789", "+393123456789"),  # 312 is Chicago's too
        ("Sydney", "txt 0491 570 110", "+61491570110"),
        ("Berlin", "Tel 0151 23456789", "+4915123456789"),
        ("Paris, France", "appelle 06 12 34 56 78", "+33612345678"),
        ("Paris", "appelle 06-12-34-56-78", "+33612345678"),  # not a date
        ("Toronto, Ontario", "call 416 555 0142", "+14165550142"),
        ("Las Vegas, NV", "call 702-555-0123", "+17025550123"),
    ],
)
def test_the_location_box_says_which_country_dials(location: str, text: str, e164: str) -> None:
    assert phones(record(text, location)) == {e164}


def test_before_the_region_was_inferred_a_national_number_read_as_nothing_or_us() -> None:
    assert found("WhatsApp 91234 56789", "phone") == {"+19123456789"}  # no place: US rules
    assert found("Text me 07700 900123", "phone") == set()


def test_the_site_domain_and_the_source_region_say_so_too() -> None:
    assert phones(record("Tel 0151 23456789", site="kontakt-anzeigen.de")) == {"+4915123456789"}
    assert phones(record("ring 07700 900456", site="https://escort-ads.co.uk/x")) == {
        "+447700900456"
    }
    assert phones(record("Tel 0151 23456789", site="lola.io")) == set()  # vanity domain
    assert phones(record("ring 07700 900456", region="GB")) == {"+447700900456"}
    # An explicit source region is not second-guessed by the box.
    assert phones(record("call 702-555-0123", "Tokyo", region="JP")) != {"+17025550123"}


def test_a_city_in_the_text_names_the_country() -> None:
    assert phones(record("Visiting Tokyo! 090-1234-5678")) == {"+819012345678"}
    assert found("New in Mumbai, call 98765 43210", "phone") == {"+919876543210"}
    # A US city of the same name, or a given name, tries US rules first.
    assert phones(record("Visiting Birmingham 205-555-0123")) == {"+12055550123"}
    assert phones(record("Paris here, call 702 555 0123")) == {"+17025550123"}
    assert dialing.regions("US", "Birmingham, AL") == ("US",)
    assert dialing.regions("US", "London, ON") == ("US",)


def test_a_visitor_s_us_number_still_reads_in_a_foreign_ad() -> None:
    assert phones(record("US number +1 702 555 0123", "London")) == {"+17025550123"}
    assert phones(record("call 0151 23456789 or +1 713-555-0142", "Berlin")) == {
        "+4915123456789",
        "+17135550142",
    }
    # A bare ten digits valid there are read there (a German landline, a UK 070 number): known
    # limitation of a strong place, written with +1 a visitor's number is read as such.
    assert phones(record("call 713-555-0142", "Berlin")) == {"+497135550142"}
    assert phones(record("call 702-555-0123", "London")) == {"+447025550123"}


@pytest.mark.parametrize(
    ("text", "region", "e164"),
    [
        ("702\\u00a0555\\u20130123", "US", "+17025550123"),
        (
            "\\u0037\\u0030\\u0032\\u0035\\u0035\\u0035\\u0030\\u0031\\u0032\\u0033",
            "US",
            "+17025550123",
        ),
        ("seven oh two five five five oh one two three", "US", "+17025550123"),
        ("Seven-Zero-Two-Five-Five-Five-Zero-One-Two-Three", "US", "+17025550123"),
        ("oh seven seven oh oh nine oh oh one two three", "GB", "+447700900123"),
        ("tre tre tre uno due tre quattro cinque sei sette", "IT", "+393331234567"),
        ("zero six un deux trois quatre cinq six sept huit", "FR", "+33612345678"),
        (
            "null eins fuenf eins zwei drei vier fuenf sechs sieben acht neun",
            "DE",
            "+4915123456789",
        ),
        ("〇九〇-一二三四-五六七八", "JP", "+819012345678"),
        ("९८७६५ ४३२१०", "IN", "+919876543210"),
        ("&#x37;&#x30;&#x32; 555 0123", "US", "+17025550123"),
        ("7*0*2*5*5*5*0*1*2*3", "US", "+17025550123"),
        ("7 / 0 / 2 / 5 / 5 / 5 / 0 / 1 / 2 / 3", "US", "+17025550123"),
        ("0152\\u20221234567\\u20228", "DE", "+4915212345678"),
    ],
)
def test_hidden_digits(text: str, region: str, e164: str) -> None:
    assert found(f"call {text} now", "phone", region) == {e164}


def test_an_escape_span_cites_the_original_text() -> None:
    text = "text 702\\u00a0555\\u20130123 ok"
    (m,) = [m for m in extract_text(text) if m.kind == "phone"]
    assert m.text == "702\\u00a0555\\u20130123"
    assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Tarif 200 euros, 75008 Paris, le 14/03/2025 de 10h00 a 22h00", "FR"),
        ("Termin am 14.03.2025 um 20:30 Uhr, 150 Euro, PLZ 10115, 1,70 m", "DE"),
        ("Zwei Damen, drei Zimmer, acht Stunden, vier Sterne, 200 Euro die Stunde", "DE"),
        ("Open 24/7, 3 girls, ₹3000 ₹5000 ₹8000, sector 21, flat 1102", "IN"),
        ("Roses 160 hh 260 h, 36DD-24-36, 5'5 125lbs, suite 2204", "US"),
        ("three four seven one two three four five six seven after 10am", "US"),
        ("Oh, seven days a week, nine to five", "US"),
        ("un bisou, deux filles, sept jours sur sept", "FR"),
        ("営業時間 十時〜二十三時、一時間 二万円", "JP"),
    ],
)
def test_not_phones(text: str, region: str) -> None:
    assert found(text, "phone", region) == set()


PIECES = st.sampled_from(
    [
        "07700",
        "900123",
        "090",
        "1234",
        "5678",
        "98765",
        "43210",
        "0491",
        "570",
        "110",
        "\\u00a0",
        "\\u2013",
        "\\u0037",
        "\\ud83d\\udc8b",
        "\\U0001f48b",
        "\\u",
        "\\uZZZZ",
        "oh",
        "un",
        "Oh",
        "seven",
        "tre",
        "due",
        "null",
        "zwei",
        "〇",
        "九",
        "一二三",
        "४",
        "&#x37;",
        "7️⃣",
        "*",
        "/",
        "-",
        " ",
        ".",
        "₹",
        "euro",
        "PLZ",
        "London",
        "Tokyo",
        "Pune",
        "Milano",
        ", UK",
        ", AL",
        "\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(PIECES, max_size=30).map("".join),
    st.sampled_from(["", "London", "Tokyo, Japan", "Pune", "Birmingham, AL", "Milano"]),
    st.sampled_from(["", "a.co.uk", "b.de", "c.io"]),
    st.sampled_from(["US", "GB", "JP"]),
)
def test_any_international_or_hidden_input_reads_without_error(
    body: str, location: str, site: str, region: str
) -> None:
    start = time.perf_counter()
    rec = record(body, location, site, region)
    for m in extract_record(rec):
        assert rec.field_text(m.field)[m.start : m.end] == m.text
        if m.kind == "phone":
            assert m.value.startswith("+")
            assert m.value[1:].isdigit()
    assert time.perf_counter() - start < 1.0


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.text(max_size=30))
def test_any_text_and_box_give_a_dialing_order(text: str, box: str) -> None:
    from linkboard.extract.normalise import Field

    field = Field(text)
    order = dialing.regions("US", box, text[:20], ((field.words, field.clean.text),))
    assert order[0]
    assert len(order) <= 2
    assert "US" in order
