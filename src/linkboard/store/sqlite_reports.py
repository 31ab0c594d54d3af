"""What exports, the CLI's reports (stats, explain, networks) and the evaluation read. (SQLite)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linkboard.store.sqlite import Connection


class ReportsSQL:
    """Mixed into :class:`linkboard.store.sqlite.SQLiteStore`."""

    db: Connection
