"""The engine seam: the few operations a backend provides, and what each backend can do.

Stage code (``engine.pipeline``, ``engine.corpus``, ``link``) is written once against
:class:`Engine` and the store protocols; a backend implements its few methods and declares its
:class:`Capabilities` rather than being asked for its name. ``engine.local`` runs on this
machine's cores; ``engine.serial`` runs everything in the caller's process.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from linkboard.model import Record, RecordFacts

if TYPE_CHECKING:
    from linkboard.engine.stages import RecordStage
    from linkboard.store.base import RecordStore
    from linkboard.store.corpus import CorpusStore

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
K = TypeVar("K", bound=Hashable)


class Pending(Protocol[T_co]):
    """Work handed to an engine: its result, waited for."""

    def result(self) -> T_co: ...


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What an engine supports. ``parallel_records``: it maps the record stage over processes of
    its own (from ``min_parallel_records`` records up: below, a pool costs more than it saves),
    reading the records on a thread of its own; ``process_pool``: ``submit`` runs read-only store
    work in another process, beside the caller's writes."""

    parallel_records: bool = False
    min_parallel_records: int = 0
    process_pool: bool = False

    def parallel(self, records: int) -> bool:
        """Whether the record stage of RECORDS records runs on the engine's own processes."""
        return self.parallel_records and records >= self.min_parallel_records


class Engine(Protocol):
    """The operations a backend provides to the pipeline."""

    @property
    def capabilities(self) -> Capabilities: ...

    def map_records(
        self, stage: RecordStage, batches: Iterable[list[Record]], *, parallel: bool
    ) -> Iterator[list[RecordFacts]]:
        """STAGE applied to every record of BATCHES, in order, in batches (on the engine's
        processes when PARALLEL, see :meth:`Capabilities.parallel`)."""
        ...

    def candidate_pairs(
        self,
        records: Sequence[str],
        keys: Sequence[Sequence[K]],
        stored: Mapping[K, Sequence[str]],
        per_bucket: int,
        cap: int,
    ) -> list[list[str]]:
        """Blocking: for each of RECORDS (with its blocking KEYS), the earlier records that
        share a key with it (see ``link.blocking.candidate_pairs``)."""
        ...

    def components(self, ids: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, str]:
        """Each of IDS -> the smallest id of its component over EDGES."""
        ...

    def write_facts(self, store: RecordStore, facts: list[RecordFacts]) -> None:
        """Save one batch of the record stage's FACTS, with their 'processed' mark, in one
        commit."""
        ...

    def submit(self, store: CorpusStore, fn: Callable[..., T], *args: Any) -> Pending[T]:
        """``fn(store, *args)``, where the engine chooses: in another process that opens STORE
        read-only (``process_pool``), or in the caller's when the result is asked for."""
        ...

    def close(self) -> None:
        """End what the engine started (its processes)."""
        ...
