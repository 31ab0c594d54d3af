"""What each signed-in user has seen and reviewed, and when the user's previous visit ended.

The ``session`` column holds ``user:NAME`` (see ``linkboard.web.app.session``); the marks live in
the web app's own tables.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from linkboard.store.sqlite import Connection, try_write

SESSION_TABLES = """
CREATE TABLE IF NOT EXISTS web_marks (
    session TEXT NOT NULL,
    subject TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    mark TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (session, subject, subject_id, mark)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS web_visits (
    session TEXT PRIMARY KEY,
    previous TEXT,
    last TEXT NOT NULL
) WITHOUT ROWID;
"""

MARKS = ("seen", "reviewed")
#: A visit starts when the user comes back after this long away.
VISIT_GAP_SECONDS = 30 * 60
#: A session's last request is noted at most this often (a page view is not a write).
NOTE_EVERY_SECONDS = 60


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def mark(db: sqlite3.Connection, session: str, subject: str, subject_id: str, what: str) -> None:
    with db:
        db.execute(
            "INSERT OR REPLACE INTO web_marks VALUES (?, ?, ?, ?, ?)",
            (session, subject, subject_id, what, _now()),
        )


def mark_seen(db: Connection, session: str, subject: str, subject_id: str) -> None:
    """Note that a page was seen, if the write lock is free: a page view never waits for a
    pipeline stage (an analyst's explicit mark, :func:`mark`, does)."""
    try_write(
        db,
        "INSERT OR REPLACE INTO web_marks VALUES (?, ?, ?, ?, ?)",
        (session, subject, subject_id, "seen", _now()),
    )


def unmark(db: sqlite3.Connection, session: str, subject: str, subject_id: str, what: str) -> None:
    with db:
        db.execute(
            "DELETE FROM web_marks WHERE session = ? AND subject = ? AND subject_id = ? "
            "AND mark = ?",
            (session, subject, subject_id, what),
        )


def marks_of(
    db: sqlite3.Connection, session: str, subject: str, ids: list[str]
) -> dict[str, set[str]]:
    """The marks this user put on each of ``ids``."""
    out: dict[str, set[str]] = {i: set() for i in ids}
    if not ids:
        return out
    marks = ",".join("?" * len(ids))
    rows = db.execute(
        f"SELECT subject_id, mark FROM web_marks WHERE session = ? AND subject = ? "
        f"AND subject_id IN ({marks})",
        (session, subject, *ids),
    )
    for subject_id, what in rows:
        out[subject_id].add(what)
    return out


def visit(db: Connection, session: str) -> str | None:
    """Note a request; return when this user's previous visit ended (None on the first).

    A page view never waits for the write lock (a pipeline stage may hold it for seconds): the
    note is skipped when the lock is taken, and written at most once a minute per session."""
    now = datetime.now(UTC)
    row = db.execute(
        "SELECT previous, last FROM web_visits WHERE session = ?", (session,)
    ).fetchone()
    if row is None:
        try_write(db, "INSERT OR IGNORE INTO web_visits VALUES (?, NULL, ?)", (session, _now()))
        return None
    previous, last = row
    idle = (now - datetime.fromisoformat(last)).total_seconds()
    if idle > VISIT_GAP_SECONDS:
        previous = last
    if idle > NOTE_EVERY_SECONDS:
        try_write(
            db,
            "UPDATE web_visits SET previous = ?, last = ? WHERE session = ?",
            (previous, _now(), session),
        )
    return previous
