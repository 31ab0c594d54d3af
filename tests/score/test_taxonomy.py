"""Loading the default taxonomy and merging an analyst's files over it."""

from __future__ import annotations

import pytest

from linkboard.score import TaxonomyError, load_taxonomy, record_hits

from .factories import ad


def test_default_taxonomy_is_complete():
    t = load_taxonomy()
    assert t.version
    assert t.bias < 0
    assert 0 < t.network_lift <= 1
    assert len({i.code for i in t.indicators}) == len(t.indicators)
    for i in t.indicators:
        assert i.name
        assert i.meaning
        assert i.reference
        assert i.category
        assert i.level in ("record", "network")
        assert i.weight >= 0
    families = {i.category for i in t.indicators}
    assert {"movement", "third_party", "youth", "control", "availability", "money"} <= families


def test_user_file_overrides_weights_adds_and_disables(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text(
        "version: team-a\n"
        "bias: -2.5\n"
        "indicators:\n"
        "  - {code: MOVE_NEW_IN_TOWN, weight: 2.0}\n"
        "  - {code: CONTROL_CASH_ONLY, enabled: false}\n"
        "  - code: X_DEPOSIT\n"
        "    name: Deposit first\n"
        "    meaning: Asks for a deposit before meeting.\n"
        "    level: record\n"
        "    category: money\n"
        "    weight: 0.5\n"
        "    phrases: [(deposit|prepay) first]\n"
        "    reference: team A practice\n"
    )
    t = load_taxonomy([user])
    assert t.version == "2024.1+team-a"
    assert t.bias == -2.5
    assert t["MOVE_NEW_IN_TOWN"].weight == 2.0
    assert t["MOVE_NEW_IN_TOWN"].name == "New in town"  # untouched fields kept
    hits = record_hits(ad("new in town, cash only, deposit first"), [], t)
    assert {h.code for h in hits} == {"MOVE_NEW_IN_TOWN", "X_DEPOSIT"}


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{code: X_NEW, weight: 1}", "lacks"),
        ("{code: lower, weight: 1}", "valid UPPER_CASE code"),
        ("{code: MOVE_NEW_IN_TOWN, weight: -1}", "non-negative"),
        ("{code: MOVE_NEW_IN_TOWN, not: ['(']}", "bad regex"),
        ("{code: MOVE_NEW_IN_TOWN, level: sideways}", "level"),
        ("{code: AGE_UNDER_18, rule: no_such_rule}", "unknown record rule"),
    ],
)
def test_bad_user_files_say_what_is_wrong(tmp_path, entry, message):
    user = tmp_path / "bad.yaml"
    user.write_text(f"indicators:\n  - {entry}\n")
    with pytest.raises(TaxonomyError, match=message):
        load_taxonomy([user])


def test_unreadable_file(tmp_path):
    with pytest.raises(TaxonomyError, match="cannot read"):
        load_taxonomy([tmp_path / "missing.yaml"])
