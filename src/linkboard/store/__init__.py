"""Stores: where records and everything derived from them live."""

from __future__ import annotations

from pathlib import Path

from linkboard.store.base import IngestCounts, Store, StoreError
from linkboard.store.sqlite import SQLiteStore

#: URL schemes of the backends this linkboard has; a plain path is a SQLite file.
SCHEMES = ("sqlite",)


def open_store(location: str | Path, *, readonly: bool = False) -> SQLiteStore:
    """Open (creating and migrating if needed) the store at LOCATION: a file path, or a URL
    whose scheme names the backend, written as SQLAlchemy writes it (``sqlite:///store.db`` is
    relative, ``sqlite:////var/lb/store.db`` absolute; ``sqlite:store.db`` also reads)."""
    return SQLiteStore(store_path(location), readonly=readonly)


def store_path(location: str | Path) -> Path:
    """The file a SQLite LOCATION names; StoreError for a backend this linkboard lacks."""
    if isinstance(location, Path):
        return location
    scheme, sep, rest = location.partition("://")
    if not sep:
        scheme, sep, rest = location.partition(":")
        if not sep or scheme != "sqlite":  # a path, possibly with a colon in it
            return Path(location)
    if scheme != "sqlite":
        known = ", ".join(f"{s}://" for s in SCHEMES)
        raise StoreError(f"no {scheme!r} store in this linkboard (it has {known} or a file path)")
    return Path(rest.removeprefix("/"))


__all__ = [
    "IngestCounts",
    "SQLiteStore",
    "Store",
    "StoreError",
    "open_store",
    "store_path",
]
