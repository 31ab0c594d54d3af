"""The web app's connections to the store: one per worker thread, opened on first use.

Pages only read the store's tables. The one thing the web app writes is its own small table of
what each browser has seen and reviewed (``sessions.py``), created with ``IF NOT EXISTS``.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from linkboard.store import StoreError, open_store
from linkboard.web.sessions import SESSION_TABLES


class Database:
    """The store at ``path``, as thread-local sqlite3 connections."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise StoreError(f"no database at {self.path}")
        with open_store(self.path) as store:  # applies pending migrations once
            store.db.executescript(SESSION_TABLES)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=5, check_same_thread=False)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA cache_size=-65536")
            db.execute("PRAGMA temp_store=MEMORY")
            self._local.db = db
            with self._lock:
                self._all.append(db)
        return db

    def close(self) -> None:
        with self._lock:
            for db in self._all:
                db.close()
            self._all.clear()
        self._local = threading.local()
