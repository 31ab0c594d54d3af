"""What to tell an analyst whose text search the store's full-text index (SQLite FTS5) cannot
read: a plain hint about the query as typed, never the engine's own words ("fts5: syntax error
near ..."). The search page and search watches use it."""

from __future__ import annotations

import re

OPERATORS = ("AND", "OR", "NOT")
#: Characters that are part of FTS5's query syntax or that it cannot take outside quotes.
_SPECIAL = re.compile(r"[^\w\s\"()*]")
_WORDS = re.compile(r'"[^"]*"|\S+')


def hint(query: str) -> str:
    """One sentence on what to change in QUERY, a text search the engine refused."""
    if query.count('"') % 2:
        return "a quotation mark is not closed."
    words = _WORDS.findall(query)
    if words and (words[0] in OPERATORS or words[-1] in (*OPERATORS, "NEAR")):
        return "AND, OR and NOT need a word on each side."
    if query.count("(") != query.count(")"):
        return "a bracket is opened and not closed, or closed and not opened."
    if re.fullmatch(r"[\s*]+", query) or re.search(r"(^|\s)\*", query):
        return "a * goes at the end of a word, as in lol* (it finds lola and lolita)."
    unquoted = re.sub(r'"[^"]*"', " ", query)
    odd = _SPECIAL.search(unquoted)
    if odd:
        word = next(w for w in unquoted.split() if odd.group() in w)
        return f'put words with punctuation such as "{odd.group()}" in quotes, as in "{word}".'
    return "it is not a search the engine can read."
