"""A text search the full-text engine cannot read gets a plain hint, not SQLite's own words."""

from __future__ import annotations

import html

import pytest

from linkboard.store.query_hints import hint

ENGINE_WORDS = ("fts5", "syntax error", "no such column", "unterminated", "special query")


@pytest.mark.parametrize(("query", "says"), [
    ("lola AND", "AND, OR and NOT need a word on each side"),
    ('"new in town', "a quotation mark is not closed"),
    ("(lola OR mia", "a bracket is opened and not closed"),
    ("*", "a * goes at the end of a word"),
    ("lola -x", 'put words with punctuation such as "-" in quotes, as in "-x"'),
    ('"cash only" $50', 'put words with punctuation such as "$" in quotes, as in "$50"'),
])  # fmt: skip
def test_the_search_page_gives_a_plain_hint(client, query: str, says: str) -> None:
    page = client.get("/search", params={"q": query, "mode": "text"})
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert f"The search could not read that query: {says}" in text
    assert not any(words in text for words in ENGINE_WORDS)
    api = client.get("/api/search", params={"q": query, "mode": "text"})
    assert api.status_code == 400
    assert says in api.json()["detail"]
    assert not any(words in api.text for words in ENGINE_WORDS)


def test_a_hint_for_whatever_was_typed() -> None:
    for query in ("+", "'", "lola,", "foo.bar", "OR", "NEAR(", "a & b", "lola: x"):
        said = hint(query)
        assert said.endswith(".")
        assert not any(words in said for words in ENGINE_WORDS)


def test_a_search_watch_says_the_same(client) -> None:
    r = client.post("/api/watches", json={"kind": "search", "value": "lola AND"})
    assert r.status_code == 400
    assert "AND, OR and NOT need a word on each side" in r.json()["detail"]
    assert not any(words in r.text for words in ENGINE_WORDS)
