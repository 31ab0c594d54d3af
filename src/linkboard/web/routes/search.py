"""Search (``/search``): full text, identifiers however typed, and bulk identifier lists."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from linkboard.export.formats import formats
from linkboard.web import auth
from linkboard.web.app import render, store
from linkboard.web.params import DAY, one_of
from linkboard.web.schemas import BulkResult, SearchPage
from linkboard.web.search import MODES, SYNTAX_HELP, SearchError, SearchFilters, bulk, search
from linkboard.web.triage import FilterError

router = APIRouter()
MAX_UPLOAD = 1_000_000


def search_filters(
    date_from: Annotated[
        str, Query(description="YYYY-MM-DD, posted on or after", json_schema_extra=DAY)
    ] = "",
    date_to: Annotated[
        str, Query(description="YYYY-MM-DD, posted on or before", json_schema_extra=DAY)
    ] = "",
    city: str = "",
    site: str = "",
    network: str = "",
    indicator: str = "",
) -> SearchFilters:
    return SearchFilters(date_from, date_to, city, site, network, indicator)


Filters = Annotated[SearchFilters, Depends(search_filters)]
Mode = Annotated[
    str,
    Query(
        description="auto (identifier if it reads as one), text, identifier",
        json_schema_extra=one_of(MODES),
    ),
]


def _audit(request: Request, q: str, mode: str, filters: SearchFilters, page: int) -> None:
    if q.strip():
        wanted = {k: v for k, v in asdict(filters).items() if v}
        auth.record(request, "search", f"search:{q}", {"mode": mode, "page": page, **wanted})


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, filters: Filters, q: str = "", mode: Mode = "auto",
                page: int = 1) -> Response:  # fmt: skip
    result, error = None, None
    _audit(request, q, mode, filters, page)
    try:
        result = search(store(request), q, mode=mode, filters=filters, page=page)
        error = result.error
    except (SearchError, FilterError) as exc:
        error = str(exc)
    return render(request, "search.html", {
        "result": result, "error": error, "q": q, "mode": mode, "filters": filters,
        "help": SYNTAX_HELP, "bulk": None, "formats": formats(),
    })  # fmt: skip


@router.get("/api/search", response_model=SearchPage, tags=["search"])
def search_api(request: Request, filters: Filters, q: str = "", mode: Mode = "auto",
               page: int = 1) -> SearchPage:  # fmt: skip
    """Full-text (FTS5: words, "phrases", prefix*) or identifier search, with facets.

    A query FTS5 cannot parse answers 400 with the reason and how to write it."""
    _audit(request, q, mode, filters, page)
    try:
        result = search(store(request), q, mode=mode, filters=filters, page=page)
    except (SearchError, FilterError) as exc:
        raise HTTPException(400, str(exc)) from exc
    if result.error:
        raise HTTPException(400, result.error)
    return result


@router.post("/search/bulk", response_class=HTMLResponse, include_in_schema=False)
async def bulk_page(
    request: Request,
    identifiers: Annotated[str, Form()] = "",
    upload: Annotated[UploadFile | None, File()] = None,
) -> Response:
    text = identifiers
    if upload is not None and upload.filename:
        text += "\n" + (await upload.read(MAX_UPLOAD)).decode("utf-8", "replace")
    return await _render_bulk(request, text)


async def _render_bulk(request: Request, text: str) -> Response:
    from starlette.concurrency import run_in_threadpool

    def work() -> Response:
        result = bulk(store(request), text)
        auth.record(request, "search.bulk", "search:bulk", {"lines": len(result.rows)})
        return render(request, "search.html", {
            "result": None, "error": None, "q": "", "mode": "auto",
            "filters": SearchFilters(), "help": SYNTAX_HELP, "bulk": result, "bulk_text": text,
        })  # fmt: skip

    return await run_in_threadpool(work)


class BulkIn(BaseModel):
    identifiers: list[str] = Field(description="identifiers as typed, one per item")


@router.post("/api/search/bulk", response_model=BulkResult, tags=["search"])
def bulk_api(request: Request, body: BulkIn) -> BulkResult:
    """Normalise each identifier and say how many records (and which) hold it."""
    result = bulk(store(request), "\n".join(body.identifiers))
    auth.record(request, "search.bulk", "search:bulk", {"lines": len(result.rows), "api": True})
    return result
