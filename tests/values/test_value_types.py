"""Every value type answers the same verbs (``values.TYPES``): read a record field's value, find
values in text as the extractor does, show one, tell whether two are the same."""

from __future__ import annotations

import pytest

from linkboard.extract import extract_text
from linkboard.link.config import PhotoConfig
from linkboard.values import KINDS, TYPES, image, value_type


@pytest.mark.parametrize(
    ("kind", "text", "namespace", "value"),
    [
        ("phone", "(702) 555-0123", "", "+17025550123"),
        ("phone", "+44 20 7946 0958", "", "+442079460958"),
        ("phone", "555-01", "", None),
        ("email", " Jade.R@Gmail.com ", "", "jade.r@gmail.com"),
        ("handle", "@Lola_22", "instagram", "instagram:lola_22"),
        ("handle", "Lola_22", "ig", "instagram:lola_22"),
        ("handle", "snap:Lola_22", "", "snapchat:lola_22"),
        ("handle", "Lola_22", "", None),  # a bare name on no platform is not one account
        ("payment", "$CashQueen", "", "cashapp:cashqueen"),
        ("payment", "@bob", "venmo", "venmo:bob"),
        ("payment", "702-555-0123", "zelle", "zelle:+17025550123"),
        (
            "crypto",
            "eth:0xAbCdEf0123456789aBcDeF0123456789AbCdEf01",
            "",
            "eth:0x" + "abcdef0123456789" * 2 + "abcdef01",
        ),
        ("crypto", "0x" + "ab" * 20, "eth", "eth:0x" + "ab" * 20),
        ("image", "F" * 64, "", "f" * 64),
        ("image", "not a hash", "", None),
    ],
)
def test_read_gives_the_clean_value_a_field_holds(
    kind: str, text: str, namespace: str, value: str | None
) -> None:
    assert value_type(kind).read(text, namespace, "US") == value


def test_find_is_the_extractor_for_that_kind() -> None:
    text = "Call 702 555 0123, snap: lola_22, $CashQueen or jade@mail.com"
    for kind in KINDS:
        expected = [(m.value, m.start) for m in extract_text(text) if m.kind == kind]
        assert [(m.value, m.start) for m in value_type(kind).find(text)] == expected
    assert [m.value for m in value_type("phone").find(text)] == ["+17025550123"]


def test_display_is_how_a_page_shows_a_value() -> None:
    assert value_type("phone").display("+17025550123") == "+1 702-555-0123"
    assert value_type("handle").display("instagram:lola_22") == "@lola_22 (instagram)"


def test_same_photo_means_near_within_the_linkers_threshold() -> None:
    a = "0" * 64
    near = f"{(1 << PhotoConfig().pdq_match) - 1:064x}"  # pdq_match bits set
    far = f"{(1 << (PhotoConfig().pdq_match + 1)) - 1:064x}"
    assert image.distance(a, near) == PhotoConfig().pdq_match
    assert TYPES["image"].same(a, near)
    assert not TYPES["image"].same(a, far)
    assert TYPES["phone"].same("+17025550123", "+17025550123")
    assert not TYPES["phone"].same("+17025550123", "+17025550124")


def test_an_unknown_type_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known types are phone, email"):
        value_type("licence_plate")
