"""SQLite connections that take the write lock up front, nest, and wait out other writers."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Literal

from linkboard.store.base import StoreBusy, StoreError

#: How long a writer waits for the write lock: SQLite's busy handler for one statement (at
#: most BUSY_TIMEOUT), and back-off retries for a whole transaction (``LINKBOARD_LOCK_WAIT``
#: seconds, PATIENCE when unset: a pipeline run waits out the web app's short writes and another
#: run's stage, and says "locked" only after that).
BUSY_TIMEOUT = 30.0
PATIENCE = 300.0
#: After a write that would not wait found the lock taken, such writes do not wait again for
#: this long (a pipeline stage holds the lock for seconds or minutes: waiting for it on every
#: page view only adds the wait to every page).
BUSY_MEMORY = 1.0


def lock_wait() -> float:
    """Seconds a writer waits for another writer's lock (``LINKBOARD_LOCK_WAIT``)."""
    value = os.environ.get("LINKBOARD_LOCK_WAIT", "")
    try:
        return max(0.0, float(value)) if value else PATIENCE
    except ValueError:
        raise StoreError(
            f"LINKBOARD_LOCK_WAIT must be a number of seconds, not {value!r}"
        ) from None


def is_busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


class SQLiteBusy(StoreBusy, sqlite3.OperationalError):
    """Another process held the write lock past the wait. A StoreBusy for callers; still the
    driver's OperationalError for the store's own code, which retries on it."""


class SQLiteFailure(StoreError, sqlite3.OperationalError):
    """SQLite could not run a statement (a full disk, a damaged file, an interrupted query). A
    StoreError for callers; still the driver's OperationalError inside the store."""


def store_error(exc: sqlite3.OperationalError) -> sqlite3.OperationalError:
    """EXC as the store's own error type, its message kept (the store's code reads it)."""
    if isinstance(exc, StoreError):
        return exc
    if is_busy(exc):
        return SQLiteBusy(f"database is locked by another process ({exc})")
    return SQLiteFailure(f"database error: {exc}")


class Connection(sqlite3.Connection):
    """A connection whose ``with`` blocks take the write lock up front and nest, and whose
    statements fail with the store's own errors (``SQLiteBusy``, ``SQLiteFailure``).

    The outermost block begins with ``BEGIN IMMEDIATE`` (a deferred transaction that reads and
    then writes fails at once, without waiting, when another writer committed in between), waiting
    for the lock with back-off for up to ``patience`` seconds; it commits or rolls back. Blocks
    inside it are savepoints, and ``commit()`` inside it is part of it: a stage wraps everything it
    writes, and the mark of what it has done, in one transaction, whatever its callees do."""

    depth: int = 0
    patience: float = PATIENCE

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.OperationalError as exc:
            raise store_error(exc) from exc

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:
        try:
            return super().executemany(sql, parameters)
        except sqlite3.OperationalError as exc:
            raise store_error(exc) from exc

    def executescript(self, script: str, /) -> sqlite3.Cursor:
        try:
            return super().executescript(script)
        except sqlite3.OperationalError as exc:
            raise store_error(exc) from exc

    def __enter__(self) -> Connection:
        if self.depth == 0:
            self._begin()
        else:
            self.execute(f"SAVEPOINT lb{self.depth}")
        self.depth += 1
        return self

    def __exit__(self, kind: object, exc: object, tb: object) -> Literal[False]:
        self.depth -= 1
        if self.depth > 0:
            if kind is not None:
                self.execute(f"ROLLBACK TO lb{self.depth}")
            self.execute(f"RELEASE lb{self.depth}")
        elif kind is None:
            super().commit()
        else:
            self.rollback()
        return False

    def commit(self) -> None:
        if self.depth == 0:
            super().commit()

    @contextmanager
    def if_free(self, wait: float | None) -> Iterator[bool]:
        """A write transaction if the write lock is free within WAIT seconds: inside it, yields
        True and commits at the end (a savepoint when a transaction is open); or yields False
        without beginning anything. WAIT None waits as long as ``with`` does (always True).

        For writes that must not wait for a pipeline stage (a page view noted, audited): once
        the lock was found taken, those writes try without waiting for ``BUSY_MEMORY`` seconds."""
        if wait is None or self.depth:
            with self:
                yield True
            return
        if not self._try_begin(0.0 if time.monotonic() < Connection.busy_until else wait):
            yield False
            return
        self.depth += 1
        try:
            yield True
        except BaseException as exc:
            self.__exit__(type(exc), exc, exc.__traceback__)
            raise
        self.__exit__(None, None, None)

    #: Until when (``time.monotonic()``) a write that would not wait finds the lock taken.
    busy_until: float = 0.0

    def _try_begin(self, wait: float) -> bool:
        if self.in_transaction:
            super().commit()
        before = self.execute("PRAGMA busy_timeout").fetchone()[0]
        self.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        try:
            self.execute("BEGIN IMMEDIATE")
            return True
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            if wait > 0:  # held for all of WAIT: by a pipeline stage, most likely
                Connection.busy_until = time.monotonic() + BUSY_MEMORY
            return False
        finally:
            self.execute(f"PRAGMA busy_timeout = {int(before)}")

    def _begin(self) -> None:
        if self.in_transaction:  # one opened implicitly (a write outside any block): end it
            super().commit()
        deadline = time.monotonic() + self.patience
        pause = 0.05
        while True:
            try:
                self.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not is_busy(exc) or time.monotonic() >= deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 2.0)


def try_write(db: Connection, sql: str, params: Iterable[Any] = (), wait: float = 0.1) -> bool:
    """Run one write if the lock is free within WAIT seconds; False (nothing written) if not.

    For writes nobody must wait for, such as the web app noting a page view while a pipeline
    stage holds the write lock (see :meth:`Connection.if_free`)."""
    with db.if_free(wait) as free:
        if free:
            db.execute(sql, tuple(params))
    return free
