"""The audit log holds: each entry chained to the one before by hash, so that an entry edited,
deleted or slipped in with raw SQL shows where; two processes auditing at once never fork it."""

from __future__ import annotations

import itertools
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from linkboard.cases import audit
from linkboard.store import open_store
from linkboard.store.auditchain import GENESIS, entry_hash
from linkboard.store.schema import MIGRATIONS

SRC = Path(__file__).resolve().parents[2] / "src" / "linkboard"


def _log(store, n: int = 5) -> list[int]:
    return [
        audit.record(store, f"user{i}", "case.note", f"case:{i}", {"n": i}, client="10.0.0.1")
        for i in range(1, n + 1)
    ]


def _raw(store, *statements: str, params: tuple = ()) -> None:
    """Tamper as someone with the file and the sqlite3 shell would: no app, no triggers."""
    db = sqlite3.connect(store.path)
    for sql in statements:
        db.execute(sql, params if "?" in sql else ())
    db.commit()
    db.close()


def test_entries_are_chained_and_verify_holds(store) -> None:
    ids = _log(store)
    check = audit.verify(store)
    assert check.holds
    assert check.entries == 5
    assert ids == [1, 2, 3, 4, 5]
    rows = store.db.execute("SELECT prev_hash, hash FROM audit_log ORDER BY id").fetchall()
    assert rows[0][0] == GENESIS
    assert all(rows[i][0] == rows[i - 1][1] for i in range(1, 5))
    assert check.head == rows[-1][1]
    assert tuple(store.db.execute("SELECT entries, last_id, hash FROM audit_head").fetchone()) == (
        5,
        5,
        rows[-1][1],
    )


def test_an_empty_log_holds(store) -> None:
    check = audit.verify(store)
    assert check.holds
    assert (check.entries, check.head) == (0, GENESIS)


def test_an_entry_edited_with_raw_sql_is_named(store) -> None:
    _log(store)
    _raw(store, "DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET actor='eve' WHERE id=3")
    check = audit.verify(store)
    assert (check.broken_at, check.entries) == (3, 2)
    assert (
        check.problem
        == "entry 3 does not match its hash: it was edited, or written outside linkboard"
    )


def test_an_entry_deleted_with_raw_sql_breaks_the_chain_at_the_next(store) -> None:
    _log(store)
    _raw(store, "DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE id = 3")
    check = audit.verify(store)
    assert check.broken_at == 4
    assert check.problem.startswith("entry 4 does not follow entry 2: an entry between them")


def test_entries_cut_from_the_end_show_against_the_head(store) -> None:
    _log(store)
    _raw(store, "DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE id >= 4")
    check = audit.verify(store)
    assert check.broken_at == 5
    assert check.problem == (
        "the log ends at entry 3 (3 entries) but its head records entry 5 (5 entries): "
        "entries were removed from its end"
    )


def test_an_entry_inserted_with_raw_sql_is_named(store) -> None:
    _log(store, 3)
    last = store.db.execute("SELECT hash FROM audit_head").fetchone()[0]
    forged = (4, "2026-01-01T00:00:00+00:00", "eve", "login", "user:eve", "ok", "{}", "")
    # through the triggers: it must follow the head, and its hash cannot be checked in SQL
    _raw(
        store,
        "INSERT INTO audit_log (id, at, actor, action, target, outcome, detail, client, "
        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params=(*forged, last, "f" * 64),
    )
    check = audit.verify(store)
    assert (check.broken_at, check.problem) == (
        4,
        "entry 4 does not match its hash: it was edited, or written outside linkboard",
    )


def test_an_entry_slipped_in_before_the_others_breaks_the_chain(store) -> None:
    _log(store, 3)
    slipped = (0, "2025-12-31T00:00:00+00:00", "eve", "login", "user:eve", "ok", "{}", "")
    _raw(
        store,
        "DROP TRIGGER audit_log_chained",
        "DROP TRIGGER audit_log_head",
        "INSERT INTO audit_log (id, at, actor, action, target, outcome, detail, client, "
        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params=(*slipped, GENESIS, entry_hash(GENESIS, slipped)),
    )
    check = audit.verify(store)
    assert check.broken_at == 1
    assert check.problem.startswith("entry 1 does not follow entry 0")


def test_the_store_refuses_an_entry_that_does_not_follow_the_last_one(store) -> None:
    """A second writer that read the head before the first wrote (a fork) is refused."""
    _log(store, 3)
    first = store.db.execute("SELECT hash FROM audit_log WHERE id = 1").fetchone()[0]
    fork = (2, "2026-01-01T00:00:00+00:00", "eve", "login", "user:eve", "ok", "{}", "")
    for prev, fields in ((first, fork), (first, (4, *fork[1:])), ("", (4, *fork[1:]))):
        with pytest.raises(sqlite3.DatabaseError, match="audit_log is a chain"), store.db:
            store.db.execute(
                "INSERT INTO audit_log (id, at, actor, action, target, outcome, detail, "
                "client, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*fields, prev, entry_hash(prev, fields)),
            )
    with pytest.raises(sqlite3.DatabaseError, match="audit_head follows"), store.db:
        store.db.execute("UPDATE audit_head SET entries = 1, last_id = 1, hash = ?", (first,))
    assert audit.verify(store).holds


WRITER = """
import sys
from pathlib import Path
from linkboard.cases import audit
from linkboard.store import open_store
name, ready, go, n = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
with open_store(sys.argv[5]) as store:
    ready.touch()
    while not go.exists():
        pass
    for i in range(n):
        audit.record(store, name, "record.view", f"record:{name}-{i}", client=name)
"""


def test_two_processes_auditing_at_once_never_fork_the_chain(tmp_path: Path) -> None:
    db = tmp_path / "audit.db"
    open_store(db).close()
    go, n = tmp_path / "go", 150
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, name, str(tmp_path / name), str(go), str(n), str(db)]
        )
        for name in ("one", "two")
    ]
    while not all((tmp_path / name).exists() for name in ("one", "two")):
        assert all(w.poll() is None for w in writers), "a writer died before starting"
    go.touch()
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    with open_store(db) as store:
        check = audit.verify(store)
        actors = [r[0] for r in store.db.execute("SELECT actor FROM audit_log ORDER BY id")]
    assert check.holds
    assert check.entries == 2 * n
    assert actors.count("one") == actors.count("two") == n
    assert any(a != b for a, b in itertools.pairwise(actors)), "never interleaved"


def _old_store(path: Path) -> None:
    """A store as linkboard left it before the chain: its audit entries unchained."""
    at = next(i for i, m in enumerate(MIGRATIONS) if not isinstance(m, str))
    db = sqlite3.connect(path)
    for number, sql in enumerate(MIGRATIONS[:at], start=1):
        db.executescript(f"BEGIN; {sql}; PRAGMA user_version = {number}; COMMIT;")
    db.executemany(
        "INSERT INTO audit_log (at, actor, action, target) VALUES (?, ?, ?, ?)",
        [(f"2026-01-0{i}T00:00:00+00:00", "ana", "case.note", f"case:{i}") for i in (1, 2, 3)],
    )
    db.commit()
    db.close()


def test_entries_written_before_the_chain_are_chained_when_migrating(tmp_path: Path) -> None:
    _old_store(tmp_path / "old.db")
    with open_store(tmp_path / "old.db") as store:
        assert store.schema_version == len(MIGRATIONS)
        check = audit.verify(store)
        assert check.holds
        assert check.entries == 3
        assert audit.record(store, "ana", "case.view", "case:1") == 4
        assert audit.verify(store).entries == 4
        with pytest.raises(sqlite3.DatabaseError, match="append-only"), store.db:
            store.db.execute("UPDATE audit_log SET actor = 'eve'")


def test_no_code_edits_or_deletes_audit_entries() -> None:
    """The app only appends, in one place: no route, CLI command or stage updates, deletes or
    replaces an entry or the head (the triggers refuse it anyway)."""
    changes = re.compile(
        r"(UPDATE|DELETE\s+FROM|REPLACE\s+INTO|INSERT\s+OR\s+\w+\s+INTO|DROP\s+\w+)\s+audit_",
        re.IGNORECASE,
    )
    inserts = re.compile(r"INSERT\s+INTO\s+audit_(log|head)", re.IGNORECASE)
    found, writers = [], set()
    for path in SRC.rglob("*.py"):
        text = path.read_text()
        rel = path.relative_to(SRC).as_posix()
        found += [f"{rel}: {m.group(0)}" for m in changes.finditer(text)]
        writers |= {rel for _ in inserts.finditer(text)}
    allowed = {
        "store/schema_audit.py: DROP TRIGGER audit_",  # the chain's migration, re-created after
        "store/schema_audit.py: UPDATE audit_",  # the head's trigger, following each insert
        "store/auditchain.py: UPDATE audit_",  # chaining the entries from before the chain
    }
    assert {f for f in found if f not in allowed} == set()
    assert writers == {"store/auditchain.py"}  # append, and the migration that chained the old
