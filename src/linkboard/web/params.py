"""What the JSON API accepts, stated in its OpenAPI schema: the choices of a field, text that must
not be blank, a day. The library still checks every value (and answers 400 with its reason); the
schema tells a client, and schemathesis, which requests are meant to succeed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import Path

#: Text with something in it (the library refuses a blank title, note or tag): something other
#: than white space as Python's ``str.strip`` counts it (it strips the separators U+001C-U+001F
#: and U+0085, which ``\S`` lets through in a JSON schema and in pydantic's regex engine).
NON_BLANK: dict[str, Any] = {"pattern": r"[^\s\x1c-\x1f\x85]"}
#: A day, YYYY-MM-DD, or nothing.
DAY: dict[str, Any] = {"anyOf": [{"format": "date"}, {"maxLength": 0}]}


def one_of(values: Iterable[str]) -> dict[str, Any]:
    """The schema of a text field that takes one of VALUES (the library's own list)."""
    return {"enum": list(values)}


#: A case, watch or curation id in a path: what SQLite's INTEGER holds (a bigger one is 422).
RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]
#: The index of a record's photo.
PhotoIndex = Annotated[int, Path(ge=0, le=10_000)]
