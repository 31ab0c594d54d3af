"""Administration: users (``/admin/users``: list, add, disable, enable, change a role, set a
password: the last two end that user's sessions) and the audit log
(``/admin/audit``: read, filter, download as CSV). There is no route that edits or deletes an
audit entry; the table itself refuses UPDATE and DELETE."""

from __future__ import annotations

import io
import json
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from linkboard.cases import accounts, audit
from linkboard.cases.roles import ROLES
from linkboard.export.cells import csv_writer
from linkboard.web import auth
from linkboard.web.app import render

router = APIRouter(include_in_schema=False)
USERS = [auth.allow("users.manage")]
AUDIT = [auth.allow("audit.view")]
Text = Annotated[str, Form()]
SHOWN = 500


def _users_page(request: Request, error: str | None = None, status: int = 200) -> Response:
    found = accounts.list_users(auth.store(request))
    return render(request, "admin_users.html", {"users": found, "roles": ROLES, "error": error},
                  status)  # fmt: skip


@router.get("/admin/users", response_class=HTMLResponse, dependencies=USERS)
def users_page(request: Request) -> Response:
    return _users_page(request)


@router.post("/admin/users", dependencies=USERS)
def add_user(request: Request, username: Text, password: Text, role: Text) -> Response:
    try:
        accounts.add_user(auth.store(request), username.strip().lower(), password, role,
                          **auth.who(request))  # fmt: skip
    except accounts.AccountError as exc:
        return _users_page(request, str(exc), 400)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{username}/disable", dependencies=USERS)
def disable_user(request: Request, username: str) -> Response:
    if username == auth.user(request).username:
        return _users_page(request, "you cannot disable yourself", 400)
    accounts.set_disabled(auth.store(request), username, True, **auth.who(request))
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{username}/enable", dependencies=USERS)
def enable_user(request: Request, username: str) -> Response:
    accounts.set_disabled(auth.store(request), username, False, **auth.who(request))
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{username}/role", dependencies=USERS)
def change_role(request: Request, username: str, role: Text) -> Response:
    try:
        accounts.set_role(auth.store(request), username, role, **auth.who(request))
    except accounts.AccountError as exc:
        return _users_page(request, str(exc), 400)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{username}/password", dependencies=USERS)
def set_password(request: Request, username: str, password: Text) -> Response:
    try:
        accounts.set_password(auth.store(request), username, password, **auth.who(request))
    except accounts.AccountError as exc:
        return _users_page(request, str(exc), 400)
    return RedirectResponse("/admin/users", status_code=303)


def _entries(request: Request, actor: str, action: str, limit: int) -> list[audit.AuditEntry]:
    return audit.entries(auth.store(request), actor=actor or None, action=action or None,
                         limit=max(1, min(limit, 100_000)))  # fmt: skip


@router.get("/admin/audit", response_class=HTMLResponse, dependencies=AUDIT)
def audit_page(request: Request, actor: str = "", action: str = "") -> Response:
    found = _entries(request, actor, action, SHOWN)
    return render(request, "admin_audit.html", {"entries": found, "actor": actor,
                                                "action": action, "shown": SHOWN})  # fmt: skip


@router.get("/admin/audit.csv", dependencies=AUDIT)
def audit_csv(request: Request, actor: str = "", action: str = "") -> Response:
    """The audit log (filtered like the page), oldest first, as a CSV download; itself audited."""
    found = list(reversed(_entries(request, actor, action, 100_000)))
    auth.record(request, "audit.export", "audit", {"actor": actor, "action": action,
                                                   "rows": len(found)})  # fmt: skip
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["id", "at", "actor", "action", "target", "outcome", "client", "detail"])
    for e in found:
        writer.writerow([e.id, e.at, e.actor, e.action, e.target, e.outcome, e.client,
                         json.dumps(e.detail, ensure_ascii=False, sort_keys=True)])  # fmt: skip
    return Response(out.getvalue(), media_type="text/csv", headers={
        "content-disposition": 'attachment; filename="linkboard-audit.csv"'})  # fmt: skip
