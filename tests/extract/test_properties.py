"""Any input: no exception, bounded time (hypothesis deadlines), spans that cite the original."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkboard.extract import extract_record, extract_text
from linkboard.model import Provenance, Record

PIECES = st.sampled_from(
    [
        "702",
        "555",
        "0123",
        "seven",
        "five",
        "O",
        "l",
        "|",
        "-",
        ".",
        " ",
        "(",
        ")",
        "+",
        "@",
        "at",
        "(at)",
        "dot",
        "$",
        "hh",
        "qv",
        "I'm",
        "24",
        "yo",
        "IG:",
        "snap",
        "zelle",
        "Houston",
        ", TX",
        "visiting",
        "0x",
        "bc1",
        "1A1z",
        "&#55;",
        "ï¼",
        "７",
        "7️⃣",
        "\u200b",
        "until",
        "4am",
        "24/7",
        "xoxo, ",
        "Mia",
        "www.",
        ".com",
        "/",
        "\n",
        "ask for ",
        "Springfield",
        "gift cards",
        "é",
        # issue 17: dates, rate lists, platform words, cities that are names
        "June 16, 2016",
        "Thursday",
        "16:30",
        "36-24-36",
        "qs",
        "/H",
        "ss",
        "roses",
        "facebook page",
        "kik me",
        "Charlotte",
        "Savannah",
        " - ",
        " area",
        "704",
        "→",
    ]
)
TEXTS = st.one_of(st.text(max_size=400), st.lists(PIECES, max_size=80).map("".join))
FAST = settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=5, deadline=60_000, suppress_health_check=[HealthCheck.too_slow])


def _check(text: str, field: str = "body", region: str = "US") -> None:
    for m in extract_text(text, field, region):
        assert text[m.start : m.end] == m.text
        assert 0 <= m.start < m.end <= len(text)
        assert m.value
        assert m.kind
        assert m.rule


@FAST
@given(
    TEXTS,
    st.sampled_from(["title", "body", "url", "location"]),
    st.sampled_from(["US", "GB", "MX", "", "ZZ"]),
)
def test_any_text(text: str, field: str, region: str) -> None:
    _check(text, field, region)


@FAST
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_unicode(text: str) -> None:
    _check(text)


@FAST
@given(TEXTS, TEXTS, TEXTS, TEXTS)
def test_any_record(title: str, body: str, url: str, location: str) -> None:
    prov = Provenance("test", "-", "2025-01-01T00:00:00Z", "0" * 64)
    record = Record("r", "ad", "", prov, title=title, body=body, url=url, location=location)
    for m in extract_record(record):
        assert record.field_text(m.field)[m.start : m.end] == m.text


@SLOW
@given(
    st.sampled_from(
        [
            "7" * 1_000_000,
            "7 " * 500_000,
            "7-" * 500_000,
            "seven" * 200_000,
            "O1" * 500_000,
            "a" * 1_000_000,
            "a@" * 500_000,
            "Houston " * 125_000,
            "$1" * 500_000,
            "&#55;" * 200_000,
            ". " * 500_000,
            "ï¼—" * 300_000,
            "I'm 24, " * 125_000,
        ]
    )
)
def test_one_megabyte_bodies(text: str) -> None:
    _check(text)


@SLOW
@given(st.integers(min_value=1, max_value=20), st.sampled_from(["-", ".", " ", "*", "//", "()"]))
def test_long_runs_of_digits_and_separators(width: int, sep: str) -> None:
    text = sep.join(["7" * width] * (200_000 // (width + len(sep))))
    _check(text)
    assert not [m for m in extract_text("7" * 16) if m.kind == "phone"]


CITY_CONTEXT = st.lists(
    st.sampled_from(
        [
            "Charlotte",
            "Atlanta",
            "Aurora",
            "Kansas City",
            " ",
            " - ",
            " → ",
            ", ",
            "|",
            "area",
            "downtown ",
            "Miss ",
            "visiting ",
            "from ",
            "xoxo",
            "~",
            "\n",
            "23",
            "(",
            "a" * 30,
        ]
    ),
    max_size=30,
).map("".join)


@FAST
@given(CITY_CONTEXT, st.sampled_from(["title", "body", "location"]))
def test_cities_that_are_names_in_any_context(text: str, field: str) -> None:
    """Any run of cities, names and separators: no crash, bounded time, and a name never also a
    location at the same place."""
    from linkboard.extract import city_context

    mentions = extract_text(text, field)
    names = {(m.start, m.end) for m in mentions if m.kind == "name"}
    assert not names & {(m.start, m.end) for m in mentions if m.kind == "location"}
    for start in range(0, len(text), 7):
        city_context.in_city_list(text, start, min(len(text), start + 5))
