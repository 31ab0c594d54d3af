from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from linkboard.cases.accounts import add_user
from linkboard.store import open_store
from linkboard.web import create_app
from tests.web.store_fixture import Fixture, build_store

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic",
                 "--no-first-run"]  # fmt: skip
#: One user per role; the password is generated for each test run, never written down.
USERS = {"admin": "ada", "analyst": "ann", "viewer": "vic"}


@dataclass(frozen=True)
class Accounts:
    password: str
    users: dict[str, str]  # role -> username


def add_accounts(db: Path) -> Accounts:
    password = secrets.token_urlsafe(18)
    with open_store(db) as store:
        for role, name in USERS.items():
            add_user(store, name, password, role)
    return Accounts(password, dict(USERS))


def sign_in(client: TestClient, username: str, password: str) -> TestClient:
    """Sign CLIENT in through the login form; afterwards it sends the CSRF header itself."""
    page = client.get("/login")
    login = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert login, page.text
    r = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": login.group(1)},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    client.headers["X-CSRF-Token"] = csrf_of(client)
    return client


def csrf_of(client: TestClient) -> str:
    found = re.search(r'<meta name="csrf-token" content="([^"]+)"', client.get("/alerts").text)
    assert found
    return found.group(1)


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    fixture = build_store(tmp_path_factory.mktemp("webstore"))
    fixture.accounts = add_accounts(fixture.path)  # type: ignore[attr-defined]
    return fixture


@pytest.fixture(scope="session")
def shared_app(fixture_store: Fixture) -> Iterator[FastAPI]:
    # one sign-in per role serves the whole run (see signed_in_cookies), however long it takes
    app = create_app(fixture_store.path, idle_timeout=24 * 3600)
    yield app
    app.state.database.close()


@pytest.fixture(scope="session")
def signed_in_cookies(shared_app: FastAPI, fixture_store: Fixture) -> dict[str, tuple[dict, str]]:
    """One sign-in per role for the whole run (argon2 is slow on purpose): cookies + CSRF."""
    accounts: Accounts = fixture_store.accounts  # type: ignore[attr-defined]
    out = {}
    for role, name in accounts.users.items():
        with TestClient(shared_app) as c:
            sign_in(c, name, accounts.password)
            out[role] = (dict(c.cookies), c.headers["X-CSRF-Token"])
    return out


@pytest.fixture
def client_as(
    shared_app: FastAPI, signed_in_cookies: dict[str, tuple[dict, str]]
) -> Iterator[Callable[[str], TestClient]]:
    """A factory: a TestClient signed in with the given role (or not at all: ``"nobody"``)."""
    opened: list[TestClient] = []

    def make(role: str) -> TestClient:
        c = TestClient(shared_app)
        c.__enter__()
        opened.append(c)
        if role != "nobody":
            cookies, csrf = signed_in_cookies[role]
            for key, value in cookies.items():
                c.cookies.set(key, value)
            c.headers["X-CSRF-Token"] = csrf
        return c

    yield make
    for c in opened:
        c.__exit__(None, None, None)


@pytest.fixture
def client(client_as: Callable[[str], TestClient]) -> TestClient:
    """An analyst's signed-in client."""
    return client_as("analyst")


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: apt-get install -y chromium chromium-driver")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
