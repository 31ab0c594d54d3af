"""The triage queue (``/``) and the seen/reviewed marks a browser puts on its items."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel

from linkboard.web import choices, sessions
from linkboard.web.app import render, session, store
from linkboard.web.params import DAY, one_of
from linkboard.web.schemas import TriagePage
from linkboard.web.triage import BANDS, SHOW, FilterError, TriageFilters, queue

router = APIRouter()


def triage_filters(
    city: str = "",
    state: str = "",
    site: str = "",
    date_from: Annotated[
        str, Query(description="YYYY-MM-DD, posted on or after", json_schema_extra=DAY)
    ] = "",
    date_to: Annotated[
        str, Query(description="YYYY-MM-DD, posted on or before", json_schema_extra=DAY)
    ] = "",
    indicator: Annotated[str, Query(description="indicator code, e.g. AGE_UNDER_18")] = "",
    band: Annotated[
        str,
        Query(description="risk band: high, medium or low", json_schema_extra=one_of(["", *BANDS])),
    ] = "",
    has_photo: bool = False,
    unseen: Annotated[bool, Query(description="only what this browser has not opened")] = False,
    show: Annotated[
        str, Query(description="all, records or networks", json_schema_extra=one_of(SHOW))
    ] = "all",
) -> TriageFilters:
    return TriageFilters(city, state, site, date_from, date_to, indicator, band, has_photo,
                         unseen, show)  # fmt: skip


Filters = Annotated[TriageFilters, Depends(triage_filters)]


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def triage_page(request: Request, filters: Filters, cursor: str | None = None) -> Response:
    data, sid = store(request), session(request)
    previous = sessions.visit(data, sid)
    key = request.app.state.db_key
    error, page = None, None
    try:
        page = queue(data, key, filters, sid, cursor=cursor, previous_visit=previous)
    except FilterError as exc:
        error = str(exc)
    context: dict[str, Any] = {"page": page, "error": error, "filters": filters, "cursor": cursor}
    if request.headers.get("hx-request") and cursor:
        return render(request, "triage_rows.html", context)
    context |= {
        "cities": choices.choices(data, key, "city"), "states": choices.choices(data, key, "state"),
        "sites": choices.choices(data, key, "site"),
        "indicators": choices.choices(data, key, "indicator"), "bands": list(BANDS),
    }  # fmt: skip
    return render(request, "triage.html", context, status_code=200)


@router.get("/api/triage", response_model=TriagePage, tags=["triage"])
def triage_api(request: Request, filters: Filters, cursor: str | None = None, limit: int = 50
               ) -> TriagePage:  # fmt: skip
    """Records and networks in risk order, possible minors first; page on with ``next_cursor``."""
    try:
        return queue(store(request), request.app.state.db_key, filters, session(request),
                     cursor=cursor, limit=max(1, min(limit, 200)))  # fmt: skip
    except FilterError as exc:
        raise HTTPException(400, str(exc)) from exc


class MarkIn(BaseModel):
    mark: Literal["seen", "reviewed"] = "reviewed"
    on: bool = True


class MarkOut(BaseModel):
    subject: str
    id: str
    marks: list[str]


def _apply_mark(request: Request, subject: str, subject_id: str, mark: str, on: bool) -> MarkOut:
    data = store(request)
    exists = {"record": data.record_exists, "network": data.network_exists}.get(subject)
    if exists is None or mark not in sessions.MARKS:
        raise HTTPException(404, "no such subject or mark")
    if not exists(subject_id):
        raise HTTPException(404, f"no {subject} {subject_id}")
    change = sessions.mark if on else sessions.unmark
    change(data, session(request), subject, subject_id, mark)
    marks = sessions.marks_of(data, session(request), subject, [subject_id])[subject_id]
    return MarkOut(subject=subject, id=subject_id, marks=sorted(marks))


@router.post("/api/marks/{subject}/{subject_id}", response_model=MarkOut, tags=["triage"])
def mark_api(request: Request, subject: str, subject_id: str, body: MarkIn) -> MarkOut:
    """Mark a record or network seen/reviewed for this browser (``on: false`` clears it)."""
    return _apply_mark(request, subject, subject_id, body.mark, body.on)


@router.post("/marks/{subject}/{subject_id}", include_in_schema=False)
def mark_form(request: Request, subject: str, subject_id: str, mark: str = "reviewed",
              on: bool = True) -> Response:  # fmt: skip
    out = _apply_mark(request, subject, subject_id, mark, on)
    if request.headers.get("hx-request"):
        return render(
            request,
            "mark_button.html",
            {"subject": subject, "id": subject_id, "reviewed": "reviewed" in out.marks},
        )
    back = "/records/" if subject == "record" else "/networks/"
    return RedirectResponse(back + subject_id, status_code=303)
