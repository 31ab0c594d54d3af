"""The risk score: bounds, monotonicity, decomposition, network lift, possible-minor flag."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkboard.model import Breakdown, Contribution, Hit, Span
from linkboard.score import explain, lift, load_taxonomy, possible_minor, record_hits, risk
from linkboard.score.risk import logit
from linkboard.score.taxonomy import with_weights

from .factories import ad, mentions_from

TAXONOMY = load_taxonomy()
CODES = [i.code for i in TAXONOMY.indicators]


def hit(code: str, evidence: str = '"x"', **detail) -> Hit:
    level = TAXONOMY[code].level
    return Hit(
        code,
        level,
        TAXONOMY[code].weight,
        evidence,
        "body" if level == "record" else "",
        0 if level == "record" else -1,
        1 if level == "record" else -1,
        detail,
    )


hits_st = st.lists(st.sampled_from(CODES), max_size=30).map(lambda cs: [hit(c) for c in cs])
weights_st = st.dictionaries(st.sampled_from(CODES), st.floats(0, 6), max_size=len(CODES))


@given(hits_st, st.sampled_from(CODES), weights_st, st.floats(-6, 2))
def test_adding_a_hit_never_lowers_the_risk(hits, extra, weights, bias):
    t = with_weights(TAXONOMY, weights, bias)
    assert risk([*hits, hit(extra)], t).risk >= risk(hits, t).risk


@given(hits_st, weights_st, st.floats(-6, 2))
def test_bounds_and_decomposition(hits, weights, bias):
    t = with_weights(TAXONOMY, weights, bias)
    b = risk(hits, t)
    assert 0.0 < b.risk <= 1.0
    assert b.bias == bias
    total = b.bias + sum(c.contribution for c in b.contributions)
    assert total == pytest.approx(
        math.log(b.risk / (1 - b.risk)) if b.risk < 1 - 1e-9 else total, abs=1e-6
    )
    assert len({c.code for c in b.contributions}) == len(b.contributions)  # each code once


def _stored(breakdown: Breakdown) -> str:
    """The text the store writes (store.sqlite_rows.dump)."""
    return json.dumps(
        breakdown.as_dict(), ensure_ascii=False, separators=(",", ":"), sort_keys=True
    )


@given(hits_st)
def test_a_breakdown_reads_back_from_the_json_the_store_keeps(hits):
    b = risk(hits, TAXONOMY)
    lifted = lift(b, risk(hits[:2], TAXONOMY), "n1", strength=0.5)
    for breakdown in (b, lifted):
        text = _stored(breakdown)
        assert Breakdown.from_json(text) == breakdown
        assert _stored(Breakdown.from_json(text)) == text
        # its keys come in the order the store writes them: read back or just made, one text
        assert json.dumps(breakdown.as_dict()) == json.dumps(json.loads(text))


def test_contributions_keep_the_keys_each_kind_of_entry_stored():
    record = Contribution("A", "A", "record", 1.0, 1.0, ("q",), (Span("body", 0, 1),))
    network = Contribution("N", "N", "network", 1.0, 1.0, ("s",), None, ({"ids": ["x"]},))
    lifted = Contribution(
        "NETWORK", "Network risk", "network", 0.5, 0.2, ("e",), network="n1", network_risk=0.7
    )
    member = Contribution(
        "STRONGEST_MEMBER", "Strongest member", "network", 0.0, 0.3, ("e",),
        detail=({"record_id": "r1"},), record_id="r1", member_risk=0.8,
    )  # fmt: skip
    common = {"code", "name", "level", "weight", "contribution", "evidence"}
    assert set(record.as_dict()) == common | {"spans"}
    assert record.as_dict()["spans"] == [{"field": "body", "start": 0, "end": 1}]
    assert set(network.as_dict()) == common | {"detail"}
    assert set(lifted.as_dict()) == common | {"network", "network_risk"}
    assert set(member.as_dict()) == common | {"detail", "record_id", "member_risk"}
    for c in (record, network, lifted, member):
        assert Contribution.from_dict(c.as_dict()) == c


def test_a_breakdown_older_versions_wrote_reads_what_it_holds():
    old = Breakdown.from_json(
        '{"risk": 0.4, "contributions": [{"code": "X", "contribution": 1, "evidence": "quoted"},'
        ' {"code": "Y"}, "not an entry"]}'
    )
    assert (old.risk, old.bias, old.version) == (0.4, 0.0, "")
    x, y = old.contributions
    assert x == Contribution("X", "", "", 0.0, 1, ("quoted",))
    assert y == Contribution("Y", "", "", 0.0, 0.0)
    with pytest.raises(ValueError, match="a breakdown is a JSON object, not list"):
        Breakdown.from_json("[1, 2]")


def test_no_hits_gives_the_baseline():
    b = risk([], TAXONOMY)
    assert b.risk == pytest.approx(1 / (1 + math.exp(3.0)))
    assert b.contributions == []


def test_contribution_lists_code_name_weight_and_all_evidence():
    b = risk(
        [hit("MOVE_NEW_IN_TOWN", '"new in town"'), hit("MOVE_NEW_IN_TOWN", '"just arrived"')],
        TAXONOMY,
    )
    (c,) = b.contributions
    assert c.code == "MOVE_NEW_IN_TOWN"
    assert c.name == "New in town"
    assert c.weight == c.contribution == TAXONOMY["MOVE_NEW_IN_TOWN"].weight
    assert c.evidence == ('"new in town"', '"just arrived"')
    assert c.spans is not None
    assert c.spans[0] == Span("body", 0, 1)


def test_taxonomy_weight_is_used_and_unknown_or_disabled_codes_add_nothing():
    t = with_weights(TAXONOMY, {"MOVE_NEW_IN_TOWN": 2.0}, TAXONOMY.bias)
    assert risk([hit("MOVE_NEW_IN_TOWN")], t).contributions[0].contribution == 2.0
    stranger = Hit("NOT_A_CODE", "record", 9.0, "x")
    assert risk([stranger], TAXONOMY).risk == risk([], TAXONOMY).risk


@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1))
def test_lift_raises_and_decomposes(r_logit_share, n, lam):
    record = risk([hit("MOVE_NEW_IN_TOWN")] if r_logit_share > 0.5 else [], TAXONOMY)
    network = risk([hit("NET_FAST_MOVEMENT")], TAXONOMY)
    network.risk = n
    lifted = lift(record, network, "n7", strength=lam)
    assert lifted.risk >= record.risk - 1e-12
    assert lifted.risk == pytest.approx(1 - (1 - record.risk) * (1 - lam * n), abs=1e-8)
    entry = lifted.contributions[-1]
    assert entry.code == "NETWORK"
    assert entry.network == "n7"
    assert entry.network_risk == n
    total = lifted.bias + sum(c.contribution for c in lifted.contributions)
    assert total == pytest.approx(logit(lifted.risk), abs=1e-6)


def test_lifting_twice_replaces_the_network_entry():
    record = risk([hit("MOVE_NEW_IN_TOWN")], TAXONOMY)
    network = risk([hit("NET_FAST_MOVEMENT"), hit("NET_PERSONS_PER_PHONE")], TAXONOMY)
    once = lift(record, network, "n1")
    twice = lift(once, network, "n1")
    assert twice.risk == pytest.approx(once.risk)
    assert [c.code for c in twice.contributions].count("NETWORK") == 1


def test_possible_minor_rules():
    body = "age 17"
    ms = mentions_from(body, [{"kind": "age", "value": "17", "text": "17"}])
    flag, reason = possible_minor(record_hits(ad(body), ms, TAXONOMY))
    assert flag
    assert "17" in reason
    assert possible_minor(record_hits(ad("new to this 🍭"), [], TAXONOMY))[0]
    assert possible_minor(record_hits(ad("🍒 and 🍭"), [], TAXONOMY))[0]
    assert not possible_minor(record_hits(ad("new to this, new to the game"), [], TAXONOMY))[0]
    assert not possible_minor(record_hits(ad("fresh face, fresh faced"), [], TAXONOMY))[0]
    assert not possible_minor(record_hits(ad("new in town"), [], TAXONOMY))[0]
    net = Hit(
        "NET_AGE_CHANGES", "network", 1.2, "Photos g1 states ages 17, 21.", detail={"min_age": 17}
    )
    assert possible_minor([net])[0]
    assert not possible_minor(
        [Hit("NET_AGE_CHANGES", "network", 1.2, "x", detail={"min_age": 20})]
    )[0]


def test_explain_renders_each_reason_with_its_quote():
    record = ad("New in town! ask for the manager")
    b = lift(
        risk(record_hits(record, [], TAXONOMY), TAXONOMY),
        risk([hit("NET_FAST_MOVEMENT", "Phone +1 was advertised in 3 cities.")], TAXONOMY),
        "n1",
    )
    text = explain(b)
    assert text.splitlines()[0].startswith(f"risk {b.risk * 100:.0f} of 100")
    assert "THIRD_PARTY_CONTACT" in text
    assert '"ask for the manager"' in text
    assert "[body 13:32]" in text
    assert "NETWORK" in text
    assert "network n1" in text
    assert "no indicator fired" in explain(risk([], TAXONOMY))
