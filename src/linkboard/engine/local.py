"""The local engine: the record stage over a process pool, then linking and network scoring.

Incremental: only records that are new or changed (or processed by an older pipeline version)
go through the record stage, and only their links and networks are recomputed.

Resumable by construction: each stage marks what it has done in the transaction that saves its
results (``processed_sha`` with a batch's facts, ``linked_sha`` with the link stage's links,
networks and scores), so a run after a crash or a failure at any point does exactly the work
left, including the linking of records whose record stage finished before it.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from linkboard.engine.crashpoints import crash_point
from linkboard.engine.stages import RecordStage
from linkboard.model import Record, RecordFacts
from linkboard.store import open_store
from linkboard.store.base import RecordStore, Store

_stage: RecordStage | None = None


#: How much lower the record stage's worker processes run than everything else (``os.nice``):
#: on a machine that also serves the workspace, analysts' pages come first; on an idle one it
#: changes nothing.
WORKER_NICENESS = 10


def _init_worker(taxonomy_paths: list[Path] | None, hash_images: bool) -> None:
    global _stage
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)
    _stage = RecordStage(taxonomy_paths, hash_images)


def _run_batch(records: list[Record]) -> list[RecordFacts]:
    assert _stage is not None
    return [_stage(r) for r in records]


@dataclass(slots=True)
class ProcessReport:
    records: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    linking: dict[str, Any] = field(default_factory=dict)

    def rate(self, stage: str) -> float:
        return self.records / self.seconds[stage] if self.seconds.get(stage) else 0.0


def _chunks(batches: Iterator[list[Record]], size: int) -> Iterator[list[Record]]:
    for batch in batches:
        for i in range(0, len(batch), size):
            yield batch[i : i + size]


def facts_in_batches(
    batches: Iterator[list[Record]],
    workers: int,
    taxonomy_paths: list[Path] | None,
    hash_images: bool,
) -> Iterator[list[RecordFacts]]:
    """The record stage's facts, batch by batch: in this process for one worker; else on a pool of
    ``workers`` processes that run ahead while the caller saves results."""
    if workers <= 1:
        stage = RecordStage(taxonomy_paths, hash_images)
        for batch in _chunks(batches, 100):
            yield [stage(r) for r in batch]
        return
    ctx = mp.get_context("forkserver" if os.name == "posix" else "spawn")
    with ctx.Pool(workers, _init_worker, (taxonomy_paths, hash_images)) as pool:
        yield from pool.imap(_run_batch, _chunks(batches, 100))


def process(
    store: Store,
    *,
    workers: int | None = None,
    taxonomy_paths: list[Path] | None = None,
    hash_images: bool = True,
    link: bool = True,
    show_progress: bool = False,
    batch: int = 2000,
) -> ProcessReport:
    """Run every stage over what is new or changed in the store, and link what the record stage
    finished but linking did not (a run that crashed or failed after its record stage)."""
    report = ProcessReport()
    pending = store.count_pending()
    if pending == 0 and not (link and store.count_unlinked()):
        return report
    start = time.perf_counter()
    done = record_stage(store, pending, workers, taxonomy_paths, hash_images, show_progress, batch)
    report.records = done
    report.seconds["record stage"] = time.perf_counter() - start
    if link:
        start = time.perf_counter()
        ids, report.linking = link_stage(store, taxonomy_paths)
        report.records = max(done, len(ids))
        report.seconds["link + network stage"] = time.perf_counter() - start
    return report


def record_stage(
    store: Store,
    pending: int,
    workers: int | None,
    taxonomy_paths: list[Path] | None,
    hash_images: bool,
    show_progress: bool,
    batch: int,
) -> int:
    """Extract and score the pending records; each batch's facts and its mark in one commit."""
    if pending == 0:
        return 0
    workers = workers or (os.cpu_count() or 1)
    if pending < 500:
        workers = 1  # a pool costs more than it saves on a small increment
    done = 0
    # the pool's feeder thread reads pending records through its own (read-only) connection
    location = store.location() if workers > 1 else None
    reader: RecordStore = open_store(location, readonly=True) if location else store
    try:
        with tqdm(
            total=pending, unit="rec", desc="extract+score", disable=not show_progress, leave=False
        ) as bar:
            batches = reader.pending(batch)
            for facts in facts_in_batches(batches, workers, taxonomy_paths, hash_images):
                with store.transaction():
                    store.save_record_facts(facts)
                    crash_point("record:in-transaction")
                crash_point("record:committed")
                done += len(facts)
                bar.update(len(facts))
    finally:
        if reader is not store:
            reader.close()
    return done


def link_stage(store: Store, taxonomy_paths: list[Path] | None) -> tuple[list[str], dict[str, Any]]:
    """Link every record whose record stage is done and whose linking is not, in one
    transaction with their 'linked' mark: a crash or an error inside leaves them all unlinked
    (and the store as before), to be linked by the next run."""
    from linkboard.engine.corpus import link_and_score

    ids = store.unlinked()
    if not ids:
        return ids, {}
    crash_point("link:start")
    with store.transaction():
        linking = link_and_score(store, ids, taxonomy_paths)
        store.mark_linked(ids)
        crash_point("link:in-transaction")
    crash_point("link:committed")
    return ids, linking
