"""Curation from the record and network pages: mark an identifier generic (its networks split),
merge two networks, split one by choosing records, rename, and undo any step. Each handler calls
one function of ``linkboard.cases.curation``, which checks the role, logs who/when/why and audits.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from linkboard.cases import curation
from linkboard.web import auth
from linkboard.web.casework import landing
from linkboard.web.params import RowId

router = APIRouter(include_in_schema=False, dependencies=[auth.allow("curate")])
Text = Annotated[str, Form()]


def _go(to: str) -> Response:
    return RedirectResponse(auth.safe_next(to), status_code=303)


def _back_to(request: Request, network: str, back: str) -> str:
    """After a step that may re-form NETWORK: back to it, or to where its records went."""
    if not network:
        return back or "/"
    return landing(auth.store(request), network, request.state.members)


def _remember(request: Request, network: str) -> None:
    request.state.members = (
        curation.network_records(auth.store(request), network) if network else []
    )


@router.post("/curation/suppress")
def suppress(request: Request, identifier: Text, reason: Text = "", network: Text = "",
             back: Text = "") -> Response:  # fmt: skip
    """This identifier is generic (a hotel, an agency): it stops linking; networks re-form."""
    _remember(request, network)
    curation.suppress_identifier(auth.store(request), identifier, reason, **auth.who(request))
    return _go(_back_to(request, network, back))


@router.post("/curation/{entry_id:int}/undo")
def undo(request: Request, entry_id: RowId, network: Text = "", back: Text = "") -> Response:
    _remember(request, network)
    curation.undo(auth.store(request), entry_id, **auth.who(request))
    return _go(_back_to(request, network, back))


@router.post("/networks/{network_id}/merge")
def merge(request: Request, network_id: str, other: Text, reason: Text = "") -> Response:
    """These two networks are one."""
    _remember(request, network_id)
    curation.merge_networks(auth.store(request), network_id, other.strip(), reason,
                            **auth.who(request))  # fmt: skip
    return _go(_back_to(request, network_id, ""))


@router.post("/networks/{network_id}/split")
def split(request: Request, network_id: str, records: Annotated[list[str], Form()],
          reason: Text = "") -> Response:  # fmt: skip
    """This network is two: the chosen records go their own way."""
    _remember(request, network_id)
    curation.split_network(auth.store(request), network_id, records, reason, **auth.who(request))
    return _go(_back_to(request, network_id, ""))


@router.post("/networks/{network_id}/rename")
def rename(request: Request, network_id: str, name: Text) -> Response:
    curation.rename_network(auth.store(request), network_id, name.strip(), **auth.who(request))
    return _go(f"/networks/{network_id}")
