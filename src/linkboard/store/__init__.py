"""Stores: where records and everything derived from them live."""

from __future__ import annotations

from pathlib import Path

from linkboard.store.base import IngestCounts, Store, StoreError
from linkboard.store.sqlite import SQLiteStore


def open_store(path: str | Path, *, readonly: bool = False) -> SQLiteStore:
    """Open (creating and migrating if needed) the store at PATH."""
    return SQLiteStore(path, readonly=readonly)


__all__ = ["IngestCounts", "SQLiteStore", "Store", "StoreError", "open_store"]
