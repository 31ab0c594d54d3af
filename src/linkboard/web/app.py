"""The FastAPI app: pages and the JSON API over one store, bound to localhost by default."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from linkboard import __version__
from linkboard.web.database import Database
from linkboard.web.rendering import make_templates
from linkboard.web.security import Hardening

STATIC = Path(__file__).resolve().parent / "static"


def create_app(db_path: str | Path) -> FastAPI:
    """The web workspace over the store at ``db_path`` (which must exist)."""
    from linkboard.web.routes import networks, overview, records, search, triage

    database = Database(db_path)
    app = FastAPI(
        title="linkboard",
        version=__version__,
        summary="Triage, search, records, networks and overview of a linkboard store.",
        docs_url=None,  # the interactive docs load scripts from a CDN; linkboard runs offline
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.database = database
    app.state.db_key = str(Path(db_path).resolve())
    app.state.templates = make_templates()
    app.add_middleware(Hardening)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (triage, search, records, networks, overview):
        app.include_router(module.router)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if _wants_json(request):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"status": exc.status_code, "detail": exc.detail},
        status_code=exc.status_code,
    )  # fmt: skip


async def _invalid_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
    if _wants_json(request):
        return JSONResponse({"detail": errors}, status_code=422)
    detail = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in errors)
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": 400, "detail": detail}, status_code=400
    )


def db(request: Request) -> sqlite3.Connection:
    """This worker thread's connection to the store: call it inside the (sync) handler, not as
    a dependency, so the connection is used by the thread that owns it."""
    return request.app.state.database.connection()


def session(request: Request) -> str:
    """This browser's session id (set by the Hardening middleware)."""
    return request.state.session


def render(request: Request, name: str, context: dict, status_code: int = 200) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status_code
    )


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the workspace with uvicorn (localhost unless ``host`` says otherwise)."""
    import uvicorn

    uvicorn.run(create_app(db_path), host=host, port=port, log_level="info")
