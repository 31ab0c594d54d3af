"""Casework: accounts, sessions and the sign-in throttle, the audit log, cases, curation decisions,
watches and alerts, preferences. (SQLite)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linkboard.store.sqlite import Connection


class CaseworkSQL:
    """Mixed into :class:`linkboard.store.sqlite.SQLiteStore`."""

    db: Connection
