"""User accounts: argon2id password hashes, roles, disabling, and sign-in (throttled by
``linkboard.cases.throttle``).

There is no default account and no default password. The first admin is made by the local
operator with ``linkboard users add NAME --role admin`` (``add_user(..., actor=None)``); after that,
admins manage users from the web workspace.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime
from typing import IO

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from linkboard.cases import audit, throttle
from linkboard.cases.roles import ROLES, Actor, require
from linkboard.store.casework import AccountsStore, CaseworkStore
from linkboard.store.casework import User as User

MIN_PASSWORD_LENGTH = 12
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")

#: argon2id with the library's current defaults (RFC 9106 low-memory profile).
HASHER = PasswordHasher()
_dummy_hash: str | None = None


class AccountError(Exception):
    """A user-management request that cannot be done (bad name, weak password, unknown user)."""


class LoginFailed(Exception):
    """Sign-in refused. The message is the same whatever the reason; ``reason`` is for the audit."""

    def __init__(self, reason: str) -> None:
        super().__init__("sign-in failed: wrong username or password")
        self.reason = reason


class SignInHeld(LoginFailed):
    """Too many failed sign-ins for this account or from this address (SCOPE ``account`` or
    ``address``): wait ``seconds``."""

    def __init__(self, scope: str, seconds: int) -> None:
        super().__init__(f"throttled ({scope})")
        self.seconds = seconds
        self.args = (
            f"too many failed sign-ins for this account or from this address: try again in "
            f"{_duration(seconds)}",
        )


def _duration(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'' if seconds == 1 else 's'}"
    minutes = -(-seconds // 60)
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password must have at least {MIN_PASSWORD_LENGTH} characters")
    if password.strip() != password or "\n" in password:
        raise AccountError("password must not start or end with spaces or hold line breaks")


def read_password(stream: IO[str]) -> str:
    """The first line of STREAM (``--password-stdin``), without its line ending."""
    return stream.readline().rstrip("\r\n")


def get_user(store: AccountsStore, username: str) -> User | None:
    return store.user(username)


def list_users(store: AccountsStore) -> list[User]:
    return store.users()


def add_user(
    store: CaseworkStore,
    username: str,
    password: str,
    role: str,
    *,
    actor: Actor | None = None,
    client: str = "",
) -> User:
    """Create a user. ``actor=None`` is the local operator: the only way to make the first admin."""
    require(actor, "users.manage")
    if not USERNAME.match(username) or username == audit.LOCAL_ACTOR:
        raise AccountError(f"invalid username {username!r}: use 2-64 of a-z 0-9 . _ -")
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
    check_password(password)
    if get_user(store, username) is not None:
        raise AccountError(f"user {username} already exists")
    store.create_user(username, HASHER.hash(password), role, audit.actor_name(actor))
    audit.record(store, actor, "user.add", f"user:{username}", {"role": role}, client=client)
    return _require_user(store, username)


def _require_user(store: AccountsStore, username: str) -> User:
    user = get_user(store, username)
    if user is None:
        raise AccountError(f"no user {username}")
    return user


def set_disabled(
    store: CaseworkStore,
    username: str,
    disabled: bool = True,
    *,
    actor: Actor | None = None,
    client: str = "",
) -> User:
    """Disable (or enable) a user; disabling also ends the user's sessions."""
    require(actor, "users.manage")
    _require_user(store, username)
    if disabled and _last_admin(store, username):
        raise AccountError(f"{username} is the last admin: make another admin first")
    store.set_user_disabled(username, disabled)
    action = "user.disable" if disabled else "user.enable"
    audit.record(store, actor, action, f"user:{username}", client=client)
    return _require_user(store, username)


def disable_user(
    store: CaseworkStore, username: str, *, actor: Actor | None = None, client: str = ""
) -> User:
    return set_disabled(store, username, True, actor=actor, client=client)


def set_role(
    store: CaseworkStore, username: str, role: str, *, actor: Actor | None = None, client: str = ""
) -> User:
    """Change a user's role; ends the user's sessions (the next request signs in again)."""
    require(actor, "users.manage")
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
    old = _require_user(store, username)
    if role != "admin" and _last_admin(store, username):
        raise AccountError(f"{username} is the last admin: make another admin first")
    store.set_user_role(username, role)
    audit.record(
        store, actor, "user.role", f"user:{username}", {"from": old.role, "to": role}, client=client
    )
    return _require_user(store, username)


def set_password(
    store: CaseworkStore,
    username: str,
    password: str,
    *,
    actor: Actor | None = None,
    client: str = "",
) -> User:
    """Change a password (one's own, or anyone's for an admin); ends the user's sessions."""
    if actor is None or actor.username != username:
        require(actor, "users.manage")
    check_password(password)
    _require_user(store, username)
    store.set_user_password(username, HASHER.hash(password))
    audit.record(store, actor, "user.password", f"user:{username}", client=client)
    return _require_user(store, username)


def authenticate(
    store: CaseworkStore,
    username: str,
    password: str,
    *,
    client: str = "",
    local: bool = False,
    when: datetime | None = None,
) -> User:
    """Check a sign-in; return the user or raise LoginFailed. Every attempt is audited.

    The throttle (``linkboard.cases.throttle``) may hold the attempt back (SignInHeld) before the
    password is checked: by its address, and by its account unless CLIENT is one of the
    account's sign-in origins or, for the last admin, LOCAL (this machine). A hash made with
    older parameters is upgraded.
    """
    at = when or datetime.now(UTC)
    found = store.user_credentials(username)
    try:
        wait = throttle.held(store, username, client, at=at,
                             spare_account=_spared(store, found, client, local, at))  # fmt: skip
        if wait is not None:
            raise SignInHeld(wait.scope, wait.seconds)
        try:
            user = _check(store, found, password, at)
        except LoginFailed:
            throttle.failed(store, username, client, at=at)
            raise
    except LoginFailed as exc:
        audit.record(store, username, "login", f"user:{username}", {"reason": exc.reason},
                     client=client, outcome="refused")  # fmt: skip
        raise
    throttle.succeeded(store, username, client, at=at)
    audit.record(store, username, "login", f"user:{username}", client=client)
    return user


def _spared(
    store: AccountsStore, found: tuple[User, str] | None, client: str, local: bool, at: datetime
) -> bool:
    """Whether the account's own delay spares this attempt: never a hard lockout of the owner."""
    if found is None:
        return False
    username = found[0].username
    if local and _last_admin(store, username):
        return True
    return throttle.is_origin(store, username, client, at=at)


def _last_admin(store: AccountsStore, username: str) -> bool:
    return store.active_admins() == [username]


def _check(
    store: AccountsStore, found: tuple[User, str] | None, password: str, at: datetime
) -> User:
    if found is None:
        _verify(_dummy(), password)  # same work as for a real account
        raise LoginFailed("unknown user")
    user, stored = found
    if not _verify(stored, password):
        raise LoginFailed("wrong password")
    if user.disabled:
        raise LoginFailed("disabled")
    fresh = HASHER.hash(password) if HASHER.check_needs_rehash(stored) else stored
    store.note_login(user.username, fresh, at.isoformat(timespec="seconds"))
    return _require_user(store, user.username)


def note_sign_in(store: AccountsStore, username: str, when: datetime | None = None) -> None:
    """Record that USERNAME signed in now (or WHEN): the users page's "last sign-in"."""
    store.set_last_login(username, (when or datetime.now(UTC)).isoformat(timespec="seconds"))


def _verify(stored: str, password: str) -> bool:
    try:
        return HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _dummy() -> str:
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = HASHER.hash(secrets.token_urlsafe(16))
    return _dummy_hash
