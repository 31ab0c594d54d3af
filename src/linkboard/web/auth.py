"""Who is signed in, what their role allows, and the CSRF check on every unsafe request.

Every router but the sign-in pages is included with ``Depends(signed_in)``: it reads the signed
session cookie (``linkboard.cases.sessions``), puts the user on ``request.state.user`` and, for
POST/PUT/PATCH/DELETE, checks the CSRF token from the ``X-CSRF-Token`` header or the form's
``csrf_token`` field. ``allow(action)`` then asks ``roles.can`` and refuses (audited) with 403.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from typing import Any

from fastapi import Depends, HTTPException, Request
from fastapi.responses import Response

from linkboard.cases import audit
from linkboard.cases.roles import can
from linkboard.cases.sessions import (
    COOKIE_NAME,
    CSRF_FIELD,
    SESSION_MAX_AGE,
    CSRFError,
    SessionInvalid,
    check_csrf,
    csrf_token,
    read_session,
)
from linkboard.store.base import Store
from linkboard.store.casework import User

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "x-csrf-token"
#: The pre-session cookie that protects the sign-in and first-run forms (double submit).
LOGIN_COOKIE = "linkboard_login"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class SignInRequired(Exception):
    """No valid session: pages redirect to /login, the API answers 401."""


def store(request: Request) -> Store:
    """This worker thread's store (use it in the thread that asked for it)."""
    found: Store = request.app.state.database.store()
    return found


#: Headers a proxy adds. Believed only from a proxy ``serve --trust-proxy`` names (uvicorn then
#: puts the forwarded address in ``request.client``); never read here.
PROXY_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip")


def client(request: Request) -> str:
    """The client's address: the connection's peer (or what a trusted proxy said it was)."""
    return request.client.host if request.client else ""


def user(request: Request) -> User:
    return request.state.user  # type: ignore[no-any-return]


def who(request: Request) -> audit.Who:
    """The signed-in user and the client's address, as a casework step takes them (``**who``)."""
    return audit.Who(actor=user(request), client=client(request))


def record(
    request: Request,
    action: str,
    target: str = "",
    detail: dict[str, Any] | None = None,
    outcome: str = "ok",
) -> None:
    """Audit ACTION by the signed-in user, from this request's client address. A request does
    not wait for a pipeline stage's write lock: the entry is spooled until it is free."""
    actor = getattr(request.state, "user", None)
    audit.record(store(request), actor, action, target, detail, client=client(request),
                 outcome=outcome, wait=False)  # fmt: skip


async def signed_in(request: Request) -> User:
    """The signed-in user, or SignInRequired; checks CSRF on unsafe methods."""
    db = store(request)
    token = request.cookies.get(COOKIE_NAME)
    try:
        current = read_session(db, token, idle=request.app.state.idle_timeout)
    except SessionInvalid as exc:
        raise SignInRequired(str(exc)) from exc
    request.state.user = current
    request.state.session_token = token
    if request.method not in SAFE_METHODS:
        await _check_csrf(request, db, token)
    return current


async def _check_csrf(request: Request, db: Store, token: str | None) -> None:
    sent = request.headers.get(CSRF_HEADER)
    if not sent and request.headers.get("content-type", "").startswith(FORM_TYPES):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    try:
        check_csrf(db, token, sent)
    except CSRFError as exc:
        record(request, "csrf", request.url.path, {"reason": str(exc)}, outcome="refused")
        raise HTTPException(403, "CSRF check failed: reload the page and try again") from exc


def allow(action: str) -> Any:
    """A route dependency: refuse (403, audited) unless the signed-in user's role allows ACTION."""

    def gate(request: Request) -> User:
        current = user(request)
        if not can(current.role, action):
            record(request, "access", request.url.path, {"needs": action}, outcome="refused")
            raise HTTPException(403, f"your role ({current.role}) may not {action}")
        return current

    return Depends(gate)


def page_csrf(request: Request) -> str:
    """The CSRF token for this session's forms and scripts ('' when nobody is signed in)."""
    token = getattr(request.state, "session_token", None)
    return csrf_token(store(request), token) if token else ""


# -- cookies and the pre-session token of the sign-in forms -----------------------------------


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(COOKIE_NAME, token, max_age=SESSION_MAX_AGE, path="/", httponly=True,
                        samesite="strict", secure=_secure(request))  # fmt: skip


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="strict")


def login_token(request: Request) -> str:
    """The pre-session token the sign-in form echoes (the browser's, or a fresh one)."""
    current = request.cookies.get(LOGIN_COOKIE, "")
    return current if 32 <= len(current) <= 64 else secrets.token_urlsafe(32)


def set_login_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(LOGIN_COOKIE, token, max_age=3600, path="/", httponly=True,
                        samesite="strict", secure=_secure(request))  # fmt: skip


def check_login_token(request: Request, sent: str) -> None:
    """Refuse a sign-in/first-run form that lacks the cookie's token or comes from elsewhere."""
    cookie = request.cookies.get(LOGIN_COOKIE, "")
    origin = request.headers.get("origin", "null")  # "null" under our no-referrer policy
    foreign = origin != "null" and origin != f"{request.url.scheme}://{request.url.netloc}"
    if foreign or not cookie or not sent or not hmac.compare_digest(cookie, sent):
        raise HTTPException(403, "this form has expired or came from another site: reload it")


def loopback(request: Request) -> bool:
    """Whether the request comes from this machine. A request that an untrusted proxy passed on
    (it carries proxy headers) does not, even though its connection comes from 127.0.0.1."""
    if not request.app.state.behind_proxy and any(h in request.headers for h in PROXY_HEADERS):
        return False
    try:
        return ipaddress.ip_address(client(request)).is_loopback
    except ValueError:
        return False


def safe_next(value: str) -> str:
    """Only a path on this site: no scheme, no host, no backslash tricks."""
    ok = value.startswith("/") and not value.startswith("//") and "\\" not in value
    return value if ok else "/"
