"""What the pipeline reads and writes beyond records and facts: the link stage's candidates, links,
networks and their scores, template families, market prices. (SQLite)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linkboard.store.sqlite import Connection


class CorpusSQL:
    """Mixed into :class:`linkboard.store.sqlite.SQLiteStore`."""

    db: Connection
