"""The social channel's view of the triage queue: the accounts with recruiter alerts
(SOC_RECRUITER), strongest first (``/triage/recruiters``). An account's, a chat's and a message's
own pages are record pages (``routes/records.py``), a network's connections part of its page
(``routes/networks.py``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from linkboard.web.app import render, store
from linkboard.web.recruiters import alerted_recruiters
from linkboard.web.schemas_social import RecruiterAccount

router = APIRouter()
Limit = Annotated[int, Query(ge=1, le=1000, description="how many accounts")]


@router.get("/triage/recruiters", response_class=HTMLResponse, include_in_schema=False)
def recruiters_page(request: Request) -> Response:
    """The social accounts with recruiter alerts, strongest alert first."""
    return render(request, "recruiters.html", {"accounts": alerted_recruiters(store(request))})


@router.get("/api/triage/recruiters", response_model=list[RecruiterAccount], tags=["triage"])
def recruiters_api(request: Request, limit: Limit = 200) -> list[RecruiterAccount]:
    """Social accounts with recruiter alerts (SOC_RECRUITER), strongest first, each with its
    alerts' rule version, band, reason and the contacts behind them."""
    return alerted_recruiters(store(request), limit)
