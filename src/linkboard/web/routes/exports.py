"""Exports of a case, a network or a search as downloads, in every format of
``linkboard.export.formats`` (which checks the role and audits each export with its sha256).
Always ``Content-Disposition: attachment``: the HTML report carries its own inline styles and
must open as a file, not under this app's content-security policy."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import Response

from linkboard.export import formats
from linkboard.export.scope import ExportError
from linkboard.web import auth
from linkboard.web.params import RowId

router = APIRouter(include_in_schema=False, dependencies=[auth.allow("export")])
Format = Annotated[str, Form()]


def _download(request: Request, name: str, fmt: str, export: Callable[..., Any]) -> Response:
    try:
        chosen = formats.exporter(fmt)
    except ExportError as exc:
        raise HTTPException(400, str(exc)) from None
    with tempfile.TemporaryDirectory(prefix="linkboard-export-") as folder:
        out = Path(folder) / f"{name}{chosen.suffix}"
        export(out, actor=auth.user(request), client=auth.client(request))
        body = out.read_bytes()
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in out.name)
    return Response(body, media_type=chosen.media_type, headers={
        "content-disposition": f'attachment; filename="{safe}"',
        "x-content-type-options": "nosniff",
    })  # fmt: skip


@router.post("/cases/{case_id:int}/export")
def export_case(request: Request, case_id: RowId, format: Format) -> Response:
    store = auth.store(request)
    return _download(
        request,
        f"case-{case_id}",
        format,
        lambda out, **who: formats.export_case(store, case_id, format, out, **who),
    )


@router.post("/networks/{network_id}/export")
def export_network(request: Request, network_id: str, format: Format) -> Response:
    store = auth.store(request)
    return _download(request, f"network-{network_id}", format,
                     lambda out, **who: formats.export_network(store, network_id, format, out,
                                                               **who))  # fmt: skip


@router.post("/search/export")
def export_search(request: Request, q: Annotated[str, Form()], format: Format) -> Response:
    """The full-text search Q (as the search page ran it) as a file."""
    store = auth.store(request)
    return _download(
        request,
        "search",
        format,
        lambda out, **who: formats.export_search(store, q, format, out, **who),
    )
