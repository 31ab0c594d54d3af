"""The overview (``/overview``): what came in, when, from where; the new networks."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from linkboard.web.app import render, store
from linkboard.web.overview import WINDOW_DAYS, overview
from linkboard.web.schemas import Overview

router = APIRouter()


@router.get("/overview", response_class=HTMLResponse, include_in_schema=False)
def overview_page(request: Request, days: int = WINDOW_DAYS) -> Response:
    data = overview(store(request), request.app.state.db_key, max(7, min(days, 366)))
    return render(request, "overview.html", {"o": data})


@router.get("/api/overview", response_model=Overview, tags=["overview"])
def overview_api(request: Request, days: int = WINDOW_DAYS) -> Overview:
    """Counts by day, source, site and city over the last ``days`` days of posts; new networks."""
    return overview(store(request), request.app.state.db_key, max(7, min(days, 366)))
