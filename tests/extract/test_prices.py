import pytest

from linkboard.extract import extract_text
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
    ],
)
def test_prices(text: str, values: set[str]) -> None:
    assert found(text, "price") == values


def test_price_data_and_region_currency() -> None:
    (m,) = [m for m in extract_text("150hh") if m.kind == "price"]
    assert m.data == {"amount": 150.0, "currency": "USD", "minutes": 30}
    assert found("200 roses", "price", region="GB") == {"200 GBP"}
    assert found("$1500 MXN la hora", "price", region="MX") == {"1500 MXN/60min"}


@pytest.mark.parametrize("text", ["open 24 hrs", "call 702-555-0123", "I'm 24", "suite 12"])
def test_not_prices(text: str) -> None:
    assert found(text, "price") == set()
