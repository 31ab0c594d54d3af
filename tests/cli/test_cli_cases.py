"""`linkboard case`: the casework of the web workspace at the command line, audited the same."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from linkboard.cases import audit
from linkboard.cases.casefiles import CASE_STATUSES
from linkboard.cli import main
from linkboard.store import open_store
from tests.conftest import write_jsonl


def invoke(*args: object, stdin: str | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin)


@pytest.fixture(scope="module")
def processed(tmp_path_factory: pytest.TempPathFactory):
    """A processed store of a small synthetic corpus, copied fresh into each test."""
    work = tmp_path_factory.mktemp("cases")
    assert invoke("synth", "--ads", 60, "--out", work / "corpus", "--no-images").exit_code == 0
    run = invoke("run", work / "corpus" / "ads.jsonl", "--db", work / "lb.db", "-q", "--workers", 1)
    assert run.exit_code == 0, run.output
    return work / "lb.db"


@pytest.fixture
def db(processed, tmp_path):
    copy = tmp_path / "lb.db"
    shutil.copy(processed, copy)
    return copy


def a_network(db) -> str:
    with open_store(db, readonly=True) as store:
        return store.networks(limit=1, min_size=2)[0].id


def test_create_add_note_list_then_export_the_case(db, tmp_path, monkeypatch):
    monkeypatch.setattr("linkboard.cli_cases.getpass.getuser", lambda: "tester")
    network = a_network(db)
    assert invoke("case", "list", "--db", db).output.startswith("no cases yet")
    made = invoke("case", "create", "First case", "--db", db)
    assert (made.exit_code, made.output) == (0, "created case 1: First case\n")
    added = invoke("case", "add", 1, "--network", network, "--db", db)
    assert added.output == f"added network {network} to case 1\n"
    added = invoke("case", "add", 1, "--identifier", "phone:+15555550123", "--db", db)
    assert added.exit_code == 0, added.output
    noted = invoke("case", "note", 1, "same phone in four cities", "--by", "ana", "--db", db)
    assert noted.output == "noted on case 1\n"
    listed = invoke("case", "list", "--db", db).output
    assert listed.startswith("   1  open      First case  (2 items, 1 note; opened by tester ")
    out = tmp_path / "case1.html"
    exported = invoke("export", "--db", db, "--case", 1, "--format", "html", "--out", out)
    assert exported.exit_code == 0, exported.output
    assert out.read_text().lstrip().lower().startswith("<!doctype html")
    with open_store(db, readonly=True) as store:
        log = [(e.actor, e.action, e.target, e.client) for e in audit.entries(store)][::-1]
    assert log == [
        ("tester", "case.create", "case:1", "cli"),
        ("tester", "case.add", "case:1", "cli"),
        ("tester", "case.add", "case:1", "cli"),
        ("ana", "case.note", "case:1", "cli"),
        ("tester", "export", "case:1", "cli"),
    ]


def test_an_account_named_by_acts_with_its_role(db):
    assert invoke("users", "add", "vic", "--role", "viewer", "--password-stdin", "--db", db,
                  stdin="a long enough password\n").exit_code == 0  # fmt: skip
    refused = invoke("case", "create", "Nope", "--by", "vic", "--db", db)
    assert (refused.exit_code, refused.output) == (1, "Error: vic (viewer) may not case.edit\n")
    assert invoke("users", "disable", "vic", "--db", db).exit_code == 0
    disabled = invoke("case", "create", "Nope", "--by", "vic", "--db", db)
    assert disabled.output == "Error: user vic is disabled\n"


def test_case_errors_are_one_line(db, tmp_path):
    assert invoke("case", "create", "  ", "--db", db).output == "Error: a case needs a title\n"
    assert invoke("case", "note", 7, "hello", "--db", db).output == "Error: no case 7\n"
    assert invoke("case", "create", "One", "--db", db).exit_code == 0
    missing = invoke("case", "add", 1, "--record", "nope", "--db", db)
    assert (missing.exit_code, missing.output) == (1, "Error: no record nope\n")
    both = invoke("case", "add", 1, "--record", "a", "--network", "b", "--db", db)
    assert both.exit_code == 2
    assert "give one of --network, --record, --identifier" in both.output
    none = invoke("case", "list", "--db", tmp_path / "none.db")
    assert none.exit_code == 1
    assert "no database at" in none.output


def test_the_status_choices_are_the_librarys():
    from linkboard.cli_cases import case_list

    status = next(p for p in case_list.params if p.name == "status")
    assert tuple(status.type.choices) == CASE_STATUSES  # type: ignore[attr-defined]


def test_a_case_of_one_record_exports_with_a_clear_line(tmp_path):
    db = tmp_path / "x.db"
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "r1", "body": "call 555 0100 tonight"}])
    assert invoke("run", path, "--db", db, "-q", "--workers", 1).exit_code == 0
    assert invoke("case", "create", "Solo", "--db", db).exit_code == 0
    assert invoke("case", "add", 1, "--record", "r1", "--db", db).exit_code == 0
    out = tmp_path / "solo.html"
    result = invoke("export", "--db", db, "--case", 1, "--format", "html", "--out", out)
    assert result.exit_code == 0
    assert "ExportResult" not in result.output
    assert result.stderr.startswith(f"exported case 1 as html to {out}: 1 record (sha256 ")
