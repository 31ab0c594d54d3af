import pytest

from tests.extract.mentions import found


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("ask for Jasmine", {"jasmine"}),
        ("I'm Lola, new in town", {"lola"}),
        ("call me Bella", {"bella"}),
        ("xoxo, Mia", {"mia"}),
        ("See you soon\n~ Bella", {"bella"}),
        ("Sincerely, Tiana", {"tiana"}),
        ("Madison here, visiting Austin", {"madison"}),
        ("pregunta por Sofia", {"sofia"}),
    ],
)
def test_names(text: str, values: set[str]) -> None:
    assert found(text, "name") == values


@pytest.mark.parametrize(
    "text",
    [
        "I'm new",
        "call me now",
        "I'm available 24/7",
        "I'm 24",
        "ask for details",
        "Age 17",
        "no thugs, Nevada",  # a sign-off word inside another word
    ],
)
def test_not_names(text: str) -> None:
    assert found(text, "name") == set()
