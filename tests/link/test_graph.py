from __future__ import annotations

from linkboard.link import LinkConfig, TextConfig
from linkboard.link.graph import confirmation_keys, joining_links
from linkboard.link.templates import families

HARD = [("a1", "a2", "identifier", True, 1.0), ("b1", "b2", "identifier", True, 1.0)]
WEAK = [("a1", "b1", "text", False, 0.6), ("a2", "b2", "text", False, 0.65)]


def _sizes(links, config, confirm=None, ids=("a1", "a2", "b1", "b2"), signals=None):
    groups, joined = joining_links(list(ids), links, config, confirm or {}, signals)
    return sorted(len(g) for g in groups), joined


def test_weak_text_links_do_not_join_by_default():
    sizes, joined = _sizes(HARD + WEAK, LinkConfig())
    assert sizes == [2, 2]
    assert len(joined) == 2


def test_strong_text_link_joins_a_record_to_a_group():
    sizes, _ = _sizes(
        [HARD[0], ("a1", "c1", "text", False, 0.85)], LinkConfig(), ids=("a1", "a2", "c1")
    )
    assert sizes == [3]


def test_strong_text_never_merges_two_groups_with_their_own_identities():
    """Two operations that copied one template: each holds its own phone; text is a lead."""
    sizes, joined = _sizes([*HARD, ("a1", "b1", "text", False, 0.95)], LinkConfig())
    assert sizes == [2, 2]
    assert all(lk[2] != "text" for lk in joined)


def test_text_only_record_attaches_only_when_it_points_to_one_group():
    ids = ("a1", "a2", "b1", "b2", "x", "y")
    one = [*HARD, ("a1", "x", "text", False, 0.9)]
    assert _sizes(one, LinkConfig(), ids=ids)[0] == [1, 2, 3]
    both = [*one, ("b1", "x", "text", False, 0.9)]
    assert _sizes(both, LinkConfig(), ids=ids)[0] == [1, 1, 2, 2]
    # a chain of reposts follows the group its first record attached to
    chain = [*one, ("x", "y", "text", False, 0.9)]
    assert _sizes(chain, LinkConfig(), ids=ids)[0] == [2, 4]


def test_a_second_signal_decides_between_groups():
    ids = ("a1", "a2", "b1", "b2", "x")
    links = [*HARD, ("a1", "x", "text", False, 0.9), ("b1", "x", "text", False, 0.9)]
    names = {"a2": {"name:lola"}, "b2": {"name:mia"}, "x": {"name:mia"}}

    def signals(rids):
        return {r: names[r] for r in rids if r in names}

    groups, _ = joining_links(list(ids), links, LinkConfig(), {}, signals)
    assert {"b1", "b2", "x"} in groups
    assert {"a1", "a2"} in groups
    # a clear margin in similarity decides too
    margin = [*HARD, ("a1", "x", "text", False, 0.95), ("b1", "x", "text", False, 0.81)]
    groups, _ = joining_links(list(ids), margin, LinkConfig(), {})
    assert {"a1", "a2", "x"} in groups


def test_records_that_reach_no_group_join_each_other():
    ids = ("a1", "a2", "b1", "b2", "x", "y", "z")
    links = [*HARD, ("x", "y", "text", False, 0.9), ("y", "z", "text", False, 0.85)]
    assert _sizes(links, LinkConfig(), ids=ids)[0] == [2, 2, 3]


def test_area_code_when_configured():
    area = {"a1": {"area:+1713"}, "b1": {"area:+1713"}}
    confirm = LinkConfig(text=TextConfig(confirm_by_area_code=True))
    assert _sizes(HARD + WEAK[:1], confirm, area)[0] == [4]


def test_weak_text_link_joins_when_both_ads_name_the_same_person_in_the_same_city():
    config = LinkConfig()
    names = {"a1": {"lola"}, "b1": {"lola", "mia"}}
    same = confirmation_keys(config, names, {"a1": "Houston", "b1": "Houston"}, {})
    assert _sizes(HARD + WEAK[:1], config, same)[0] == [4]
    moved = confirmation_keys(config, names, {"a1": "Houston", "b1": "Dallas"}, {})
    assert _sizes(HARD + WEAK[:1], config, moved)[0] == [2, 2]
    other = confirmation_keys(config, {"a1": {"lola"}, "b1": {"mia"}}, {"a1": "X", "b1": "X"}, {})
    assert _sizes(HARD + WEAK[:1], config, other)[0] == [2, 2]
    off = LinkConfig(text=TextConfig(confirm_by_name_in_city=False))
    keys = confirmation_keys(off, names, {"a1": "H", "b1": "H"}, {})
    assert _sizes(HARD + WEAK[:1], off, keys)[0] == [2, 2]


def test_template_families_are_the_text_components():
    links = [*HARD, *WEAK, ("c1", "c2", "text", False, 0.7)]
    assert sorted(sorted(f) for f in families(links)) == [
        ["a1", "b1"],
        ["a2", "b2"],
        ["c1", "c2"],
    ]


def _signals_of(table):
    def signals(rids):
        return {r: table[r] for r in rids if r in table}

    return signals


CARD_A, CARD_B = "prices:150 USD/30min|250 USD/60min", "prices:180 USD/30min|300 USD/60min"


def test_text_only_ads_with_one_rate_card_are_an_identity_the_template_does_not_merge():
    """Operation a holds a phone; operation b's phone changes in every ad, and only its rate
    card ties its ads together. Both copied one template: two networks, not one."""
    ids = ("a1", "a2", "b1", "b2", "b3")
    links = [
        HARD[0],
        ("a1", "b1", "text", False, 0.95),
        ("a2", "b2", "text", False, 0.95),
        ("b1", "b2", "text", False, 0.95),
        ("b2", "b3", "text", False, 0.9),
    ]
    cards = {"a1": {CARD_A}, "a2": {CARD_A}, "b1": {CARD_B}, "b2": {CARD_B}, "b3": {CARD_B}}
    groups, joined = joining_links(list(ids), links, LinkConfig(), {}, _signals_of(cards))
    assert sorted(map(sorted, groups)) == [["a1", "a2"], ["b1", "b2", "b3"]]
    assert all({lk[0][0], lk[1][0]} != {"a", "b"} for lk in joined)


def test_contradicting_rate_cards_veto_a_merge_that_a_name_in_the_city_confirms():
    """Two operations with a persona of the same name in the same city, but no price in
    common: the name does not make them one."""
    names = {"a1": {"mila"}, "b1": {"mila"}}
    confirm = confirmation_keys(LinkConfig(), names, {"a1": "Newark", "b1": "Newark"}, {})
    cards = {"a2": {CARD_A}, "b2": {CARD_B}}
    groups, _ = joining_links(
        ["a1", "a2", "b1", "b2"], HARD + WEAK[:1], LinkConfig(), confirm, _signals_of(cards)
    )
    assert sorted(len(g) for g in groups) == [2, 2]
    same = {"a2": {CARD_A}, "b2": {CARD_A}}
    groups, _ = joining_links(
        ["a1", "a2", "b1", "b2"], HARD + WEAK[:1], LinkConfig(), confirm, _signals_of(same)
    )
    assert sorted(len(g) for g in groups) == [4]


def test_a_text_only_ad_whose_rate_card_contradicts_the_one_group_stays_apart():
    ids = ("a1", "a2", "x", "y")
    links = [HARD[0], ("a1", "x", "text", False, 0.9), ("a2", "y", "text", False, 0.9)]
    cards = {"a1": {CARD_A}, "x": {CARD_B}, "y": {"prices:250 USD/60min|400 USD/120min"}}
    groups, _ = joining_links(list(ids), links, LinkConfig(), {}, _signals_of(cards))
    # x names other prices only; y shares one price (a raise of the others is one operation)
    assert sorted(map(sorted, groups)) == [["a1", "a2", "y"], ["x"]]


def test_a_family_that_nothing_divides_joins_at_the_family_similarity():
    """Slots that change in every ad (InfoShield's kind of cluster) leave links between the
    family threshold and the join threshold: with no identity to divide it, the family is one
    network; two identities are still kept apart at that similarity."""
    config = LinkConfig()
    mid = (config.text.family + config.text.join) / 2
    chain = [("x", "y", "text", False, mid), ("y", "z", "text", False, mid)]
    assert _sizes(chain, config, ids=("x", "y", "z"))[0] == [3]
    below = [("x", "y", "text", False, config.text.family - 0.05)]
    assert _sizes(below, config, ids=("x", "y"))[0] == [1, 1]
    assert _sizes([*HARD, ("a1", "b1", "text", False, mid)], config)[0] == [2, 2]


def test_one_persona_name_with_ages_years_apart_is_two_persons():
    """Two operations each show a 'Mila', aged 23 and 35: a name confirmed in the same city
    does not make them one; ages a year or two apart (a persona's drift) do."""
    from linkboard.link.templates import second_signals

    names = {"a1": {"mila"}, "b1": {"mila"}}
    confirm = confirmation_keys(LinkConfig(), names, {"a1": "Newark", "b1": "Newark"}, {})
    for ages, merged in (
        ({"a1": {"23"}, "b1": {"35"}}, False),
        ({"a1": {"23"}, "b1": {"25"}}, True),
    ):
        signals = second_signals(names, {}, ages)
        groups, _ = joining_links(
            ["a1", "a2", "b1", "b2"], HARD + WEAK[:1], LinkConfig(), confirm, _signals_of(signals)
        )
        assert sorted(len(g) for g in groups) == ([4] if merged else [2, 2])
    # an ad naming two persons, or stating two ages, pairs no age with a name
    assert second_signals({"x": {"mila", "lola"}}, {}, {"x": {"23"}}) == {
        "x": {"name:mila", "name:lola"}
    }
    assert "persona:mila@23" not in second_signals({"x": {"mila"}}, {}, {"x": {"23", "30"}})["x"]
