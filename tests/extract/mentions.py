"""What the extraction tests share: the values of one kind found in a text."""

from __future__ import annotations

from linkboard.extract import extract_text


def found(text: str, kind: str, region: str = "US") -> set[str]:
    """The values of ``kind`` mentions that ``extract_text`` finds in ``text``."""
    mentions = extract_text(text, "body", region)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return {m.value for m in mentions if m.kind == kind}
