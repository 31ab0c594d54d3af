"""The network page (``/networks/{id}``): summary, graph, templates, movement, and the casework
controls (add to case, watch, curation, export). Every view is audited."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from linkboard.export.formats import formats
from linkboard.web import auth, sessions
from linkboard.web.app import render, session, store
from linkboard.web.casework import page_context
from linkboard.web.graph import graph
from linkboard.web.history import fate
from linkboard.web.masking import conceal_graph, conceal_network, may_reveal
from linkboard.web.networks import network_detail
from linkboard.web.schemas import Graph, NetworkDetail

router = APIRouter()


def _reveal(request: Request) -> bool:
    return may_reveal(auth.user(request).role)


def _detail(request: Request, network_id: str) -> NetworkDetail:
    detail = network_detail(store(request), network_id)
    if detail is None:
        raise HTTPException(404, f"no network {network_id}")
    return conceal_network(detail, _reveal(request))


def _gone(request: Request, network_id: str) -> Response:
    """An id that a regrouping ended (410): when, why and where its records went."""
    gone = fate(store(request), network_id)
    if gone is None:
        raise HTTPException(404, f"no network {network_id}")
    auth.record(request, "network.view", f"network:{network_id}", {"gone": True})
    return render(request, "network_gone.html", {"gone": gone}, 410)


@router.get("/networks/{network_id}", response_class=HTMLResponse, include_in_schema=False)
def network_page(request: Request, network_id: str) -> Response:
    found = network_detail(store(request), network_id)
    if found is None:
        return _gone(request, network_id)
    detail = conceal_network(found, _reveal(request))
    data, sid = store(request), session(request)
    sessions.mark_seen(data, sid, "network", network_id)
    reviewed = "reviewed" in sessions.marks_of(data, sid, "network", [network_id])[network_id]
    identifiers = [f"{k}:{v}" for k, values in detail.identifiers.items() for v in values]
    context = page_context(auth.store(request), auth.user(request),
                           {f"network:{network_id}", *identifiers, *detail.generic})  # fmt: skip
    auth.record(request, "network.view", f"network:{network_id}")
    return render(request, "network.html", {"n": detail, "reviewed": reviewed,
                                            "identifiers": identifiers, "formats": formats(),
                                            **context})  # fmt: skip


@router.get("/api/networks/{network_id}", response_model=NetworkDetail, tags=["networks"])
def network_api(request: Request, network_id: str) -> NetworkDetail:
    """A network: summary, reasons, identifiers, members, templates with slots, movement."""
    detail = _detail(request, network_id)
    auth.record(request, "network.view", f"network:{network_id}", {"api": True})
    return detail


@router.get("/api/networks/{network_id}/graph", response_model=Graph, tags=["networks"])
def network_graph(request: Request, network_id: str) -> Graph:
    """Cytoscape.js elements: records, identifiers, and links with the reason for each edge."""
    result = graph(store(request), network_id)
    if result is None:
        raise HTTPException(404, f"no network {network_id}")
    return conceal_graph(result, _reveal(request))
