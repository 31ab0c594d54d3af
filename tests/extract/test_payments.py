import pytest

from tests.extract.mentions import found


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("$CashQueen", {"cashapp:cashqueen"}),
        ("paypal.me/Lola22", {"paypal:lola22"}),
        ("zelle 702 555 0123", {"zelle:+17025550123"}),
        ("apple pay jade@example.com", {"applepay:jade@example.com"}),
        ("venmo @honey-dew-702", {"venmo:honey-dew-702"}),
        ("venmo.com/u/Ivy-Lane", {"venmo:ivy-lane"}),
        ("paypal: candy.models@example.com", {"paypal:candy.models@example.com"}),
        ("amazon & itunes gift cards", {"giftcard:amazon", "giftcard:itunes"}),
        ("gift cards (steam, google play)", {"giftcard:steam", "giftcard:googleplay"}),
    ],
)
def test_payments(text: str, values: set[str]) -> None:
    assert found(text, "payment") == values


def test_zelle_phone_is_also_a_phone() -> None:
    assert found("zelle 702 555 0123", "phone") == {"+17025550123"}


@pytest.mark.parametrize("text", ["$200 special", "cash only", "venmo accepted", "$USD"])
def test_not_payments(text: str) -> None:
    assert found(text, "payment") == set()
