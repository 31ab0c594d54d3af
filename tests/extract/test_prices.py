import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkboard.extract import extract_text, lexicon, prices
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
    ["1", "30", "150", "1,000", "2.50", " ", "min", "hr", "h", "hh", "/", "per", "an", "for", "x"]
    + ["$", "€", "usd", "roses", "1/2", "half", "hour", ".", ",", "-", ")", "qv", "la hora", "9"]
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
