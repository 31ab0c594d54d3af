import pytest

from linkboard.extract import extract_text
from tests.extract.mentions import found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("see WWW.Example.com/Ads/", "http://www.example.com/Ads"),
        (
            "https://bookings.example.com/Vivian?src=ad",
            "https://bookings.example.com/Vivian?src=ad",
        ),
        ("Link in bio: linktr.ee/mia_rose", "http://linktr.ee/mia_rose"),
        ("my site example (dot) com", "http://example.com"),
    ],
)
def test_urls(text: str, value: str) -> None:
    assert found(text, "url") == {value}


def test_url_domain_data() -> None:
    (m,) = [m for m in extract_text("www.Example.com/x") if m.kind == "url"]
    assert m.data["domain"] == "example.com"


@pytest.mark.parametrize("text", ["e.g. this", "verify.me.models (at) example (dot) com", "v1.2"])
def test_not_urls(text: str) -> None:
    assert found(text, "url") == set()


def test_a_url_field_is_read_for_addresses_not_prose() -> None:
    slug = "Houston/Lola 25 new in town 200 roses 24/7"
    in_body = {m.kind for m in extract_text(slug)}
    assert {"location", "name", "age", "price", "time"} <= in_body
    url = "https://ads.example.com/" + slug.replace(" ", "-") + "/cashapp/$lola25/702-555-0123"
    kinds = {m.kind: m.value for m in extract_text(url, "url")}
    assert set(kinds) == {"url", "payment", "phone"}
    assert kinds["phone"] == "+17025550123"
