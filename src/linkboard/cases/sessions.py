"""Signed session tokens and CSRF tokens.

The signing secret comes from the ``LINKBOARD_SECRET`` environment variable, or else from the
database, where it is generated with ``secrets`` on first use. There is no default secret.

A session token names the user, the user's ``epoch`` and a session of the ``sessions`` table.
Disabling a user, changing a role or a password, or signing out bumps the epoch and so ends every
session of that user. A session also ends when it has not been used for the idle timeout
(``IDLE_TIMEOUT``, ``linkboard serve --idle-timeout``) and, whatever its use, ``SESSION_MAX_AGE``
after sign-in. Its last use is noted in the store at most once a ``NOTE_EVERY``, and only when the
write lock is free at that instant (the check runs on the server's event loop, which must never
wait; a later request notes it), so a page view does not wait for a pipeline stage. CSRF tokens
are bound to the session token they were issued for.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from datetime import UTC, datetime, timedelta

from itsdangerous import BadData, URLSafeTimedSerializer

from linkboard.cases import audit
from linkboard.cases.accounts import get_user, note_sign_in
from linkboard.store.casework import CaseworkStore, User

SECRET_ENV = "LINKBOARD_SECRET"
#: Where the store keeps the secret it made (``app_settings``).
SECRET_SETTING = "session_secret"
SESSION_MAX_AGE = 12 * 3600
#: Seconds a session may go unused before it ends.
IDLE_TIMEOUT = 30 * 60
#: A session's last use is written at most this often (seconds).
NOTE_EVERY = 60
COOKIE_NAME = "linkboard_session"
CSRF_FIELD = "csrf_token"


class SessionInvalid(Exception):
    """The session token is missing, forged, expired, or its user can no longer sign in."""


class CSRFError(Exception):
    """The CSRF token does not belong to this session."""


def secret_key(store: CaseworkStore) -> str:
    """The signing secret: the environment's, or the database's (made on first use)."""
    env = os.environ.get(SECRET_ENV)
    if env:
        return env
    stored = store.setting(SECRET_SETTING)
    if stored is not None:
        return stored
    store.add_setting(SECRET_SETTING, secrets.token_urlsafe(48))
    return str(store.setting(SECRET_SETTING))


def _serializer(store: CaseworkStore, salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key(store), salt=salt)


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def issue_session(store: CaseworkStore, user: User, *, when: datetime | None = None) -> str:
    """A signed token for the cookie, after ``accounts.authenticate`` returned USER (or the
    first-run page made the first admin). A session issued is a sign-in: its time is noted."""
    at = when or datetime.now(UTC)
    note_sign_in(store, user.username, at)
    session_id = secrets.token_urlsafe(18)
    expired = _stamp(at - timedelta(seconds=SESSION_MAX_AGE))
    store.start_session(session_id, user.username, _stamp(at), expired)
    payload = {"u": user.username, "e": user.epoch, "s": session_id}
    return _serializer(store, "linkboard.session").dumps(payload)


def read_session(
    store: CaseworkStore,
    token: str | None,
    *,
    max_age: int = SESSION_MAX_AGE,
    idle: float = IDLE_TIMEOUT,
    when: datetime | None = None,
) -> User:
    """The signed-in user for a session token, re-read from the database, or SessionInvalid.

    A session unused for IDLE seconds has ended; a use is noted (see ``NOTE_EVERY``)."""
    if not token:
        raise SessionInvalid("no session")
    try:
        payload = _serializer(store, "linkboard.session").loads(token, max_age=max_age)
    except BadData as exc:
        raise SessionInvalid("bad or expired session") from exc
    at = when or datetime.now(UTC)
    session_id, username = str(payload.get("s", "")), str(payload.get("u", ""))
    seen = store.session_seen(session_id)
    if seen is None or seen[0] != username:
        raise SessionInvalid("session ended")
    unused = (at - datetime.fromisoformat(seen[1])).total_seconds()
    if unused > idle:
        store.drop_session_if_free(session_id)
        raise SessionInvalid("session ended after being idle")
    user = get_user(store, username)
    if user is None or user.disabled or user.epoch != payload.get("e"):
        raise SessionInvalid("session ended")
    if unused > NOTE_EVERY:
        store.touch_session_if_free(session_id, _stamp(at))
    return user


def end_sessions(store: CaseworkStore, username: str, *, client: str = "") -> None:
    """Sign a user out everywhere (logout of all devices)."""
    store.end_user_sessions(username)
    audit.record(store, username, "logout", f"user:{username}", client=client)


def _binding(session_token: str) -> str:
    return hashlib.sha256(session_token.encode()).hexdigest()[:32]


def csrf_token(store: CaseworkStore, session_token: str) -> str:
    """A token for every form and unsafe request of this session."""
    return _serializer(store, "linkboard.csrf").dumps(_binding(session_token))


def check_csrf(
    store: CaseworkStore,
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
