"""A full-text query tree (``store/query.py``) written as an SQLite FTS5 ``MATCH`` string.

Every word and phrase goes in quotation marks, so nothing an analyst typed is read as FTS5
syntax; operators are spelt out with brackets around each group, so precedence never depends
on FTS5's own rules."""

from __future__ import annotations

from functools import lru_cache

from linkboard.store.query import And, Near, Node, Not, Phrase, Term, parse


@lru_cache(maxsize=256)
def match(text: str) -> str:
    """The FTS5 ``MATCH`` string for TEXT, an analyst's query; BadQuery if it cannot be read.
    Cached: one search page asks for its results, count and facets, and each watch is checked
    at every update, with the same query."""
    return render(parse(text))


def render(node: Node) -> str:
    """NODE as an FTS5 query."""
    if isinstance(node, Term | Phrase):
        return _phrase(node)
    if isinstance(node, Near):
        return f"NEAR({' '.join(_phrase(p) for p in node.phrases)}, {node.distance})"
    if isinstance(node, Not):
        return f"({render(node.keep)} NOT {render(node.drop)})"
    joiner = " AND " if isinstance(node, And) else " OR "
    return "(" + joiner.join(render(part) for part in node.parts) + ")"


def _phrase(node: Term | Phrase) -> str:
    text = node.word if isinstance(node, Term) else " ".join(node.words)
    return '"' + text.replace('"', '""') + '"' + ("*" if node.prefix else "")
