"""`linkboard audit verify`, `backup` and `restore`: one line each, exit 1 when something is
wrong, and a backup and a restore audited."""

from __future__ import annotations

import sqlite3

from click.testing import CliRunner

from linkboard.cases import audit
from linkboard.cli import main
from linkboard.store import open_store
from tests.conftest import write_jsonl


def invoke(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def a_store(tmp_path, entries: int = 3):
    db = tmp_path / "lb.db"
    write_jsonl(tmp_path / "ads.jsonl", [{"id": "ad-1", "body": "Call 702-555-0101"}])
    assert invoke("ingest", tmp_path / "ads.jsonl", "--db", db, "-q").exit_code == 0
    with open_store(db) as store:
        for i in range(entries):
            audit.record(store, "ana", "case.note", f"case:{i}")
    return db


def test_audit_verify_says_the_log_holds_and_how_many_entries(tmp_path) -> None:
    result = invoke("audit", "verify", "--db", a_store(tmp_path))
    assert result.exit_code == 0
    assert result.output.startswith("audit log holds: 3 entries, each chained to the one before")


def test_audit_verify_says_how_many_entries_wait_in_the_spool(tmp_path) -> None:
    db = a_store(tmp_path)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a pipeline stage holds the write lock
    with open_store(db) as store:
        audit.record(store, "ana", "record.view", "record:ad-1", wait=False)
    holder.execute("ROLLBACK")
    holder.close()
    result = invoke("audit", "verify", "--db", db)
    assert result.exit_code == 0
    assert result.output.splitlines()[1] == (
        "spooled while a pipeline stage held the store: 1 entry, chained at the next audited action"
    )


def test_audit_verify_names_the_entry_that_breaks_the_chain(tmp_path) -> None:
    db = a_store(tmp_path)
    raw = sqlite3.connect(db)
    raw.executescript(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET target = 'case:9' WHERE id = 2;"
    )
    raw.close()
    result = invoke("audit", "verify", "--db", db)
    assert result.exit_code == 1
    assert result.output == (
        "Error: audit log broken: entry 2 does not match its hash: it was edited, or written "
        "outside linkboard "
        "(1 entry before it holds)\n"
    )


def test_audit_verify_of_no_store_is_one_line(tmp_path) -> None:
    result = invoke("audit", "verify", "--db", tmp_path / "none.db")
    assert result.exit_code == 1
    assert result.output.startswith("Error: no database at")
    assert not (tmp_path / "none.db").exists()


def test_backup_and_restore_at_the_command_line(tmp_path) -> None:
    db = a_store(tmp_path)
    out = tmp_path / "backups" / "lb-backup.db"
    made = invoke("backup", out, "--db", db)
    assert made.exit_code == 0, made.output
    assert made.output.startswith(f"backed up {db} to {out}: ")
    again = invoke("backup", out, "--db", db)
    assert again.exit_code == 1
    assert "exists: name another file, or give --force" in again.output
    refused = invoke("restore", out, "--db", db)
    assert refused.exit_code == 1
    assert refused.output.count("\n") == 1
    assert "exists: restore into another file, or give --force to overwrite it" in refused.output
    back = tmp_path / "restored.db"
    done = invoke("restore", out, "--db", back)
    assert done.exit_code == 0
    assert done.output.startswith(f"restored {back} from {out}: ")
    with open_store(db) as store:
        assert [e.action for e in audit.entries(store, limit=1)] == ["store.backup"]
    with open_store(back) as store:
        assert [e.action for e in audit.entries(store, limit=2)] == ["store.restore", "case.note"]
        assert audit.verify(store).holds
    assert invoke("audit", "verify", "--db", back).output.startswith("audit log holds: 4 entries")
    assert invoke("restore", out, "--db", db, "--force").exit_code == 0


def test_restoring_what_is_no_backup_is_one_line(tmp_path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("hello\n")
    result = invoke("restore", junk, "--db", tmp_path / "lb.db")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {junk} is not a linkboard backup: ")
    assert result.output.count("\n") == 1
    missing = invoke("restore", tmp_path / "none.db", "--db", tmp_path / "lb.db")
    assert missing.output == f"Error: no backup at {tmp_path / 'none.db'}\n"
