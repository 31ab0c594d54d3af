"""Writes that must not wait for a pipeline stage: ``Connection.if_free`` and the audit spool.

A pipeline stage holds the store's write lock for seconds (the link stage, for minutes). A page
view's audit entry then goes to the spool beside the store instead of waiting, and joins the
chain, once and in order, at the next audit write that gets the lock."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from linkboard.cases import audit
from linkboard.store import SQLiteStore, auditspool
from linkboard.store.backup import backup
from linkboard.store.sqlite import Connection


@pytest.fixture(autouse=True)
def _forget_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Connection, "busy_until", 0.0)  # what earlier tests saw of the lock


@contextmanager
def stage_holding(path: Path) -> Iterator[sqlite3.Connection]:
    """Another process's pipeline stage, in the middle of its write transaction."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield holder
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def actions(path: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(path)
    try:
        return [tuple(r) for r in con.execute("SELECT action, target FROM audit_log ORDER BY id")]
    finally:
        con.close()


def test_if_free_begins_nothing_when_the_lock_is_taken(store: SQLiteStore) -> None:
    with stage_holding(store.path), store.db.if_free(0.02) as free:
        assert not free
        assert not store.db.in_transaction
    with store.db.if_free(0.02) as free:
        assert free
        assert store.db.in_transaction
        store.db.execute("INSERT INTO app_settings VALUES ('k', 'v')")
    assert not store.db.in_transaction  # committed
    with store.db:
        with store.db.if_free(0.02) as free:  # inside a transaction: a savepoint of it
            assert free
            store.db.execute("UPDATE app_settings SET value = 'w' WHERE key = 'k'")
        store.db.rollback()
    assert store.execute("SELECT value FROM app_settings WHERE key = 'k'").fetchone()[0] == "v"


def test_after_finding_the_lock_taken_writes_that_need_not_wait_do_not(store: SQLiteStore) -> None:
    with stage_holding(store.path):
        with store.db.if_free(0.05) as free:
            assert not free
        assert Connection.busy_until > 0
        with store.db.if_free(60) as free:  # would wait a minute: tries once instead
            assert not free


def test_an_entry_that_cannot_wait_is_spooled_then_chained_first(store: SQLiteStore) -> None:
    audit.record(store, "ann", "login", "user:ann")
    with stage_holding(store.path):
        assert audit.record(store, "ann", "record.view", "record:ad-1", wait=False) is None
        assert audit.record(store, "ann", "search", "search:sunny", wait=False) is None
        assert audit.waiting(store) == 2
    assert actions(store.path) == [("login", "user:ann")]
    assert audit.record(store, "ann", "network.view", "network:N1", wait=False) == 4
    assert actions(store.path) == [
        ("login", "user:ann"),
        ("record.view", "record:ad-1"),
        ("search", "search:sunny"),
        ("network.view", "network:N1"),
    ]
    assert audit.waiting(store) == 0
    assert audit.verify(store).holds


def test_a_spooled_entry_keeps_the_time_it_was_made(store: SQLiteStore) -> None:
    with stage_holding(store.path):
        audit.record(store, "ann", "record.view", "record:ad-1", wait=False)
        made = auditspool.waiting(store.path)
    assert made is not None
    audit.record(store, "ann", "record.view", "record:ad-2")
    first = store.execute("SELECT at FROM audit_log ORDER BY id LIMIT 1").fetchone()[0]
    assert first == made.rows[0][1]


def test_entries_chained_before_a_crash_are_not_chained_again(store: SQLiteStore) -> None:
    """Killed after the chaining commit, before the spool forgot them: the store's note of how
    far the spool is chained keeps them from being written twice."""
    with stage_holding(store.path):
        audit.record(store, "ann", "record.view", "record:ad-1", wait=False)
    spooled = auditspool.waiting(store.path)
    with store.db:
        auditspool.chain(store.db, spooled)  # ... and no forget(): the process died here
    audit.record(store, "ann", "record.view", "record:ad-2")
    assert actions(store.path) == [("record.view", "record:ad-1"), ("record.view", "record:ad-2")]
    assert audit.waiting(store) == 0
    assert audit.verify(store).holds


def test_a_new_spool_is_chained_from_its_first_entry(store: SQLiteStore) -> None:
    for n in (1, 2):
        with stage_holding(store.path):
            audit.record(store, "ann", "record.view", f"record:ad-{n}", wait=False)
        audit.record(store, "ann", "search", f"search:{n}")
        for extra in ("", "-wal", "-shm"):  # someone removes the (empty) spool file
            Path(f"{auditspool.spool_path(store.path)}{extra}").unlink(missing_ok=True)
    assert [a for a, _ in actions(store.path)] == ["record.view", "search"] * 2


def test_an_entry_in_a_transaction_is_part_of_it(store: SQLiteStore) -> None:
    def failing_step() -> None:
        with store.db:
            audit.record(store, "ann", "case.create", "case:1", wait=False)
            raise RuntimeError("the step failed")

    with pytest.raises(RuntimeError, match="the step failed"):
        failing_step()
    assert actions(store.path) == []
    assert audit.waiting(store) == 0


def test_a_backup_chains_what_the_spool_holds(store: SQLiteStore, tmp_path: Path) -> None:
    audit.record(store, "ann", "login", "user:ann")
    with stage_holding(store.path):
        audit.record(store, "ann", "record.view", "record:ad-1", wait=False)
    copy = backup(store.path, tmp_path / "copy.db").path
    assert actions(copy) == [("login", "user:ann"), ("record.view", "record:ad-1")]
    noted = sqlite3.connect(copy).execute("SELECT value FROM app_settings").fetchall()
    assert any(json.loads(v).get("seq") == 1 for (v,) in noted if v.startswith("{"))
    audit.record(store, "ann", "search", "search:x")  # the store chains it too, once
    assert actions(store.path)[1:] == [("record.view", "record:ad-1"), ("search", "search:x")]
