"""Issue 17: a network's risk is never lower than its strongest reason implies, its evidence
proves its reason, and persons are counted one way."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkboard.link.summary import person_count, person_list, summarize
from linkboard.model import Breakdown, Contribution, Hit
from linkboard.network import NetworkSummary
from linkboard.persons import person_name, person_names
from linkboard.score import (
    MemberScore,
    load_taxonomy,
    minor_floor,
    network_hits,
    possible_minor,
    record_hits,
    risk,
    risk_label,
    score_network,
)
from linkboard.score.network_facts import Member, NetworkFacts
from linkboard.score.risk import FLOOR_MEMBER, FLOOR_MINOR, logit
from linkboard.web.reasons import evidence_text, reasons

from .factories import ad, mentions_from

TAXONOMY = load_taxonomy()


def scored(body: str, specs: list[dict], rid: str) -> MemberScore:
    hits = record_hits(ad(body, rid=rid), mentions_from(body, specs), TAXONOMY)
    return MemberScore(rid, risk(hits, TAXONOMY), possible_minor(hits)[1])


def under_18(rid: str) -> MemberScore:
    body = "Ask for Zoe, age 17, 24/7"
    return scored(body, [{"kind": "age", "value": "17", "text": "17"}], rid)


def plain(rid: str) -> MemberScore:
    return scored("Relaxing evening", [], rid)


def adds_up(breakdown) -> bool:
    total = breakdown.bias + sum(c.contribution for c in breakdown.contributions)
    return total == pytest.approx(logit(breakdown.risk), abs=1e-6)


# ---- 1. a possible-minor network scores at least what its reasons imply ---------------------


def test_a_possible_minor_network_scores_at_least_its_strongest_member():
    members = [under_18(f"ad-{i}") for i in range(6)] + [plain("ad-9")]
    assert members[0].breakdown.risk > 0.7
    assert members[0].possible_minor
    assert risk([], TAXONOMY).risk < 0.06  # what the network scored before: 5, green
    net = score_network("n1", [], members, TAXONOMY)
    assert net.possible_minor.startswith("record ad-0: stated age under 18")
    assert net.breakdown.risk >= max(m.breakdown.risk for m in members) - 1e-9
    assert net.breakdown.risk >= minor_floor(TAXONOMY)
    assert risk_label(net.breakdown.risk) == risk_label(members[0].breakdown.risk)
    assert adds_up(net.breakdown)
    (entry,) = [c for c in net.breakdown.contributions if c.code == FLOOR_MEMBER]
    assert entry.record_id == "ad-0"
    assert "AGE_UNDER_18" in entry.evidence[0]
    assert net.breakdown.contributions[0] is entry  # the largest reason comes first
    for b in net.members.values():
        assert adds_up(b)
    # the plain member rises with its network; nobody is lifted below where it started
    assert net.members["ad-9"].risk > 0.3
    assert all(net.members[m.record_id].risk >= m.breakdown.risk for m in members)


def test_the_possible_minor_floor_applies_without_a_strong_member():
    """Two youth signals flag a record without scoring it high: the flag's floor still holds,
    for the record and for its network."""
    body = "new to this 🍭"
    youth = scored(body, [], "ad-1")
    assert youth.possible_minor
    assert youth.breakdown.risk == pytest.approx(minor_floor(TAXONOMY))
    assert FLOOR_MINOR in {c.code for c in youth.breakdown.contributions}
    assert adds_up(youth.breakdown)
    net = score_network("n1", [], [youth, plain("ad-2")], TAXONOMY)
    assert net.breakdown.risk >= minor_floor(TAXONOMY) - 1e-9
    assert not possible_minor(record_hits(ad("new to this"), [], TAXONOMY))[0]


def test_a_network_age_under_18_floors_the_network_itself():
    hit = Hit(
        "NET_AGE_CHANGES", "network", 1.2, "Photos g1 states ages 17 to 21.", detail={"min_age": 17}
    )
    net = score_network("n1", [hit], [plain("a"), plain("b")], TAXONOMY)
    assert net.possible_minor
    assert net.breakdown.risk >= minor_floor(TAXONOMY) - 1e-9
    assert net.members["a"].risk > plain("a").breakdown.risk


def test_a_member_is_not_lifted_by_its_own_evidence():
    strong, weak = under_18("ad-1"), plain("ad-2")
    net = score_network("n1", [], [strong, weak], TAXONOMY)
    lifted = net.members["ad-1"]
    (entry,) = [c for c in lifted.contributions if c.code == "NETWORK"]
    assert entry.network_risk is not None
    assert entry.network_risk < net.breakdown.risk  # its network without its own score
    assert "without record ad-1's own evidence" in entry.evidence[0]
    assert f"risk {risk_label(entry.network_risk)} " in entry.evidence[0]
    weak_entry = net.members["ad-2"].contributions[-1]
    assert weak_entry.network_risk == net.breakdown.risk
    assert "without" not in weak_entry.evidence[0]


@given(st.lists(st.floats(0.01, 0.99), min_size=1, max_size=8), st.booleans())
def test_network_risk_is_never_below_any_member(risks, minor):
    members = []
    for i, r in enumerate(risks):
        b = risk([], TAXONOMY)
        b.risk = r
        b.contributions = [Contribution("X", "X", "record", 1.0, logit(r) - b.bias)]
        members.append(MemberScore(f"r{i}", b, "stated age under 18: x" if minor and i else ""))
    net = score_network("n", [], members, TAXONOMY)
    assert net.breakdown.risk >= max(risks) - 1e-9
    assert bool(net.possible_minor) == (minor and len(risks) > 1)
    if net.possible_minor:
        assert net.breakdown.risk >= minor_floor(TAXONOMY) - 1e-9
    assert adds_up(net.breakdown)


def test_risk_label_is_the_pages_scale():
    assert risk_label(0.9918374288468401) == "99"
    assert risk_label(0.047) == "5"
    assert risk_label(None) == "–"


# ---- 3. evidence proves its reason ----------------------------------------------------------


def test_age_change_evidence_shows_every_distinct_age_with_its_count():
    members = [
        Member(f"ad-{i}", f"2024-03-0{i + 1}T10:00", photo_groups=("g1",), ages=(17,))
        for i in range(6)
    ] + [Member("ad-7", "2024-03-09T10:00", photo_groups=("g1",), ages=(24,))]
    (hit,) = [
        h for h in network_hits(NetworkFacts("n1", tuple(members)), TAXONOMY)
        if h.code == "NET_AGE_CHANGES"
    ]  # fmt: skip
    assert hit.evidence == (
        "Photos g1 states ages 17 to 24 in 7 ads: 17 (6 ads, 2024-03-01 to 2024-03-06), "
        "24 (1 ad, 2024-03-09, ad-7)."
    )
    assert possible_minor([hit])[0]


def test_age_change_evidence_keeps_the_lowest_and_highest_of_many_ages():
    members = [
        Member(f"ad-{a}", "2024-03-01T10:00", photo_groups=("g1",), ages=(a,))
        for a in range(17, 30)
    ]
    (hit,) = [
        h for h in network_hits(NetworkFacts("n1", tuple(members)), TAXONOMY)
        if h.code == "NET_AGE_CHANGES"
    ]  # fmt: skip
    assert "ages 17 to 29 in 13 ads: 17 (" in hit.evidence
    assert "29 (1 ad" in hit.evidence
    assert "and 7 other ages" in hit.evidence


def test_reason_evidence_is_never_cut_mid_sentence():
    sentences = [
        f"Phone +1702555010{i} has an area code in NV but was advertised in Houston, TX, US "
        f"on 2024-03-0{i + 1}, about 2,000 km away."
        for i in range(8)
    ]
    text = evidence_text(sentences)
    shown, _, more = text.rpartition(" (and ")
    assert more.endswith(" more)")
    assert int(more.split()[0]) == 8 - len(shown.split("; "))
    assert all(piece in sentences for piece in shown.split("; "))
    far = Contribution("NET_AREA_CODE_FAR", "", "network", 1.0, 1.0, tuple(sentences))
    (reason,) = reasons(Breakdown(0.5, -3.0, [far]))
    assert reason.evidence == text
    long = "x" * 900 + " away."
    assert evidence_text([long]) == long  # the first piece always whole


# ---- 4. persons: one definition ------------------------------------------------------------


def test_person_names_fold_case_accents_spacing_and_edge_punctuation():
    assert person_name("  Mía ") == person_name("MIA") == person_name("mia.") == "mia"
    assert person_names(["Lola", "lola", "Zoé", "zoe", "Mia  Rose", "mia rose", ""]) == [
        "lola",
        "mia rose",
        "zoe",
    ]


def test_card_cli_and_reasons_count_persons_alike():
    names = {"a": {"Lola"}, "b": {"LOLA", "Mía"}, "c": {"mia", "Zoe"}}
    members = sorted(names)
    summary = summarize(members, {}, {"name": names}, [])
    assert summary.persons.aliases == ("lola", "mia", "zoe")
    assert person_count(summary) == summary.persons.count == 3
    assert person_list(summary) == ["lola", "mia", "zoe"]
    phone = "+17025550101"
    facts = NetworkFacts(
        "n1",
        tuple(
            Member(r, f"2024-03-0{i + 1}T10:00", phones=(phone,), names=tuple(sorted(names[r])))
            for i, r in enumerate(members)
        ),
    )
    (hit,) = [h for h in network_hits(facts, TAXONOMY) if h.code == "NET_PERSONS_PER_PHONE"]
    assert len(hit.detail["names"]) == person_count(summary)
    assert "and 3 names (lola, mia, zoe)" in hit.evidence


def test_person_count_reads_older_summaries():
    def stored(data: dict[str, Any]) -> NetworkSummary:
        return NetworkSummary.from_dict(data)

    assert person_count(stored({"persons": {"aliases": ["Mia", "mia"], "photo_groups": 2}})) == 1
    assert person_list(stored({"persons": {"aliases": ["Mia", "mia"]}})) == ["mia"]
    assert person_count(stored({"persons": ["Mia", "MIA ", "Zoe"]})) == 2
    assert person_count(stored({"persons": 3})) == 3
    assert person_list(stored({"persons": 3})) == []
    assert person_count(stored({"persons": True})) == 0
    assert person_count(stored({})) == 0
