"""The schema's patterns say what the library accepts: a 'non-blank' text is one that
``str.strip`` leaves something of. Schemathesis sent U+001C, which ``\\S`` lets through in
pydantic's (Rust) regex engine and in a JSON schema, and which Python strips."""

from __future__ import annotations

from typing import Annotated

from hypothesis import given
from hypothesis import strategies as st
from pydantic import Field, TypeAdapter, ValidationError

from linkboard.web.params import NON_BLANK

TEXT = TypeAdapter(Annotated[str, Field(pattern=NON_BLANK["pattern"])])


def _accepted(text: str) -> bool:
    try:
        TEXT.validate_python(text)
    except ValidationError:
        return False
    return True


@given(st.text(alphabet=st.characters(max_codepoint=0x3000), max_size=4))
def test_non_blank_is_what_strip_leaves_something_of(text: str) -> None:
    assert _accepted(text) == bool(text.strip())


def test_the_separators_python_strips_are_blank() -> None:
    for text in ("\x1c", "\x1d\x1e\x1f", "\x85", " \t\n", "\u3000"):
        assert not _accepted(text)
        assert not text.strip()
    assert _accepted(" a ")
