"""Who may do what: one table from role to the actions it allows.

Web handlers and the CLI ask ``can(role, action)`` or call ``require(actor, action)``; nothing else
decides permissions.
"""

from __future__ import annotations

from typing import Protocol

ROLES = ("admin", "analyst", "viewer")

#: Every action a permission is asked for, with what it means.
ACTIONS: dict[str, str] = {
    "view": "read records, networks, cases and alerts",
    "search": "run full-text and identifier searches",
    "images.reveal": "unblur images and include them in reports",
    "accounts.reveal": "see account numbers (IBAN, card, account number) in full",
    "case.edit": "create cases, add items, notes, tags, change status",
    "curate": "suppress identifiers, merge, split and rename networks",
    "watch": "create and retire watches, mark alerts seen",
    "export": "export cases, networks and searches to files",
    "users.manage": "add, disable and enable users, change roles",
    "audit.view": "read the audit log",
}

_VIEWER = frozenset({"view", "search"})
_ANALYST = _VIEWER | {"images.reveal", "accounts.reveal", "case.edit", "curate", "watch", "export"}
_ADMIN = frozenset(ACTIONS)

PERMISSIONS: dict[str, frozenset[str]] = {
    "viewer": _VIEWER,
    "analyst": frozenset(_ANALYST),
    "admin": _ADMIN,
}


class PermissionDenied(Exception):
    """The actor's role does not allow the action."""

    def __init__(self, actor: str, role: str, action: str) -> None:
        super().__init__(f"{actor} ({role}) may not {action}")
        self.actor = actor
        self.role = role
        self.action = action


class Actor(Protocol):
    @property
    def username(self) -> str: ...
    @property
    def role(self) -> str: ...


def can(role: str, action: str) -> bool:
    """Whether ROLE may perform ACTION. Unknown actions are a programming error."""
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}")
    return action in PERMISSIONS.get(role, frozenset())


def require(actor: Actor | None, action: str) -> None:
    """Raise PermissionDenied unless ACTOR may perform ACTION.

    ``None`` is the local operator at the command line: whoever can open the database file
    already holds everything in it, so the CLI acts with every permission.
    """
    if actor is None:
        return
    if not can(actor.role, action):
        raise PermissionDenied(actor.username, actor.role, action)
