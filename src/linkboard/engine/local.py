"""The local engine: the record stage over a process pool, then linking and network scoring.

Incremental: only records that are new or changed (or processed by an older pipeline version)
go through the record stage, and only their links and networks are recomputed.
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

from linkboard.engine.stages import RecordStage
from linkboard.model import Record, RecordFacts
from linkboard.store.sqlite import SQLiteStore

_stage: RecordStage | None = None


def _init_worker(taxonomy_paths: list[Path] | None, hash_images: bool) -> None:
    global _stage
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
        for batch in batches:
            yield [stage(r) for r in batch]
        return
    ctx = mp.get_context("forkserver" if os.name == "posix" else "spawn")
    with ctx.Pool(workers, _init_worker, (taxonomy_paths, hash_images)) as pool:
        yield from pool.imap(_run_batch, _chunks(batches, 100))


def process(
    store: SQLiteStore,
    *,
    workers: int | None = None,
    taxonomy_paths: list[Path] | None = None,
    hash_images: bool = True,
    link: bool = True,
    show_progress: bool = False,
    batch: int = 2000,
) -> ProcessReport:
    """Run every stage over what is new or changed in the store."""
    report = ProcessReport()
    pending = store.count_pending()
    if pending == 0:
        return report
    workers = workers or (os.cpu_count() or 1)
    if pending < 500:
        workers = 1  # a pool costs more than it saves on a small increment
    new_ids: list[str] = []
    start = time.perf_counter()
    # the pool's feeder thread reads pending records through its own (read-only) connection
    reader = SQLiteStore(store.path, readonly=True) if workers > 1 else store
    with tqdm(
        total=pending, unit="rec", desc="extract+score", disable=not show_progress, leave=False
    ) as bar:
        for facts in facts_in_batches(reader.pending(batch), workers, taxonomy_paths, hash_images):
            store.save_record_facts(facts)
            new_ids += [f.record.id for f in facts]
            bar.update(len(facts))
    if reader is not store:
        reader.close()
    report.records = len(new_ids)
    report.seconds["record stage"] = time.perf_counter() - start
    if link:
        from linkboard.engine.corpus import link_and_score

        start = time.perf_counter()
        report.linking = link_and_score(store, new_ids, taxonomy_paths)
        report.seconds["link + network stage"] = time.perf_counter() - start
    return report
