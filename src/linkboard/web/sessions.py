"""What each signed-in user has seen and reviewed, and when the user's previous visit ended.

The ``session`` the functions take is ``user:NAME`` (see ``linkboard.web.app.session``); the store
keeps the marks and the visits (``MarksStore``).
"""

from __future__ import annotations

from datetime import UTC, datetime

from linkboard.store.casework import MarksStore

MARKS = ("seen", "reviewed")
#: A visit starts when the user comes back after this long away.
VISIT_GAP_SECONDS = 30 * 60
#: A session's last request is noted at most this often (a page view is not a write).
NOTE_EVERY_SECONDS = 60


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def mark(store: MarksStore, session: str, subject: str, subject_id: str, what: str) -> None:
    store.mark(session, subject, subject_id, what, _now())


def mark_seen(store: MarksStore, session: str, subject: str, subject_id: str) -> None:
    """Note that a page was seen, if the write lock is free: a page view never waits for a
    pipeline stage (an analyst's explicit mark, :func:`mark`, does)."""
    store.mark_if_free(session, subject, subject_id, "seen", _now())


def unmark(store: MarksStore, session: str, subject: str, subject_id: str, what: str) -> None:
    store.unmark(session, subject, subject_id, what)


def marks_of(store: MarksStore, session: str, subject: str, ids: list[str]) -> dict[str, set[str]]:
    """The marks this user put on each of ``ids``."""
    out: dict[str, set[str]] = {i: set() for i in ids}
    for subject_id, what in store.marks(session, subject, ids):
        out[subject_id].add(what)
    return out


def visit(store: MarksStore, session: str) -> str | None:
    """Note a request; return when this user's previous visit ended (None on the first).

    A page view never waits for the write lock (a pipeline stage may hold it for seconds): the
    note is skipped when the lock is taken, and written at most once a minute per session."""
    now = datetime.now(UTC)
    times = store.visit_times(session)
    if times is None:
        store.start_visit_if_free(session, _now())
        return None
    previous, last = times
    idle = (now - datetime.fromisoformat(last)).total_seconds()
    if idle > VISIT_GAP_SECONDS:
        previous = last
    if idle > NOTE_EVERY_SECONDS:
        store.note_visit_if_free(session, previous, _now())
    return previous
