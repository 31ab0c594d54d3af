"""The RECRUIT_* indicators (social/data/indicators.yaml): merged over the default taxonomy, each
fires on its examples and not on its near misses, on recruiters' slang and misspellings, and
stays quiet on friends talking about jobs, travel and money."""

from __future__ import annotations

import pytest

from linkboard.model import Provenance, Record
from linkboard.score import load_taxonomy, record_hits
from linkboard.social.recruiter import recruit_codes
from linkboard.social.rules import INDICATORS_PATH

TAXONOMY = load_taxonomy([INDICATORS_PATH])
CODES = {"RECRUIT_MODELING", "RECRUIT_EASY_MONEY", "RECRUIT_TRAVEL_PAID", "RECRUIT_BOYFRIEND"}
RECRUIT = [i for i in TAXONOMY.indicators if i.code in CODES]
PROV = Provenance("test", "test:1", "2026-01-01T00:00:00Z", "0" * 64)


def message(text: str) -> Record:
    return Record(id="m1", kind="message", raw=text, provenance=PROV, body=text)


def fired(text: str) -> set[str]:
    return {h.code for h in record_hits(message(text), [], TAXONOMY)} & CODES


def _cases(kind: str) -> list[object]:
    return [
        pytest.param(ind.code, ex, id=f"{ind.code}-{n}")
        for ind in RECRUIT
        for n, ex in enumerate(ind.examples.get(kind, ()))
    ]


def test_the_file_merges_over_the_default_taxonomy():
    assert "social-2026.12" in TAXONOMY.version
    assert {i.code for i in RECRUIT} == CODES
    assert "MOVE_NEW_IN_TOWN" in TAXONOMY  # the default's indicators stay
    for ind in RECRUIT:
        assert ind.level == "record"
        assert ind.category == "recruitment"
        assert ind.weight > 0
        assert ind.is_text
        assert ind.not_patterns, f"{ind.code} has no near-miss patterns"
        assert ind.examples.get("fires")
        assert ind.examples.get("near_miss")
        assert any(s in ind.reference for s in ("Polaris", "UNODC", "Thorn")), ind.code


@pytest.mark.parametrize(("code", "example"), _cases("fires"))
def test_fires(code, example):
    assert code in fired(example)


@pytest.mark.parametrize(("code", "example"), _cases("near_miss"))
def test_near_miss(code, example):
    assert code not in fired(example)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("heyy gorgeous u should be modeling fr, paid shoot this weekend", {"RECRUIT_MODELING"}),
        ("we scouting fresh faces for a brand campaign", {"RECRUIT_MODELING"}),
        ("the girls on my team clear 1500 a night easy", {"RECRUIT_EASY_MONEY"}),
        ("zero experience needed, just show up", {"RECRUIT_EASY_MONEY"}),
        ("all u need is to be pretty lol", {"RECRUIT_EASY_MONEY"}),
        ("ill book ur flight to Vegas tonight, hotels on us", {"RECRUIT_TRAVEL_PAID"}),
        ("come out to Houston for a couple weeks", {"RECRUIT_TRAVEL_PAID"}),
        ("room and board taken care of", {"RECRUIT_TRAVEL_PAID"}),
        ("i just wanna take care of u", {"RECRUIT_BOYFRIEND"}),
        ("ur family just holds ya back", {"RECRUIT_BOYFRIEND"}),
        ("dont tell yr parents about us", {"RECRUIT_BOYFRIEND"}),
        (
            "u could make 2k a week easy. all travel paid, u dont need them",
            {"RECRUIT_EASY_MONEY", "RECRUIT_TRAVEL_PAID", "RECRUIT_BOYFRIEND"},
        ),
    ],
)
def test_recruiters_slang_fires(text, codes):
    assert fired(text) == codes


@pytest.mark.parametrize(
    "text",
    [
        "my boss pays for travel to the conference",
        "the company covers my flight and hotel for the offsite",
        "my parents are paying for the flights!!",
        "free flight with my airline miles",
        "the hotel included breakfast and parking",
        "easy money on that bet lol",
        "quick cash from fantasy haha",
        "I need quick cash for rent, can u spot me 50",
        "my cousin makes 2k a week driving trucks",
        "he made easy money flipping sneakers",
        "the warehouse said no experience needed lol",
        "rent is 300 a week now",
        "modeling clay for art class",
        "she is my role model",
        "I'll take care of the dog while you're away",
        "ill take care of you when ur sick",
        "don't tell your mom about the surprise party",
        "dont tell your mom but i broke the lamp",
        "let me buy you a coffee before work",
        "wanna come work in the garden with me sat?",
        "come over to mine for dinner",
    ],
)
def test_friends_talking_about_jobs_travel_and_money_stay_quiet(text):
    assert fired(text) == set()


def test_a_hit_quotes_its_span_in_the_message():
    text = "Hi! You could be a model, and all travel paid."
    hits = [h for h in record_hits(message(text), [], TAXONOMY) if h.code in CODES]
    assert {h.code for h in hits} == {"RECRUIT_MODELING", "RECRUIT_TRAVEL_PAID"}
    for h in hits:
        assert h.evidence == f'"{text[h.start : h.end]}"'
        assert h.field == "body"


def test_recruit_codes_names_only_the_recruitment_codes():
    text = "new in town! u could make 2k a week"
    assert recruit_codes(text, TAXONOMY) == {"RECRUIT_EASY_MONEY"}
    assert recruit_codes("", TAXONOMY) == frozenset()
