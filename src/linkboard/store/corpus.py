"""What the pipeline reads and writes beyond records and facts: the link stage's candidates, links,
networks and their scores, template families, market prices.

The protocol every store backend implements; the SQLite one is ``store.sqlite_corpus``."""

from __future__ import annotations

from typing import Protocol


class CorpusStore(Protocol):
    pass
