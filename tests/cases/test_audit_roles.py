from __future__ import annotations

import sqlite3

import pytest

from linkboard.cases import audit, roles


def test_audit_log_is_append_only(store):
    entry = audit.record(store, "ana", "case.view", "case:1", {"k": "v"}, client="127.0.0.1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"), store.db:
        store.db.execute("UPDATE audit_log SET actor = 'eve' WHERE id = ?", (entry,))
    with pytest.raises(sqlite3.DatabaseError, match="append-only"), store.db:
        store.db.execute("DELETE FROM audit_log")
    [got] = audit.entries(store)
    assert (got.actor, got.action, got.target, got.client, got.detail) == (
        "ana",
        "case.view",
        "case:1",
        "127.0.0.1",
        {"k": "v"},
    )
    assert got.outcome == "ok"
    assert got.at


def test_audit_filters(store):
    audit.record(store, None, "export", "case:1")
    audit.record(store, "ana", "case.note", "case:1")
    audit.record(store, "ana", "login", "user:ana", outcome="refused")
    assert [e.actor for e in audit.entries(store, action="export")] == [audit.LOCAL_ACTOR]
    assert [e.action for e in audit.entries(store, action="case.*")] == ["case.note"]
    assert len(audit.entries(store, actor="ana")) == 2
    assert len(audit.entries(store, target="case:1")) == 2


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("viewer", {"view", "search"}),
        (
            "analyst",
            {
                "view",
                "search",
                "images.reveal",
                "case.edit",
                "curate",
                "watch",
                "export",
                "accounts.reveal",
            },
        ),
        ("admin", set(roles.ACTIONS)),
    ],
)
def test_permission_table(role, allowed):
    assert {a for a in roles.ACTIONS if roles.can(role, a)} == allowed


def test_unknown_roles_and_actions():
    assert not roles.can("guest", "view")
    with pytest.raises(KeyError):
        roles.can("admin", "launch")
