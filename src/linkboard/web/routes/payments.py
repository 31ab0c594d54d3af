"""The payments channel's view of the triage queue: the accounts with financial alerts (the
payments rules' red flags), strongest first (``/triage/financial``). An account's and a
transaction's own pages are record pages (``routes/records.py``), a network's accounts part of
its page (``routes/networks.py``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from linkboard.web.app import render, store
from linkboard.web.red_flags import alerted_accounts
from linkboard.web.schemas_payments import AlertedAccount

router = APIRouter()
Limit = Annotated[int, Query(ge=1, le=1000, description="how many accounts")]


@router.get("/triage/financial", response_class=HTMLResponse, include_in_schema=False)
def financial_page(request: Request) -> Response:
    """The accounts with financial alerts, strongest alert first."""
    return render(request, "financial.html", {"accounts": alerted_accounts(store(request))})


@router.get("/api/triage/financial", response_model=list[AlertedAccount], tags=["triage"])
def financial_api(request: Request, limit: Limit = 200) -> list[AlertedAccount]:
    """Accounts with financial alerts (the payments rules' red flags), strongest first, each
    with its alerts' rule, rule version, band, reason and the transactions behind them."""
    return alerted_accounts(store(request), limit)
