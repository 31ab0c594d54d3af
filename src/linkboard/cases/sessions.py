"""Signed session tokens and CSRF tokens.

The signing secret comes from the ``LINKBOARD_SECRET`` environment variable, or else from the
database, where it is generated with ``secrets`` on first use. There is no default secret.

A session token names the user and the user's ``epoch``; disabling a user, changing a role or a
password bumps the epoch and so ends every session of that user. CSRF tokens are bound to the
session token they were issued for.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

from itsdangerous import BadData, URLSafeTimedSerializer

from linkboard.cases import audit
from linkboard.cases.accounts import User, get_user, note_sign_in
from linkboard.store.sqlite import SQLiteStore

SECRET_ENV = "LINKBOARD_SECRET"
SESSION_MAX_AGE = 12 * 3600
COOKIE_NAME = "linkboard_session"
CSRF_FIELD = "csrf_token"


class SessionInvalid(Exception):
    """The session token is missing, forged, expired, or its user can no longer sign in."""


class CSRFError(Exception):
    """The CSRF token does not belong to this session."""


def secret_key(store: SQLiteStore) -> str:
    """The signing secret: the environment's, or the database's (made on first use)."""
    env = os.environ.get(SECRET_ENV)
    if env:
        return env
    row = store.execute("SELECT value FROM app_settings WHERE key = 'session_secret'").fetchone()
    if row:
        return str(row[0])
    with store.db:
        store.db.execute(
            "INSERT OR IGNORE INTO app_settings (key, value) VALUES ('session_secret', ?)",
            (secrets.token_urlsafe(48),),
        )
    return str(
        store.execute("SELECT value FROM app_settings WHERE key = 'session_secret'").fetchone()[0]
    )


def _serializer(store: SQLiteStore, salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key(store), salt=salt)


def issue_session(store: SQLiteStore, user: User) -> str:
    """A signed token for the cookie, after ``accounts.authenticate`` returned USER (or the
    first-run page made the first admin). A session issued is a sign-in: its time is noted."""
    note_sign_in(store, user.username)
    payload = {"u": user.username, "e": user.epoch, "n": secrets.token_hex(8)}
    return _serializer(store, "linkboard.session").dumps(payload)


def read_session(store: SQLiteStore, token: str | None, *, max_age: int = SESSION_MAX_AGE) -> User:
    """The signed-in user for a session token, re-read from the database, or SessionInvalid."""
    if not token:
        raise SessionInvalid("no session")
    try:
        payload = _serializer(store, "linkboard.session").loads(token, max_age=max_age)
    except BadData as exc:
        raise SessionInvalid("bad or expired session") from exc
    user = get_user(store, str(payload.get("u", "")))
    if user is None or user.disabled or user.epoch != payload.get("e"):
        raise SessionInvalid("session ended")
    return user


def end_sessions(store: SQLiteStore, username: str, *, client: str = "") -> None:
    """Sign a user out everywhere (logout of all devices)."""
    with store.db:
        store.db.execute("UPDATE users SET epoch = epoch + 1 WHERE username = ?", (username,))
    audit.record(store, username, "logout", f"user:{username}", client=client)


def _binding(session_token: str) -> str:
    return hashlib.sha256(session_token.encode()).hexdigest()[:32]


def csrf_token(store: SQLiteStore, session_token: str) -> str:
    """A token for every form and unsafe request of this session."""
    return _serializer(store, "linkboard.csrf").dumps(_binding(session_token))


def check_csrf(
    store: SQLiteStore,
    session_token: str | None,
    token: str | None,
    *,
    max_age: int = SESSION_MAX_AGE,
) -> None:
    """Raise CSRFError unless TOKEN was issued for SESSION_TOKEN and has not expired."""
    if not session_token or not token:
        raise CSRFError("missing CSRF token")
    try:
        bound = _serializer(store, "linkboard.csrf").loads(token, max_age=max_age)
    except BadData as exc:
        raise CSRFError("bad or expired CSRF token") from exc
    if not hmac.compare_digest(str(bound), _binding(session_token)):
        raise CSRFError("CSRF token is for another session")
