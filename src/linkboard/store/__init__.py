"""Stores: where records and everything derived from them live."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from linkboard.store.base import IngestCounts, Store, StoreError
from linkboard.store.sqlite import SQLiteStore

#: What a backend's driver raises for a database problem the store does not name itself (a write
#: lock held past the wait, a full disk): shells report these in one line, as they do StoreError.
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.OperationalError,)


def open_store(path: str | Path, *, readonly: bool = False) -> SQLiteStore:
    """Open (creating and migrating if needed) the store at PATH."""
    return SQLiteStore(path, readonly=readonly)


__all__ = ["DATABASE_ERRORS", "IngestCounts", "SQLiteStore", "Store", "StoreError", "open_store"]
