"""The full-text query language an analyst types, parsed into a small tree that each backend
renders in its own dialect (``store/fts5.py`` for SQLite).

The language is FTS5's as the search page documents it: words, ``"quoted phrases"``, ``prefix*``,
the operators ``AND``, ``OR`` and ``NOT`` (in capitals; ``and`` is a word), ``NEAR(a b, N)``
and brackets. Words side by side must all match (an implicit AND, which binds tighter than
``NOT``: ``a NOT b c`` keeps ``a`` without ``b c``); then ``NOT``, ``AND`` and ``OR`` in that
order. ``NOT`` takes a word on each side (``a NOT b``). A word is letters, digits, ``_`` and any
non-ASCII character; anything else outside quotes is refused with a hint to quote it. A quoted
phrase holds anything, ``""`` standing for one quotation mark.

What cannot be read raises the store's ``BadQuery`` with a plain hint (``store/query_hints.py``).
The parser is bounded: a query over ``MAX_LENGTH`` characters, ``MAX_TERMS`` words or phrases or
``MAX_DEPTH`` nested brackets is refused, so no input keeps it busy.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Final

from linkboard.store import query_hints as hints
from linkboard.store.base import BadQuery

__all__ = [
    "MAX_DEPTH", "MAX_LENGTH", "MAX_TERMS", "NEAR_DISTANCE", "NOTHING",
    "And", "Near", "Node", "Not", "Or", "Phrase", "Term", "parse",
]  # fmt: skip

MAX_LENGTH: Final = 1000
MAX_TERMS: Final = 64
MAX_DEPTH: Final = 32
#: NEAR's distance in tokens when none is given (FTS5's default).
NEAR_DISTANCE: Final = 10
#: Larger distances are kept at this (no record is longer).
_MAX_DISTANCE: Final = 1_000_000_000

_SPACE = frozenset(" \t\n\r\f\v")
_SINGLE = {"(": "LP", ")": "RP", "*": "STAR", ",": "COMMA"}
_OPERATORS = frozenset({"AND", "OR", "NOT"})


@dataclass(frozen=True, slots=True)
class Term:
    """One word; with ``prefix``, any word that starts with it."""

    word: str
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words that follow one another (none: a phrase that finds nothing); with ``prefix``, the
    last word is a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Near:
    """Each of ``phrases``, all within ``distance`` words of one another."""

    phrases: tuple[Term | Phrase, ...]
    distance: int = NEAR_DISTANCE


@dataclass(frozen=True, slots=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    """What ``keep`` finds, less what ``drop`` finds."""

    keep: Node
    drop: Node


Node = Term | Phrase | Near | And | Or | Not

#: A phrase without a letter or a digit ("", "..."): it finds nothing, and among words side by
#: side or in NEAR() it is left out.
NOTHING: Final = Phrase(())


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # WORD, QUOTED, LP, RP, STAR, COMMA, AND, OR, NOT, END
    text: str
    at: int


def parse(text: str) -> Node:
    """The tree of TEXT, an analyst's full-text query; BadQuery (with a hint) if it cannot be
    read."""
    if len(text) > MAX_LENGTH:
        raise BadQuery(hints.too_long(MAX_LENGTH))
    return _Parser(text, _tokens(text)).query()


def _is_word_char(char: str) -> bool:
    return not char.isascii() or char.isalnum() or char in "_\x1a"


def _is_letter(char: str) -> bool:
    """Whether CHAR is part of a word to the full-text index (a letter, a digit or a private
    use character), not a separator."""
    return char.isalnum() or unicodedata.category(char) == "Co"


def _tokens(text: str) -> list[_Token]:
    out, i = [], 0
    while i < len(text):
        char = text[i]
        if char in _SPACE:
            i += 1
        elif char in _SINGLE:
            out.append(_Token(_SINGLE[char], char, i))
            i += 1
        elif char == '"':
            quoted, i = _quoted(text, i)
            out.append(quoted)
        elif _is_word_char(char):
            end = i + 1
            while end < len(text) and _is_word_char(text[end]):
                end += 1
            word = text[i:end]
            out.append(_Token(word if word in _OPERATORS else "WORD", word, i))
            i = end
        else:
            raise BadQuery(hints.punctuation(char, _chunk(text, i)))
    out.append(_Token("END", "", len(text)))
    return out


def _quoted(text: str, start: int) -> tuple[_Token, int]:
    """The quoted string that opens at START, and where it ends."""
    parts, i = [], start + 1
    while True:
        close = text.find('"', i)
        if close < 0:
            raise BadQuery(hints.UNCLOSED_QUOTE)
        parts.append(text[i:close])
        if text.startswith('"', close + 1):
            parts.append('"')
            i = close + 2
        else:
            return _Token("QUOTED", "".join(parts), start), close + 1


def _chunk(text: str, at: int) -> str:
    """The run of characters around AT up to a space or a quotation mark."""
    start, end = at, at + 1
    while start > 0 and text[start - 1] not in _SPACE and text[start - 1] != '"':
        start -= 1
    while end < len(text) and text[end] not in _SPACE and text[end] != '"':
        end += 1
    return text[start:end]


class _Parser:
    """Recursive descent, lowest precedence first: OR, AND, NOT, words side by side."""

    def __init__(self, text: str, tokens: list[_Token]) -> None:
        self.text, self.tokens, self.i = text, tokens, 0
        self.depth = self.terms = 0

    @property
    def next(self) -> _Token:
        return self.tokens[self.i]

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def query(self) -> Node:
        if self.next.kind == "END":
            raise BadQuery(hints.UNREADABLE)
        node = self.either()
        if self.next.kind != "END":
            raise BadQuery(self.stray(self.next))
        return node

    def either(self) -> Node:
        parts = [self.both()]
        while self.next.kind == "OR":
            self.take()
            parts.append(self.both())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def both(self) -> Node:
        parts = [self.without()]
        while self.next.kind == "AND":
            self.take()
            parts.append(self.without())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def without(self) -> Node:
        node = self.side_by_side()
        while self.next.kind == "NOT":
            self.take()
            node = Not(node, self.side_by_side())
        return node

    def side_by_side(self) -> Node:
        parts = [self.primary()]
        while self.next.kind in ("WORD", "QUOTED", "LP"):
            parts.append(self.primary())
        parts = [p for p in parts if p != NOTHING] or [NOTHING]
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def primary(self) -> Node:
        token = self.next
        if token.kind == "LP":
            return self.bracketed()
        if token.kind == "WORD" and token.text == "NEAR" and self.tokens[self.i + 1].kind == "LP":
            return self.near()
        if token.kind in ("WORD", "QUOTED"):
            return self.phrase()
        raise BadQuery(self.missing(token))

    def bracketed(self) -> Node:
        self.take()
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise BadQuery(hints.too_deep(MAX_DEPTH))
        node = self.either()
        if self.next.kind != "RP":
            raise BadQuery(self.stray(self.next))
        self.take()
        self.depth -= 1
        return node

    def near(self) -> Near | Phrase:
        self.take()  # NEAR
        self.take()  # (
        phrases = []
        while self.next.kind in ("WORD", "QUOTED"):
            phrases.append(self.phrase())
        distance = NEAR_DISTANCE
        if phrases and self.next.kind == "COMMA":
            self.take()
            digits = self.take().text
            if not (digits.isascii() and digits.isdigit()):
                raise BadQuery(hints.NEAR)
            distance = min(int(digits), _MAX_DISTANCE)
        if self.next.kind == "END":
            raise BadQuery(hints.UNBALANCED)
        if not phrases or self.next.kind != "RP":
            raise BadQuery(hints.NEAR)
        self.take()
        phrases = [p for p in phrases if p != NOTHING]
        return Near(tuple(phrases), distance) if phrases else NOTHING

    def phrase(self) -> Term | Phrase:
        token = self.take()
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise BadQuery(hints.too_many_terms(MAX_TERMS))
        prefix = self.next.kind == "STAR"
        if prefix:
            self.take()
        if not any(map(_is_letter, token.text)):
            return NOTHING
        if token.kind == "WORD":
            return Term(token.text, prefix)
        words = tuple(token.text.split())
        return Term(words[0], prefix) if len(words) == 1 else Phrase(words, prefix)

    def missing(self, token: _Token) -> str:
        """The hint when a word was due and TOKEN came."""
        before = self.tokens[self.i - 1].kind if self.i else ""
        if token.kind in _OPERATORS or before in _OPERATORS:
            return hints.DANGLING_OPERATOR
        if token.kind == "RP" and before == "LP":
            return hints.EMPTY_BRACKETS
        return self.stray(token)

    def stray(self, token: _Token) -> str:
        """The hint for TOKEN where nothing more of the query could go."""
        if token.kind == "STAR":
            return hints.STAR
        if token.kind == "COMMA":
            return hints.punctuation(",", _chunk(self.text, token.at))
        if token.kind in ("RP", "END"):
            return hints.UNBALANCED
        return hints.UNREADABLE
