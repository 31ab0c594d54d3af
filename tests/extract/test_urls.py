from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkboard.extract import extract_text, lexicon, urls
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
        ("book at lola.no/now", "http://lola.no/now"),
    ],
)
def test_urls(text: str, value: str) -> None:
    assert found(text, "url") == {value}


def test_word_lists_read_no_yes_and_on_as_words() -> None:
    """YAML 1.1 reads ``no``, ``yes``, ``on`` as booleans; the word lists keep them as words."""
    assert "no" in lexicon.tlds()
    assert "False" not in lexicon.tlds()
    assert {"no", "yes", "on"} <= lexicon.name_stopwords()
    assert not {"true", "false"} & lexicon.name_stopwords()
    assert all(isinstance(t, str) for words in lexicon.load("tlds").values() for t in words)


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


URL_BITS = st.sampled_from(
    [
        "http",
        "HTTPS",
        "://",
        "www.",
        "Ex",
        "ample",
        ".com",
        "/",
        "?",
        "#",
        "a=1",
        "&",
        ":",
        "80",
        "@",
        "u",
        "%41",
        "[",
        "]",
        "-",
        "_",
        ".",
        "é",
        "Ａ",
        "\x01",
    ]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(URL_BITS, max_size=12).map("".join))
def test_urls_are_split_as_urlsplit_splits_them(text):
    url = text if "://" in text[:10] else "http://" + text
    try:
        parts = urlsplit(url)
        expected = (parts.scheme.lower(), (parts.hostname or "").lower(), parts.port, *parts[2:4])
    except ValueError:
        expected = None
    assert urls._split(url) == expected
