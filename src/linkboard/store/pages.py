"""What the web pages read: triage, search (full text and identifiers), facets, the record,
network, overview, map, graph and history pages.

The protocol every store backend implements; the SQLite one is ``store.sqlite_pages``."""

from __future__ import annotations

from typing import Protocol


class PageQueries(Protocol):
    pass
