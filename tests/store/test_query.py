"""The full-text query language: parsed once into a tree (store/query.py), rendered for FTS5
(store/fts5.py). Whatever FTS5 read before as typed, the rendered query finds the same records."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkboard.store import query_hints as hints
from linkboard.store.base import BadQuery
from linkboard.store.fts5 import match, render
from linkboard.store.query import (
    MAX_DEPTH,
    MAX_LENGTH,
    MAX_TERMS,
    NOTHING,
    And,
    Near,
    Not,
    Or,
    Phrase,
    Term,
    parse,
)

a, b, c = Term("a"), Term("b"), Term("c")


@pytest.mark.parametrize(("query", "tree"), [
    ("lola", Term("lola")),
    ("lol*", Term("lol", prefix=True)),
    ("lol *", Term("lol", prefix=True)),
    ('"lol"*', Term("lol", prefix=True)),
    ('"new in town"', Phrase(("new", "in", "town"))),
    ('"new in to"*', Phrase(("new", "in", "to"), prefix=True)),
    ('"say ""hi"""', Phrase(("say", '"hi"'))),
    ('"$50"', Term("$50")),
    ("naïve", Term("naïve")),
    ("a b", And((a, b))),
    ("a AND b", And((a, b))),
    ("a OR b", Or((a, b))),
    ("a NOT b", Not(a, b)),
    ("a and b", And((a, Term("and"), b))),
    ("NEAR(a b)", Near((a, b))),
    ("NEAR (a b, 5)", Near((a, b), 5)),
    ('NEAR(a "b c"* , 0)', Near((a, Phrase(("b", "c"), prefix=True)), 0)),
    ("lola NEAR", And((Term("lola"), Term("NEAR")))),
    ("(a)", a),
    ('""', NOTHING),
    ('"..."', NOTHING),
    ('"" a', a),
    ('"..." a "" b', And((a, b))),
    ('NEAR("" a)', Near((a,))),
    ('a OR ""', Or((a, NOTHING))),
])  # fmt: skip
def test_each_construct_parses(query: str, tree: object) -> None:
    assert parse(query) == tree


@pytest.mark.parametrize(("query", "tree"), [
    ("a OR b AND c", Or((a, And((b, c))))),
    ("a AND b OR c", Or((And((a, b)), c))),
    ("a AND b NOT c", And((a, Not(b, c)))),
    ("a NOT b c", Not(a, And((b, c)))),  # words side by side bind tightest
    ("a b NOT c", Not(And((a, b)), c)),
    ("a NOT b NOT c", Not(Not(a, b), c)),
    ("(a OR b) AND c", And((Or((a, b)), c))),
    ("(a OR b) c", And((Or((a, b)), c))),  # SQLite 3.40's FTS5 refused this one
    ("a OR b OR c", Or((a, b, c))),
])  # fmt: skip
def test_precedence_is_fts5s(query: str, tree: object) -> None:
    assert parse(query) == tree


@pytest.mark.parametrize(("query", "says"), [
    ('"new in town', hints.UNCLOSED_QUOTE),
    ('lola "', hints.UNCLOSED_QUOTE),
    ("lola AND", hints.DANGLING_OPERATOR),
    ("OR lola", hints.DANGLING_OPERATOR),
    ("NOT lola", hints.DANGLING_OPERATOR),
    ("lola NOT", hints.DANGLING_OPERATOR),
    ("a AND AND b", hints.DANGLING_OPERATOR),
    ("(a OR) b", hints.DANGLING_OPERATOR),
    ("(lola OR mia", hints.UNBALANCED),
    ("lola)", hints.UNBALANCED),
    (")", hints.UNBALANCED),
    ("NEAR(a b", hints.UNBALANCED),
    ("()", hints.EMPTY_BRACKETS),
    ("*", hints.STAR),
    ("lol**", hints.STAR),
    ("a OR *", hints.DANGLING_OPERATOR),
    ("NEAR()", hints.NEAR),
    ("NEAR(a b, x)", hints.NEAR),
    ("NEAR(a OR b)", hints.NEAR),
    ("", hints.UNREADABLE),
    ("   ", hints.UNREADABLE),
    ("lola -x", hints.punctuation("-", "-x")),
    ('"cash only" $50', hints.punctuation("$", "$50")),
    ("title:lola", hints.punctuation(":", "title:lola")),
    ("^lola", hints.punctuation("^", "^lola")),
    ("a + b", hints.punctuation("+", "+")),
    ("a,b", hints.punctuation(",", "a,b")),
    ("a\x00b", hints.punctuation("\x00", "a\x00b")),
])  # fmt: skip
def test_what_cannot_be_read_gets_a_plain_hint(query: str, says: str) -> None:
    with pytest.raises(BadQuery) as bad:
        parse(query)
    assert str(bad.value) == says


def test_a_query_is_bounded() -> None:
    assert parse(" ".join(["lola"] * MAX_TERMS)) == And((Term("lola"),) * MAX_TERMS)
    assert parse("(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH) == a
    assert parse("a" * MAX_LENGTH) == Term("a" * MAX_LENGTH)
    for query, says in [
        ("a" * (MAX_LENGTH + 1), hints.too_long(MAX_LENGTH)),
        (" ".join(["lola"] * (MAX_TERMS + 1)), hints.too_many_terms(MAX_TERMS)),
        ("(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1), hints.too_deep(MAX_DEPTH)),
    ]:
        with pytest.raises(BadQuery) as bad:
            parse(query)
        assert str(bad.value) == says


@pytest.mark.parametrize(("query", "fts5"), [
    ("lola", '"lola"'),
    ("lol*", '"lol"*'),
    ('"new in town"', '"new in town"'),
    ('"say ""hi"""', '"say ""hi"""'),
    ('"new in to"*', '"new in to"*'),
    ("a b NOT c OR d", '((("a" AND "b") NOT "c") OR "d")'),
    ("NEAR(a b)", 'NEAR("a" "b", 10)'),
    ("NEAR(a b, 99999999999999)", 'NEAR("a" "b", 1000000000)'),
    ('"foo:bar" OR "-x"', '("foo:bar" OR "-x")'),
    ("and OR NOT0", '("and" OR "NOT0")'),
    ('""', '""'),
])  # fmt: skip
def test_every_word_is_quoted_when_rendered_for_fts5(query: str, fts5: str) -> None:
    assert render(parse(query)) == fts5
    assert match(query) == fts5


def _said(text: str) -> str:
    """The hint for TEXT, or "" if it parses."""
    try:
        parse(text)
    except BadQuery as exc:
        return str(exc)
    return ""


@settings(max_examples=500, deadline=250, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=MAX_LENGTH + 50) | st.text(alphabet='ab"()* ANDORTE,', max_size=300))
def test_any_text_parses_or_is_refused_quickly(text: str) -> None:
    said = _said(text)
    assert said == "" or said.endswith(".")


PIECES = ["a", "b", "c", "x", "lol", "and", "near", "NEAR", "NEAR(", "AND", "OR", "NOT",
          "(", ")", "*", ",", "2", "0", '"a b"', '""', '"..."', '"lol"', '"c"', " ", "$",
          "_", "é"]  # fmt: skip
ROWS = ["lola new in town", "mia short notice", "visit lolita", "near lola town", "a b c", "x y",
        "cash only $50", "and or not", "b a", "c x a", "a", "é 2 0"]  # fmt: skip


@pytest.fixture(scope="module")
def fts5() -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='unicode61')")
    db.executemany("INSERT INTO t VALUES (?, '')", [(row,) for row in ROWS])
    yield db
    db.close()


def _found(db: sqlite3.Connection, query: str) -> list[int] | None:
    try:
        return sorted(r[0] for r in db.execute("SELECT rowid FROM t WHERE t MATCH ?", (query,)))
    except sqlite3.OperationalError:
        return None


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map(" ".join))
def test_what_fts5_read_as_typed_finds_the_same_records(fts5: sqlite3.Connection,
                                                        query: str) -> None:  # fmt: skip
    as_typed = _found(fts5, query)
    try:
        rendered = match(query)
    except BadQuery:
        assert as_typed is None, f"{query!r} was refused, FTS5 read it"
        return
    ours = _found(fts5, rendered)
    assert ours is not None, f"{query!r} rendered as {rendered!r}, which FTS5 cannot read"
    if as_typed is not None:
        assert ours == as_typed, f"{query!r} rendered as {rendered!r}"
