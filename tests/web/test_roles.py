"""Every route of the app, walked as admin, analyst, viewer and nobody.

``ROUTES`` is the permission table: for each (method, path) the least role that may use it and
a request that succeeds for that role. A route the table does not list fails
``test_every_route_is_in_the_table``, so a new route cannot ship without a decision.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Mount

from linkboard.cases import casefiles, curation, watches
from linkboard.store import open_store
from linkboard.web import create_app
from tests.web.conftest import Accounts, add_accounts, sign_in
from tests.web.store_fixture import PHONE, build_store

RANK = {"nobody": 0, "viewer": 1, "analyst": 2, "admin": 3}
ROLES = ("admin", "analyst", "viewer", "nobody")


@dataclass
class Call:
    """Who may call a route (``least`` role, or 'public' with a fixed ``status``) and how."""

    least: str
    params: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] | None = None
    json: Any = None
    status: int = 0  # public routes: the status everyone gets


def current_network(db: Path, record_id: str) -> str:
    with open_store(db) as store:
        row = store.execute("SELECT network_id FROM records WHERE id = ?", (record_id,)).fetchone()
    return str(row[0])


# Order matters only for state: reads first, then changes that re-form networks, logout last.
ROUTES: dict[tuple[str, str], Call] = {
    ("GET", "/login"): Call("public", status=200),
    ("GET", "/setup"): Call("public", status=303),  # users exist: to /login
    ("POST", "/login"): Call("public", data={"username": "x", "password": "y"}, status=403),
    ("POST", "/setup"): Call("public", data={"username": "x", "password": "y"}, status=403),
    ("GET", "/"): Call("viewer"),
    ("GET", "/api/triage"): Call("viewer"),
    ("GET", "/triage/financial"): Call("viewer"),
    ("GET", "/api/triage/financial"): Call("viewer"),
    ("GET", "/triage/recruiters"): Call("viewer"),
    ("GET", "/api/triage/recruiters"): Call("viewer"),
    ("GET", "/search"): Call("viewer", params={"q": "lola"}),
    ("GET", "/api/search"): Call("viewer", params={"q": "lola"}),
    ("GET", "/records/{record_id}"): Call("viewer"),
    ("GET", "/api/records/{record_id}"): Call("viewer"),
    ("GET", "/records/{record_id}/images/{index}"): Call("analyst"),
    ("GET", "/networks/{network_id}"): Call("viewer"),
    ("GET", "/api/networks/{network_id}"): Call("viewer"),
    ("GET", "/api/networks/{network_id}/graph"): Call("viewer"),
    ("GET", "/overview"): Call("viewer"),
    ("GET", "/api/overview"): Call("viewer"),
    ("GET", "/cases"): Call("viewer"),
    ("GET", "/cases/{case_id}"): Call("viewer"),
    ("GET", "/api/cases"): Call("viewer"),
    ("GET", "/api/cases/{case_id}"): Call("viewer"),
    ("GET", "/alerts"): Call("viewer"),
    ("GET", "/api/alerts"): Call("viewer"),
    ("GET", "/openapi.json"): Call("viewer"),
    ("GET", "/admin/users"): Call("admin"),
    ("GET", "/admin/audit"): Call("admin"),
    ("GET", "/admin/audit.csv"): Call("admin"),
    ("POST", "/api/marks/{subject}/{subject_id}"): Call("viewer", json={"mark": "reviewed"}),
    ("POST", "/marks/{subject}/{subject_id}"): Call("viewer"),
    ("POST", "/search/bulk"): Call("viewer", data={"identifiers": "7025550123"}),
    ("POST", "/api/search/bulk"): Call("viewer", json={"identifiers": ["7025550123"]}),
    ("POST", "/records/{record_id}/images/{index}/reveal"): Call("analyst"),
    ("POST", "/settings/reveal-photos"): Call("analyst", data={"on": "true"}),
    ("POST", "/cases"): Call("analyst", data={"title": "walk"}),
    ("POST", "/cases/add"): Call("analyst", data={"kind": "record", "ref": "ad-2", "case_id": "1"}),
    ("POST", "/cases/{case_id}/items"): Call("analyst", data={"kind": "record", "ref": "ad-3"}),
    ("POST", "/cases/{case_id}/items/remove"): Call("analyst",
                                                    data={"kind": "record", "ref": "ad-3"}),
    ("POST", "/cases/{case_id}/notes"): Call("analyst", data={"body": "a note"}),
    ("POST", "/cases/{case_id}/tags"): Call("analyst", data={"tag": "walk"}),
    ("POST", "/cases/{case_id}/status"): Call("analyst", data={"status": "active"}),
    ("POST", "/api/cases"): Call("analyst", json={"title": "walk api"}),
    ("POST", "/api/cases/{case_id}/items"): Call("analyst", json={"kind": "network",
                                                                  "ref": "N00000002"}),
    ("POST", "/api/cases/{case_id}/notes"): Call("analyst", json={"body": "api note"}),
    ("POST", "/api/cases/{case_id}/status"): Call("analyst", json={"status": "open"}),
    ("POST", "/api/cases/{case_id}/tags"): Call("analyst", json={"tag": "api"}),
    ("POST", "/watches"): Call("analyst", data={"kind": "identifier", "value": f"phone:{PHONE}"}),
    ("POST", "/api/watches"): Call("analyst", json={"kind": "search", "value": "lola"}),
    ("POST", "/alerts/seen"): Call("analyst"),
    ("POST", "/watches/{watch_id}/retire"): Call("analyst"),
    ("POST", "/cases/{case_id}/export"): Call("analyst", data={"format": "csv"}),
    ("POST", "/networks/{network_id}/export"): Call("analyst", data={"format": "graphml"}),
    ("POST", "/search/export"): Call("analyst", data={"q": "lola", "format": "jsonl"}),
    ("POST", "/networks/{network_id}/rename"): Call("analyst", data={"name": "Walked"}),
    ("POST", "/networks/{network_id}/split"): Call("analyst",
                                                   data={"records": ["ad-4"], "reason": "r"}),
    ("POST", "/networks/{network_id}/merge"): Call("analyst", data={"other": "@ad-5",
                                                                    "reason": "same"}),
    ("POST", "/curation/{entry_id}/undo"): Call("analyst"),
    ("POST", "/curation/suppress"): Call("analyst", data={
        "identifier": "handle:instagram:mia.x", "reason": "a shared agency account"}),
    ("POST", "/admin/users"): Call("admin", data={"username": "newbie", "role": "viewer",
                                                  "password": "x" * 16}),
    ("POST", "/admin/users/{username}/disable"): Call("admin"),
    ("POST", "/admin/users/{username}/enable"): Call("admin"),
    ("POST", "/admin/users/{username}/role"): Call("admin", data={"role": "analyst"}),
    ("POST", "/admin/users/{username}/password"): Call("admin", data={"password": "z" * 16}),
    ("POST", "/logout"): Call("viewer"),
}  # fmt: skip


def flat_routes(routes: list[Any]) -> Iterator[Any]:
    """Routes, with included routers opened up (FastAPI may keep them as one entry each)."""
    for route in routes:
        if hasattr(route, "effective_route_contexts"):
            yield from route.effective_route_contexts()
        else:
            yield route


def app_routes(app: Any) -> set[tuple[str, str]]:
    found = set()
    for route in flat_routes(app.routes):
        if isinstance(route, Mount):  # /static: public files
            continue
        path = route.path.replace(":path}", "}").replace(":int}", "}")
        for method in getattr(route, "methods", None) or ():
            if method != "HEAD":
                found.add((method, path))
    return found


@dataclass
class Template:
    folder: Path
    accounts: Accounts
    ids: dict[str, Any]
    cookies: dict[str, tuple[dict, str]]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """A store with users, a case, a curation step and a watch; one sign-in per role."""
    fixture = build_store(tmp_path_factory.mktemp("walk-template"))
    accounts = add_accounts(fixture.path)
    with open_store(fixture.path) as store:
        from linkboard.cases.accounts import add_user

        add_user(store, "walk-target", accounts.password, "viewer")
        case = casefiles.create_case(store, "template case")
        entry = curation.rename_network(store, "N00000002", "Phoenix pair")
        watch, _ = watches.create_watch(store, "identifier", f"phone:{PHONE}")
        store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ids = {"record_id": "ad-1", "index": 0, "case_id": case.id, "entry_id": entry,
           "watch_id": watch.id, "username": "walk-target", "subject": "record",
           "subject_id": "ad-1"}  # fmt: skip
    cookies = {}
    app = create_app(fixture.path)
    for role, name in accounts.users.items():
        with TestClient(app) as c:
            sign_in(c, name, accounts.password)
            cookies[role] = (dict(c.cookies), c.headers["X-CSRF-Token"])
    app.state.database.close()
    return Template(fixture.path.parent, accounts, ids, cookies)


@pytest.fixture
def walk_client(template: Template, tmp_path: Path) -> Iterator[Callable[[str], TestClient]]:
    """A fresh copy of the template store and a client for one role on it."""
    folder = tmp_path / "store"
    shutil.copytree(template.folder, folder)
    db = folder / "web.db"
    app = create_app(db)
    clients: list[TestClient] = []

    def make(role: str) -> TestClient:
        c = TestClient(app, follow_redirects=False)
        c.__enter__()
        clients.append(c)
        if role != "nobody":
            cookies, csrf = template.cookies[role]
            for key, value in cookies.items():
                c.cookies.set(key, value)
            c.headers["X-CSRF-Token"] = csrf
        c.db = db  # type: ignore[attr-defined]
        return c

    yield make
    for c in clients:
        c.__exit__(None, None, None)
    app.state.database.close()


def test_every_route_is_in_the_table(walk_client: Callable[[str], TestClient]) -> None:
    routes = app_routes(walk_client("nobody").app)
    assert routes - set(ROUTES) == set(), "add these routes to the permission table"
    assert set(ROUTES) - routes == set(), "the table lists routes that no longer exist"


def _fill(path: str, ids: dict[str, Any], db: Path) -> str:
    values = {**ids, "network_id": current_network(db, "ad-1")}
    return path.format(**values)


def _request(client: TestClient, method: str, path: str, call: Call, db: Path) -> Any:
    data = call.data
    if data and data.get("other", "").startswith("@"):
        data = {**data, "other": current_network(db, data["other"][1:])}
    return client.request(method, path, params=call.params, data=data, json=call.json)


def _expected(role: str, call: Call, path: str, response: Any) -> bool:
    status = response.status_code
    if call.least == "public":
        return status == call.status
    if role == "nobody":
        if path.startswith("/api/") or path == "/openapi.json":
            return status == 401
        return status == 303 and response.headers["location"].startswith("/login?next=")
    if RANK[role] >= RANK[call.least]:
        to_login = response.headers.get("location", "").startswith("/login?next=")
        return 200 <= status < 400 and not to_login
    return status == 403


@pytest.mark.parametrize("role", ROLES)
def test_walk_every_route(role: str, template: Template,
                          walk_client: Callable[[str], TestClient]) -> None:  # fmt: skip
    client = walk_client(role)
    wrong = []
    for (method, pattern), call in ROUTES.items():
        path = _fill(pattern, template.ids, client.db)  # type: ignore[attr-defined]
        response = _request(client, method, path, call, client.db)  # type: ignore[attr-defined]
        if not _expected(role, call, path, response):
            wrong.append((method, path, response.status_code, response.text[:200]))
    assert wrong == [], f"{role}: unexpected answers"


def test_forbidden_is_audited(walk_client: Callable[[str], TestClient]) -> None:
    viewer = walk_client("viewer")
    assert viewer.get("/records/ad-1/images/0").status_code == 403
    assert viewer.post("/cases", data={"title": "nope"}).status_code == 403
    with open_store(viewer.db) as store:  # type: ignore[attr-defined]
        refused = store.execute(
            "SELECT actor, target, client FROM audit_log WHERE outcome = 'refused' "
            "AND action = 'access' ORDER BY id"
        ).fetchall()
    assert [tuple(r) for r in refused] == [
        ("vic", "/records/ad-1/images/0", "testclient"),
        ("vic", "/cases", "testclient"),
    ]


#: Path parameters an attacker would try to climb out of the store's folders with.
TRAVERSALS = (
    "../../../../etc/passwd",
    "..%2f..%2f..%2f..%2fetc%2fpasswd",
    "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "....//....//etc/passwd",
    "/etc/passwd",
    "..\\..\\..\\etc\\passwd",
)


def test_no_route_serves_a_file_from_outside_its_folder(
    walk_client: Callable[[str], TestClient],
) -> None:
    """Every GET route with a path parameter, and the static files, given each traversal as
    that parameter, as an admin (who may see everything): nothing of /etc/passwd comes back, and
    nothing answers 200 with a file body."""
    admin = walk_client("admin")
    secret = Path("/etc/passwd").read_text().splitlines()[0] if Path("/etc/passwd").exists() else ""
    paths = [p for m, p in ROUTES if m == "GET" and "{" in p]
    paths += ["/static/{x}", "/static/vendor/{x}"]
    leaked = []
    for pattern in paths:
        for attack in TRAVERSALS:
            path = re.sub(r"\{\w+\}", attack.replace("\\", "\\\\"), pattern)
            response = admin.get(path, follow_redirects=False)
            body = response.text if response.status_code == 200 else ""
            if (secret and secret in response.text) or "root:" in body:
                leaked.append((path, response.status_code))
    assert leaked == []
