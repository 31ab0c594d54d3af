"""Nothing lost, nothing changed unseen: the readers fuzzed, the audit chain, backup and restore.

``python benchmarks/integrity.py --fuzz-seconds 60 --ads 1000``

- Fuzzing: each reader's hostile seeds, then FUZZ_SECONDS of coverage-guided fuzzing (``fuzz``):
  inputs tried and what broke; the findings fixed (``fuzz.findings``).
- Audit chain: two processes appending at once, the chain verified, then an entry edited,
  deleted, slipped in and cut from the end with raw SQL, each found at its entry.
- Backup and restore: a synthetic store with cases, curation, audit and images, backed up three
  times while another process writes, then restored and compared row for row and file for file.
- Kills survived: the kill-and-rerun suites (``tests/test_engine_crash.py`` for ``run``,
  ``tests/cases/test_casework_crash.py`` for curation and case edits in ``serve``), each case a
  SIGKILL at a named point, then the store checked and the work done again.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from report import table, write_section  # noqa: E402

from linkboard.cases import audit  # noqa: E402
from linkboard.store import open_store  # noqa: E402
from linkboard.store.backup import backup, restore  # noqa: E402

WRITER = """
import sys
from pathlib import Path
from linkboard.cases import audit
from linkboard.store import open_store
db, name, n, stop = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
with open_store(db) as store:
    for i in range(n):
        if stop.exists():
            break
        audit.record(store, name, "record.view", f"record:{name}-{i}", client=name)
"""


def writers(db: Path, names: list[str], n: int, stop: Path) -> list[subprocess.Popen[bytes]]:
    return [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db), name, str(n), str(stop)])
        for name in names
    ]


def fuzzing(seconds: int, work: Path) -> str:
    from fuzz import run
    from fuzz.findings import FINDINGS
    from fuzz.seeds import write_corpus

    write_corpus(work / "seeds")
    results = [run.fuzz(reader, seconds, work) for reader in run.READERS]
    rows = [
        [
            r.reader,
            r.seeds,
            f"{r.slowest_seed_s:.2f} s",
            f"{r.largest_seed_mb} MB",
            f"{r.inputs:,}",
            r.corpus,
            r.outcome,
        ]
        for r in results
    ]
    fixed = [f for f in FINDINGS if f.fixed]
    found = table(
        ["readers", "input", "before", "found by"],
        [[f.readers, f.input, f.before, f.found_by] for f in FINDINGS],
    )
    return (
        f"Fuzzing, {seconds} s per reader after its hostile seeds (each bounded: "
        f"{run.SEED_SECONDS:.0f} s, {run.SEED_MB} MB; each fuzzed input {run.INPUT_SECONDS} s, "
        f"{run.RSS_LIMIT_MB} MB): {sum(r.inputs for r in results):,} inputs tried, "
        f"{sum(r.outcome != 'ok' for r in results)} readers broken.\n\n"
        + table(
            [
                "reader",
                "hostile seeds",
                "slowest seed",
                "largest seed growth",
                "inputs tried",
                "corpus",
                "result",
            ],
            rows,
        )
        + f"\n\nFound and fixed: {len(fixed)} of {len(FINDINGS)} (the rest outside this "
        f"change), each with its test and seed:\n\n{found}"
    )


def audit_chain(entries: int, work: Path) -> str:
    db = work / "audit.db"
    open_store(db).close()
    began = time.perf_counter()
    procs = writers(db, ["one", "two"], entries // 2, work / "never")
    assert [p.wait() for p in procs] == [0, 0]
    wrote = time.perf_counter() - began
    with open_store(db) as store:
        began = time.perf_counter()
        check = audit.verify(store)
        took = time.perf_counter() - began
    rows = [
        [
            "two processes appending at once",
            f"{check.entries:,} entries in {wrote:.1f} s",
            "holds" if check.holds else check.problem,
            f"{took:.2f} s",
        ]
    ]
    last = check.entries
    tampering = {
        "an entry edited": (
            "DROP TRIGGER audit_log_no_update",
            "UPDATE audit_log SET actor = 'eve' WHERE id = 500",
        ),
        "an entry deleted": (
            "DROP TRIGGER audit_log_no_delete",
            "DELETE FROM audit_log WHERE id = 500",
        ),
        "an entry slipped in": (
            "DROP TRIGGER audit_log_chained",
            "DROP TRIGGER audit_log_head",
            "INSERT INTO audit_log SELECT 0, at, 'eve', action, target, "
            "outcome, detail, client, prev_hash, hash FROM audit_log "
            "WHERE id = 1",
        ),
        "entries cut from the end": (
            "DROP TRIGGER audit_log_no_delete",
            f"DELETE FROM audit_log WHERE id > {last - 10}",
        ),
    }
    for what, statements in tampering.items():
        copy = work / "tampered.db"
        shutil.copy(db, copy)
        raw = sqlite3.connect(copy)
        for sql in statements:
            raw.execute(sql)
        raw.commit()
        raw.close()
        with open_store(copy) as store:
            found = audit.verify(store)
        rows.append([what, "raw SQL", f"broken at entry {found.broken_at}: {found.problem}", ""])
        copy.unlink()
    return "Audit chain:\n\n" + table(["case", "log", "verify says", "verify time"], rows)


def casework_store(ads: int, work: Path) -> Path:
    from linkboard.cases.casefiles import add_item, add_note, create_case
    from linkboard.cases.curation import suppress_identifier
    from linkboard.engine.local import process
    from linkboard.ingest import ingest
    from linkboard.synth import generate

    generate(work / "corpus", ads=ads, seed=7, images=True)
    db = work / "live" / "linkboard.db"
    db.parent.mkdir()
    with open_store(db) as store:
        ingest(store, [work / "corpus" / "ads.jsonl"])
        process(store)
        network = store.networks(limit=1, min_size=2)[0].id
        case = create_case(store, "Benchmark case", client="cli")
        add_item(store, case.id, "network", network)
        add_note(store, case.id, "a note for the round trip")
        phone = store.execute(
            "SELECT kind || ':' || value FROM mentions WHERE kind = 'phone' LIMIT 1"
        ).fetchone()[0]
        suppress_identifier(store, phone, "a shared front desk")
    return db


def dump(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.*")}


def round_trip(ads: int, work: Path) -> str:
    from linkboard.ingest.images import image_folder

    db = casework_store(ads, work)
    stop = work / "stop"
    procs = writers(db, ["busy"], 1_000_000, stop)
    consistent, during = 0, []
    try:
        time.sleep(1.0)
        for n in range(3):
            began = time.perf_counter()
            copy = backup(db, work / f"during-{n}.db")
            during.append(time.perf_counter() - began)
            with open_store(copy.path, readonly=True) as store:
                sound = store.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                consistent += sound and audit.verify(store).holds
    finally:
        stop.touch()
        assert [p.wait() for p in procs] == [0]
    began = time.perf_counter()
    copy = backup(db, work / "final.db")
    took_backup = time.perf_counter() - began
    began = time.perf_counter()
    back = restore(copy.path, work / "restored" / "linkboard.db")
    took_restore = time.perf_counter() - began
    same_rows = dump(back.path) == dump(db)
    same_images = files(image_folder(back.path)) == files(image_folder(db))
    with open_store(back.path) as store:
        counts = {
            t: store.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("records", "cases", "curation_log", "audit_log")
        }
        holds = audit.verify(store).holds
    rows = [
        [
            f"{counts['records']:,}",
            copy.images,
            f"{copy.size / 1e6:.1f} MB",
            f"{max(during):.2f} s",
            f"{consistent} of 3",
            f"{took_backup:.2f} s",
            f"{took_restore:.2f} s",
            "equal" if same_rows and same_images else "DIFFERENT",
            "holds" if holds else "broken",
        ]
    ]
    return (
        f"Backup and restore: a store of {ads:,} synthetic ads with a case, a curation step and "
        f"{counts['audit_log']:,} audit entries; three backups while another process appends "
        "audit entries, each checked (integrity, audit chain); then a backup restored and "
        "compared with the store row for row (`iterdump`) and image file for image file.\n\n"
        + table(
            [
                "records",
                "image files",
                "size",
                "backup while writing",
                "copies sound",
                "backup",
                "restore",
                "round trip",
                "audit chain",
            ],
            rows,
        )
    )


KILL_SUITES = {
    "linkboard run (ingest, record and link stages)": "tests/test_engine_crash.py",
    "linkboard serve (curation and case edits)": "tests/cases/test_casework_crash.py",
}


def kills() -> str:
    """Run each kill-and-rerun suite; how many kills its store survived."""
    rows = []
    for what, suite in KILL_SUITES.items():
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", suite],
            cwd=HERE.parent,
            capture_output=True,
            text=True,
        )
        summary = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr[-200:]
        rows.append([what, suite, summary, round(time.perf_counter() - start)])
    return (
        "Kills survived: each test kills the process with SIGKILL at a named point "
        "(`engine/crashpoints.py`), then checks `PRAGMA integrity_check`, that the step is whole "
        "or absent (the audit chain verifies), and that running it again gives the store an "
        "uninterrupted run gives.\n\n" + table(["process", "suite", "result", "seconds"], rows)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fuzz-seconds", type=int, default=60)
    parser.add_argument("--ads", type=int, default=1000)
    parser.add_argument("--audit-entries", type=int, default=10_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lb-integrity-"))
    try:
        parts = [
            fuzzing(args.fuzz_seconds, work / "fuzz"),
            audit_chain(args.audit_entries, work),
            round_trip(args.ads, work),
            kills(),
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_section(
        "integrity",
        "Integrity: readers fuzzed, audit chain, backup round trip, kills survived",
        "\n\n".join(parts),
    )


if __name__ == "__main__":
    main()
