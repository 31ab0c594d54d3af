import pytest

from tests.extract.mentions import found


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("I'm 24", {"24"}),
        ("24 yo", {"24"}),
        ("age: 24", {"24"}),
        ("Age 17, new to this", {"17"}),
        ("Mia, 26, sweet and classy", {"26"}),
        ("Sophie (23) available now", {"23"}),
        ("Lola is 25.", {"25"}),
        ("Just turned 21", {"21"}),
        ("We are 23 and 25, two friends", {"23", "25"}),
        ("Sweet Latina, 24 yrs, fun", {"24"}),
        ("tengo 25 años", {"25"}),
    ],
)
def test_ages(text: str, values: set[str]) -> None:
    assert found(text, "age") == values


@pytest.mark.parametrize(
    "text",
    [
        "18+ only",
        "All models are 18 or older",
        "17 years of experience",
        "doing this for 12 years",
        "I'm 5'4, 120lbs",
        "I'm 100% real",
        "age 18+ disclaimer",
        "$24 special",
        "posted 2025-03-14",
    ],
)
def test_not_ages(text: str) -> None:
    assert found(text, "age") == set()
