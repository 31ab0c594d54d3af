"""Casework: accounts, sessions and the sign-in throttle, the audit log, cases, curation decisions,
watches and alerts, preferences.

The protocol every store backend implements; the SQLite one is ``store.sqlite_casework``."""

from __future__ import annotations

from typing import Protocol


class CaseworkStore(Protocol):
    pass
