"""Kill ``linkboard serve`` as a power cut would, in the middle of an analyst's curation step or
case edit, at each named point of its transaction (``engine.crashpoints``), then serve again:
the store is sound, its audit chain holds, the step is there whole or not at all, and doing it
again gives the store an uninterrupted step gives."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from linkboard.cases import casefiles
from linkboard.engine.crashpoints import POINTS
from linkboard.store import open_store

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent / "linkboard"
ANALYST = "ann"
CURATE = [p for p in POINTS if p.startswith("curate:")]
CASE = [p for p in POINTS if p.startswith("case:")]
#: Columns that say when something was written, not what: left out of the comparison.
WHEN = {"at", "created_at", "updated_at", "added_at", "ingested_at"}
TABLES = ("records", "links", "hits", "networks", "network_events", "identifier_status",
          "curation_log", "link_decisions", "template_families", "template_members", "cases",
          "case_items", "case_notes", "case_tags", "watches", "alerts")  # fmt: skip


def _linkboard(*args: object, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN), *map(str, args)], input=stdin, capture_output=True,
                          text=True, timeout=300, check=False)  # fmt: skip


@dataclass(frozen=True)
class Base:
    db: Path
    password: str
    steps: dict[str, tuple[str, dict[str, Any]]]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Base:
    """A linked store of 300 synthetic ads, an analyst, and a case to add to and annotate."""
    work = tmp_path_factory.mktemp("casework")
    made = _linkboard("synth", "--ads", 300, "--out", work, "--seed", 5, "--no-images")
    assert made.returncode == 0, made.stderr
    db = work / "base.db"
    assert _linkboard("run", work / "ads.jsonl", "--db", db, "--workers", 1, "-q").returncode == 0
    password = secrets.token_urlsafe(18)
    added = _linkboard("users", "add", ANALYST, "--role", "analyst", "--password-stdin",
                       "--db", db, stdin=password + "\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    with open_store(db) as store:
        existing = casefiles.create_case(store, "Existing case").id
    return Base(db, password, _steps(db, existing))


def _steps(db: Path, case: int) -> dict[str, tuple[str, dict[str, Any]]]:
    """Each step as the workspace's forms post it, on networks and a phone of the store."""
    con = sqlite3.connect(db)
    nets = [n for (n,) in con.execute("SELECT id FROM networks WHERE size >= 3 ORDER BY id")]
    split_off = con.execute(
        "SELECT id FROM records WHERE network_id = ? ORDER BY id LIMIT 1", (nets[2],)
    ).fetchone()[0]
    phone = con.execute(
        "SELECT m.value FROM mentions m JOIN records r ON r.id = m.record_id WHERE m.kind = "
        "'phone' AND r.network_id = ? GROUP BY m.value HAVING count(DISTINCT m.record_id) > 1 "
        "ORDER BY m.value LIMIT 1",
        (nets[3],),
    ).fetchone()[0]
    loose = con.execute("SELECT id FROM records ORDER BY id LIMIT 1").fetchone()[0]
    con.close()
    return {
        "suppress": ("/curation/suppress", {"identifier": f"phone:{phone}",
                                            "reason": "a hotel's front desk"}),
        "merge": (f"/networks/{nets[0]}/merge", {"other": nets[1], "reason": "same photos"}),
        "split": (f"/networks/{nets[2]}/split", {"records": [split_off], "reason": "two people"}),
        "create case": ("/cases", {"title": "Two cities"}),
        "add item": (f"/cases/{case}/items", {"kind": "network", "ref": nets[0]}),
        "note": (f"/cases/{case}/notes", {"body": "seen in Reno and in Boise"}),
        "file into a new case": ("/cases/add", {"kind": "record", "ref": loose,
                                                "new_title": "Filed from a record"}),
    }  # fmt: skip


# -- serving, signing in, doing a step --------------------------------------------------------


@contextmanager
def serving(db: Path, crash: str | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """``linkboard serve`` over DB on a free port (killed at CRASH, if given)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "LINKBOARD_CRASH_AT"}
    if crash:
        env["LINKBOARD_CRASH_AT"] = crash
    log = (db.parent / f"serve-{port}.log").open("w")
    server = subprocess.Popen([str(BIN), "serve", "--db", str(db), "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    server.base = f"http://127.0.0.1:{port}"  # type: ignore[attr-defined]
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{server.base}/login", timeout=5)  # type: ignore[attr-defined]
                break
            except httpx.TransportError:
                assert server.poll() is None, "serve did not start"
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.1)
        yield server
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(30)
        log.close()


def signed_in(server: subprocess.Popen[bytes], password: str) -> httpx.Client:
    client = httpx.Client(base_url=server.base, timeout=60)  # type: ignore[attr-defined]
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert token
    form = {"username": ANALYST, "password": password, "csrf_token": token.group(1)}
    assert client.post("/login", data=form).status_code == 303
    page = client.get("/alerts").text
    csrf = re.search(r'<meta name="csrf-token" content="([^"]+)"', page)
    assert csrf
    client.headers["X-CSRF-Token"] = csrf.group(1)
    return client


def do(server: subprocess.Popen[bytes], base: Base, step: str, **change: str) -> httpx.Response:
    path, form = base.steps[step]
    client = signed_in(server, base.password)
    try:
        return client.post(path, data={**form, **change})
    finally:
        client.close()


# -- what a store holds -----------------------------------------------------------------------


def snapshot(db: Path) -> dict[str, list[str]]:
    """Every table the casework writes, without the times of writing; and the audit entries of
    curation and case edits (sign-ins and page views differ between runs)."""
    con = sqlite3.connect(db)
    out = {}
    for table in TABLES:
        columns = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in WHEN]
        rows = con.execute(f"SELECT {', '.join(map(repr, columns))} FROM {table}")
        out[table] = sorted(json.dumps(row) for row in rows)
    out["audit"] = [json.dumps(row) for row in con.execute(
        "SELECT actor, action, target, outcome, detail FROM audit_log WHERE action LIKE "
        "'curate.%' OR (action LIKE 'case.%' AND action != 'case.view') ORDER BY id")]  # fmt: skip
    con.close()
    return out


def check_sound(db: Path) -> None:
    """Integrity, the audit chain, and networks, curation log and cases that agree."""
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    verify = _linkboard("audit", "verify", "--db", db)
    assert verify.returncode == 0, verify.stderr
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    assert one("SELECT count(*) FROM link_decisions WHERE curation_id NOT IN "
               "(SELECT id FROM curation_log)") == 0  # fmt: skip
    logged = {(f"curate.{a}", i) for i, a in con.execute("SELECT id, action FROM curation_log")}
    audited = {(a, json.loads(d).get("curation_id")) for a, d in con.execute(
        "SELECT action, detail FROM audit_log WHERE action LIKE 'curate.%'")}  # fmt: skip
    assert logged == audited
    assert one("SELECT count(*) FROM records WHERE network_id IS NOT NULL AND network_id NOT IN "
               "(SELECT id FROM networks)") == 0  # fmt: skip
    assert one("SELECT count(*) FROM networks n WHERE size != "
               "(SELECT count(*) FROM records WHERE network_id = n.id)") == 0  # fmt: skip
    cases = {f"case:{i}" for (i,) in con.execute("SELECT id FROM cases")}
    made = {t for (t,) in con.execute("SELECT target FROM audit_log WHERE action = 'case.create'")}
    assert cases == made
    notes = sorted(con.execute("SELECT 'case:' || case_id, body FROM case_notes"))
    noted = sorted((t, json.loads(d)["body"]) for t, d in con.execute(
        "SELECT target, detail FROM audit_log WHERE action = 'case.note'"))  # fmt: skip
    assert notes == noted
    items = set(con.execute("SELECT 'case:' || case_id, kind, ref FROM case_items"))
    added = {(t, json.loads(d)["kind"], json.loads(d)["ref"]) for t, d in con.execute(
        "SELECT target, detail FROM audit_log WHERE action = 'case.add'")}  # fmt: skip
    assert items == added
    con.close()


def copy(base: Base, folder: Path) -> Path:
    db = folder / "lb.db"
    shutil.copyfile(base.db, db)
    return db


@pytest.fixture(scope="module")
def uninterrupted(base: Base, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Each step done once, uninterrupted: the store it leaves (made on first use)."""
    done: dict[str, Any] = {}

    def after(step: str) -> Any:
        if step not in done:
            db = copy(base, tmp_path_factory.mktemp("whole"))
            before = snapshot(db)
            with serving(db) as server:
                assert do(server, base, step).status_code == 303
            check_sound(db)
            done[step] = snapshot(db)
            assert done[step] != before
        return done[step]

    return {"after": after}


STEPS = {"suppress": CURATE, "merge": CURATE, "split": CURATE, "create case": CASE,
         "add item": CASE, "note": CASE,
         "file into a new case": ["case:written:2", *CASE]}  # fmt: skip
KILLS = [(step, p if p.count(":") == 2 else f"{p}:1") for step, ps in STEPS.items() for p in ps]


@pytest.mark.parametrize(("step", "crash"), KILLS)
def test_a_step_killed_at_any_point_is_whole_or_absent_and_done_again_gives_the_same_store(
    step: str, crash: str, base: Base, uninterrupted: dict[str, Any], tmp_path: Path
) -> None:
    db = copy(base, tmp_path)
    before, after = snapshot(db), uninterrupted["after"](step)
    with serving(db, crash=crash) as server:
        with pytest.raises(httpx.TransportError):
            do(server, base, step)
        assert server.wait(30) == -signal.SIGKILL
    check_sound(db)
    left = snapshot(db)
    assert left == (after if crash.split(":")[1] == "committed" else before)
    with serving(db) as server:
        if left == before:
            assert do(server, base, step).status_code == 303
    check_sound(db)
    assert snapshot(db) == after


def test_a_refused_item_leaves_no_new_case(base: Base, tmp_path: Path) -> None:
    """Filing an item that does not exist into a new case: refused, and no case made (the case
    was created first and kept, empty, when the two were separate steps)."""
    db = copy(base, tmp_path)
    before = snapshot(db)
    with serving(db) as server:
        refused = do(server, base, "file into a new case", ref="no-such-record")
    assert refused.status_code == 404
    assert snapshot(db) == before
