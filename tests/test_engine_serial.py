"""One behavioural check over every engine: the serial engine (everything in the caller's
process) and the local engine (one pool of worker processes) give the same networks."""

from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from linkboard.cli import main
from linkboard.engine.local import LocalEngine
from linkboard.engine.pipeline import run
from linkboard.engine.serial import SerialEngine
from linkboard.link import LinkConfig, update
from linkboard.store import open_store
from linkboard.store.base import Store

ADS = 600  # past the local engine's MIN_PARALLEL_RECORDS: its record stage runs on the pool


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with a small synthetic corpus ingested, nothing processed yet."""
    work = tmp_path_factory.mktemp("corpus")
    runner = CliRunner()
    out = runner.invoke(main, ["synth", "--ads", str(ADS), "--seed", "7", "--out", str(work)])
    assert out.exit_code == 0, out.output
    db = work / "ingested.db"
    out = runner.invoke(main, ["ingest", str(work / "ads.jsonl"), "--db", str(db), "-q"])
    assert out.exit_code == 0, out.output
    return db


def _copy(db: Path, to: Path) -> Store:
    shutil.copy(db, to)
    return open_store(to)


def networks(store: Store, ids: list[str]) -> list[tuple[Any, ...]]:
    """Each network as its members, size, name, risk and summary (ids aside)."""
    nids = {n for n in store.network_of(ids).values() if n}
    members = store.members_of_networks(nids)
    out = []
    for nid in nids:
        row = store.network(nid)
        assert row is not None
        out.append((sorted(members[nid]), row.size, row.name, round(row.risk or 0, 9), row.summary))
    return sorted(out, key=lambda n: n[0])


def _all_ids(db: Path) -> list[str]:
    with open_store(db) as store:
        return sorted(r.id for batch in store.pending(1000) for r in batch)


def test_the_serial_engine_gives_the_local_engines_networks(ingested, tmp_path):
    ids = _all_ids(ingested)
    found = []
    for name, engine in (("serial", SerialEngine()), ("local", LocalEngine(2))):
        with _copy(ingested, tmp_path / f"{name}.db") as store, closing(engine):
            report = run(store, engine, hash_images=False)
            assert report.records == ADS
            found.append(networks(store, ids))
    serial, local = found
    assert serial == local
    assert len(serial) > 10


def test_linking_in_increments_agrees_across_engines(ingested, tmp_path):
    """Linking in several increments: the local engine prepares the next one on its pool."""
    ids = _all_ids(ingested)
    found = []
    for name, engine in (("serial", SerialEngine()), ("local", LocalEngine(2))):
        with _copy(ingested, tmp_path / f"{name}.db") as store, closing(engine):
            run(store, engine, hash_images=False, link=False)
            with store.transaction():
                update(store, store.unlinked(), LinkConfig(chunk=150), engine=engine)
            found.append(networks(store, ids))
    assert found[0] == found[1]
    assert len(found[0]) > 10
