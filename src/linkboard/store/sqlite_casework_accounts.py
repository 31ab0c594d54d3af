"""Users, sessions, the sign-in throttle and settings (``app_settings``). (SQLite)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from linkboard.store.casework import User
from linkboard.store.sqlite_casework_base import CaseworkTables, now

#: A session's use is noted only if the write lock is free at that instant.
NO_WAIT = 0.0
#: Seconds a page view's note (a page seen, a visit) waits for the write lock before it is skipped.
VIEW_WAIT = 0.1


def user_from_row(r: sqlite3.Row) -> User:
    return User(
        r["username"],
        r["role"],
        bool(r["disabled"]),
        r["failed_logins"],
        r["locked_until"],
        r["epoch"],
        r["last_login"],
        r["created_at"],
        r["created_by"],
    )


class AccountsSQL(CaseworkTables):
    # -- users ----------------------------------------------------------------------------------

    def _user_row(self, username: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.execute(
            "SELECT * FROM users WHERE username = ?", (username,)
        ).fetchone()
        return row

    def user(self, username: str) -> User | None:
        row = self._user_row(username)
        return user_from_row(row) if row else None

    def user_credentials(self, username: str) -> tuple[User, str] | None:
        """The user and their password hash, for a sign-in."""
        row = self._user_row(username)
        return (user_from_row(row), str(row["password_hash"])) if row else None

    def users(self) -> list[User]:
        return [user_from_row(r) for r in self.execute("SELECT * FROM users ORDER BY username")]

    def active_admins(self) -> list[str]:
        rows = self.execute("SELECT username FROM users WHERE role = 'admin' AND disabled = 0")
        return [r[0] for r in rows]

    def create_user(self, username: str, password_hash: str, role: str, created_by: str) -> None:
        with self.db:
            self.db.execute(
                "INSERT INTO users (username, password_hash, role, created_at, created_by) "
                "VALUES (?, ?, ?, ?, ?)",
                (username, password_hash, role, now(), created_by),
            )

    def _update_user(self, username: str, sql: str, params: tuple[object, ...]) -> None:
        with self.db:
            self.db.execute(f"UPDATE users SET {sql} WHERE username = ?", (*params, username))

    def set_user_disabled(self, username: str, disabled: bool) -> None:
        """Disable (or enable) a user, ending their sessions."""
        self._update_user(username, "disabled = ?, epoch = epoch + 1", (int(disabled),))

    def set_user_role(self, username: str, role: str) -> None:
        """Change a user's role, ending their sessions."""
        self._update_user(username, "role = ?, epoch = epoch + 1", (role,))

    def set_user_password(self, username: str, password_hash: str) -> None:
        """A new password: the user's sessions end and their failures are forgotten."""
        self._update_user(
            username,
            "password_hash = ?, epoch = epoch + 1, failed_logins = 0, locked_until = NULL",
            (password_hash,),
        )

    def note_login(self, username: str, password_hash: str, at: str) -> None:
        """A right password at AT: failures forgotten, the hash (maybe upgraded) kept."""
        self._update_user(
            username,
            "password_hash = ?, failed_logins = 0, locked_until = NULL, last_login = ?",
            (password_hash, at),
        )

    def set_last_login(self, username: str, at: str) -> None:
        self._update_user(username, "last_login = ?", (at,))

    # -- settings -------------------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        row = self.execute("SELECT value FROM app_settings WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def put_setting(self, key: str, value: str) -> None:
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO app_settings (key, value) VALUES (?, ?)", (key, value)
            )

    def add_setting(self, key: str, value: str) -> None:
        """Set KEY to VALUE unless it holds one already."""
        with self.db:
            self.db.execute(
                "INSERT OR IGNORE INTO app_settings (key, value) VALUES (?, ?)", (key, value)
            )

    # -- sessions -------------------------------------------------------------------------------

    def start_session(self, session_id: str, username: str, at: str, expired_before: str) -> None:
        """A new session of USERNAME at AT; sessions last seen before EXPIRED_BEFORE go."""
        with self.db:
            self.db.execute("DELETE FROM sessions WHERE seen_at < ?", (expired_before,))
            self.db.execute(
                "INSERT INTO sessions (id, username, started_at, seen_at) VALUES (?, ?, ?, ?)",
                (session_id, username, at, at),
            )

    def session_seen(self, session_id: str) -> tuple[str, str] | None:
        """The session's user and when it was last used."""
        row = self.execute(
            "SELECT username, seen_at FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        return (row["username"], row["seen_at"]) if row else None

    def _write_if_free(self, sql: str, params: tuple[object, ...], wait: float = NO_WAIT) -> bool:
        """Run one write if the lock is free within WAIT seconds; False (nothing written) if
        not: for writes nobody must wait for, such as a page view noted while a pipeline stage
        holds the lock."""
        with self.db.if_free(wait) as free:
            if free:
                self.db.execute(sql, params)
        return free

    def drop_session_if_free(self, session_id: str) -> bool:
        return self._write_if_free("DELETE FROM sessions WHERE id = ?", (session_id,))

    def touch_session_if_free(self, session_id: str, at: str) -> bool:
        return self._write_if_free(
            "UPDATE sessions SET seen_at = ? WHERE id = ? AND seen_at < ?", (at, session_id, at)
        )

    def end_user_sessions(self, username: str) -> None:
        with self.db:
            self.db.execute("UPDATE users SET epoch = epoch + 1 WHERE username = ?", (username,))
            self.db.execute("DELETE FROM sessions WHERE username = ?", (username,))

    # -- the sign-in throttle -------------------------------------------------------------------

    def sign_in_failures(self, key: str) -> tuple[int, str] | None:
        """How many sign-ins failed for KEY, and when the last did."""
        row = self.execute(
            "SELECT failures, last_at FROM sign_in_failures WHERE key = ?", (key,)
        ).fetchone()
        return (int(row["failures"]), str(row["last_at"])) if row else None

    def count_sign_in_failure(self, keys: Iterable[str], at: str, forget_before: str) -> None:
        """One more failure for each of KEYS (the first, if its last was before FORGET_BEFORE);
        keys with no failure since FORGET_BEFORE go."""
        with self.db:
            for key in keys:
                self.db.execute(
                    "INSERT INTO sign_in_failures (key, failures, last_at) VALUES (?, 1, ?) "
                    "ON CONFLICT (key) DO UPDATE SET last_at = excluded.last_at, failures = CASE "
                    "WHEN sign_in_failures.last_at < ? THEN 1 "
                    "ELSE sign_in_failures.failures + 1 END",
                    (key, at, forget_before),
                )
            self.db.execute("DELETE FROM sign_in_failures WHERE last_at < ?", (forget_before,))

    def note_sign_in_origin(self, account_key: str, username: str, address: str, at: str) -> None:
        """A right password: ACCOUNT_KEY's failures go and ADDRESS becomes an origin of USERNAME."""
        with self.db:
            self.db.execute("DELETE FROM sign_in_failures WHERE key = ?", (account_key,))
            self.db.execute(
                "INSERT OR REPLACE INTO sign_in_origins (username, address, last_at) "
                "VALUES (?, ?, ?)",
                (username, address, at),
            )

    def is_sign_in_origin(self, username: str, address: str, since: str) -> bool:
        row = self.execute(
            "SELECT 1 FROM sign_in_origins WHERE username = ? AND address = ? AND last_at >= ?",
            (username, address, since),
        ).fetchone()
        return row is not None


class MarksSQL(AccountsSQL):
    """What each web session has seen and reviewed, and its visits."""

    def mark(self, session: str, subject: str, subject_id: str, what: str, at: str) -> None:
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO web_marks VALUES (?, ?, ?, ?, ?)",
                (session, subject, subject_id, what, at),
            )

    def mark_if_free(self, session: str, subject: str, subject_id: str, what: str, at: str) -> bool:
        return self._write_if_free(
            "INSERT OR REPLACE INTO web_marks VALUES (?, ?, ?, ?, ?)",
            (session, subject, subject_id, what, at),
            VIEW_WAIT,
        )

    def unmark(self, session: str, subject: str, subject_id: str, what: str) -> None:
        with self.db:
            self.db.execute(
                "DELETE FROM web_marks WHERE session = ? AND subject = ? AND subject_id = ? "
                "AND mark = ?",
                (session, subject, subject_id, what),
            )

    def marks(self, session: str, subject: str, ids: list[str]) -> list[tuple[str, str]]:
        """``(subject_id, mark)`` for each mark SESSION put on one of IDS."""
        if not ids:
            return []
        rows = self.execute(
            f"SELECT subject_id, mark FROM web_marks WHERE session = ? AND subject = ? "
            f"AND subject_id IN ({','.join('?' * len(ids))})",
            (session, subject, *ids),
        )
        return [(r[0], r[1]) for r in rows]

    def visit_times(self, session: str) -> tuple[str | None, str] | None:
        """When SESSION's previous visit ended and when it was last seen (None: never)."""
        row = self.execute(
            "SELECT previous, last FROM web_visits WHERE session = ?", (session,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def start_visit_if_free(self, session: str, at: str) -> bool:
        return self._write_if_free(
            "INSERT OR IGNORE INTO web_visits VALUES (?, NULL, ?)", (session, at), VIEW_WAIT
        )

    def note_visit_if_free(self, session: str, previous: str | None, last: str) -> bool:
        return self._write_if_free(
            "UPDATE web_visits SET previous = ?, last = ? WHERE session = ?",
            (previous, last, session),
            VIEW_WAIT,
        )
