"""Sessions in the web app: they end when idle, on sign-out, and when an admin changes the user's
role or password; and the last admin cannot be demoted."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from linkboard.store import open_store
from linkboard.web import create_app
from tests.web.conftest import Accounts, add_accounts, sign_in
from tests.web.store_fixture import build_store

IDLE = 120


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[Path, Accounts, Callable[[], TestClient]]]:
    db = build_store(tmp_path).path
    accounts = add_accounts(db)
    app = create_app(db, idle_timeout=IDLE)
    opened: list[TestClient] = []

    def make() -> TestClient:
        c = TestClient(app, follow_redirects=False)
        c.__enter__()
        opened.append(c)
        return c

    yield db, accounts, make
    for c in opened:
        c.__exit__(None, None, None)
    app.state.database.close()


def _idle_for(db: Path, username: str, seconds: int) -> None:
    """As if USERNAME's sessions had last been used SECONDS ago."""
    with open_store(db) as store, store.db:
        store.db.execute(
            "UPDATE sessions SET seen_at = strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', ?) "
            "WHERE username = ?",
            (f"-{seconds} seconds", username),
        )


def test_a_session_ends_after_the_idle_timeout(fresh) -> None:
    db, accounts, make = fresh
    ann = sign_in(make(), "ann", accounts.password)
    _idle_for(db, "ann", IDLE - 30)
    assert ann.get("/api/triage").status_code == 200  # used in time: still signed in
    _idle_for(db, "ann", IDLE + 30)
    assert ann.get("/api/triage").status_code == 401
    page = ann.get("/cases")
    assert page.status_code == 303
    assert page.headers["location"].startswith("/login")


def test_a_role_change_signs_the_user_out(fresh) -> None:
    _, accounts, make = fresh
    ada, ann = sign_in(make(), "ada", accounts.password), sign_in(make(), "ann", accounts.password)
    assert ann.get("/api/triage").status_code == 200
    assert ada.post("/admin/users/ann/role", data={"role": "viewer"}).status_code == 303
    assert ann.get("/api/triage").status_code == 401
    again = sign_in(make(), "ann", accounts.password)
    assert again.get("/records/ad-1/images/0").status_code == 403  # a viewer now
    assert ada.get("/api/triage").status_code == 200  # the admin's own session goes on


def test_a_password_change_signs_the_user_out(fresh) -> None:
    _, accounts, make = fresh
    ada, ann = sign_in(make(), "ada", accounts.password), sign_in(make(), "ann", accounts.password)
    new = accounts.password + "-changed"
    assert ada.post("/admin/users/ann/password", data={"password": new}).status_code == 303
    assert ann.get("/api/triage").status_code == 401
    sign_in(make(), "ann", new)
    short = ada.post("/admin/users/ann/password", data={"password": "short"})
    assert short.status_code == 400
    assert "at least 12 characters" in short.text


def test_the_last_admin_cannot_be_demoted(fresh) -> None:
    _, accounts, make = fresh
    ada = sign_in(make(), "ada", accounts.password)
    refused = ada.post("/admin/users/ada/role", data={"role": "viewer"})
    assert refused.status_code == 400
    assert "last admin" in refused.text
    assert ada.get("/api/triage").status_code == 200
