from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from linkboard.cases import accounts, audit, sessions
from linkboard.cases.accounts import AccountError, LoginFailed
from linkboard.cases.roles import PermissionDenied
from tests.cases.fixtures import PASSWORD, users


def test_passwords_are_argon2id_and_verify(store):
    user = accounts.add_user(store, "ana", PASSWORD, "analyst")
    stored = store.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert accounts.authenticate(store, "ana", PASSWORD).username == user.username
    with pytest.raises(LoginFailed):
        accounts.authenticate(store, "ana", PASSWORD + "x")


def test_old_parameters_are_rehashed_on_login(store):
    accounts.add_user(store, "ana", PASSWORD, "analyst")
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with store.db:
        store.db.execute("UPDATE users SET password_hash = ?", (weak,))
    assert accounts.HASHER.check_needs_rehash(weak)
    accounts.authenticate(store, "ana", PASSWORD)
    fresh = store.execute("SELECT password_hash FROM users").fetchone()[0]
    assert fresh != weak
    assert not accounts.HASHER.check_needs_rehash(fresh)
    accounts.authenticate(store, "ana", PASSWORD)


def test_disabled_users_cannot_log_in_and_lose_their_sessions(store):
    user = accounts.add_user(store, "ana", PASSWORD, "analyst")
    token = sessions.issue_session(store, accounts.authenticate(store, "ana", PASSWORD))
    assert sessions.read_session(store, token).username == user.username
    accounts.disable_user(store, "ana")
    with pytest.raises(LoginFailed) as failed:
        accounts.authenticate(store, "ana", PASSWORD)
    assert failed.value.reason == "disabled"
    with pytest.raises(sessions.SessionInvalid):
        sessions.read_session(store, token)


def test_unknown_users_fail_like_wrong_passwords(store):
    with pytest.raises(LoginFailed) as failed:
        accounts.authenticate(store, "nobody", PASSWORD)
    assert str(failed.value) == str(LoginFailed("wrong password"))


def test_user_rules(store):
    with pytest.raises(AccountError):
        accounts.add_user(store, "ana", "short", "analyst")
    with pytest.raises(AccountError):
        accounts.add_user(store, "Ana Smith", PASSWORD, "analyst")
    with pytest.raises(AccountError):
        accounts.add_user(store, "ana", PASSWORD, "superuser")
    people = users(store)
    with pytest.raises(AccountError):
        accounts.add_user(store, "admin1", PASSWORD, "viewer")
    with pytest.raises(PermissionDenied):
        accounts.add_user(store, "eve", PASSWORD, "admin", actor=people["analyst"])
    accounts.add_user(store, "bob", PASSWORD, "viewer", actor=people["admin"])
    assert [u.username for u in accounts.list_users(store)] == [
        "admin1",
        "analyst1",
        "bob",
        "viewer1",
    ]
    entry = audit.entries(store, action="user.add", target="user:bob")[0]
    assert entry.actor == "admin1"
    assert entry.detail == {"role": "viewer"}


def test_password_from_stdin(tmp_path):
    path = tmp_path / "pw"
    path.write_text(PASSWORD + "\n")
    with path.open() as fh:
        assert accounts.read_password(fh) == PASSWORD


def test_sessions_and_csrf(store, monkeypatch):
    monkeypatch.delenv(sessions.SECRET_ENV, raising=False)
    user = accounts.add_user(store, "ana", PASSWORD, "analyst")
    token = sessions.issue_session(store, user)
    secret = store.execute("SELECT value FROM app_settings").fetchone()[0]
    assert len(secret) >= 48
    csrf = sessions.csrf_token(store, token)
    sessions.check_csrf(store, token, csrf)
    other = sessions.issue_session(store, user)
    with pytest.raises(sessions.CSRFError):
        sessions.check_csrf(store, other, csrf)
    with pytest.raises(sessions.CSRFError):
        sessions.check_csrf(store, token, None)
    with pytest.raises(sessions.SessionInvalid):
        sessions.read_session(store, token + "x")
    with pytest.raises(sessions.SessionInvalid):
        sessions.read_session(store, token, max_age=-1)
    sessions.end_sessions(store, "ana")
    with pytest.raises(sessions.SessionInvalid):
        sessions.read_session(store, token)


def test_secret_from_environment_wins(store, monkeypatch):
    monkeypatch.setenv(sessions.SECRET_ENV, "from-the-environment-" + "x" * 20)
    assert sessions.secret_key(store).startswith("from-the-environment-")
    assert store.execute("SELECT count(*) FROM app_settings").fetchone()[0] == 0
