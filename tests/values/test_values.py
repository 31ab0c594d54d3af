"""Value types: what an analyst types becomes the identifiers the store holds, and a stored
identifier reads back the way a page shows it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkboard.values import Identifier, NotAnIdentifier, display, from_typed, handle, payment


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("(702) 555-0123", "phone:+17025550123"),
        ("702.555.0123", "phone:+17025550123"),
        ("+1 702 555 0123", "phone:+17025550123"),
        ("phone: 702 555 0123", "phone:+17025550123"),
        ("Jade.R@Gmail.com", "email:jade.r@gmail.com"),
        ("ig:Lola_22", "handle:instagram:lola_22"),
        ("instagram:@lola_22", "handle:instagram:lola_22"),
        ("handle:snap:Lola_22", "handle:snapchat:lola_22"),
        ("x:bob", "handle:twitter:bob"),
        ("wa:702-555-0123", "handle:whatsapp:+17025550123"),
        ("@Lola_22", "handle:*:lola_22"),
        ("$CashQueen", "payment:cashapp:cashqueen"),
        ("venmo:@Bob", "payment:venmo:bob"),
        ("zelle:(702) 555-0123", "payment:zelle:+17025550123"),
        ("zelle:Jade@Mail.com", "payment:zelle:jade@mail.com"),
        ("payment:giftcard:amazon", "payment:giftcard:amazon"),
        (
            "eth:0xAbC0000000000000000000000000000000000000",
            "crypto:eth:0xabc0000000000000000000000000000000000000",
        ),
        ("image:" + "Ab" * 32, "image:" + "ab" * 32),
    ],
)
def test_typed_identifiers_clean_to_what_the_store_writes(typed: str, label: str) -> None:
    found = from_typed(typed)
    assert found is not None
    assert found.label == label


def test_a_bare_handle_means_that_handle_on_every_platform() -> None:
    found = from_typed("@lola_22")
    assert found is not None
    assert Identifier("handle", "instagram:lola_22") in found.identifiers
    assert len(found.identifiers) == len(handle.platforms())


@pytest.mark.parametrize(
    "typed", ["hello world", "2024", "lola", "", "foo:bar", "phone:jade@mail.com", "image:abc"]
)
def test_text_is_not_an_identifier(typed: str) -> None:
    assert from_typed(typed) is None


def test_platforms_and_their_short_labels_come_from_the_extractors_list() -> None:
    assert "instagram" in handle.platforms()
    assert handle.platform("IG") == "instagram"
    assert handle.platform("snap") == "snapchat"
    assert handle.platform("myspace") is None
    assert "giftcard" in payment.services()
    assert "cashapp" in payment.services()


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("phone:+17025550123", "+1 702-555-0123"),
        ("phone:+442079460123", "+44 20 7946 0123"),
        ("handle:instagram:lola_22", "@lola_22 (instagram)"),
        ("payment:cashapp:queen", "$queen (cashapp)"),
        ("payment:zelle:+17025550123", "+1 702-555-0123 (zelle)"),
        ("crypto:btc:bc1qxyz", "BTC bc1qxyz"),
        ("email:jade@mail.com", "jade@mail.com"),
    ],
)
def test_stored_identifiers_display_as_an_analyst_reads_them(stored: str, shown: str) -> None:
    assert display(Identifier.parse(stored)) == shown


def test_an_identifier_parses_once_and_knows_its_parts() -> None:
    ident = Identifier.parse("handle:instagram:lola_22")
    assert (ident.kind, ident.value) == ("handle", "instagram:lola_22")
    assert (ident.namespace, ident.name) == ("instagram", "lola_22")
    phone = Identifier.parse("phone:+17025550123")
    assert (phone.namespace, phone.name) == ("", "+17025550123")
    assert str(ident) == "handle:instagram:lola_22"
    for bad in ("phone", ":x", "phone:", ""):
        with pytest.raises(NotAnIdentifier):
            Identifier.parse(bad)


@given(st.text(max_size=80))
def test_whatever_is_typed_is_an_identifier_that_round_trips_or_text(typed: str) -> None:
    found = from_typed(typed)
    if found is not None:
        for ident in found.identifiers:
            assert Identifier.parse(str(ident)) == ident
            assert display(ident)
