"""The record page (``/records/{id}``), its photos, and its JSON. Every view is audited; photos
are served only to roles that may reveal them, and each reveal is audited."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from linkboard.ingest.images import image_folder
from linkboard.web import auth, sessions
from linkboard.web.app import render, session, store
from linkboard.web.casework import page_context
from linkboard.web.masking import conceal_record, may_reveal
from linkboard.web.params import PhotoIndex
from linkboard.web.records import IMAGE_TYPES, image_path, record_detail
from linkboard.web.schemas import RecordDetail

router = APIRouter()
#: Which page of an account's transactions its record page shows.
TransactionPage = Annotated[int, Query(ge=1, le=1_000_000)]
REVEAL = [auth.allow("images.reveal")]
#: The photo routes are fetched by the record page: their errors are pages, not JSON.
PAGE_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"description": why, "content": {"text/html": {}}}
    for status, why in ((403, "the role may not see photos"), (404, "no such photo stored"))
}
PHOTO = {200: {"description": "the photo", "content": {t: {} for t in sorted(
    set(IMAGE_TYPES.values()))}}, **PAGE_ERRORS}  # fmt: skip


def _detail(request: Request, record_id: str, page: int = 1) -> RecordDetail:
    """The record (an account with PAGE of its transactions), its account numbers masked to a
    role that may not see them."""
    reveal = may_reveal(auth.user(request).role)
    detail = record_detail(store(request), record_id, page=page, reveal=reveal)
    if detail is None:
        raise HTTPException(404, f"no record {record_id}")
    return conceal_record(detail, reveal)


@router.get("/records/{record_id:path}/images/{index:int}", tags=["records"],
            dependencies=REVEAL, response_class=Response, responses=PHOTO)  # fmt: skip
def record_image(request: Request, record_id: str, index: PhotoIndex) -> Response:
    """The stored copy of a record's photo (only images it decoded, from the store's own image
    folder). Pages show it blurred until the analyst reveals it; viewers never get it."""
    path = image_path(store(request), record_id, index, image_folder(request.app.state.db_key))
    if path is None:
        raise HTTPException(404, "no such photo stored")
    return FileResponse(path, media_type=IMAGE_TYPES[path.suffix.lower()],
                        headers={"cache-control": "private, max-age=3600"})  # fmt: skip


@router.post("/records/{record_id:path}/images/{index:int}/reveal", tags=["records"],
             status_code=204, dependencies=REVEAL, response_class=Response,
             responses=PAGE_ERRORS)  # fmt: skip
def reveal_image(request: Request, record_id: str, index: PhotoIndex) -> Response:
    """Note (in the audit log) that the analyst unblurred this photo."""
    images = _detail(request, record_id).images
    if not 0 <= index < len(images):
        raise HTTPException(404, "no such photo")
    auth.record(request, "image.reveal", f"record:{record_id}",
                {"index": index, "sha256": images[index].sha256})  # fmt: skip
    return Response(status_code=204)


@router.get("/records/{record_id:path}", response_class=HTMLResponse, include_in_schema=False)
def record_page(request: Request, record_id: str, page: TransactionPage = 1) -> Response:
    detail = _detail(request, record_id, page)
    data, sid = store(request), session(request)
    sessions.mark_seen(data, sid, "record", record_id)
    reviewed = "reviewed" in sessions.marks_of(data, sid, "record", [record_id])[record_id]
    identifiers = sorted({m.identifier for m in detail.mentions if m.identifier})
    targets = {f"record:{record_id}", *identifiers}
    if detail.network_id:
        targets.add(f"network:{detail.network_id}")
    context = page_context(auth.store(request), auth.user(request), targets)
    shown = len(detail.images) if context["reveal_always"] else 0
    auth.record(request, "record.view", f"record:{record_id}",
                {"photos_revealed": shown} if shown else None)  # fmt: skip
    return render(request, "record.html", {"r": detail, "reviewed": reviewed,
                                           "identifiers": identifiers, **context})  # fmt: skip


@router.get("/api/records/{record_id:path}", response_model=RecordDetail, tags=["records"])
def record_api(request: Request, record_id: str, page: TransactionPage = 1) -> RecordDetail:
    """A record: text, mentions and indicator spans, risk breakdown, photos, provenance; an
    account's card, financial alerts, PAGE of its transactions (newest first), the ads that
    print its identifiers and its counterparties; a transaction's account and alerts. Account
    numbers come masked to a role that may not see them in full."""
    detail = _detail(request, record_id, page)
    auth.record(request, "record.view", f"record:{record_id}", {"api": True})
    return detail
