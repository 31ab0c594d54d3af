"""The local engine: the serial engine's operations, with one pool of worker processes on this
machine for the record stage and for the link stage's read-only work (preparing the next
increment, summarising networks) — one pool for the whole run, started when first needed.

``process`` runs the pipeline (``engine.pipeline``) on it: the command line's ``linkboard run``.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from linkboard.engine.base import Capabilities, Pending
from linkboard.engine.pipeline import ProcessReport, run
from linkboard.engine.serial import CHUNK, SerialEngine, chunks
from linkboard.engine.stages import RecordStage
from linkboard.model import Record, RecordFacts
from linkboard.store import open_store

if TYPE_CHECKING:
    from linkboard.store.base import Store
    from linkboard.store.corpus import CorpusStore

T = TypeVar("T")

#: How much lower the pool's worker processes run than everything else (``os.nice``): on a
#: machine that also serves the workspace, analysts' pages come first; on an idle one it changes
#: nothing.
WORKER_NICENESS = 10
#: Below this many records the record stage runs in the caller's process: a pool costs more
#: than it saves on a small increment.
MIN_PARALLEL_RECORDS = 500

_stage: RecordStage | None = None
_stores: dict[str, CorpusStore] = {}


def _init_worker(stage: RecordStage | None) -> None:
    global _stage
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)
    _stage = stage


def _run_batch(records: list[Record]) -> list[RecordFacts]:
    assert _stage is not None
    return [_stage(r) for r in records]


def _on_store(location: str, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
    """``fn(store, *args)`` in a worker, on the store at LOCATION opened read-only (once)."""
    store = _stores.get(location)
    if store is None:
        store = _stores[location] = open_store(location, readonly=True)
    return fn(store, *args)


class _Async(Generic[T]):
    def __init__(self, pending: AsyncResult[T]) -> None:
        self.pending = pending

    def result(self) -> T:
        return self.pending.get()


class LocalEngine(SerialEngine):
    """This machine's cores: WORKERS processes (default: one per core) in one pool. Use it as a
    context manager (or call ``close``) to end the pool."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.capabilities = Capabilities(
            parallel_records=self.workers > 1,
            min_parallel_records=MIN_PARALLEL_RECORDS,
            process_pool=True,
        )
        self._pool: Pool | None = None
        self._stage: RecordStage | None = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def pool(self, stage: RecordStage | None = None) -> Pool:
        """The engine's pool, started if need be; one whose workers hold STAGE when given (a
        pool started for another stage is replaced)."""
        if self._pool is not None and stage is not None and stage is not self._stage:
            self.close()
        if self._pool is None:
            ctx = mp.get_context("forkserver" if os.name == "posix" else "spawn")
            self._pool = ctx.Pool(self.workers, _init_worker, (stage,))
            self._stage = stage
        return self._pool

    def map_records(
        self, stage: RecordStage, batches: Iterable[list[Record]], *, parallel: bool = False
    ) -> Iterator[list[RecordFacts]]:
        """On the pool when PARALLEL (its workers run ahead while the caller saves results; the
        pool's own thread reads BATCHES), else in this process."""
        if not parallel:
            yield from super().map_records(stage, batches)
            return
        yield from self.pool(stage).imap(_run_batch, chunks(batches, CHUNK))

    def submit(self, store: CorpusStore, fn: Callable[..., T], *args: Any) -> Pending[T]:
        """On a worker of the pool, which opens STORE read-only (and keeps it open for the next
        task); in this process for a store no other process can open (in memory)."""
        location = store.location()
        if location is None:
            return super().submit(store, fn, *args)
        return _Async(self.pool().apply_async(_on_store, (location, fn, args)))


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
    """The pipeline over what is new or changed in STORE, on a local engine of WORKERS
    processes (``engine.pipeline.run``)."""
    with LocalEngine(workers) as engine:
        return run(
            store,
            engine,
            taxonomy_paths=taxonomy_paths,
            hash_images=hash_images,
            link=link,
            show_progress=show_progress,
            batch=batch,
        )


def facts_in_batches(
    batches: Iterator[list[Record]],
    workers: int,
    taxonomy_paths: list[Path] | None,
    hash_images: bool,
) -> Iterator[list[RecordFacts]]:
    """The record stage's facts, batch by batch: in this process for one worker, else on a
    pool of WORKERS processes."""
    stage = RecordStage(taxonomy_paths, hash_images)
    with LocalEngine(workers) as engine:
        yield from engine.map_records(stage, batches, parallel=workers > 1)
