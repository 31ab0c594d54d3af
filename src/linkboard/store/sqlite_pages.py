"""What the web pages read: triage, search (full text and identifiers), facets, the record,
network, overview, map, graph and history pages. (SQLite)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linkboard.store.sqlite import Connection


class PagesSQL:
    """Mixed into :class:`linkboard.store.sqlite.SQLiteStore`."""

    db: Connection
