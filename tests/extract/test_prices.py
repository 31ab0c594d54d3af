import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkboard.extract import extract_text, lexicon, prices
from linkboard.model import Mention
from tests.extract.mentions import found


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("150hh 250h", {"150 USD/30min", "250 USD/60min"}),
        ("$200/hr", {"200 USD/60min"}),
        ("200 roses", {"200 USD"}),
        ("qv 90 | hh 150 | h 240", {"90 USD/15min", "150 USD/30min", "240 USD/60min"}),
        ("1 hour: 250 roses", {"250 USD/60min"}),
        ("45 min special 180", {"180 USD/45min"}),
        ("£80 30mins", {"80 GBP/30min"}),
        ("donation 200", {"200 USD"}),
        ("180 for the hour", {"180 USD/60min"}),
        # a currency word after the amount: its duration is still the price's, its code wins
        ("Donation 200 roses/hr", {"200 USD/60min"}),
        ("Donation 400 USD per hour", {"400 USD/60min"}),
        ("Rates in CAD: 160 CAD per half hour", {"160 CAD/30min"}),
        ("$1500 MXN la hora", {"1500 MXN/60min"}),
    ],
)
def test_prices(text: str, values: set[str]) -> None:
    assert found(text, "price") == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # several rates in one line: each amount with its own duration
        ("100/qs 150/hh 250/H", {"100 USD/15min", "150 USD/30min", "250 USD/60min"}),
        ("$80 qv, $120 hh, $200 h", {"80 USD/15min", "120 USD/30min", "200 USD/60min"}),
        ("qv $80 hh $120 h $200", {"80 USD/15min", "120 USD/30min", "200 USD/60min"}),
        ("QV:80 HH:120 H:200", {"80 USD/15min", "120 USD/30min", "200 USD/60min"}),
        ("hh 140 h 220 (outcall +$50)", {"140 USD/30min", "220 USD/60min", "50 USD"}),
        ("qs 100 hh 150 hr 250", {"100 USD/15min", "150 USD/30min", "250 USD/60min"}),
        ("150/hr 250/2hr", {"150 USD/60min", "250 USD/120min"}),
        ("80 roses qv, 120 roses hh", {"80 USD/15min", "120 USD/30min"}),
        ("150 roses hh", {"150 USD/30min"}),
        ("80$ qv", {"80 USD/15min"}),
        # the trade's words for a session
        ("120 ss", {"120 USD/30min"}),
        ("short stay 120", {"120 USD/30min"}),
        ("100 quick visit", {"100 USD/15min"}),
        ("250 full hour", {"250 USD/60min"}),
        # a tie keeps the amount-first reading
        ("150 30min 250", {"150 USD/30min"}),
    ],
)
def test_rate_lists(text: str, values: set[str]) -> None:
    assert found(text, "price") == values


def test_price_data_and_region_currency() -> None:
    (m,) = [m for m in extract_text("150hh") if m.kind == "price"]
    assert m.data == {"amount": 150.0, "currency": "USD", "minutes": 30}
    assert found("200 roses", "price", region="GB") == {"200 GBP"}
    assert found("$1500 la hora", "price", region="MX") == {"1500 MXN/60min"}
    assert found("$200 roses", "price", region="GB") == {"200 USD"}


@pytest.mark.parametrize("text", ["open 24 hrs", "call 702-555-0123", "I'm 24", "suite 12"])
def test_not_prices(text: str) -> None:
    assert found(text, "price") == set()


def test_every_currency_and_duration_starts_as_the_bare_amount_look_ahead_expects() -> None:
    rates = lexicon.load("rates")
    for word in (*rates["currencies"], *rates["durations"]):
        assert re.match(r"[^\W\d_]|[$€£]|[0-9]+\s*(?:[^\W\d_]|/)", word), word


PRICE_BITS = st.sampled_from(
    [
        "1",
        "30",
        "150",
        "1,000",
        "2.50",
        " ",
        "min",
        "hr",
        "h",
        "hh",
        "/",
        "per",
        "an",
        "for",
        "x",
        "$",
        "€",
        "usd",
        "roses",
        "1/2",
        "half",
        "hour",
        ".",
        ",",
        "-",
        ")",
        "qv",
        "la hora",
        "9",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(PRICE_BITS, max_size=14).map("".join))
def test_bare_amount_look_ahead_changes_no_match(text: str) -> None:
    """The look-ahead only skips numbers that no currency, sign or duration follows."""
    fast = prices._patterns()[-1].pattern
    plain = re.compile(fast.pattern.replace(prices._SUFFIX_AHEAD, "", 1))
    assert plain.pattern != fast.pattern
    spans = [(m.span(), m.groupdict()) for m in fast.finditer(text)]
    assert spans == [(m.span(), m.groupdict()) for m in plain.finditer(text)]


def _candidate(start: int, end: int, rank: int, minutes: int | None) -> prices._Candidate:
    """A real candidate (the extractor is compiled: ``_reading`` checks what it is given)."""
    mention = Mention("price", "100 USD", "x" * (end - start), start, end, "price")
    mention.data = {"minutes": minutes}
    return prices._Candidate(start, end, rank, mention)


def _value(chosen) -> tuple[int, int, int]:
    return (
        len(chosen),
        sum(1 for c in chosen if c.mention.data["minutes"]),
        -sum(c.rank for c in chosen),
    )


CANDIDATES = st.lists(
    st.tuples(
        st.integers(0, 30),
        st.integers(1, 8),
        st.integers(0, 14),
        st.sampled_from([None, 15, 30, 60]),
    ),
    max_size=9,
)


@settings(max_examples=300, deadline=None)
@given(CANDIDATES)
def test_reading_is_the_best_set_of_prices_that_do_not_overlap(raw) -> None:
    """Against every subset: the reading overlaps nowhere and no other reading is better."""
    from itertools import combinations

    found = [_candidate(s, s + w, rank, minutes) for s, w, rank, minutes in raw]
    chosen = prices._reading(list(found))
    spans = sorted((c.start, c.end) for c in chosen)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    best = max(
        _value(subset)
        for n in range(len(found) + 1)
        for subset in combinations(found, n)
        if all(a.end <= b.start or b.end <= a.start for a, b in combinations(subset, 2))
    )
    assert _value(chosen) == best


RATE_LINES = st.lists(
    st.sampled_from(
        [
            "100",
            "150",
            "$",
            "/",
            " ",
            ", ",
            "qs",
            "qv",
            "hh",
            "h",
            "H",
            "hr",
            "ss",
            "roses",
            ":",
            "short stay",
            "quick visit",
            "2hr",
            "30min",
            "-",
            "+",
            "\n",
            "x",
            "per",
            "1/2",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=2000)
@given(RATE_LINES)
def test_any_rate_line(text: str) -> None:
    """Any rate line: prices that cite the text and do not overlap, in bounded time."""
    mentions = [m for m in extract_text(text) if m.kind == "price"]
    for m in mentions:
        assert text[m.start : m.end] == m.text
    spans = sorted((m.start, m.end) for m in mentions)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


# Misses found on real ads (benchmarks/real_ads.py), in made-up texts.


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # the trade's shorthands: hhr and hf for a half hour, fh for a full hour
        ("hhr 120 hr 180", {"120 USD/30min", "180 USD/60min"}),
        ("HHR 110 HR 170", {"110 USD/30min", "170 USD/60min"}),
        ("140hf 190 Hr", {"140 USD/30min", "190 USD/60min"}),
        ("110 hh 210 fh", {"110 USD/30min", "210 USD/60min"}),
        ("Half hr $80 Full hr $120", {"80 USD/30min", "120 USD/60min"}),
        ("Hourly 190 roses", {"190 USD/60min"}),
        ("2 hour 4000", {"4000 USD/120min"}),
        ("3 hours 600 EUR", {"600 EUR/180min"}),
        # a duration, a full stop, then the amount
        ("1 hr. $320.00 for two", {"320 USD/60min"}),
        # a rate card with the duration first on each line: no amount takes the next line's
        (
            "Qv-70 roses\nHhr-110 roses\nHr-160 roses",
            {"70 USD/15min", "110 USD/30min", "160 USD/60min"},
        ),
        (
            "SS 90 ROSES\nhalf 130 ROSES\nhour 210 ROSES",
            {"90 USD/30min", "130 USD/30min", "210 USD/60min"},
        ),
        ("Hf hr 115\nHr 165", {"115 USD/30min", "165 USD/60min"}),
        ("Hlf hr 60\nFull hr 110", {"60 USD/30min", "110 USD/60min"}),
        # the amount first, a dash, then the duration
        (
            "90 roses  - qv\n140 roses  - hh\n220 roses  - h",
            {"90 USD/15min", "140 USD/30min", "220 USD/60min"},
        ),
    ],
)
def test_rate_cards_real_ads_write(text: str, values: set[str]) -> None:
    assert found(text, "price") == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # an amount and its duration on one line, the amount first, still read
        ("150 roses hh\n250 roses hr", {"150 USD/30min", "250 USD/60min"}),
        ("$150\n$250/hr", {"150 USD", "250 USD/60min"}),
        # a duration and its amount on two lines, where no line has both
        ("30 min\n$100\n1 hour\n$180", {"100 USD/30min", "180 USD/60min"}),
        ("hh\n150\nhr\n250", {"150 USD/30min", "250 USD/60min"}),
        # a duration at a line's end does not take the amount of a line that has its own
        ("30 for 10 Min.\n65 half hr\n110 hr", {"65 USD/30min", "110 USD/60min"}),
    ],
)
def test_rates_across_lines_still_read(text: str, values: set[str]) -> None:
    assert found(text, "price") == values
