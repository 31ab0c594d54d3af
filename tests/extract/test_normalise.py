import re

from hypothesis import given, settings
from hypothesis import strategies as st

from linkboard.extract.digit_view import digits_view
from linkboard.extract.keyed import Words
from linkboard.extract.normalise import Field, clean_view
from linkboard.extract.views import ascii_lower


def test_clean_view_maps_back() -> None:
    text = "A&amp;B ７０２ ï¼— 7️⃣ x\u200by"
    view = clean_view(text)
    assert view.text == "A&B 702 7 7 xy"
    start = view.text.index("702")
    assert view.to_original(start, start + 3) == (text.index("７"), text.index("７") + 3)


def test_digits_view_only_for_phones() -> None:
    field = Field("someone seven0two Lola 7O2")
    assert field.digits.text == "someone 702 Lola 702"
    assert field.clean.text == "someone seven0two Lola 7O2"


def test_contact_view() -> None:
    field = Field("jade (at) gmail [dot] com")
    assert field.contact is not None
    assert field.contact.text == "jade@gmail.com"
    assert Field("no email here").contact is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_ascii_lower_changes_only_a_to_z(text: str) -> None:
    expected = "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)
    assert ascii_lower(text) == expected


SPELLING = st.lists(
    st.sampled_from(["seven", "0", "two", "five", "cinco", "x", "one", "someone", " ", "-", "O"]),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(SPELLING)
def test_digits_view_skips_the_number_word_scan_only_when_nothing_is_spelled(text: str) -> None:
    from linkboard.extract import digit_view, lexicon

    field = Field(text)
    pattern = digit_view._number_words()[0]
    full = field.clean.rewrite(pattern, digit_view._spell, field.lower)
    assert (full is not field.clean) <= digit_view.spells_digits(field.words)
    assert all(len(w) >= 3 for w in lexicon.number_words())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60) | st.text(alphabet="0123456789٣७৯０１２\u20e3\ufe0f&#;x ", max_size=30))
def test_clean_view_holds_only_ascii_digits(text: str) -> None:
    """What lets every pattern write ``[0-9]`` for ``\\d`` (which ``re`` scans for far slower)."""
    view = Field(text).clean.text
    assert all("0" <= c <= "9" for c in view if c.isdecimal())


@settings(max_examples=500)
@given(st.text())
def test_words_are_the_runs_of_ascii_letters(text: str) -> None:
    assert Words(text).set == frozenset(re.findall("[a-z]+", text))


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(["seven", "Two", "cero", "someone", "5", "0", " ", "-", "x", "é"]),
        max_size=12,
    )
)
def test_the_number_word_pass_skipped_only_where_it_would_change_nothing(parts: list[str]) -> None:
    field = Field("".join(parts))
    gated = digits_view(field.clean, field.lower, field.words)
    assert gated.text == digits_view(field.clean, field.lower).text


def test_literal_escapes_are_the_characters_they_stand_for() -> None:
    text = "702\\u00a0555\\u20130123 \\ud83d\\udc8b \\uZZZZ \\u0000"
    view = clean_view(text)
    assert view.text == "702 555-0123 \U0001f48b \\uZZZZ \\u0000"
    start = view.text.index("555")
    assert view.to_original(start - 1, start) == (3, 9)  # the six characters of \u00a0


def test_short_number_words_and_kanji_only_beside_spelled_digits() -> None:
    assert Field("seven oh two").digits.text == "7 0 2"
    assert Field("Oh hi, un bisou").digits.text == "Oh hi, un bisou"
    assert Field("〇九〇-一二三四 一緒").digits.text == "090-1234 一緒"
