"""The web app's connections to the store: one ``SQLiteStore`` per worker thread, opened on
first use, so handlers can call the casework library (which takes a store) and read its tables.

Besides the casework tables the library writes (cases, curation, watches, the audit log), the web
app keeps its own small table of what each user has seen and reviewed (``sessions.py``), created
with ``IF NOT EXISTS``.
"""

from __future__ import annotations

import threading
from pathlib import Path

from linkboard.store import StoreError, open_store
from linkboard.store.sqlite import Connection, SQLiteStore
from linkboard.web.sessions import SESSION_TABLES


class Database:
    """The store at ``path``, as thread-local stores."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise StoreError(f"no database at {self.path}")
        with open_store(self.path) as store:  # applies pending migrations once
            store.db.executescript(SESSION_TABLES)
        self._local = threading.local()
        self._all: list[SQLiteStore] = []
        self._lock = threading.Lock()

    def store(self) -> SQLiteStore:
        store = getattr(self._local, "store", None)
        if store is None:
            store = SQLiteStore(self.path)
            store.db.execute("PRAGMA temp_store=MEMORY")
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def connection(self) -> Connection:
        return self.store().db

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                store.close()
            self._all.clear()
        self._local = threading.local()
