"""Mentions carry a role, and identifier linking reads it: only identifiers that records hold as
their own (``self``) merge them into one network; a counterparty's never does."""

from __future__ import annotations

import pytest

from linkboard.link import LinkConfig, update
from linkboard.model import ROLES, Mention
from tests.link.builders import add, network

PHONE = ("phone", "+17135550101")
TEXT = "713-555-0101"
IDENT_ONLY = LinkConfig(kinds=("identifier",))


def _pair(store, second_role: str) -> None:
    add(store, "a", f"Lola here, call {TEXT}", {TEXT: PHONE}, posted="2024-02-01T10:00:00")
    add(
        store,
        "b",
        f"paid {TEXT} for the room",
        {TEXT: PHONE},
        posted="2024-02-02T10:00:00",
        roles={TEXT: second_role},
    )


def test_records_sharing_a_self_phone_link(store):
    _pair(store, "self")
    report = update(store, ["a", "b"], IDENT_ONLY)
    assert report.links == {"identifier": 1}
    assert [(lk.a, lk.b) for lk in store.links_of(["a", "b"])] == [("a", "b")]
    assert network(store, "a") is not None
    assert network(store, "a") == network(store, "b")


@pytest.mark.parametrize("role", [r for r in ROLES if r != "self"])
def test_a_phone_held_in_another_role_never_merges(store, role):
    _pair(store, role)
    report = update(store, ["a", "b"], IDENT_ONLY)
    assert not report.links.get("identifier")
    assert store.links_of(["a", "b"]) == []
    assert network(store, "a") is None or network(store, "a") != network(store, "b")


def test_a_counterparty_stored_earlier_is_no_anchor(store):
    """The stored holders that a later increment links to are the ``self`` ones only."""
    add(
        store,
        "p",
        f"paid {TEXT}",
        {TEXT: PHONE},
        posted="2024-01-01T10:00:00",
        roles={TEXT: "counterparty"},
    )
    add(store, "a", f"call {TEXT}", {TEXT: PHONE}, posted="2024-01-02T10:00:00")
    update(store, ["p", "a"], IDENT_ONLY)
    add(store, "c", f"text {TEXT}", {TEXT: PHONE}, posted="2024-01-03T10:00:00")
    update(store, ["c"], IDENT_ONLY)
    assert {(lk.a, lk.b) for lk in store.links_of(["p", "a", "c"])} == {("a", "c")}
    assert network(store, "a") == network(store, "c")
    assert network(store, "p") is None or network(store, "p") != network(store, "a")


def test_the_store_keeps_the_role(store):
    _pair(store, "counterparty")
    assert [m.role for m in store.mentions("a")] == ["self"]
    assert [m.role for m in store.mentions("b")] == ["counterparty"]
    assert [m.role for m in store.mentions_of(["b"])["b"]] == ["counterparty"]
    assert store.mentions("b")[0].identifier == "phone:+17135550101"


def test_a_mention_is_its_records_own_unless_told():
    m = Mention("phone", "+17135550101", TEXT, 0, len(TEXT), "test")
    assert m.role == "self"
    assert ROLES[0] == "self"
