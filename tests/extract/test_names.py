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


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("I'm Charlotte, new in town", {"charlotte"}),
        ("ask for Savannah", {"savannah"}),
        ("xoxo, Charlotte", {"charlotte"}),
        ("Sofia here", {"sofia"}),
        ("Savannah here, visiting Charlotte", {"savannah"}),
        ("Hi I'm Austin, visiting Austin", {"austin"}),
    ],
)
def test_cities_that_are_also_names_stay_names(text: str, values: set[str]) -> None:
    assert found(text, "name") == values


@pytest.mark.parametrize(
    "text",
    [
        "visiting Charlotte this weekend",
        "in Austin this week",
        "Sweet Latina - Atlanta",
        "Tour: Atlanta - Boston - Charlotte",
        "Atlanta here",
        "Boston, 25, new",
    ],
)
def test_a_city_used_as_a_place_is_no_name(text: str) -> None:
    assert found(text, "name") == set()


def test_a_network_of_touring_ads_names_no_city_as_a_person() -> None:
    from linkboard.extract import extract_record
    from linkboard.model import Provenance, Record

    prov = Provenance("test", "-", "2025-01-01T00:00:00Z", "0" * 64)
    titles = ["Upscale companion - Atlanta", "New girl in town - Boston", "Sweet - Charlotte"]
    persons = set()
    for i, title in enumerate(titles):
        record = Record(f"r{i}", "ad", "", prov, title=title, body="I'm Savannah. xoxo")
        persons |= {m.value for m in extract_record(record) if m.kind == "name"}
    assert persons == {"savannah"}


# Misses found on real ads (benchmarks/real_ads.py), in made-up texts.


@pytest.mark.parametrize(
    "text",
    [
        "CLASSY LADY WITH IMPECCABLE TASTE",  # "IM" inside a word
        "Call me ANYTIME, IMPORTANT: no texts",
    ],
)
def test_an_introduction_starts_a_word(text: str) -> None:
    assert found(text, "name") == set()


@pytest.mark.parametrize(("text", "name"), [("I'm Lola", "lola"), ("IM LOLA, 23", "lola")])
def test_introductions_still_read(text: str, name: str) -> None:
    assert found(text, "name") == {name}
