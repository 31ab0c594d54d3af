"""What the record and network pages show of the casework: the cases a user can add to, the
curation steps that touched what is on the page (who, when, why), the user's photo setting."""

from __future__ import annotations

from typing import Any

from linkboard.cases.casefiles import list_cases
from linkboard.cases.curation import history
from linkboard.cases.roles import can
from linkboard.store.base import Store
from linkboard.store.casework import User
from linkboard.web import preferences

#: How many curation steps a page lists.
HISTORY_SHOWN = 50


def page_context(store: Store, user: User, targets: set[str]) -> dict[str, Any]:
    """Cases to add to, the curation history of TARGETS (``network:ID``, ``phone:+1...``) and
    whether the user's photos show unblurred."""
    editable = can(user.role, "case.edit")
    reveal = can(user.role, "images.reveal") and preferences.get_flag(
        store, user.username, preferences.REVEAL_PHOTOS
    )
    steps = [e for e in history(store) if e.target in targets][:HISTORY_SHOWN]
    return {
        "cases": [c for c in list_cases(store) if c.status != "closed"] if editable else [],
        "curation": steps,
        "reveal_always": reveal,
    }


def network_of(store: Store, record_id: str) -> str | None:
    return store.record_network_ids([record_id]).get(record_id)


def landing(store: Store, network_id: str, members: list[str]) -> str:
    """Where to go after a curation step on NETWORK_ID: the network its first record now
    belongs to (a split may have given that id to the other part), else NETWORK_ID."""
    for record_id in members[:1]:
        now = network_of(store, record_id)
        return f"/networks/{now}" if now else f"/records/{record_id}"
    return f"/networks/{network_id}"
