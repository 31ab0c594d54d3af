"""Pages while a pipeline stage holds the store's write lock (the link stage holds it for
minutes): they answer without waiting for it, and every view is still audited.

Found by the load benchmark (``benchmarks/load.py``): the record, network and search pages
audited each view in a transaction that waited for the lock, so under ``linkboard run`` they
waited for the link stage to commit (seconds; minutes on a large ingest)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from linkboard.cases import audit
from linkboard.store import open_store
from linkboard.store.sqlite import Connection
from linkboard.web import create_app
from tests.web.conftest import add_accounts, sign_in
from tests.web.store_fixture import build_store

PAGES = {"/records/ad-1": ("record.view", "record:ad-1"),
         "/networks/N00000001": ("network.view", "network:N00000001"),
         "/search?q=sunny": ("search", "search:sunny"),
         "/": None, "/cases": None}  # fmt: skip


def test_pages_answer_while_a_stage_holds_the_lock_and_their_views_are_audited_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINKBOARD_LOCK_WAIT", "2")  # a page that waits fails, and soon
    monkeypatch.setattr(Connection, "busy_until", 0.0, raising=False)
    db = build_store(tmp_path).path
    accounts = add_accounts(db)
    app = create_app(db)
    client = sign_in(TestClient(app), accounts.users["analyst"], accounts.password)
    before = _audited(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a pipeline stage, mid-transaction
    try:
        for page in PAGES:
            assert client.get(page).status_code == 200, page
        assert _audited(db) == before
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert client.get("/records/ad-2").status_code == 200  # the lock free again
    viewed = [v for v in PAGES.values() if v] + [("record.view", "record:ad-2")]
    assert _audited(db)[len(before) :] == viewed
    with open_store(db) as store:
        assert audit.verify(store).holds
        assert audit.waiting(store) == 0
    client.close()
    app.state.database.close()


def _audited(db: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(db)
    try:
        return [tuple(r) for r in con.execute(
            "SELECT action, target FROM audit_log WHERE action NOT IN ('login', 'user.add') "
            "ORDER BY id")]  # fmt: skip
    finally:
        con.close()
