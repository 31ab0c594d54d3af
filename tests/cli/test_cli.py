"""The CLI as a user meets it: one clear line and a non-zero exit for user errors."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from linkboard.cli import main
from tests.conftest import write_jsonl


def invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_missing_input_is_one_line_and_exit_1(tmp_path):
    result = invoke("ingest", tmp_path / "nope.jsonl", "--db", tmp_path / "x.db", "-q")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: no such file: {tmp_path / 'nope.jsonl'}"
    assert "Traceback" not in result.output


def test_unknown_format_and_bad_mapping_are_user_errors(tmp_path):
    (tmp_path / "x.bin").write_bytes(b"1")
    result = invoke("ingest", tmp_path / "x.bin", "--db", tmp_path / "x.db", "-q")
    assert result.exit_code == 1
    assert "unknown input format" in result.output
    csv = tmp_path / "a.csv"
    csv.write_text("a,b\n1,2\n")
    result = invoke("ingest", csv, "--map", "body", "--db", tmp_path / "x.db", "-q")
    assert result.exit_code == 1
    assert "--map takes FIELD=COLUMN" in result.output


def test_commands_on_a_missing_database_say_so(tmp_path):
    for command in ("stats", "export", "process"):
        result = invoke(command, "--db", tmp_path / "none.db")
        assert result.exit_code == 1
        assert (
            result.output.strip() == f"Error: no database at {tmp_path / 'none.db'}: run "
            "`linkboard ingest` first"
        )


def test_a_locked_database_is_a_user_error(tmp_path, monkeypatch):
    """Another writer holding the lock past LINKBOARD_LOCK_WAIT: one line, exit 1."""
    monkeypatch.setenv("LINKBOARD_LOCK_WAIT", "0.5")
    db = tmp_path / "x.db"
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "body": "hello"}])
    assert invoke("ingest", path, "--db", db, "-q").exit_code == 0
    holder = sqlite3.connect(db, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    more = write_jsonl(tmp_path / "b.jsonl", [{"id": "2", "body": "another"}])
    try:
        result = invoke("ingest", more, "--db", db, "-q")
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 1
    assert "locked" in result.output
    assert "Traceback" not in result.output


def test_ingest_stats_and_export_round_trip_the_ids(tmp_path):
    db = tmp_path / "x.db"
    ids = [f"ad-{i}" for i in range(25)]
    path = write_jsonl(
        tmp_path / "a.jsonl", [{"id": i, "body": f"text {i}"} for i in ids] + ["{broken"]
    )
    result = invoke("ingest", path, "--db", db, "-q")
    assert result.output.strip() == "ingested: 25 new, 0 updated, 0 unchanged, 1 quarantined"
    stats = json.loads(invoke("stats", "--db", db, "--json").output)
    assert stats["records"] == 25
    assert stats["quarantine"] == 1
    out = tmp_path / "out.jsonl"
    assert invoke("export", "--db", db, "--out", out).exit_code == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["id"] for r in rows) == sorted(ids)
    assert set(rows[0]) >= {
        "id",
        "kind",
        "phones",
        "emails",
        "ages",
        "locations",
        "risk",
        "network",
        "indicators",
    }
    out_csv = tmp_path / "out.csv"
    assert invoke("export", "--db", db, "--format", "csv", "--out", out_csv).exit_code == 0
    assert sorted(line.split(",")[0] for line in out_csv.read_text().splitlines()[1:]) == sorted(
        ids
    )
