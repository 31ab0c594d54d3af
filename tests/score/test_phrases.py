"""The compiled phrase matcher: tolerance, boundaries, spans, alternatives, any input."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from linkboard.score import load_taxonomy
from linkboard.score.phrases import PhraseMatcher, expand, lowered
from linkboard.score.taxonomy import DATA_DIR, Indicator, TaxonomyError, Term

TAXONOMY = load_taxonomy()
MATCHER = TAXONOMY.matcher


def codes(text: str) -> list[str]:
    return [m.code for m in MATCHER.find(text)]


@pytest.mark.parametrize(
    "text",
    [
        "new in town",
        "New In Town",
        "new  in   town",
        "new-in-town",
        "new...in, town",
        "(new in town)",
    ],
)
def test_tolerates_case_spaces_punctuation(text):
    assert codes(text) == ["MOVE_NEW_IN_TOWN"]


@pytest.mark.parametrize("text", ["renew in town", "new in townhouse", "newin town", "new_in_town"])
def test_word_boundaries(text):
    assert "MOVE_NEW_IN_TOWN" not in codes(text)


def test_longest_phrase_wins_and_spans_line_up():
    text = "Hi, new to this area and new to this."
    found = MATCHER.find(text)
    assert [(m.code, text[m.start : m.end]) for m in found] == [
        ("MOVE_NEW_IN_TOWN", "new to this area"),
        ("YOUTH_NEW_TO_THIS", "new to this"),
    ]


def test_spans_survive_characters_whose_lower_case_is_longer():
    text = "İİ new in town"
    (m,) = MATCHER.find(text)
    assert text[m.start : m.end] == "new in town"
    assert len(lowered(text)) == len(text)


def test_expand_alternatives():
    assert expand("(call|text) (her|my) driver") == [
        "call her driver",
        "call my driver",
        "text her driver",
        "text my driver",
    ]
    with pytest.raises(TaxonomyError):
        expand("(a|b|c) " * 8, limit=100)


def test_same_phrase_in_two_indicators_is_an_error():
    a = Indicator("A", "a", "a", "record", "c", 1.0, "r", phrases=(Term("same words"),))
    b = Indicator("B", "b", "b", "record", "c", 1.0, "r", phrases=(Term("Same  words"),))
    with pytest.raises(TaxonomyError, match="already belongs to A"):
        PhraseMatcher([a, b])


def test_every_youth_term_spelling_matches_itself():
    raw = yaml.safe_load((DATA_DIR / "score" / "youth_terms.yaml").read_text(encoding="utf-8"))
    for entry in raw["terms"]:
        assert entry["meaning"]
        spellings = [entry["phrase"]] if isinstance(entry["phrase"], str) else entry["phrase"]
        for s in spellings:
            assert "YOUTH_CODED_TERM" in codes(f"x {s} x"), s


def test_patterns_from_user_indicators_run_on_lower_case():
    ind = Indicator("X_PAT", "x", "x", "record", "c", 1.0, "r", patterns=(r"\bab+c\b",))
    (m,) = PhraseMatcher([ind]).find("zz ABBBC zz")
    assert (m.code, m.start, m.end, m.rule) == ("X_PAT", 3, 8, "pattern")


@given(st.text(max_size=300))
def test_any_text_gives_valid_spans(text):
    for m in MATCHER.find(text):
        assert 0 <= m.start < m.end <= len(text)
        assert m.code in TAXONOMY
