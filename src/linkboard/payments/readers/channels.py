"""How money moved, from the code or the type name a statement gives an entry: the tables in
``channels.yaml``, one per format, and the words to fall back on."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from linkboard.payments.ledger import CHANNELS

TABLES = Path(__file__).with_name("channels.yaml")


@cache
def _tables() -> dict[str, dict[str, str]]:
    data = yaml.safe_load(TABLES.read_text("utf-8"))
    return {
        name: {str(k).casefold(): str(v) for k, v in table.items()}
        for name, table in data.items()
        if isinstance(table, dict)
    }


@cache
def _words() -> tuple[tuple[re.Pattern[str], str], ...]:
    data = yaml.safe_load(TABLES.read_text("utf-8"))
    return tuple(
        (re.compile(rf"\b{re.escape(word)}\b", re.I), channel) for word, channel in data["words"]
    )


def lookup(table: str, code: str) -> str | None:
    """The channel TABLE gives CODE (compared without case), else None."""
    return _tables()[table].get(" ".join(code.split()).casefold())


def by_words(text: str) -> str | None:
    """The channel the first known word in TEXT names (``ATM`` cash, ``POS`` card), else None."""
    return next((channel for word, channel in _words() if word.search(text[:200])), None)


def channel(table: str, code: str) -> str:
    """The channel of a type name or code: TABLE's, else its words', else ``other``."""
    return lookup(table, code) or by_words(code) or "other"


def named(text: str) -> str | None:
    """TEXT when it names a channel itself (a mapped column's value), else None."""
    value = text.strip().casefold()
    return value if value in CHANNELS else None
