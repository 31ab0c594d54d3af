import pytest

from linkboard.extract import extract_record, extract_text
from linkboard.model import Provenance, Record
from tests.extract.mentions import found


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("visiting Houston", {"Houston, TX, US"}),
        ("Springfield, MO", {"Springfield, MO, US"}),
        ("in town: Toronto", {"Toronto, CA"}),
        ("Portland, OR", {"Portland, OR, US"}),
        ("Portland — call 207-555-0110", {"Portland, ME, US"}),
        ("Springfield girls — Illinois capital", {"Springfield, IL, US"}),
        ("visiting Kansas City", {"Kansas City, MO, US"}),
        ("Houston → Dallas → Austin tour", {"Houston, TX, US", "Dallas, TX, US", "Austin, TX, US"}),
        ("Montréal centre-ville", {"Montréal, CA"}),
    ],
)
def test_locations(text: str, values: set[str]) -> None:
    assert found(text, "location") == values


def test_location_data() -> None:
    (m,) = [m for m in extract_text("visiting Houston") if m.kind == "location"]
    assert m.data["city"] == "Houston"
    assert m.data["region"] == "TX"
    assert m.data["country"] == "US"
    assert {"lat", "lon", "geonameid"} <= set(m.data)


@pytest.mark.parametrize(
    "text", ["Sweet Latina, 24", "Madison here", "a nice place", "pregunta por Sofia"]
)
def test_not_locations(text: str) -> None:
    assert found(text, "location") == set()


def _record(**fields: str) -> Record:
    prov = Provenance("test", "-", "2025-01-01T00:00:00Z", "0" * 64)
    return Record(id="r1", kind="ad", raw="", provenance=prov, **fields)


def test_location_box_and_area_code_decide_the_city() -> None:
    record = _record(title="new in town", body="call 417-555-0111", location="springfield")
    (m,) = [m for m in extract_record(record) if m.kind == "location"]
    assert (m.value, m.field, m.text) == ("Springfield, MO, US", "location", "springfield")


def test_location_box_with_state() -> None:
    record = _record(location="Las Vegas, Nevada")
    assert [m.value for m in extract_record(record)] == ["Las Vegas, NV, US"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("visiting Charlotte this weekend", {"Charlotte, NC, US"}),
        ("in Austin this week", {"Austin, TX, US"}),
        ("in Charlotte, NC", {"Charlotte, NC, US"}),
        ("Charlotte area, call 704-555-0123", {"Charlotte, NC, US"}),
        ("Charlotte 704-555-0123", {"Charlotte, NC, US"}),  # the area code agrees
        ("downtown Charlotte", {"Charlotte, NC, US"}),
        ("Jackson area", {"Jackson, MS, US"}),
        ("visiting Victoria", {"Victoria, CA"}),
        ("Victoria, TX", {"Victoria, TX, US"}),
        ("in Regina tonight", {"Regina, CA"}),
        ("Savannah here, visiting Charlotte", {"Charlotte, NC, US"}),
        (
            "Tour: Atlanta - Boston - Charlotte",
            {"Atlanta, GA, US", "Boston, MA, US", "Charlotte, NC, US"},
        ),
    ],
)
def test_cities_that_are_also_names_in_a_place_context(text: str, values: set[str]) -> None:
    assert found(text, "location") == values


@pytest.mark.parametrize(
    "text",
    [
        "Aurora visiting Denver",
        "Florence, new to Phoenix",
        "hi from Savannah in Atlanta",
        "Sweet Charlotte",
        "Miss Aurora available",
        "Charlotte 512-555-0123",  # a Texas phone: Charlotte is her name
        "I'm Charlotte",
        "ask for Savannah",
    ],
)
def test_cities_that_are_also_names_used_as_names(text: str) -> None:
    values = found(text, "location")
    assert not values & {"Aurora, CO, US", "Florence, IT", "Savannah, GA, US", "Charlotte, NC, US"}


def test_a_title_ending_in_a_dash_and_a_city_and_the_location_box() -> None:
    record = _record(title="Sweet and classy - Charlotte", body="I'm Savannah, call me")
    found = {(m.kind, m.value) for m in extract_record(record)}
    assert ("location", "Charlotte, NC, US") in found
    assert ("name", "charlotte") not in found
    assert ("name", "savannah") in found
    box = _record(title="new in town", location="Charlotte")
    assert [m.value for m in extract_record(box) if m.kind == "location"] == ["Charlotte, NC, US"]


# Misses found on real ads (benchmarks/real_ads.py), in made-up texts.


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a location label with its value on the next line (a scraped page)
        ("Age: 23\r\n   Location:\r\n      Flint\r\n   Ad ID: 5550", {"Flint, MI, US"}),
        ("City:\n   Omaha\n", {"Omaha, NE, US"}),
        # "CALL ME", "TEXT OR CALL" shouted: no state (Maine, Oregon) is named
        ("Location: Portland. CALL ME NOW", {"Portland, OR, US"}),
        ("Sweet Mia in Portland - CALL ME FOR DETAILS", {"Portland, OR, US"}),
        # a city that is also a given name, before "escorts": a place
        ("Category: Phoenix Escorts", {"Phoenix, AZ, US"}),
        ("Sweet treat - Dallas escorts - example.com", {"Dallas, TX, US"}),
        # common names of cities that the gazetteer spells otherwise
        ("escorts in Bangalore", {"Bengaluru, IN"}),
        ("Location: Mysore", {"Mysuru, IN"}),
        ("Blonde beauty - Frankfurt Escort", {"Frankfurt am Main, DE"}),
        ("visiting the Bronx tonight", {"The Bronx, NY, US"}),
        ("Bronx escorts", {"The Bronx, NY, US"}),
        ("Milano centro, incall", {"Milan, IT"}),
        ("Moskva escorts", {"Moscow, RU"}),
        ("visiting Daytona", {"Daytona Beach, FL, US"}),
    ],
)
def test_cities_real_ads_name(text: str, values: set[str]) -> None:
    assert found(text, "location") == values


@pytest.mark.parametrize(
    "text",
    [
        # a city's name inside a state's or province's
        "Sweet treat - South Carolina escorts",
        "North Carolina escorts",
        "incall in Vancouver British Columbia",
        # a province that is a city only in another country (Ontario, California)
        "Duo available - Ontario escorts",
        # a street named for a city
        "Show every Friday, 1234 Burbank Blvd.",
        # a country that is a city elsewhere (Puerto Rico, Colombia)
        "Puerto Rico girl visiting",
        # words for services and people, not far-away cities (Oral, KZ; Owo, NG; Malé, MV)
        "Receive Oral; OWO : YES; Gay Male Escorts; Handsome Young Man",
        "meet Dasha, new in Istanbul",
    ],
)
def test_states_provinces_and_streets_are_not_their_cities(text: str) -> None:
    assert not found(text, "location") & {
        "Carolina, PR",
        "Columbia, SC, US",
        "Ontario, CA, US",
        "Burbank, CA, US",
        "Puerto Rico, CO",
        "Oral, KZ",
        "Owo, NG",
        "Male, MV",
        "Man, CI",
        "Dasha, CN",
    }


def test_the_city_beside_a_province_still_reads() -> None:
    assert found("incall in Vancouver British Columbia", "location") == {"Vancouver, CA"}
    assert found("visiting Ontario, California", "location") == {"Ontario, CA, US"}
