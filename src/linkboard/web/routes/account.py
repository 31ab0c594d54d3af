"""Signing in and out (``/login``, ``/logout``), the first-run page that makes the first admin
(``/setup``: only while there are no users, only from this machine), and per-user settings."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from linkboard.cases import audit
from linkboard.cases.accounts import (
    AccountError,
    LoginFailed,
    SignInHeld,
    add_user,
    authenticate,
    list_users,
)
from linkboard.cases.sessions import end_sessions, issue_session
from linkboard.web import auth, preferences
from linkboard.web.app import render

public = APIRouter(include_in_schema=False)
router = APIRouter()
Text = Annotated[str, Form()]


def _form(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """A sign-in or first-run form, with its pre-session token in a cookie and a hidden field."""
    token = auth.login_token(request)
    response = render(request, name, {**context, "login_token": token}, status)
    auth.set_login_cookie(request, response, token)
    return response


def _signed_in(request: Request, user_token: str, to: str) -> Response:
    response = RedirectResponse(auth.safe_next(to), status_code=303)
    auth.set_session_cookie(request, response, user_token)
    response.delete_cookie(auth.LOGIN_COOKIE, path="/")
    return response


@public.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> Response:
    if not list_users(auth.store(request)):
        return RedirectResponse("/setup", status_code=303)
    return _form(request, "login.html", {"next": auth.safe_next(next), "error": None})


@public.post("/login", response_class=HTMLResponse)
def login(request: Request, username: Text = "", password: Text = "", csrf_token: Text = "",
          next: Text = "/") -> Response:  # fmt: skip
    auth.check_login_token(request, csrf_token)
    db, where = auth.store(request), auth.client(request)
    context = {"next": auth.safe_next(next), "username": username}
    try:
        user = authenticate(db, username.strip().lower(), password, client=where,
                            local=auth.loopback(request))  # fmt: skip
    except SignInHeld as exc:
        response = _form(request, "login.html", {**context, "error": str(exc)}, 429)
        response.headers["retry-after"] = str(exc.seconds)
        return response
    except LoginFailed as exc:
        return _form(request, "login.html", {**context, "error": str(exc)}, 401)
    return _signed_in(request, issue_session(db, user), next)


def _setup_allowed(request: Request) -> Response | None:
    if list_users(auth.store(request)):
        return RedirectResponse("/login", status_code=303)
    if not auth.loopback(request):
        raise HTTPException(403, "the first admin can only be made from this machine (127.0.0.1)")
    return None


@public.get("/setup", response_class=HTMLResponse)
def setup_page(request: Request) -> Response:
    return _setup_allowed(request) or _form(request, "setup.html", {"error": None})


@public.post("/setup", response_class=HTMLResponse)
def setup(request: Request, username: Text = "", password: Text = "", confirm: Text = "",
          csrf_token: Text = "") -> Response:  # fmt: skip
    auth.check_login_token(request, csrf_token)
    if list_users(auth.store(request)):
        raise HTTPException(403, "linkboard already has users: sign in")
    _setup_allowed(request)
    db, where = auth.store(request), auth.client(request)
    try:
        if password != confirm:
            raise AccountError("the two passwords differ")
        user = add_user(db, username.strip().lower(), password, "admin", client=where)
    except AccountError as exc:
        return _form(request, "setup.html", {"error": str(exc), "username": username}, 400)
    audit.record(db, user.username, "setup", f"user:{user.username}", {"role": "admin"},
                 client=where)  # fmt: skip
    return _signed_in(request, issue_session(db, user), "/")


@router.post("/logout", include_in_schema=False)
def logout(request: Request) -> Response:
    """Sign out (everywhere: the user's session epoch moves on)."""
    end_sessions(auth.store(request), auth.user(request).username, client=auth.client(request))
    response = RedirectResponse("/login", status_code=303)
    auth.clear_session_cookie(response)
    return response


@router.post("/settings/reveal-photos", include_in_schema=False, dependencies=[
    auth.allow("images.reveal")])  # fmt: skip
def reveal_setting(request: Request, on: Annotated[bool, Form()] = False,
                   back: Text = "/") -> Response:  # fmt: skip
    """The user's "always show photos unblurred" setting."""
    name = auth.user(request).username
    preferences.set_flag(auth.store(request), name, preferences.REVEAL_PHOTOS, on)
    auth.record(request, "settings.reveal_photos", f"user:{name}", {"on": on})
    if request.headers.get("hx-request") or request.headers.get(auth.CSRF_HEADER):
        return Response(status_code=204)
    return RedirectResponse(auth.safe_next(back), status_code=303)
