"""The shared-template worlds: the confounders are planted as documented, deterministically."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from linkboard.synth.templates import write_world

PHONE = r"\(?\d{3}\)?[ .-]?555[.-]?\d{4}"


def _read(folder: Path) -> tuple[list[dict], list[dict]]:
    ads = [json.loads(line) for line in (folder / "ads.jsonl").read_text().splitlines()]
    truth = [json.loads(line) for line in (folder / "truth.jsonl").read_text().splitlines()]
    return ads, truth


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> tuple[list[dict], list[dict]]:
    folder = tmp_path_factory.mktemp("tw")
    assert write_world(folder, 1500, seed=3) == 1500
    return _read(folder)


def test_same_seed_same_world(tmp_path):
    write_world(tmp_path / "a", 300, seed=4)
    write_world(tmp_path / "b", 300, seed=4)
    for name in ("ads.jsonl", "truth.jsonl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_templates_are_shared_by_several_operations(world):
    _, truth = world
    users = defaultdict(set)
    for t in truth:
        if t["template"] and t["kind"] in ("single", "pool", "rotating"):
            users[t["template"]].add(t["poster"])
    assert max(len(u) for u in users.values()) >= 3
    assert sum(len(u) > 1 for u in users.values()) > len(users) / 2
    kinds = Counter(t["kind"] for t in truth)
    assert {"single", "pool", "rotating", "independent", "oneoff"} <= kinds.keys()


def test_phones_rotate_as_each_kind_says_and_are_fictional(world):
    ads, truth = world
    phones = defaultdict(list)
    for ad, t in zip(ads, truth, strict=True):
        (written,) = re.findall(PHONE, ad["body"])
        digits = re.sub(r"\D", "", written)
        phones[(t["kind"], t["poster"])].append(digits)
    for (kind, _), seen in phones.items():
        if kind == "single":
            assert len(set(seen)) == 1
        if kind == "rotating":
            assert len(set(seen)) == len(seen)


def test_rate_cards_mislead_as_planted(world):
    """Some operations copy a service template's rate card, some reprice midway, some ads
    carry no rates: the rate card alone does not tell operations apart."""
    ads, truth = world
    cards = defaultdict(set)
    for ad, t in zip(ads, truth, strict=True):
        card = re.findall(r"\$?\d+(?:/qv|/hh| hh|/hr| roses/h| half hour)", ad["body"])
        cards[t["poster"]].add(tuple(card))
    by_card = defaultdict(set)
    for poster, seen in cards.items():
        for card in seen:
            if card:
                by_card[card].add(poster)
    assert any(len(p) > 1 for p in by_card.values())  # a service card
    assert any(len({c for c in seen if c}) > 1 for seen in cards.values())  # repriced
    assert any(() in seen for seen in cards.values())  # rates left out


def test_infoshield_world_changes_name_and_phone_in_every_ad(tmp_path):
    write_world(tmp_path, 400, seed=5, infoshield=True)
    ads, truth = _read(tmp_path)
    clusters = defaultdict(list)
    for ad, t in zip(ads, truth, strict=True):
        assert t["kind"] in ("cluster", "oneoff")
        if t["kind"] == "cluster":
            clusters[t["poster"]].append(ad["body"])
    big = max(clusters.values(), key=len)
    phones = {re.sub(r"\D", "", re.search(PHONE, b).group(0)) for b in big}
    assert len(big) >= 3
    assert len(phones) == len(big)
    assert len(set(big)) == len(big)
