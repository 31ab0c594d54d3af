"""Backup and restore: a consistent copy while the store is in use, brought back whole (cases,
curation, the audit chain and the image folder); an existing store only overwritten on demand."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linkboard.cases import audit
from linkboard.cases.casefiles import add_item, add_note, create_case
from linkboard.cases.curation import suppress_identifier
from linkboard.ingest import ingest
from linkboard.ingest.images import image_folder
from linkboard.store import StoreError, open_store
from linkboard.store.backup import backup, restore
from tests.cases.fixtures import PHONE_PUBLIC, build, image_file


def casework(tmp_path: Path) -> Path:
    """A store with records, networks, a case, a curation step, audit entries and an image."""
    db = tmp_path / "live" / "linkboard.db"
    db.parent.mkdir()
    folder = tmp_path / "ads"
    folder.mkdir()
    image_file(folder)
    ad = {"id": "photo-ad", "body": "Call 702-555-0101", "images": ["a.png"]}
    (folder / "ads.jsonl").write_text(json.dumps(ad) + "\n")
    with open_store(db) as store:
        build(store)
        case = create_case(store, "Sunny", client="cli")
        add_item(store, case.id, "network", "n1")
        add_note(store, case.id, "moves every week")
        suppress_identifier(store, f"phone:{PHONE_PUBLIC}", "hotel front desk")
        ingest(store, [folder / "ads.jsonl"])
    return db


def dump(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [*con.iterdump(), f"user_version {con.execute('PRAGMA user_version').fetchone()}"]
    finally:
        con.close()


def images(db: Path) -> dict[str, bytes]:
    folder = image_folder(db)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.*")}


def test_a_store_round_trips_with_cases_curation_audit_and_images(tmp_path: Path) -> None:
    live = casework(tmp_path)
    copied = backup(live, tmp_path / "backups" / "monday.db")
    assert copied.images == 1
    assert len(images(live)) == 1
    back = restore(copied.path, tmp_path / "restored" / "linkboard.db")
    assert dump(back.path) == dump(live)
    assert images(back.path) == images(live)
    with open_store(back.path) as store:
        check = audit.verify(store)
        assert check.holds
        assert check.entries >= 4
        actions = {e.action for e in audit.entries(store)}
        assert {"case.create", "case.add", "case.note", "curate.suppress"} <= actions
        [case] = store.execute("SELECT title FROM cases").fetchall()
        assert case[0] == "Sunny"
        assert store.execute("SELECT count(*) FROM curation_log").fetchone()[0] == 1


def test_an_existing_store_or_backup_is_only_overwritten_with_force(tmp_path: Path) -> None:
    live = casework(tmp_path)
    out = tmp_path / "b.db"
    backup(live, out)
    with pytest.raises(StoreError, match=r"b\.db exists: name another file, or give --force"):
        backup(live, out)
    backup(live, out, force=True)
    with pytest.raises(StoreError, match="exists: restore into another file, or give --force"):
        restore(out, live)
    with pytest.raises(StoreError, match="is the store itself"):
        backup(live, live, force=True)
    with open_store(live) as store:  # the store moves on after the backup...
        audit.record(store, "ana", "case.view", "case:1")
        app = open_store(live)  # ...and the app holds it open while it is restored
        try:
            restore(out, live, force=True)
            assert audit.verify(app).entries == audit.verify(store).entries
            viewed = "SELECT count(*) FROM audit_log WHERE action = 'case.view'"
            assert app.execute(viewed).fetchone()[0] == 0  # the entry after the backup is gone
            assert dump(live) == dump(out)
            audit.record(app, "ana", "case.view", "case:1")  # the app writes on
            assert app.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            app.close()


def test_a_file_that_is_no_backup_is_refused_in_one_line(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match=r"junk\.db is not a linkboard backup"):
        restore(junk, tmp_path / "x.db")
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(StoreError, match="no records or audit log"):
        restore(empty, tmp_path / "x.db")
    assert not (tmp_path / "x.db").exists()


WRITER = """
import sys, time
from pathlib import Path
from linkboard.cases import audit
from linkboard.model import Provenance, Record, sha256_text
from linkboard.store import open_store
stop, started = Path(sys.argv[2]), Path(sys.argv[3])
with open_store(sys.argv[1]) as store:
    for i in range(5000):
        if stop.exists():
            break
        raw = f"ad {i}: call 702-555-0101"
        rec = Record(id=f"w{i}", kind="ad", raw=raw, body=raw,
                     provenance=Provenance("w", f"w:{i}", "2026-01-01", sha256_text(raw)))
        with store.db:  # a record and its audit entry in one transaction
            store.add_records([rec])
            audit.record(store, "writer", "record.add", f"record:w{i}")
        if i == 20:
            started.touch()
"""


def test_a_backup_taken_while_another_process_writes_is_consistent(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    open_store(db).close()
    stop, started = tmp_path / "stop", tmp_path / "started"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(stop), str(started)])
    try:
        deadline = time.monotonic() + 60
        while not started.exists():
            assert writer.poll() is None, "the writer never ran"
            assert time.monotonic() < deadline, "the writer never ran"
            time.sleep(0.05)
        counts = []
        for n in range(3):
            out = backup(db, tmp_path / f"copy{n}.db").path
            with open_store(out, readonly=True) as copy:
                assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                records = copy.execute("SELECT count(*) FROM records").fetchone()[0]
                check = audit.verify(copy)
            assert check.holds
            assert check.entries == records
            counts.append(records)
            time.sleep(0.2)
    finally:
        stop.touch()
        assert writer.wait(timeout=60) == 0
    assert counts[0] > 20
    assert counts == sorted(counts)
    assert counts[-1] > counts[0]
