"""Keyword patterns tried only where their words start find exactly what a scan finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkboard.extract import ages, handles, keyed, locations, names, payments, prices, times
from linkboard.extract.keyed import Keyed, Scanned, Unkeyable, Words, first_words
from linkboard.extract.patterns import leftmost, words


def keyed_patterns() -> list[Keyed]:
    """Every keyed pattern the extractor uses."""
    finders = [
        locations._TRIGGER,
        names._INTRO,
        *names._SIGN_OFFS,
        *ages._AGES,
        *times._TIMES,
        *prices._patterns(),
        *(f for _, _, f in handles._patterns()),
        *(f for _, f in payments._labels()),
    ]
    return [f for f in finders if isinstance(f, Keyed)]


def test_the_words_are_read_off_the_pattern():
    trigger = re.compile(
        "(?:" + words([r"visiting", r"in\s+town", r"arriv(?:ing|ed)\s+in"], r"\w", raw=True) + ")"
        r"\s+(?=[a-z])"
    )
    assert first_words(trigger) == ({"visiting", "in", "arriving", "arrived"}, set())
    # "i'?m" is "i" before the apostrophe or "im"; "\s*" lets the word run on: a prefix.
    intro = re.compile("(?:" + words([r"i'?m", r"call"], r"[\w']", raw=True) + r")\s*(?=[a-z])")
    assert first_words(intro) == ({"i"}, {"im", "call"})
    assert first_words(re.compile(r"\bage(?:d)?\b")) == ({"age", "aged"}, set())
    assert first_words(re.compile(r"v(?<![\w].)isit")) == (set(), {"visit"})  # "visitor" too


@pytest.mark.parametrize(
    "pattern",
    [
        r"[0-9]+\s*yo",  # starts on a digit
        r"visiting\s+",  # may start inside a word ("revisiting")
        r"v(?<![\w].)[a-z]+\s",  # any letters
        r"(?:x|@)(?<![\w].)y\s",  # may start on a sign
        r"(?i)v(?<![\w].)isit\s",  # "Visit" too
    ],
)
def test_what_cannot_be_keyed_says_so(pattern):
    with pytest.raises(Unkeyable):
        Keyed(re.compile(pattern))


def test_every_keyword_pattern_of_the_extractor_is_keyed():
    keyed = keyed_patterns()
    assert len(keyed) >= 25
    assert names._INTRO.prefixes
    assert "visiting" in locations._TRIGGER.exact


def test_words_know_where_they_stand():
    text = "call me, i'm mia. callme x2callx in-call call"
    index = Words(text)
    whole = [m.start() for m in re.finditer(r"(?<![a-z])call(?![a-z])", text)]
    assert index.starts("call") == whole == [0, 36, 41]
    assert index.starts("call", whole=False) == [0, 18, 27, 36, 41]
    assert index.starts("zzz") == []


FRAGMENTS = sorted(
    {w for k in keyed_patterns() for w in k.exact | set(k.prefixes)}
    | {"the", "me", "for", "is", "miss", "lovely", "x", "2", "25", "150", "$", "@", "_", ".", "/"}
    | {" ", "  ", ":", "-", "'", ",", "\n", "lola", "houston", "é", "http://", "www."}
)
TEXTS = st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_keyed_patterns_find_what_a_scan_finds(text):
    index = Words(text)
    for k in keyed_patterns():
        scan = [(m.span(), m.groups()) for m in k.pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in k.finditer(index)] == scan, k.pattern.pattern


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_bound_keyed_patterns_merge_as_their_scans_do(text):
    for finders in (ages._AGES, times._TIMES, names._SIGN_OFFS):
        scanned = leftmost([f.pattern for f in finders], text)
        merged = keyed.leftmost(finders, Words(text))
        assert [m.span() for m in merged] == [m.span() for m in scanned]


def test_a_scanned_pattern_runs_only_when_its_cue_holds():
    late = Scanned(re.compile(r"late\s*night"), "late")
    assert [m.group() for m in late.finditer(Words("late night"))] == ["late night"]
    assert late.searcher(Words("early morning")) is None
