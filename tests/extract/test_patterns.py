"""Patterns written to start on a literal character match exactly what their plain forms match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from linkboard.extract import (
    ages,
    contact_view,
    crypto,
    digit_view,
    handles,
    locations,
    names,
    normalise,
    payments,
    phones,
    prices,
    times,
    urls,
)
from linkboard.extract.patterns import leftmost, words


def starts_fast(pattern: re.Pattern[str]) -> bool:
    """Whether ``re`` can skip to the pattern's possible first characters (private re API)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern.pattern, pattern.flags)
    prefix, _, _ = _compiler._get_literal_prefix(parsed, pattern.flags)
    return bool(prefix) or _compiler._get_charset_prefix(parsed, pattern.flags) is not None


LABELS = ["instagram", "insta", "ig", "only fans", "sc", "snap", "snapchat"]
ALPHABET = st.sampled_from([*list("igsnapchtaolfy @./-_:\n"), "insta", "snap", "only  fans"])
TEXTS = st.lists(ALPHABET, max_size=40).map("".join)


def test_words_start_on_a_literal_and_keep_longest_first():
    pattern = re.compile("(?:" + words(LABELS, r"[\w@./]") + r")(?![a-z])")
    assert starts_fast(pattern)
    assert not starts_fast(re.compile(r"(?<![\w@./])(?:ig|insta)"))
    found = [m.group() for m in pattern.finditer("ig insta xig @ig onlyfans only  fans snapchat")]
    assert found == ["ig", "insta", "onlyfans", "only  fans", "snapchat"]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_words_match_what_the_plain_alternation_matches(text):
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s*") for w in sorted(LABELS, key=len)[::-1])
    plain = re.compile(rf"(?<![\w@./])(?:{alt})(?![a-z])")
    fast = re.compile("(?:" + words(LABELS, r"[\w@./]") + r")(?![a-z])")
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_leftmost_is_finditer_of_the_alternation(text):
    parts = [r"ig(?:s|n)?", r"[a-z]{3}", r"s\w+", r"\.\w"]
    joined = re.compile("|".join(parts))
    merged = leftmost([re.compile(p) for p in parts], text)
    assert [m.span() for m in merged] == [m.span() for m in joined.finditer(text)]


def test_every_pattern_that_scans_a_whole_field_starts_fast():
    scanning = [
        *(f.pattern for _, _, f in handles._patterns()),
        handles._cues()[1],
        *(f.pattern for f in prices._patterns()),
        names._INTRO.pattern,
        names._INTRODUCED,
        *(f.pattern for f in names._SIGN_OFFS),
        *(f.pattern for f in ages._AGES),
        ages._NAMED_AGE,
        *(f.pattern for f in times._TIMES),
        locations._QUALIFIED,
        locations._TRIGGER.pattern,
        locations._CAPITALISED,
        locations._state_names(),
        *(f.pattern for _, f in payments._labels()),
        payments._CASHTAG,
        urls._WITH_SCHEME,
        urls._WITH_WWW,
        urls._domain()[1],
        crypto._ADDRESS,
        phones._GROUP,
        digit_view._digit_token(),
        digit_view._letter_group(),
        digit_view._number_words()[0],
        *contact_view._contact_patterns(),
        normalise._ENTITY,
        normalise._MOJIBAKE,
        normalise._NON_ASCII,
    ]
    slow = [p.pattern[:60] for p in scanning if not starts_fast(p)]
    assert slow == []


URL_TEXTS = st.lists(
    st.sampled_from(
        [
            "a",
            "b-",
            ".",
            ".com",
            ".co",
            ".uk",
            "www.",
            "http://",
            "/",
            "@",
            " ",
            "x_",
            "9",
            ".no",
            ".c",
            "om",
            ".mx",
            ".es",
            "cort",
            ".ee",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(URL_TEXTS)
def test_urls_are_found_where_the_plain_pattern_finds_them(text):
    """Bare domains are looked for only after a dot and a known ending, and the endings are
    grouped by first letter: the matches are still those of the plain pattern."""
    path = r"[^\s<>\"'\[\]{}|^`]"
    tlds = "|".join(re.escape(t) for t in sorted(urls.lexicon.tlds(), key=len, reverse=True))
    plain = re.compile(
        rf"(?:https?://|www\.){path}{{1,2000}}|(?<![\w@.\-/])(?:[a-z0-9][a-z0-9\-]{{0,62}}\.){{1,4}}"
        rf"(?:{tlds})(?![a-z0-9@\-]|\.[a-z0-9])(?:[/?]{path}{{0,2000}})?"
    )
    assert [m.span() for m in urls._matches(text)] == [m.span() for m in plain.finditer(text)]


PLACE_BITS = st.sampled_from(
    [
        "Lola",
        "MIA",
        "Ab",
        "abcdefghijklmnopqrs",
        "Xyzabcdefghijklmnopq",
        " ",
        ",",
        "!",
        "(",
        ")",
        " is ",
        "22",
        "123",
        " here",
        ".",
        "TX",
        "Texas",
        "New York",
        "St. Louis",
        "\n",
        "'",
        "-",
        "A.B.",
        "Kansas City",
        "Portland, OR",
        "D.C.",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(PLACE_BITS, max_size=12).map("".join))
def test_possessive_letters_change_no_match(text):
    """Letters matched possessively where nothing after them can start with a letter."""
    for fast in (locations._QUALIFIED, locations._PLACE_AT, ages._NAMED_AGE, names._INTRODUCED):
        plain = re.compile(fast.pattern.replace("*+", "*").replace("++", "+").replace("}+", "}"))
        assert plain.pattern != fast.pattern
        expected = [(m.span(), m.groups()) for m in plain.finditer(text)]
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == expected
