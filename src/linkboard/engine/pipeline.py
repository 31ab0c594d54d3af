"""The pipeline, written once against the engine seam (``engine.base.Engine``) and the store:
the record stage, then linking and network scoring (``engine.corpus``).

Incremental: only records that are new or changed (or processed by an older pipeline version)
go through the record stage, and only their links and networks are recomputed.

Resumable by construction: each stage marks what it has done in the transaction that saves its
results (``processed_sha`` with a batch's facts, ``linked_sha`` with the link stage's links,
networks and scores), so a run after a crash or a failure at any point does exactly the work
left, including the linking of records whose record stage finished before it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from linkboard import hooks
from linkboard.engine.base import Engine
from linkboard.engine.crashpoints import crash_point
from linkboard.engine.stages import RecordStage
from linkboard.store import open_store
from linkboard.store.base import RecordStore, Store


@dataclass(slots=True)
class ProcessReport:
    records: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    linking: dict[str, Any] = field(default_factory=dict)

    def rate(self, stage: str) -> float:
        return self.records / self.seconds[stage] if self.seconds.get(stage) else 0.0


def run(
    store: Store,
    engine: Engine,
    *,
    taxonomy_paths: list[Path] | None = None,
    hash_images: bool = True,
    link: bool = True,
    show_progress: bool = False,
    batch: int = 2000,
) -> ProcessReport:
    """Run every stage over what is new or changed in the store, and link what the record stage
    finished but linking did not (a run that crashed or failed after its record stage)."""
    report = ProcessReport()
    taxonomy_paths = hooks.taxonomy_files(taxonomy_paths)
    pending = store.count_pending()
    if pending == 0 and not (link and store.count_unlinked()):
        return report
    start = time.perf_counter()
    stage = RecordStage(taxonomy_paths, hash_images) if pending else None
    done = record_stage(store, engine, stage, pending, show_progress, batch)
    report.records = done
    report.seconds["record stage"] = time.perf_counter() - start
    if link:
        start = time.perf_counter()
        ids, report.linking = link_stage(store, engine, taxonomy_paths)
        report.records = max(done, len(ids))
        report.seconds["link + network stage"] = time.perf_counter() - start
    return report


def record_stage(
    store: Store,
    engine: Engine,
    stage: RecordStage | None,
    pending: int,
    show_progress: bool,
    batch: int,
) -> int:
    """Extract and score the pending records; each batch's facts and its mark in one commit."""
    if stage is None or pending == 0:
        return 0
    parallel = engine.capabilities.parallel(pending)
    done = 0
    # an engine that reads the records on its own thread reads through its own connection
    location = store.location() if parallel else None
    reader: RecordStore = open_store(location, readonly=True) if location else store
    try:
        with tqdm(
            total=pending, unit="rec", desc="extract+score", disable=not show_progress, leave=False
        ) as bar:
            batches = reader.pending(batch)
            for facts in engine.map_records(stage, batches, parallel=parallel):
                engine.write_facts(store, facts)
                done += len(facts)
                bar.update(len(facts))
    finally:
        if reader is not store:
            reader.close()
    return done


def link_stage(
    store: Store, engine: Engine, taxonomy_paths: list[Path] | None
) -> tuple[list[str], dict[str, Any]]:
    """Link every record whose record stage is done and whose linking is not, in one
    transaction with their 'linked' mark: a crash or an error inside leaves them all unlinked
    (and the store as before), to be linked by the next run."""
    from linkboard.engine import corpus

    ids = store.unlinked()
    if not ids:
        return ids, {}
    crash_point("link:start")
    with store.transaction():
        linking = corpus.link_and_score(store, ids, taxonomy_paths, engine=engine)
        store.mark_linked(ids)
        crash_point("link:in-transaction")
    crash_point("link:committed")
    return ids, linking
