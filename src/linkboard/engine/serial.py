"""The serial engine: every operation in the caller's process, one after another.

What the local engine does with one worker and no process pool; the reference any other engine
is compared with, and the engine of callers that link outside a run (curation's re-link).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from linkboard.engine.base import Capabilities, Pending
from linkboard.engine.crashpoints import crash_point
from linkboard.link.blocking import candidate_pairs
from linkboard.link.components import components
from linkboard.model import Record, RecordFacts

if TYPE_CHECKING:
    from linkboard.engine.stages import RecordStage
    from linkboard.store.base import RecordStore
    from linkboard.store.corpus import CorpusStore

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

#: Records per unit of the record stage: one commit of facts each.
CHUNK = 100


class Deferred(Generic[T]):
    """``fn(store, *args)``, run in this process when its result is first asked for."""

    def __init__(self, fn: Callable[..., T], store: CorpusStore, args: tuple[Any, ...]) -> None:
        self.fn, self.store, self.args = fn, store, args
        self.done = False
        self.value: T | None = None

    def result(self) -> T:
        if not self.done:
            self.value, self.done = self.fn(self.store, *self.args), True
        return self.value  # type: ignore[return-value]


class SerialEngine:
    """The engine seam's operations in this process (see ``engine.base.Engine``)."""

    capabilities = Capabilities()

    def map_records(
        self, stage: RecordStage, batches: Iterable[list[Record]], *, parallel: bool = False
    ) -> Iterator[list[RecordFacts]]:
        for chunk in chunks(batches, CHUNK):
            yield [stage(r) for r in chunk]

    def candidate_pairs(
        self,
        records: Sequence[str],
        keys: Sequence[Sequence[K]],
        stored: Mapping[K, Sequence[str]],
        per_bucket: int,
        cap: int,
    ) -> list[list[str]]:
        return candidate_pairs(records, keys, stored, per_bucket, cap)

    def components(self, ids: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, str]:
        return components(ids, edges)

    def write_facts(self, store: RecordStore, facts: list[RecordFacts]) -> None:
        with store.transaction():
            store.save_record_facts(facts)
            crash_point("record:in-transaction")
        crash_point("record:committed")

    def submit(self, store: CorpusStore, fn: Callable[..., T], *args: Any) -> Pending[T]:
        return Deferred(fn, store, args)

    def close(self) -> None:
        """Nothing to end: no processes of its own."""


def chunks(batches: Iterable[list[Record]], size: int) -> Iterator[list[Record]]:
    """BATCHES cut into lists of at most SIZE records."""
    for batch in batches:
        for i in range(0, len(batch), size):
            yield batch[i : i + size]
