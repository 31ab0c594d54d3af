import pytest

from linkboard.extract import extract_text
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
        ("I'm 23 years young", {"23"}),
        ("Age: 23", {"23"}),
        ("age 17", {"17"}),
        ("June, 23, new in town", {"23"}),  # June the name, then her age
        ("Mia, 23. Posted June 16, 2016", {"23"}),
        ("I'm 23, 5'6, 34C", {"23"}),
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


@pytest.mark.parametrize(
    "text",
    [
        # dates, in the formats ads and their sites write them
        "Posted: Thursday, June 16, 2016",
        "June 16, 2016",
        "Thursday June 16",
        "Sat, June 16.",
        "Available Jun 23 and 24",
        "Feb 24.",
        "May 23.",
        "16 June",
        "6/16/2016",
        "Thursday 16th",
        "Age: 16/06/2016",
        # times
        "available at 16:30",
        "we are 16:30 tonight",
        "see you at 16h",
        "16:30 yrs",
        # measurements
        "36-24-36",
        "I'm 5'6, 120 lbs",
        "Mia, 34C",
        "we are 34 DD",
        # prices
        "$160",
        "160 roses",
        "Mia 160 roses",
        "I'm 80 qs",
        # digits of a phone
        "702-555-23 yo",
        "call 702-555-0123",
    ],
)
def test_dates_times_measurements_prices_and_phones_are_not_ages(text: str) -> None:
    assert found(text, "age") == set()


def test_a_month_before_a_number_is_no_name_either() -> None:
    assert found("Posted: Thursday, June 16, 2016", "name") == set()
    assert found("June, 23, new in town", "name") == {"june"}
    assert found("ask for April", "name") == {"april"}


# Misses found on real ads (benchmarks/real_ads.py), in made-up texts.


@pytest.mark.parametrize(
    "text",
    [
        "Services: Kissing, Massage, 69, Striptease",  # the position, in a list of services
        "GFE, 69, BBBJ",
        "men over 30yr only",  # a restriction on clients, not an age
        "no one under 40 yrs old",
        "gents above 35 years old welcome",
    ],
)
def test_a_service_and_a_client_restriction_are_not_ages(text: str) -> None:
    assert found(text, "age") == set()


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Poster's age: 69", {"69"}),
        ("I'm 69 and still fun", {"69"}),
        ("Mia, 23, GFE, 69", {"23"}),
        ("I am 30yr old, gents over 40 only", {"30"}),
    ],
)
def test_ages_beside_them_still_read(text: str, ages: set[str]) -> None:
    assert found(text, "age") == ages


@pytest.mark.parametrize(
    ("text", "field", "ages"),
    [
        ("hiring hostesses between 18-35 years of age", "body", {"18", "35"}),
        ("Ethnicity\nAsian\nAge\n25-29\nHeight", "body", {"25", "29"}),
        ("women 16-19 yo", "body", {"16", "19"}),  # a range that reaches under 18 flags it
        # a classifieds site's age field after the title, at its end or before the next words
        ("Sweet and new in town - 23", "title", {"23"}),
        ("Sweet and new in town!!! - 24 Location: Houston", "body", {"24"}),
        ("Come relax with us__ - 31 Hiring now", "body", {"31"}),
        ("Hot and new 713-555-0142 - 22", "title", {"22"}),
        ("Hot and new 7135550142 - 22", "title", {"22"}),
    ],
)
def test_age_ranges_and_the_title_age_field(text: str, field: str, ages: set[str]) -> None:
    assert _ages(text, field) == ages


def _ages(text: str, field: str) -> set[str]:
    return {m.value for m in extract_text(text, field) if m.kind == "age"}


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("Incall special 1/2hr - 35", "title"),  # a rate
        ("Open daily 9 - 11 PM", "body"),
        ("Call now - 24 Hours", "title"),
        ("Sweet and new - 16", "title"),  # the site's field is 18 or more: never a minor by it
        ("for men ages 30-60 only", "body"),  # a client's range
        ("sizes 32 - 34 here", "body"),
        ("Houston, TX - 6 Pictures - 52 Ads - Reviews", "body"),
        ("Available 10 - 22", "title"),
    ],
)
def test_not_a_title_age_field_nor_a_range(text: str, field: str) -> None:
    assert _ages(text, field) == set()
