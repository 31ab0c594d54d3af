"""A second process for linking work that only reads the store, so a big update uses two cores.

The process is spawned (not forked: the caller holds an open store) and opens the same store
read-only, from its ``location()``; the store lets it read while the caller writes (SQLite's
WAL). ``submit(fn, *args)`` runs ``fn(store, *args)`` there, calls in the order submitted (one
worker), and returns a future.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context
from typing import Any

from linkboard.store import open_store
from linkboard.store.corpus import CorpusStore

Submit = Callable[..., "Future[Any]"]
_store: CorpusStore | None = None


def available(store: CorpusStore) -> bool:
    """Whether a second process can open STORE (a file, not an in-memory database)."""
    return store.location() is not None


@contextmanager
def second_process(store: CorpusStore) -> Iterator[Submit]:
    """A ``submit(fn, *args)`` that runs ``fn(read_only_store, *args)`` in a second process."""
    location = store.location()
    if location is None:
        raise ValueError("this store cannot be opened by a second process")
    context = get_context("spawn")
    with ProcessPoolExecutor(1, context, initializer=_open, initargs=(location,)) as pool:
        yield lambda fn, *args: pool.submit(_run, fn, *args)


def _open(location: str) -> None:
    global _store
    _store = open_store(location, readonly=True)


def _run(fn: Callable[..., Any], *args: Any) -> Any:
    assert _store is not None
    return fn(_store, *args)
