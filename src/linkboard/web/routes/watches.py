"""Watches and alerts: watch an identifier, a photo hash, a saved search or a network from the
pages; ``/alerts`` lists the user's alerts, unseen first, and marks them seen."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from linkboard.cases import watches
from linkboard.web import auth
from linkboard.web.app import render
from linkboard.web.params import NON_BLANK, RowId, one_of
from linkboard.web.schemas_casework import AlertOut, WatchCreated

router = APIRouter()
WATCH = [auth.allow("watch")]
Text = Annotated[str, Form()]


def _mine(request: Request) -> list[watches.Alert]:
    found = watches.list_alerts(auth.store(request), owner=auth.user(request).username)
    return sorted(found, key=lambda a: a.seen)  # unseen first, newest first within each


@router.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
def alerts_page(request: Request) -> Response:
    store, name = auth.store(request), auth.user(request).username
    return render(request, "alerts.html", {
        "alerts": _mine(request), "watches": watches.list_watches(store, owner=name),
    })  # fmt: skip


@router.post("/watches", include_in_schema=False, dependencies=WATCH)
def create_watch(request: Request, kind: Text, value: Text, label: Text = "",
                 back: Text = "") -> Response:  # fmt: skip
    watches.create_watch(auth.store(request), kind, value.strip(), label=label, **auth.who(request))
    return RedirectResponse(auth.safe_next(back) if back else "/alerts", status_code=303)


@router.post("/watches/{watch_id:int}/retire", include_in_schema=False, dependencies=WATCH)
def retire_watch(request: Request, watch_id: RowId) -> Response:
    watches.retire_watch(auth.store(request), watch_id, **auth.who(request))
    return RedirectResponse("/alerts", status_code=303)


@router.post("/alerts/seen", include_in_schema=False, dependencies=WATCH)
def mark_seen(request: Request, ids: Annotated[list[int] | None, Form()] = None) -> Response:
    """Mark the given alerts seen (all of the user's unseen ones when none are given)."""
    chosen = ids or [a.id for a in _mine(request) if not a.seen]
    watches.mark_seen(auth.store(request), chosen, **auth.who(request))
    return RedirectResponse("/alerts", status_code=303)


class WatchIn(BaseModel):
    kind: str = Field(json_schema_extra=one_of(watches.WATCH_KINDS))
    value: str = Field(json_schema_extra=NON_BLANK)
    label: str = ""


@router.get("/api/alerts", tags=["watches"])
def alerts_api(request: Request, unseen: bool = False) -> list[AlertOut]:
    """The signed-in user's alerts, newest first."""
    found = watches.list_alerts(auth.store(request), unseen=unseen,
                                owner=auth.user(request).username)  # fmt: skip
    return [AlertOut.model_validate(a) for a in found]


@router.post("/api/watches", tags=["watches"], status_code=201, dependencies=WATCH)
def create_watch_api(request: Request, body: WatchIn) -> WatchCreated:
    """Watch an identifier, image hash, search or network; returns the retroactive alerts."""
    watch, alerts = watches.create_watch(auth.store(request), body.kind, body.value,
                                         label=body.label, **auth.who(request))  # fmt: skip
    return WatchCreated.model_validate({"watch": watch, "alerts": alerts})
