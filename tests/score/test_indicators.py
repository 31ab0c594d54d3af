"""Every record-level indicator fires on its examples and not on its near misses (examples live in
the YAML); every network rule fires on a small hand-built network and not on a near miss."""

from __future__ import annotations

from typing import Any

import pytest

from linkboard.score import load_taxonomy, network_hits, record_hits
from linkboard.score.network_facts import Member, NetworkFacts

from .factories import ad, market_for, mentions_from

TAXONOMY = load_taxonomy()
RECORD = [i for i in TAXONOMY.indicators if i.level == "record"]
NETWORK = [i for i in TAXONOMY.indicators if i.level == "network"]


def _cases(kind: str) -> list[Any]:
    return [
        pytest.param(ind.code, ex, id=f"{ind.code}-{n}")
        for ind in RECORD
        for n, ex in enumerate(ind.examples.get(kind, ()))
    ]


def _fired(example: Any) -> set[str]:
    spec = example if isinstance(example, dict) else {"text": example}
    record = ad(spec["text"])
    mentions = mentions_from(spec["text"], spec.get("mentions", []))
    market = market_for(spec["market"]) if "market" in spec else None
    return {h.code for h in record_hits(record, mentions, TAXONOMY, market=market)}


@pytest.mark.parametrize("ind", RECORD, ids=lambda i: i.code)
def test_every_record_indicator_has_examples(ind):
    assert ind.examples.get("fires"), f"{ind.code} has no `fires` example"
    assert ind.examples.get("near_miss"), f"{ind.code} has no `near_miss` example"


@pytest.mark.parametrize(("code", "example"), _cases("fires"))
def test_fires(code, example):
    assert code in _fired(example)


@pytest.mark.parametrize(("code", "example"), _cases("near_miss"))
def test_near_miss(code, example):
    assert code not in _fired(example)


def test_hits_quote_the_original_span():
    record = ad("Hi! NEW  in-Town this week, ask for the Manager.")
    hits = record_hits(record, [], TAXONOMY)
    by_code = {h.code: h for h in hits}
    for h in hits:
        assert h.evidence == f'"{record.body[h.start : h.end]}"'
        assert h.field == "body"
        assert h.level == "record"
    assert record.body[by_code["MOVE_NEW_IN_TOWN"].start :].startswith("NEW  in-Town")
    assert by_code["THIRD_PARTY_CONTACT"].evidence == '"ask for the Manager"'


def test_title_is_read_too():
    hits = record_hits(ad("hello", title="Just arrived"), [], TAXONOMY)
    assert [(h.code, h.field) for h in hits] == [("MOVE_NEW_IN_TOWN", "title")]


def test_24_7_from_text_and_time_mention_counts_once_per_span():
    body = "available 24/7"
    mentions = mentions_from(body, [{"kind": "time", "value": "24/7", "text": "24/7"}])
    hits = [h for h in record_hits(ad(body), mentions, TAXONOMY) if h.code == "AVAIL_24_7"]
    assert len(hits) == 1


def test_coded_term_hit_names_its_documented_meaning():
    hits = record_hits(ad("so sweet 🍭"), [], TAXONOMY)
    assert hits[0].code == "YOUTH_CODED_TERM"
    assert hits[0].detail["term"] == "🍭"
    assert "youth" in hits[0].detail["meaning"]


def test_price_rule_cites_price_and_median_and_needs_enough_ads():
    body = "60/hr in Houston"
    specs = [
        {
            "kind": "price",
            "value": "60 USD/60min",
            "text": "60/hr",
            "data": {"amount": 60, "currency": "USD", "minutes": 60},
        },
        {"kind": "location", "value": "Houston, TX, US", "text": "Houston"},
    ]
    mentions = mentions_from(body, specs)
    hits = record_hits(ad(body), mentions, TAXONOMY, market=market_for({"Houston, TX, US": 200}))
    (hit,) = [h for h in hits if h.code == "PRICE_BELOW_MARKET"]
    assert "60 USD/hour" in hit.evidence
    assert "200 USD/hour" in hit.evidence
    assert hit.detail["median"] == 200
    assert hit.detail["n"] == 30
    thin = market_for({"Houston, TX, US": 200}, n=9)
    assert "PRICE_BELOW_MARKET" not in {
        h.code for h in record_hits(ad(body), mentions, TAXONOMY, market=thin)
    }
    assert "PRICE_BELOW_MARKET" not in {h.code for h in record_hits(ad(body), mentions, TAXONOMY)}


# ---- network rules -------------------------------------------------------------------------


def m(rid: str, when: str, city: str = "Houston, TX, US", **kw: Any) -> Member:
    return Member(record_id=rid, posted_at=when, city=city, **kw)


P1, P2, P3 = "+17135550101", "+17135550102", "+17135550103"

#: code -> (network that fires, near-miss network that does not)
NETWORK_CASES: dict[str, tuple[list[Member], list[Member]]] = {
    "NET_PERSONS_PER_PHONE": (
        [
            m("a", "2024-03-01T10:00", phones=(P1,), photo_groups=("g1",)),
            m("b", "2024-03-02T10:00", phones=(P1,), photo_groups=("g2",)),
        ],
        [
            m("a", "2024-03-01T10:00", phones=(P1,), photo_groups=("g1",), names=("lola",)),
            m("b", "2024-03-02T10:00", phones=(P1,), photo_groups=("g1",), names=("mia",)),
        ],
    ),
    "NET_FAST_MOVEMENT": (
        [
            m("a", "2024-03-01T10:00", "Houston, TX, US", phones=(P1,)),
            m("b", "2024-03-04T10:00", "Dallas, TX, US", phones=(P1,)),
            m("c", "2024-03-08T10:00", "Austin, TX, US", phones=(P1,)),
        ],
        [
            m("a", "2024-03-01T10:00", "Houston, TX, US", phones=(P1,)),
            m("b", "2024-03-04T10:00", "Dallas, TX, US", phones=(P1,)),
            m("c", "2024-04-20T10:00", "Austin, TX, US", phones=(P1,)),
        ],
    ),
    "NET_TEMPLATE_PERSONS": (
        [
            m(r, "2024-03-01T10:00", template="t1", photo_groups=(g,))
            for r, g in zip("abc", ["g1", "g2", "g3"], strict=True)
        ],
        [m(r, "2024-03-01T10:00", template="t1", photo_groups=("g1",)) for r in "abc"],
    ),
    "NET_AREA_CODE_FAR": (
        [
            m(
                "a",
                "2024-03-01T10:00",
                "Houston, TX, US",
                phones=("+17025550123",),
                phone_regions={"+17025550123": "NV"},
            )
        ],
        [
            m(
                "a",
                "2024-03-01T10:00",
                "Houston, TX, US",
                phones=("+15045550123",),
                phone_regions={"+15045550123": "LA"},
                lat_lon=(29.76, -95.37),
            )
        ],
    ),
    "NET_PHONE_ROTATION": (
        [
            m(r, f"2024-03-0{i + 1}T10:00", phones=(p,), photo_groups=("g1",))
            for i, (r, p) in enumerate(zip("abc", [P1, P2, P3], strict=True))
        ],
        [
            m(r, f"2024-03-0{i + 1}T10:00", phones=(p,), photo_groups=("g1",))
            for i, (r, p) in enumerate(zip("abc", [P1, P2, P2], strict=True))
        ],
    ),
    "NET_HIGH_VOLUME": (
        [m(f"r{i}", f"2024-03-01T{i:02d}:30") for i in range(10)],
        [m(f"r{i}", f"2024-03-{i + 1:02d}T10:30") for i in range(10)],
    ),
    "NET_ROUND_THE_CLOCK": (
        [m(f"r{h}", f"2024-03-{h % 5 + 1:02d}T{h:02d}:15") for h in range(18)],
        [m(f"r{h}", f"2024-03-{h % 5 + 1:02d}T{9 + h % 8:02d}:15") for h in range(18)],
    ),
    "NET_AGE_CHANGES": (
        [
            m("a", "2024-03-01T10:00", photo_groups=("g1",), ages=(19,)),
            m("b", "2024-03-05T10:00", photo_groups=("g1",), ages=(23,)),
        ],
        [
            m("a", "2024-03-01T10:00", photo_groups=("g1",), ages=(22,)),
            m("b", "2024-03-05T10:00", photo_groups=("g1",), ages=(23,)),
            m("c", "2024-03-05T10:00", photo_groups=("g2",), ages=(30,)),
        ],
    ),
}


@pytest.mark.parametrize("ind", NETWORK, ids=lambda i: i.code)
def test_every_network_indicator_has_a_case(ind):
    assert ind.code in NETWORK_CASES


@pytest.mark.parametrize("code", sorted(NETWORK_CASES))
def test_network_rule_fires(code):
    fires, _ = NETWORK_CASES[code]
    hits = [h for h in network_hits(NetworkFacts("n1", tuple(fires)), TAXONOMY) if h.code == code]
    assert hits, code
    for h in hits:
        assert h.level == "network"
        assert h.detail["network"] == "n1"
        assert h.evidence.endswith(".")
        assert len(h.evidence) > 20


@pytest.mark.parametrize("code", sorted(NETWORK_CASES))
def test_network_rule_near_miss(code):
    _, near = NETWORK_CASES[code]
    assert code not in {h.code for h in network_hits(NetworkFacts("n1", tuple(near)), TAXONOMY)}


def test_fast_movement_evidence_names_phone_cities_and_dates():
    fires, _ = NETWORK_CASES["NET_FAST_MOVEMENT"]
    (hit,) = [
        h
        for h in network_hits(NetworkFacts("n1", tuple(fires)), TAXONOMY)
        if h.code == "NET_FAST_MOVEMENT"
    ]
    assert P1 in hit.evidence
    assert "7 days" in hit.evidence
    for city, day in [
        ("Houston, TX, US", "2024-03-01"),
        ("Dallas, TX, US", "2024-03-04"),
        ("Austin, TX, US", "2024-03-08"),
    ]:
        assert f"{city} ({day})" in hit.evidence
    assert [c["city"] for c in hit.detail["cities"]] == [
        "Houston, TX, US",
        "Dallas, TX, US",
        "Austin, TX, US",
    ]


def test_fast_movement_counts_cities_not_posts():
    members = [
        m(
            f"r{i}",
            f"2024-03-0{i + 1}T10:00",
            ["Houston, TX, US", "Dallas, TX, US"][i % 2],
            phones=(P1,),
        )
        for i in range(6)
    ]
    assert not network_hits(NetworkFacts("n1", tuple(members)), TAXONOMY)


def test_area_code_evidence_says_how_far():
    fires, _ = NETWORK_CASES["NET_AREA_CODE_FAR"]
    (hit,) = network_hits(NetworkFacts("n1", tuple(fires)), TAXONOMY)
    assert "NV" in hit.evidence
    assert "Houston, TX, US" in hit.evidence
    assert "2024-03-01" in hit.evidence
    assert 1500 < hit.detail["km"] < 2500


def test_persons_per_phone_counts_names_too():
    members = [
        m(r, "2024-03-01T10:00", phones=(P1,), names=(n,))
        for r, n in zip("abc", ["lola", "mia", "jade"], strict=True)
    ]
    (hit,) = network_hits(NetworkFacts("n1", tuple(members)), TAXONOMY)
    assert hit.code == "NET_PERSONS_PER_PHONE"
    assert "jade, lola, mia" in hit.evidence


def test_member_from_mentions_reads_phones_regions_names_ages_city():
    from linkboard.score import member_from_mentions

    body = "Lola, 24, call 702-555-0123 in Houston"
    ms = mentions_from(
        body,
        [
            {"kind": "name", "value": "lola", "text": "Lola"},
            {"kind": "age", "value": "24", "text": "24"},
            {
                "kind": "phone",
                "value": "+17025550123",
                "text": "702-555-0123",
                "data": {"region": {"country": "US", "region": "NV", "place": "Nevada"}},
            },
            {
                "kind": "location",
                "value": "Houston, TX, US",
                "text": "Houston",
                "data": {"lat": 29.76, "lon": -95.37},
            },
        ],
    )
    member = member_from_mentions(ad(body, rid="r9"), ms, photo_groups=["g1"], template="t1")
    assert member.record_id == "r9"
    assert member.phones == ("+17025550123",)
    assert member.phone_regions == {"+17025550123": "NV"}
    assert member.names == ("lola",)
    assert member.ages == (24,)
    assert member.city == "Houston, TX, US"
    assert member.lat_lon == (29.76, -95.37)
    assert member.photo_groups == ("g1",)
    assert member.template == "t1"
    assert member.person == "photos g1"
