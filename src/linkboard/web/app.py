"""The FastAPI app: pages and the JSON API over one store, bound to localhost by default.

Every route but ``/login``, ``/setup`` and the static files needs a signed-in user (``auth.py``);
each route names the action its role must allow.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from linkboard import __version__
from linkboard.cases.accounts import AccountError
from linkboard.cases.casefiles import CaseError
from linkboard.cases.curation import CurationError
from linkboard.cases.roles import PermissionDenied, can
from linkboard.cases.sessions import IDLE_TIMEOUT
from linkboard.cases.watches import WatchError, list_alerts
from linkboard.export.scope import ExportError
from linkboard.store.base import Store
from linkboard.web import auth
from linkboard.web.database import Database
from linkboard.web.rendering import make_templates
from linkboard.web.schemas import API_ERRORS
from linkboard.web.security import Hardening

STATIC = Path(__file__).resolve().parent / "static"
#: Library errors that mean "this request cannot be done": 400 with the library's message.
REQUEST_ERRORS = (AccountError, CaseError, CurationError, WatchError, ExportError)


def create_app(
    db_path: str | Path, *, idle_timeout: float = IDLE_TIMEOUT, behind_proxy: bool = False
) -> FastAPI:
    """The web workspace over the store at ``db_path`` (which must exist).

    IDLE_TIMEOUT: seconds a session may go unused. BEHIND_PROXY: the server takes client
    addresses from a trusted proxy's ``X-Forwarded-For`` (``serve --trust-proxy``)."""
    database = Database(db_path)
    app = FastAPI(
        title="linkboard",
        version=__version__,
        summary="Triage, search, records, networks, cases and alerts of a linkboard store.",
        docs_url=None,  # the interactive docs load scripts from a CDN; linkboard runs offline
        redoc_url=None,
        openapi_url=None,  # served by api_docs, behind sign-in
    )
    app.state.database = database
    where = database.path
    app.state.db_key = str(where.resolve()) if isinstance(where, Path) else where
    app.state.templates = make_templates()
    app.state.idle_timeout = idle_timeout
    app.state.behind_proxy = behind_proxy
    app.add_middleware(Hardening)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_routes(app)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(auth.SignInRequired, _sign_in)
    app.add_exception_handler(PermissionDenied, _denied)
    for error in REQUEST_ERRORS:
        app.add_exception_handler(error, _bad_request)
    return app


def _add_routes(app: FastAPI) -> None:
    """The public sign-in pages, then every page group behind sign-in."""
    from linkboard.web.routes import (
        account,
        admin,
        api_docs,
        cases,
        curation,
        exports,
        networks,
        overview,
        payments,
        records,
        search,
        social,
        triage,
        watches,
    )  # fmt: skip

    app.include_router(account.public)
    signed_in = [Depends(auth.signed_in), auth.allow("view")]
    for module in (triage, payments, social, search, records, networks, overview, cases,
                   curation, watches, exports, admin, account, api_docs):  # fmt: skip
        app.include_router(module.router, dependencies=signed_in, responses=API_ERRORS)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, detail: Any) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    return render(request, "error.html", {"status": status, "detail": detail}, status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    return _error(request, exc.status_code, exc.detail)


async def _bad_request(request: Request, exc: Exception) -> Response:
    message = str(exc)
    return _error(request, 404 if message.startswith("no ") else 400, message)


async def _denied(request: Request, exc: Exception) -> Response:
    return _error(request, 403, str(exc))


async def _sign_in(request: Request, exc: Exception) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": "sign in first"}, status_code=401)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    target = here if request.method == "GET" else "/"
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


async def _invalid_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
              for e in exc.errors()]  # fmt: skip
    if _wants_json(request):
        return JSONResponse({"detail": errors}, status_code=422)
    detail = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in errors)
    return _error(request, 400, detail)


def store(request: Request) -> Store:
    """This worker thread's store: call it inside the (sync) handler, not as a dependency, so
    the store is used by the thread that owns it."""
    opened: Store = request.app.state.database.store()
    return opened


def session(request: Request) -> str:
    """The key the signed-in user's seen/reviewed marks hang on."""
    return f"user:{auth.user(request).username}"


def unseen_alerts(request: Request) -> int:
    current = getattr(request.state, "user", None)
    if current is None:
        return 0
    return len(list_alerts(auth.store(request), unseen=True, owner=current.username, limit=100))


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """A page, with what the header needs: the user, the CSRF token, the unseen alert count."""
    user = getattr(request.state, "user", None)
    context = {
        "user": user, "csrf": auth.page_csrf(request), "alerts_unseen": unseen_alerts(request),
        "may": lambda action: user is not None and can(user.role, action),
        "reveal_accounts": user is not None and can(user.role, "accounts.reveal"), **context,
    }  # fmt: skip
    page: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status_code
    )
    return page


def serve(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    trust_proxy: tuple[str, ...] = (),
    idle_timeout: float = IDLE_TIMEOUT,
) -> None:
    """Run the workspace with uvicorn (localhost unless ``host`` says otherwise).

    Proxy headers are off: a client's address is the one its connection comes from, whatever
    ``X-Forwarded-For`` says, unless TRUST_PROXY names the proxies (addresses or networks) whose
    ``X-Forwarded-For`` and ``X-Forwarded-Proto`` are believed."""
    import uvicorn

    app = create_app(db_path, idle_timeout=idle_timeout, behind_proxy=bool(trust_proxy))
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=bool(trust_proxy),
                forwarded_allow_ips=list(trust_proxy) or None)  # fmt: skip
