from __future__ import annotations

from linkboard.link import LinkConfig, TextConfig
from linkboard.link.graph import joining_links

HARD = [("a1", "a2", "identifier", True, 1.0), ("b1", "b2", "identifier", True, 1.0)]
WEAK = [("a1", "b1", "text", False, 0.6), ("a2", "b2", "text", False, 0.65)]


def _sizes(links, config, area=None):
    ids = ["a1", "a2", "b1", "b2"]
    groups, joined = joining_links(ids, links, config, area or {})
    return sorted(len(g) for g in groups), joined


def test_weak_text_links_do_not_join_by_default():
    sizes, joined = _sizes(HARD + WEAK, LinkConfig())
    assert sizes == [2, 2] and len(joined) == 2


def test_strong_text_link_joins():
    sizes, _ = _sizes([*HARD, ("a1", "b1", "text", False, 0.85)], LinkConfig())
    assert sizes == [4]


def test_support_and_area_code_when_configured():
    assert _sizes(HARD + WEAK, LinkConfig(text=TextConfig(support=2)))[0] == [4]
    assert _sizes(HARD + WEAK[:1], LinkConfig(text=TextConfig(support=2)))[0] == [2, 2]
    area = {"a1": {"+1713"}, "b1": {"+1713"}}
    confirm = LinkConfig(text=TextConfig(confirm_by_area_code=True))
    assert _sizes(HARD + WEAK[:1], confirm, area)[0] == [4]


def test_weak_text_link_joins_when_both_ads_name_the_same_person_in_the_same_city():
    from linkboard.link.graph import confirmation_keys

    config = LinkConfig()
    names = {"a1": {"lola"}, "b1": {"lola", "mia"}}
    same = confirmation_keys(config, names, {"a1": "Houston", "b1": "Houston"}, {})
    assert _sizes(HARD + WEAK[:1], config, same)[0] == [4]
    moved = confirmation_keys(config, names, {"a1": "Houston", "b1": "Dallas"}, {})
    assert _sizes(HARD + WEAK[:1], config, moved)[0] == [2, 2]
    other = confirmation_keys(config, {"a1": {"lola"}, "b1": {"mia"}}, {"a1": "X", "b1": "X"}, {})
    assert _sizes(HARD + WEAK[:1], config, other)[0] == [2, 2]
    off = LinkConfig(text=TextConfig(confirm_by_name_in_city=False))
    assert _sizes(HARD + WEAK[:1], off, confirmation_keys(off, names, {"a1": "H", "b1": "H"}, {}))[
        0
    ] == [2, 2]
