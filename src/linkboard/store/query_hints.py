"""What to tell an analyst whose text search cannot be read: a plain hint about the query as
typed, never the engine's own words ("fts5: syntax error near ..."). The query parser
(``store/query.py``) raises these sentences; ``hint`` guesses one for a query the engine itself
refused."""

from __future__ import annotations

import re

OPERATORS = ("AND", "OR", "NOT")
#: Characters that are part of FTS5's query syntax or that it cannot take outside quotes.
_SPECIAL = re.compile(r"[^\w\s\"()*]")
_WORDS = re.compile(r'"[^"]*"|\S+')

UNCLOSED_QUOTE = "a quotation mark is not closed."
DANGLING_OPERATOR = "AND, OR and NOT need a word on each side."
UNBALANCED = "a bracket is opened and not closed, or closed and not opened."
STAR = "a * goes at the end of a word, as in lol* (it finds lola and lolita)."
EMPTY_BRACKETS = "a pair of brackets holds no words."
NEAR = "NEAR takes words and a distance, as in NEAR(lola town, 5)."
UNREADABLE = "it is not a search the engine can read."


def punctuation(mark: str, word: str) -> str:
    """The hint for MARK, punctuation outside quotes, in WORD."""
    return f'put words with punctuation such as "{mark}" in quotes, as in "{word}".'


def too_long(limit: int) -> str:
    return f"a search is at most {limit:,} characters long."


def too_many_terms(limit: int) -> str:
    return f"a search has at most {limit} words or quoted phrases."


def too_deep(limit: int) -> str:
    return f"brackets go at most {limit} deep inside one another."


def hint(query: str) -> str:
    """One sentence on what to change in QUERY, a text search the engine refused."""
    if query.count('"') % 2:
        return UNCLOSED_QUOTE
    words = _WORDS.findall(query)
    if words and (words[0] in OPERATORS or words[-1] in (*OPERATORS, "NEAR")):
        return DANGLING_OPERATOR
    if query.count("(") != query.count(")"):
        return UNBALANCED
    if re.fullmatch(r"[\s*]+", query) or re.search(r"(^|\s)\*", query):
        return STAR
    unquoted = re.sub(r'"[^"]*"', " ", query)
    odd = _SPECIAL.search(unquoted)
    if odd:
        word = next(w for w in unquoted.split() if odd.group() in w)
        return punctuation(odd.group(), word)
    return UNREADABLE
