"""Kill ``linkboard run`` as a power cut would, at every named point of the engine, then run
again: the store is sound and holds exactly what an uninterrupted run gives, record for record
and network for network (``engine.crashpoints`` names the points)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from linkboard.engine.crashpoints import POINTS

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent / "linkboard"


def _run(*args: object, crash: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LINKBOARD_CRASH_AT"}
    if crash:
        env["LINKBOARD_CRASH_AT"] = crash
    return subprocess.run(
        [str(BIN), *map(str, args)], env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    assert _run("synth", "--ads", 350, "--out", out, "--seed", 5).returncode == 0
    return out / "ads.jsonl"


def snapshot(db: Path) -> dict[str, object]:
    """What a run leaves, without what only says when it ran: the export's records (each
    network named by its members), the networks, links and template families."""
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    members: dict[str, list[str]] = {}
    for rid, net in con.execute("SELECT id, network_id FROM records ORDER BY id"):
        if net:
            members.setdefault(net, []).append(rid)
    export = _run("export", "--db", db)
    assert export.returncode == 0, export.stderr
    records = []
    for line in export.stdout.splitlines():
        row = json.loads(line)
        row["network"] = members.get(row["network"]) if row["network"] else None
        del row["provenance"]["ingested_at"]
        records.append(row)
    networks = sorted(
        (members[i], size, round(risk or 0, 9), minor, name)
        for i, size, risk, minor, name in con.execute(
            "SELECT id, size, risk, possible_minor, name FROM networks"
        )
    )
    links = sorted(con.execute("SELECT a, b, kind, hard, round(score, 9), evidence FROM links"))
    families = sorted(
        sorted(r for (r,) in con.execute(
            "SELECT record_id FROM template_members WHERE family_id = ?", (f,)
        ))
        for (f,) in con.execute("SELECT id FROM template_families")
    )  # fmt: skip
    counts = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("records", "mentions", "hits", "images", "quarantine")
    }
    pending = con.execute(
        "SELECT count(*) FROM records WHERE processed_sha IS NULL OR linked_sha IS NULL"
    ).fetchone()[0]
    con.close()
    return {"records": records, "networks": networks, "links": links, "families": families,
            "counts": counts, "pending": pending}  # fmt: skip


@pytest.fixture(scope="module")
def uninterrupted(corpus, tmp_path_factory) -> dict[str, object]:
    db = tmp_path_factory.mktemp("whole") / "lb.db"
    result = _run("run", corpus, "--db", db, "--workers", 1, "-q")
    assert result.returncode == 0, result.stderr
    shot = snapshot(db)
    assert shot["networks"]
    assert shot["families"]
    assert shot["pending"] == 0
    return shot


CRASHES = [
    "record:in-transaction:1",
    "record:in-transaction:3",
    "record:committed:1",
    "record:committed:2",
    *[f"{p}:1" for p in POINTS if p.startswith("link:")],
]


@pytest.mark.parametrize("crash", CRASHES)
def test_a_run_killed_at_any_point_then_run_again_gives_the_uninterrupted_store(
    crash, corpus, uninterrupted, tmp_path
):
    db = tmp_path / "lb.db"
    killed = _run("run", corpus, "--db", db, "--workers", 1, "-q", crash=crash)
    assert killed.returncode == -signal.SIGKILL, (crash, killed.stderr)
    again = _run("run", corpus, "--db", db, "--workers", 1, "-q")
    assert again.returncode == 0, again.stderr
    assert snapshot(db) == uninterrupted
    rerun = _run("process", "--db", db, "-q")  # and nothing is left to do
    assert rerun.returncode == 0
    assert snapshot(db) == uninterrupted


def test_process_after_a_killed_link_stage_links_what_the_record_stage_finished(
    corpus, uninterrupted, tmp_path
):
    """The crash found by the probe: records through the record stage before the kill were
    never linked by the next run, and 'pending 0' said nothing was left."""
    db = tmp_path / "lb.db"
    assert _run("run", corpus, "--db", db, "-q", crash="link:linked:1").returncode != 0
    stats = json.loads(_run("stats", "--db", db, "--json").stdout)
    assert stats["pending"] == 0
    assert stats["unlinked"] == stats["records"]
    assert _run("process", "--db", db, "-q").returncode == 0
    assert snapshot(db) == uninterrupted


def test_a_run_killed_between_ingest_batches_then_run_again(tmp_path):
    """Ingest commits every 2,000 records: a kill after the first leaves the rest for the next
    run, which ingests them and processes everything."""
    from linkboard.ingest import BATCH

    ads = tmp_path / "ads.jsonl"
    with ads.open("w") as f:
        for i in range(BATCH + 50):
            f.write(json.dumps({"id": f"a{i}", "body": f"note {i} call 713-555-01{i % 100:02d}"}))
            f.write("\n{broken\n" if i == 10 else "\n")
    whole, cut = tmp_path / "whole.db", tmp_path / "cut.db"
    assert _run("run", ads, "--db", whole, "-q").returncode == 0
    assert _run("run", ads, "--db", cut, "-q", crash="ingest:committed:1").returncode != 0
    assert sqlite3.connect(cut).execute("SELECT count(*) FROM records").fetchone()[0] == BATCH
    assert _run("run", ads, "--db", cut, "-q").returncode == 0
    assert snapshot(cut) == snapshot(whole)
