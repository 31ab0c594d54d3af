"""Casework: accounts, sessions and the sign-in throttle, the audit log, cases, curation decisions,
watches and alerts, preferences. (SQLite)."""

from __future__ import annotations

from linkboard.store.sqlite_casework_accounts import MarksSQL
from linkboard.store.sqlite_casework_audit import AuditSQL
from linkboard.store.sqlite_casework_cases import CasesSQL
from linkboard.store.sqlite_casework_curation import CurationSQL
from linkboard.store.sqlite_casework_watches import WatchesSQL


class CaseworkSQL(MarksSQL, AuditSQL, CasesSQL, CurationSQL, WatchesSQL):
    """Mixed into :class:`linkboard.store.sqlite.SQLiteStore`."""
