"""Audit entries that cannot wait for the write lock, kept until they join the chain.

A pipeline stage holds the store's write lock for seconds, the link stage for minutes (it is one
transaction). The web app audits every page view, and a page must not wait that long: an entry
that finds the lock taken goes to the spool, a small SQLite file beside the store
(``<db>.audit-spool``) that nothing but such entries writes, and joins the chain at the next
audit write that holds the lock (``cases.audit.record``), oldest first, with the time it was
made. ``backup`` chains them into its copy.

Nothing is lost or written twice: the spool numbers its entries, the store notes which spool and
how far it has chained (``app_settings`` ``audit_spool``, in the transaction that chains them),
and the spool forgets entries only once that has committed. A spool made afresh has another id
and is chained from its first entry.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linkboard.store.auditchain import append

COLUMNS = ("at", "actor", "action", "target", "outcome", "detail", "client")
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS spool (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
    f"{', '.join(COLUMNS)})",
    "CREATE TABLE IF NOT EXISTS spool_id (id TEXT NOT NULL)",
)
#: Entries chained per audit write at most (a page that drains the spool stays quick).
BATCH = 5000
SETTING = "audit_spool"


def spool_path(db_path: Path) -> Path:
    return Path(f"{db_path}.audit-spool")


@dataclass(frozen=True, slots=True)
class Waiting:
    """Entries read from a spool: its id and ``(seq, *COLUMNS)`` rows, oldest first."""

    spool: str
    rows: list[tuple[Any, ...]]


def _open(path: Path) -> sqlite3.Connection:
    from linkboard.store.sqlite import BUSY_TIMEOUT

    return sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)


def add(db_path: Path, fields: Sequence[Any]) -> None:
    """Keep one entry (its ``COLUMNS``) until it can be chained."""
    with closing(_open(spool_path(db_path))) as spool:
        spool.execute("PRAGMA journal_mode=WAL")
        for sql in SCHEMA:
            spool.execute(sql)
        spool.execute("BEGIN IMMEDIATE")
        spool.execute(
            "INSERT INTO spool_id SELECT ? WHERE NOT EXISTS (SELECT 1 FROM spool_id)",
            (secrets.token_hex(8),),
        )
        spool.execute(
            f"INSERT INTO spool ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
            tuple(fields),
        )
        spool.execute("COMMIT")


def waiting(db_path: Path, *, after: int = 0, limit: int = BATCH) -> Waiting | None:
    """The oldest entries (after seq AFTER) in the spool beside the store at DB_PATH, or None."""
    path = spool_path(db_path)
    if not path.is_file():
        return None
    with closing(_open(path)) as spool:
        try:
            found = spool.execute("SELECT id FROM spool_id").fetchone()
            rows = spool.execute(
                f"SELECT seq, {', '.join(COLUMNS)} FROM spool WHERE seq > ? ORDER BY seq LIMIT ?",
                (after, limit),
            ).fetchall()
        except sqlite3.OperationalError:  # made, but its tables not yet
            return None
    return Waiting(found[0], rows) if found and rows else None


def count(db_path: Path) -> int:
    """How many entries wait in the spool."""
    path = spool_path(db_path)
    if not path.is_file():
        return 0
    with closing(_open(path)) as spool:
        try:
            return int(spool.execute("SELECT count(*) FROM spool").fetchone()[0])
        except sqlite3.OperationalError:
            return 0


def chain(db: sqlite3.Connection, entries: Waiting | None) -> int:
    """Append ENTRIES not chained yet to the audit log of DB, holding its write lock, and note
    how far the spool is chained; returns that seq (0 for nothing)."""
    if entries is None:
        return 0
    row = db.execute("SELECT value FROM app_settings WHERE key = ?", (SETTING,)).fetchone()
    done = json.loads(row[0]) if row else {}
    upto = int(done.get("seq", 0)) if done.get("spool") == entries.spool else 0
    for seq, *fields in entries.rows:
        if seq > upto:
            append(db, fields)
            upto = seq
    db.execute(
        "INSERT OR REPLACE INTO app_settings (key, value) VALUES (?, ?)",
        (SETTING, json.dumps({"spool": entries.spool, "seq": upto})),
    )
    return upto


def forget(db_path: Path, entries: Waiting | None, upto: int) -> None:
    """Drop the spooled entries through UPTO, once the transaction that chained them committed."""
    if entries is None or upto <= 0:
        return
    with closing(_open(spool_path(db_path))) as spool:
        spool.execute("DELETE FROM spool WHERE seq <= ?", (upto,))
