"""Sign-in, sessions, CSRF, throttling, the first-run page, and the audit trail of the web app."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from linkboard.cases import audit
from linkboard.store import open_store
from linkboard.web import create_app
from tests.web.conftest import Accounts, add_accounts, sign_in
from tests.web.store_fixture import PHONE, build_store


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[Path, Accounts, Callable[..., TestClient]]]:
    """A store of our own (these tests sign out, lock accounts, write)."""
    db = build_store(tmp_path).path
    accounts = add_accounts(db)
    app = create_app(db)
    opened: list[TestClient] = []

    def make(**kw: object) -> TestClient:
        c = TestClient(app, follow_redirects=False, **kw)  # type: ignore[arg-type]
        c.__enter__()
        opened.append(c)
        return c

    yield db, accounts, make
    for c in opened:
        c.__exit__(None, None, None)
    app.state.database.close()


def _login_token(client: TestClient) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert found
    return found.group(1)


def test_pages_redirect_to_login_and_api_answers_401(client_as) -> None:
    nobody = client_as("nobody")
    r = nobody.get("/records/ad-1?x=1", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/login?next=%2Frecords%2Fad-1%3Fx%3D1"
    assert nobody.get("/api/triage").status_code == 401
    assert nobody.get("/openapi.json").status_code == 401
    assert nobody.get("/static/app.css").status_code == 200


def test_sign_in_sets_a_strict_httponly_cookie_and_returns_to_next(fresh) -> None:
    _db, accounts, make = fresh
    c = make()
    token = _login_token(c)
    r = c.post("/login", data={"username": "ann", "password": accounts.password,
                               "csrf_token": token, "next": "/cases"})  # fmt: skip
    assert r.status_code == 303
    assert r.headers["location"] == "/cases"
    cookie = next(v for v in r.headers.get_list("set-cookie") if v.startswith("linkboard_session="))
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie
    assert "Secure" not in cookie
    evil = c.post(
        "/login",
        data={
            "username": "ann",
            "password": accounts.password,
            "csrf_token": _login_token(c),
            "next": "//evil.example/",
        },
    )
    assert evil.headers["location"] == "/"
    secure = make(base_url="https://testserver")
    token = _login_token(secure)
    r = secure.post("/login", data={"username": "ann", "password": accounts.password,
                                    "csrf_token": token})  # fmt: skip
    assert "Secure" in next(v for v in r.headers.get_list("set-cookie") if "session=" in v)


def test_login_form_needs_its_pre_session_token_and_same_origin(fresh) -> None:
    _, accounts, make = fresh
    c = make()
    token = _login_token(c)
    creds = {"username": "ann", "password": accounts.password}
    assert c.post("/login", data=creds).status_code == 403
    assert c.post("/login", data={**creds, "csrf_token": "x" * 40}).status_code == 403
    foreign = c.post("/login", data={**creds, "csrf_token": token},
                     headers={"origin": "https://evil.example"})  # fmt: skip
    assert foreign.status_code == 403


def test_csrf_token_is_checked_on_every_unsafe_request(client_as) -> None:
    analyst = client_as("analyst")
    good = analyst.headers.pop("X-CSRF-Token")
    assert analyst.post("/api/marks/record/ad-1", json={"mark": "seen"}).status_code == 403
    wrong = {"X-CSRF-Token": good[:-4] + "AAAA"}
    assert analyst.post("/api/marks/record/ad-1", json={"mark": "seen"},
                        headers=wrong).status_code == 403  # fmt: skip
    assert analyst.post("/cases", data={"title": "t", "csrf_token": "nope"}).status_code == 403
    ok = analyst.post("/cases", data={"title": "csrf ok", "csrf_token": good},
                      follow_redirects=False)  # fmt: skip
    assert ok.status_code == 303
    other = client_as("viewer").headers["X-CSRF-Token"]  # another session's token
    assert analyst.post("/api/marks/record/ad-1", json={"mark": "seen"},
                        headers={"X-CSRF-Token": other}).status_code == 403  # fmt: skip
    page = analyst.get("/records/ad-1").text
    assert '<meta name="csrf-token" content="' in page  # a fresh (timed) token for scripts
    assert "hx-headers" in page
    assert 'name="csrf_token"' in page


def test_failed_logins_are_throttled_per_address(fresh) -> None:
    _, accounts, make = fresh
    c = make()
    token = _login_token(c)
    for i in range(10):
        r = c.post("/login", data={"username": f"ghost{i}", "password": "wrong-password-1",
                                   "csrf_token": token})  # fmt: skip
        assert r.status_code == 401
    r = c.post("/login", data={"username": "ann", "password": accounts.password,
                               "csrf_token": token})  # fmt: skip
    assert r.status_code == 429
    assert "too many failed sign-ins" in r.text
    assert 1 <= int(r.headers["retry-after"]) <= 2  # a growing delay, not a lockout


def test_logout_ends_the_session(fresh) -> None:
    _, accounts, make = fresh
    c = sign_in(make(), "ann", accounts.password)
    assert c.post("/logout").status_code == 303
    assert c.get("/api/triage").status_code == 401


def test_first_run_setup_only_from_loopback_and_only_once(tmp_path: Path) -> None:
    db = build_store(tmp_path).path
    app = create_app(db)
    password = secrets.token_urlsafe(16)
    with TestClient(app, follow_redirects=False) as remote:
        assert remote.get("/").headers["location"].startswith("/login")
        assert remote.get("/login").headers["location"] == "/setup"
        assert remote.get("/setup").status_code == 403  # not from 127.0.0.1
    with TestClient(app, follow_redirects=False, client=("127.0.0.1", 5000)) as proxied:
        # a proxy on this machine that `serve --trust-proxy` does not name: not "this machine"
        for header in ("X-Forwarded-For", "Forwarded", "X-Real-IP"):
            assert proxied.get("/setup", headers={header: "127.0.0.1"}).status_code == 403
    with TestClient(app, follow_redirects=False, client=("127.0.0.1", 5000)) as local:
        page = local.get("/setup")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        form = {"username": "root", "password": password, "confirm": password,
                "csrf_token": token}  # fmt: skip
        assert local.post("/setup", data={**form, "confirm": "different-pass"}).status_code == 400
        r = local.post("/setup", data=form)
        assert r.status_code == 303
        assert local.get("/admin/users").status_code == 200
        assert local.get("/setup").headers["location"] == "/login"
        assert local.post("/setup", data=form).status_code == 403
    app.state.database.close()
    with open_store(db) as store:
        actions = [(e.action, e.client) for e in audit.entries(store)]
    assert ("setup", "127.0.0.1") in actions
    assert ("user.add", "127.0.0.1") in actions


def test_views_searches_reveals_exports_and_changes_are_audited(fresh) -> None:
    db, accounts, make = fresh
    c = sign_in(make(), "ann", accounts.password)
    c.get("/records/ad-1")
    c.get("/networks/N00000001")
    c.get("/search", params={"q": "lola"})
    c.get("/api/search", params={"q": PHONE})
    assert c.post("/records/ad-1/images/0/reveal").status_code == 204
    r = c.post("/networks/N00000001/export", data={"format": "html"})
    assert r.status_code == 200
    assert r.headers["content-disposition"].startswith("attachment;")
    c.post("/cases", data={"title": "audited"})
    with open_store(db) as store:
        seen = {(e.action, e.target) for e in audit.entries(store, actor="ann")}
        clients = {e.client for e in audit.entries(store, actor="ann")}
    assert {("record.view", "record:ad-1"), ("network.view", "network:N00000001"),
            ("search", "search:lola"), ("search", f"search:{PHONE}"),
            ("image.reveal", "record:ad-1"), ("export", "network:N00000001"),
            ("case.create", "case:1"), ("login", "user:ann")} <= seen  # fmt: skip
    assert clients == {"testclient"}


def test_no_route_can_change_the_audit_log(fresh) -> None:
    _, accounts, make = fresh
    admin = sign_in(make(), "ada", accounts.password)
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for path in ("/admin/audit", "/admin/audit.csv", "/admin/audit/1"):
            assert admin.request(method, path).status_code in (404, 405), (method, path)
    csv = admin.get("/admin/audit.csv")
    assert csv.headers["content-disposition"].startswith("attachment;")
    assert csv.text.splitlines()[0] == "id,at,actor,action,target,outcome,client,detail"
    assert ",login," in csv.text


def test_viewer_sees_placeholders_not_photos(client_as) -> None:
    viewer = client_as("viewer")
    html = viewer.get("/records/ad-1").text
    assert "photo-placeholder" in html
    assert "/images/0" not in html
    assert "Reveal photo" not in html
    assert viewer.get("/records/ad-1/images/0").status_code == 403
    assert "Export" not in viewer.get("/networks/N00000001").text
    assert "Add record to case" not in html
    assert "Mark generic" not in html


def test_always_reveal_is_a_setting_of_the_user(client_as) -> None:
    analyst = client_as("analyst")
    assert 'class="photo-img blurred"' in analyst.get("/records/ad-1").text
    assert analyst.post("/settings/reveal-photos", data={"on": "true"}).status_code == 204
    assert 'class="photo-img revealed"' in analyst.get("/records/ad-1").text
    assert 'class="photo-img blurred"' in client_as("admin").get("/records/ad-1").text
    analyst.post("/settings/reveal-photos", data={"on": "false"})
