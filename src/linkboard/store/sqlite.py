"""The embedded store: one SQLite file in WAL mode, with FTS5 over the records' text. The
store is made of mixins, one per concept (records, facts, links, casework, pages, reports, the
corpus), over one connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from linkboard import PIPELINE_VERSION
from linkboard.store.base import StoreError
from linkboard.store.schema import MIGRATIONS, Step
from linkboard.store.sqlite_casework import CaseworkSQL
from linkboard.store.sqlite_connection import (
    BUSY_TIMEOUT,
    Connection,
    is_busy,
    lock_wait,
    try_write,
)
from linkboard.store.sqlite_corpus import CorpusSQL
from linkboard.store.sqlite_facts import FactsSQL
from linkboard.store.sqlite_hashlists import HashListsSQL
from linkboard.store.sqlite_links import LinksSQL
from linkboard.store.sqlite_pages import PagesSQL
from linkboard.store.sqlite_records import RecordsSQL
from linkboard.store.sqlite_reports import ReportsSQL
from linkboard.store.sqlite_rows import mention_from_row, now

__all__ = [
    "BUSY_TIMEOUT",
    "Connection",
    "SQLiteStore",
    "is_busy",
    "lock_wait",
    "mention_from_row",
    "now",
    "try_write",
]


class SQLiteStore(
    RecordsSQL, FactsSQL, LinksSQL, CaseworkSQL, PagesSQL, ReportsSQL, CorpusSQL, HashListsSQL
):
    """linkboard's store on SQLite. One instance per thread or process.

    ``with store.db:`` is one write transaction, taken up front (see :class:`Connection`)."""

    db: Connection

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly and not self.path.exists():
            raise StoreError(f"no database at {self.path}")
        wait = lock_wait()
        try:
            uri = f"file:{self.path}?mode=ro" if readonly else str(self.path)
            self.db = sqlite3.connect(
                uri,
                uri=readonly,
                timeout=min(wait, BUSY_TIMEOUT),
                check_same_thread=False,
                factory=Connection,
            )
            self.db.patience = wait
            self.db.row_factory = sqlite3.Row
            if not readonly:
                self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA cache_size=-65536")
            if not readonly:
                self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc

    # -- schema ---------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        current = self.schema_version
        if current > len(MIGRATIONS):
            raise StoreError(
                f"{self.path} has schema {current}, newer than this linkboard ({len(MIGRATIONS)})"
            )
        for number, step in enumerate(MIGRATIONS[current:], start=current + 1):
            try:
                if isinstance(step, Step):
                    self._run_step(number, step)
                else:
                    self.db.executescript(
                        f"BEGIN IMMEDIATE; {step}; PRAGMA user_version = {number}; COMMIT;"
                    )
            except sqlite3.OperationalError:
                self.db.rollback()
                if self.schema_version < number:  # not another process migrating first
                    raise

    def _run_step(self, number: int, step: Step) -> None:
        """A migration with Python in it, in one transaction (skipped if another process has
        applied it meanwhile)."""
        self.db.execute("BEGIN IMMEDIATE")
        if self.schema_version >= number:
            self.db.rollback()
            return
        for sql in step.before:
            self.db.execute(sql)
        step.run(self.db)
        for sql in step.after:
            self.db.execute(sql)
        self.db.execute(f"PRAGMA user_version = {number}")
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> Connection:
        """``with store.transaction():`` is one write transaction, taken up front; nested, it is
        part of the outer one."""
        return self.db

    def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, tuple(params))
        except sqlite3.OperationalError as exc:
            if is_busy(exc):
                raise StoreError(f"database {self.path} is locked by another process") from exc
            raise

    # -- counts ---------------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        q = self.execute
        return {
            "records": q("SELECT count(*) FROM records").fetchone()[0],
            "by_kind": dict(q("SELECT kind, count(*) FROM records GROUP BY kind").fetchall()),
            "by_source": dict(q("SELECT source, count(*) FROM records GROUP BY source").fetchall()),
            "processed": q(
                "SELECT count(*) FROM records WHERE processed_sha = sha256 "
                "AND processed_version = ?",
                (PIPELINE_VERSION,),
            ).fetchone()[0],
            "pending": self.count_pending(),
            "unlinked": self.count_unlinked(),
            "mentions": dict(q("SELECT kind, count(*) FROM mentions GROUP BY kind").fetchall()),
            "images": q("SELECT count(*) FROM images").fetchone()[0],
            "indicator_hits": q("SELECT count(*) FROM hits").fetchone()[0],
            "links": dict(q("SELECT kind, count(*) FROM links GROUP BY kind").fetchall()),
            "networks": q("SELECT count(*) FROM networks").fetchone()[0],
            "quarantine": q("SELECT count(*) FROM quarantine").fetchone()[0],
            "quarantine_by_reason": dict(
                q(
                    "SELECT substr(reason, 1, instr(reason || ':', ':') - 1), count(*) "
                    "FROM quarantine GROUP BY 1"
                ).fetchall()
            ),
            "schema_version": self.schema_version,
            "pipeline_version": PIPELINE_VERSION,
        }


#: Processed at this version but not linked since (``records_unlinked`` indexes exactly these).
