"""What the CLI says: plurals, nothing-readable inputs, busy ports, bad numbers, missing folders,
and the link stage's status line."""

from __future__ import annotations

import json
import socket
import sqlite3
import time

import pytest
from click.testing import CliRunner

from linkboard.cli import main, plural
from tests.conftest import write_jsonl


def invoke(*args: object, stdin: str | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin)


def one_record_db(tmp_path, *extra: str):
    db = tmp_path / "x.db"
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "r1", "body": "hello there, new in town"}])
    result = invoke("run", path, "--db", db, "--workers", 1, *extra)
    assert result.exit_code == 0, result.output
    return db, result


def test_plural():
    assert [plural(n, "record") for n in (0, 1, 2, 1500)] == [
        "0 records",
        "1 record",
        "2 records",
        "1,500 records",
    ]
    assert plural(1, "box", "boxes") == "1 box"
    assert plural(3, "box", "boxes") == "3 boxes"


def test_one_record_is_a_record(tmp_path):
    _, result = one_record_db(tmp_path, "-q")
    assert "processed: 1 record (" in result.output


@pytest.mark.parametrize(("count", "words"), [(1, "1 indicator)"), (2, "2 indicators)")])
def test_explain_counts_indicators_in_the_singular_and_plural(tmp_path, count, words):
    db, _ = one_record_db(tmp_path, "-q")
    contributions = [
        {"code": f"c{i}", "name": f"Indicator {i}", "contribution": 0.5, "evidence": ["x"]}
        for i in range(count)
    ]
    breakdown = {"risk": 0.2, "bias": -2.0, "contributions": contributions, "version": "t"}
    with sqlite3.connect(db) as con:
        con.execute("UPDATE records SET breakdown = ? WHERE id = 'r1'", (json.dumps(breakdown),))
    result = invoke("explain", "r1", "--db", db)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].endswith(f" from {words}")


def test_adding_an_existing_user_refuses_before_asking_for_a_password(tmp_path):
    db = tmp_path / "x.db"
    first = invoke("users", "add", "ana", "--role", "analyst", "--password-stdin", "--db", db,
                   stdin="a long enough password\n")  # fmt: skip
    assert first.exit_code == 0, first.output
    again = invoke("users", "add", "ana", "--role", "admin", "--db", db, stdin="")
    assert (again.exit_code, again.output) == (1, "Error: user ana already exists\n")


def test_a_folder_with_nothing_readable_says_what_it_saw(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "notes.txt").write_text("not an ad")
    result = invoke("run", folder, "--db", tmp_path / "x.db", "-q")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: nothing readable in {folder}: 1 file seen (0 HTML pages), 0 pages quarantined; "
        "a folder is read for HTML pages (.htm, .html, .xhtml) and JSON Lines, CSV, CDR files\n"
    )
    write_jsonl(folder / "ads.jsonl", [{"id": "1", "body": "hello"}])  # JSON Lines in a folder
    result = invoke("run", folder, "--db", tmp_path / "x.db", "-q")
    assert (result.exit_code, result.output.splitlines()[0]) == (
        0, "ingested: 1 new, 0 updated, 0 unchanged, 0 quarantined")  # fmt: skip


def test_pages_or_lines_that_all_fail_are_counted(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "empty.html").write_text("<html><body></body></html>")
    result = invoke("run", folder, "--db", tmp_path / "x.db", "-q")
    assert (result.exit_code, result.output) == (
        1,
        f"Error: nothing readable in {folder}: 1 file seen (1 HTML page), 1 page quarantined "
        "(`linkboard stats` says why)\n",
    )
    broken = write_jsonl(tmp_path / "b.jsonl", ["{broken", "{also broken"])
    result = invoke("ingest", broken, "--db", tmp_path / "x.db", "-q")
    assert result.output == (
        f"Error: nothing readable in {broken}: 1 file seen, 2 lines quarantined "
        "(`linkboard stats` says why)\n"
    )


def test_export_into_a_missing_folder_creates_it(tmp_path):
    db, _ = one_record_db(tmp_path, "-q")
    out = tmp_path / "new" / "deeper" / "records.jsonl"
    result = invoke("export", "--db", db, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"exported 1 record as jsonl to {out}\n"
    assert json.loads(out.read_text())["id"] == "r1"


def test_export_under_a_file_is_one_clear_line(tmp_path):
    db, _ = one_record_db(tmp_path, "-q")
    (tmp_path / "afile").write_text("")
    out = tmp_path / "afile" / "out.jsonl"
    result = invoke("export", "--db", db, "--out", out)
    assert (result.exit_code, result.output) == (
        1,
        f"Error: cannot write {out}: {out.parent} is not a folder\n",
    )


@pytest.mark.parametrize("command", ["run", "process"])
@pytest.mark.parametrize("workers", ["0", "-2"])
def test_workers_must_be_at_least_one(tmp_path, command, workers):
    inputs = (
        [write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "body": "x"}])] if command == "run" else []
    )
    result = invoke(command, *inputs, "--db", tmp_path / "x.db", "--workers", workers)
    assert result.exit_code == 2
    assert f"Invalid value for '--workers': {workers} is not in the range x>=1." in result.output
    assert not (tmp_path / "x.db").exists()


def test_serve_on_a_busy_port_is_one_line(tmp_path, monkeypatch):
    db, _ = one_record_db(tmp_path, "-q")
    monkeypatch.setattr("linkboard.web.serve", lambda *a, **k: pytest.fail("the server started"))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = invoke("serve", "--db", db, "--port", port)
    assert (result.exit_code, result.output) == (
        1,
        f"Error: port {port} on 127.0.0.1 is in use; pick another with --port\n",
    )


def test_serve_on_a_free_port_starts_the_server(tmp_path, monkeypatch):
    db, _ = one_record_db(tmp_path, "-q")
    started = []
    monkeypatch.setattr("linkboard.web.serve", lambda *a, **k: started.append((a, k)))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert invoke("serve", "--db", db, "--port", port).exit_code == 0
    assert started == [((db, "127.0.0.1", port), {"trust_proxy": (), "idle_timeout": 30 * 60})]
    options = ("--trust-proxy", "10.0.0.0/8", "--trust-proxy", "::1", "--idle-timeout", 5)
    assert invoke("serve", "--db", db, "--port", port, *options).exit_code == 0
    assert started[-1][1] == {"trust_proxy": ("10.0.0.0/8", "::1"), "idle_timeout": 300}


def test_serve_refuses_a_proxy_that_is_no_address_in_one_line(tmp_path, monkeypatch):
    db, _ = one_record_db(tmp_path, "-q")
    monkeypatch.setattr("linkboard.web.serve", lambda *a, **k: pytest.fail("the server started"))
    result = invoke("serve", "--db", db, "--trust-proxy", "my-proxy")
    assert (result.exit_code, result.output) == (
        1,
        "Error: --trust-proxy 'my-proxy' is not an IP address or network\n",
    )


def slow_linking(monkeypatch):
    def link_and_score(*args: object, **kwargs: object) -> dict[str, int]:
        time.sleep(0.6)
        return {}

    monkeypatch.setattr("linkboard.engine.corpus.link_and_score", link_and_score)


def test_the_link_stage_shows_a_status_line(tmp_path, monkeypatch):
    slow_linking(monkeypatch)
    _, result = one_record_db(tmp_path)
    assert "linking records into networks" in result.stderr
    assert "linking" not in result.stdout


def test_quiet_hides_the_link_status_line(tmp_path, monkeypatch):
    slow_linking(monkeypatch)
    _, result = one_record_db(tmp_path, "-q")
    assert result.stderr == ""
