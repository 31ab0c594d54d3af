"""Every spelling of a phone number reads back to the same digits."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from linkboard.synth.spelling import PHONE_STYLES, spell_email, spell_phone, unique_tag

from .test_synth_corpus import digits_of

numbers = st.builds(
    lambda area, line: f"+1{area}555{line:04d}",
    st.sampled_from([212, 702, 713, 818, 904]),
    st.integers(0, 9999),
)


@given(numbers, st.sampled_from(("plain", *PHONE_STYLES)), st.integers(0, 2**32))
def test_phone_spellings_read_back(e164: str, style: str, seed: int) -> None:
    text = spell_phone(e164, random.Random(seed), style)
    assert digits_of(text).endswith(e164[2:])


def test_documented_examples() -> None:
    rng = random.Random(0)
    assert spell_phone("+17025550123", rng, "keycaps").startswith("7\ufe0f\u20e30")
    assert spell_phone("+17025550123", rng, "fullwidth").startswith("７０２")
    assert spell_phone("+17025550123", rng, "dotted") == "7.0.2.5.5.5.0.1.2.3"
    assert "(at)" in spell_email("a.b@example.com", random.Random(1), True) or "at" in (
        spell_email("a.b@example.com", random.Random(1), True)
    )


def test_unique_tags() -> None:
    tags = [unique_tag(n) for n in range(200_000)]
    assert len(set(tags)) == len(tags)
