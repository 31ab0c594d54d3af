"""Cases (``/cases``, ``/cases/{id}``): gather networks, records and identifiers with notes,
tags, a status and a timeline; the same under ``/api/cases``. Each handler calls one function
of ``linkboard.cases.casefiles``, which checks the role and audits the change."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from linkboard.cases import casefiles
from linkboard.export.formats import formats
from linkboard.web import auth
from linkboard.web.app import render
from linkboard.web.masking import conceal_case, may_reveal
from linkboard.web.params import NON_BLANK, RowId, one_of
from linkboard.web.schemas_casework import CaseDetail, CaseItems, CaseNotes, CaseOut

router = APIRouter()
EDIT = [auth.allow("case.edit")]
Text = Annotated[str, Form()]


def _back(case_id: int) -> Response:
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


def _case_view(request: Request, case_id: int) -> CaseDetail:
    """The case with its items, notes and timeline, as its page and its JSON show it."""
    store = auth.store(request)
    case = casefiles.get_case(store, case_id)
    auth.record(request, "case.view", casefiles.target(case_id))
    view = CaseDetail.model_validate({
        "case": case, "items": casefiles.items(store, case_id),
        "notes": casefiles.notes(store, case_id), "timeline": casefiles.timeline(store, case_id),
    })  # fmt: skip
    return conceal_case(view, may_reveal(auth.user(request).role))


# -- pages ------------------------------------------------------------------------------------


@router.get("/cases", response_class=HTMLResponse, include_in_schema=False)
def cases_page(request: Request, status: str | None = None) -> Response:
    found = casefiles.list_cases(auth.store(request), status or None)
    return render(request, "cases.html", {"cases": found, "status": status or "",
                                          "statuses": casefiles.CASE_STATUSES})  # fmt: skip


@router.post("/cases", include_in_schema=False, dependencies=EDIT)
def create_case(request: Request, title: Text = "", description: Text = "") -> Response:
    case = casefiles.create_case(auth.store(request), title, description=description,
                                 **auth.who(request))  # fmt: skip
    return _back(case.id)


@router.post("/cases/add", include_in_schema=False, dependencies=EDIT)
def add_to_case(request: Request, kind: Text, ref: Text, case_id: Text = "",
                new_title: Text = "", back: Text = "") -> Response:  # fmt: skip
    """The "Add to case" control of record and network pages: an open case, or a new one."""
    chosen = None if new_title.strip() or not case_id else int(case_id) if case_id.isdigit() else 0
    number = casefiles.file_item(auth.store(request), kind, ref, case_id=chosen,
                                 new_title=new_title, **auth.who(request))  # fmt: skip
    return RedirectResponse(auth.safe_next(back) if back else f"/cases/{number}", status_code=303)


@router.get("/cases/{case_id:int}", response_class=HTMLResponse, include_in_schema=False)
def case_page(request: Request, case_id: RowId) -> Response:
    view = _case_view(request, case_id)
    return render(request, "case.html", {**dict(view), "formats": formats(),
                                         "statuses": casefiles.CASE_STATUSES})  # fmt: skip


@router.post("/cases/{case_id:int}/items", include_in_schema=False, dependencies=EDIT)
def add_item(request: Request, case_id: RowId, kind: Text, ref: Text) -> Response:
    casefiles.add_item(auth.store(request), case_id, kind, ref.strip(), **auth.who(request))
    return _back(case_id)


@router.post("/cases/{case_id:int}/items/remove", include_in_schema=False, dependencies=EDIT)
def remove_item(request: Request, case_id: RowId, kind: Text, ref: Text) -> Response:
    casefiles.remove_item(auth.store(request), case_id, kind, ref, **auth.who(request))
    return _back(case_id)


@router.post("/cases/{case_id:int}/notes", include_in_schema=False, dependencies=EDIT)
def add_note(request: Request, case_id: RowId, body: Text = "", about: Text = "") -> Response:
    casefiles.add_note(auth.store(request), case_id, body, about=about, **auth.who(request))
    return _back(case_id)


@router.post("/cases/{case_id:int}/tags", include_in_schema=False, dependencies=EDIT)
def tag_case(request: Request, case_id: RowId, tag: Text = "",
             remove: Annotated[bool, Form()] = False) -> Response:  # fmt: skip
    casefiles.tag(auth.store(request), case_id, tag, remove=remove, **auth.who(request))
    return _back(case_id)


@router.post("/cases/{case_id:int}/status", include_in_schema=False, dependencies=EDIT)
def set_status(request: Request, case_id: RowId, status: Text) -> Response:
    casefiles.set_status(auth.store(request), case_id, status, **auth.who(request))
    return _back(case_id)


# -- JSON -------------------------------------------------------------------------------------


class CaseIn(BaseModel):
    title: str = Field(json_schema_extra=NON_BLANK)
    description: str = ""


class ItemIn(BaseModel):
    kind: str = Field(json_schema_extra=one_of(casefiles.ITEM_KINDS))
    ref: str = Field(description="a record or network id, or an identifier kind:value")


class NoteIn(BaseModel):
    body: str = Field(json_schema_extra=NON_BLANK)
    about: str = ""


class StatusIn(BaseModel):
    status: str = Field(json_schema_extra=one_of(casefiles.CASE_STATUSES))


class TagIn(BaseModel):
    tag: str = Field(json_schema_extra=NON_BLANK)
    remove: bool = False


Status = Annotated[str | None, Query(json_schema_extra=one_of(casefiles.CASE_STATUSES))]


@router.get("/api/cases", tags=["cases"])
def cases_api(request: Request, status: Status = None) -> list[CaseOut]:
    """Cases, newest first (optionally of one status)."""
    return [CaseOut.model_validate(c) for c in casefiles.list_cases(auth.store(request), status)]


@router.post("/api/cases", tags=["cases"], status_code=201, dependencies=EDIT)
def create_case_api(request: Request, body: CaseIn) -> CaseOut:
    case = casefiles.create_case(auth.store(request), body.title, description=body.description,
                                 **auth.who(request))  # fmt: skip
    return CaseOut.model_validate(case)


@router.get("/api/cases/{case_id:int}", tags=["cases"])
def case_api(request: Request, case_id: RowId) -> CaseDetail:
    """A case with its items, notes and timeline (posts and analyst actions)."""
    return _case_view(request, case_id)


@router.post("/api/cases/{case_id:int}/items", tags=["cases"], dependencies=EDIT)
def add_item_api(request: Request, case_id: RowId, body: ItemIn) -> CaseItems:
    casefiles.add_item(auth.store(request), case_id, body.kind, body.ref, **auth.who(request))
    return CaseItems.model_validate({"items": casefiles.items(auth.store(request), case_id)})


@router.post("/api/cases/{case_id:int}/notes", tags=["cases"], dependencies=EDIT)
def add_note_api(request: Request, case_id: RowId, body: NoteIn) -> CaseNotes:
    casefiles.add_note(auth.store(request), case_id, body.body, about=body.about,
                       **auth.who(request))  # fmt: skip
    return CaseNotes.model_validate({"notes": casefiles.notes(auth.store(request), case_id)})


@router.post("/api/cases/{case_id:int}/status", tags=["cases"], dependencies=EDIT)
def set_status_api(request: Request, case_id: RowId, body: StatusIn) -> CaseOut:
    casefiles.set_status(auth.store(request), case_id, body.status, **auth.who(request))
    return CaseOut.model_validate(casefiles.get_case(auth.store(request), case_id))


@router.post("/api/cases/{case_id:int}/tags", tags=["cases"], dependencies=EDIT)
def tag_api(request: Request, case_id: RowId, body: TagIn) -> CaseOut:
    casefiles.tag(auth.store(request), case_id, body.tag, remove=body.remove, **auth.who(request))
    return CaseOut.model_validate(casefiles.get_case(auth.store(request), case_id))
