"""The record page (``/records/{id}``), its photos, and its JSON."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from linkboard.web import sessions
from linkboard.web.app import db, render, session
from linkboard.web.records import IMAGE_TYPES, image_path, record_detail
from linkboard.web.schemas import RecordDetail

router = APIRouter()


def _detail(request: Request, record_id: str) -> RecordDetail:
    detail = record_detail(db(request), record_id)
    if detail is None:
        raise HTTPException(404, f"no record {record_id}")
    return detail


@router.get("/records/{record_id:path}/images/{index:int}", tags=["records"])
def record_image(request: Request, record_id: str, index: int) -> Response:
    """The stored file of a record's photo (only files the record lists; local files only)."""
    base = Path(request.app.state.db_key).parent
    path = image_path(db(request), record_id, index, base)
    if path is None:
        raise HTTPException(404, "no such photo stored")
    return FileResponse(path, media_type=IMAGE_TYPES[path.suffix.lower()],
                        headers={"cache-control": "private, max-age=3600"})  # fmt: skip


@router.get("/records/{record_id:path}", response_class=HTMLResponse, include_in_schema=False)
def record_page(request: Request, record_id: str) -> Response:
    detail = _detail(request, record_id)
    conn, sid = db(request), session(request)
    sessions.mark(conn, sid, "record", record_id, "seen")
    reviewed = "reviewed" in sessions.marks_of(conn, sid, "record", [record_id])[record_id]
    return render(request, "record.html", {"r": detail, "reviewed": reviewed})


@router.get("/api/records/{record_id:path}", response_model=RecordDetail, tags=["records"])
def record_api(request: Request, record_id: str) -> RecordDetail:
    """A record: text, mentions and indicator spans, risk breakdown, photos, provenance."""
    return _detail(request, record_id)
