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
