"""The web app's connections to the store: one store per worker thread, opened on first use, so
handlers can call the casework library and the page queries (both take a store).

Besides the casework tables the library writes (cases, curation, watches, the audit log), the
store keeps what each user has seen and reviewed (``sessions.py``).
"""

from __future__ import annotations

import threading
from pathlib import Path

from linkboard.store import StoreError, open_store
from linkboard.store.base import Store


class Database:
    """The store at ``path``, as thread-local stores."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise StoreError(f"no database at {self.path}")
        open_store(self.path).close()  # applies pending migrations once
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.path)
            store.prepare_for_pages()
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                store.close()
            self._all.clear()
        self._local = threading.local()
