"""Sessions end when idle, on sign-out, and when the user's password or role changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from linkboard.cases import accounts, sessions
from linkboard.store.sqlite import SQLiteStore
from tests.cases.fixtures import PASSWORD

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _signed_in(store: SQLiteStore, name: str = "ana", role: str = "analyst") -> str:
    user = accounts.add_user(store, name, PASSWORD, role)
    return sessions.issue_session(store, user, when=T0)


def test_a_session_ends_when_idle_and_each_use_keeps_it_alive(store: SQLiteStore) -> None:
    token = _signed_in(store)
    idle = 10 * 60
    at = T0
    for _ in range(5):  # used every 9 minutes: alive for 45 minutes
        at += timedelta(minutes=9)
        assert sessions.read_session(store, token, idle=idle, when=at).username == "ana"
    with pytest.raises(sessions.SessionInvalid, match="idle"):
        sessions.read_session(store, token, idle=idle, when=at + timedelta(minutes=11))
    with pytest.raises(sessions.SessionInvalid):  # and it stays ended
        sessions.read_session(store, token, idle=idle, when=at + timedelta(minutes=12))
    assert sessions.IDLE_TIMEOUT == 30 * 60


def test_other_sessions_of_the_user_are_their_own(store: SQLiteStore) -> None:
    token = _signed_in(store)
    other = sessions.issue_session(store, accounts.get_user(store, "ana"), when=T0)  # type: ignore[arg-type]
    later = T0 + timedelta(minutes=20)
    sessions.read_session(store, other, idle=15 * 60, when=T0 + timedelta(minutes=10))
    assert sessions.read_session(store, other, idle=15 * 60, when=later).username == "ana"
    with pytest.raises(sessions.SessionInvalid):
        sessions.read_session(store, token, idle=15 * 60, when=later)


def test_a_password_change_ends_the_users_sessions(store: SQLiteStore) -> None:
    token = _signed_in(store)
    sessions.read_session(store, token, when=T0)
    accounts.set_password(store, "ana", PASSWORD + "-new")
    with pytest.raises(sessions.SessionInvalid):
        sessions.read_session(store, token, when=T0)


def test_a_role_change_ends_the_users_sessions(store: SQLiteStore) -> None:
    _signed_in(store, "root", "admin")
    token = _signed_in(store)
    accounts.set_role(store, "ana", "viewer")
    with pytest.raises(sessions.SessionInvalid):
        sessions.read_session(store, token, when=T0)
    fresh = sessions.issue_session(store, accounts.get_user(store, "ana"), when=T0)  # type: ignore[arg-type]
    assert sessions.read_session(store, fresh, when=T0).role == "viewer"


def test_sign_out_ends_every_session_of_the_user(store: SQLiteStore) -> None:
    token = _signed_in(store)
    sessions.end_sessions(store, "ana")
    with pytest.raises(sessions.SessionInvalid):
        sessions.read_session(store, token, when=T0)
