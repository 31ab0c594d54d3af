"""The store interface: what stage code and shells may ask of any store.

SQLite (``linkboard.store.sqlite``) is the embedded default. A server store (PostgreSQL) implements
the same methods; stage code only ever sees this protocol.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from linkboard.model import Hit, ImageFact, Link, Mention, Quarantined, Record, RecordFacts
from linkboard.store.casework import CaseworkStore
from linkboard.store.corpus import CorpusStore
from linkboard.store.hashlists import HashListStore
from linkboard.store.pages import PageQueries
from linkboard.store.reports import ReportQueries


class StoreError(Exception):
    """A store problem the user can act on (missing, locked or too-new database)."""


class StoreBusy(StoreError):
    """Another writer holds the store longer than this one would wait."""


class BadQuery(StoreError):
    """A full-text query the store cannot run (unbalanced quotes, a bare operator); its message
    is a plain hint for the analyst."""


@dataclass(slots=True)
class IngestCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0

    def __iadd__(self, other: IngestCounts) -> IngestCounts:
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.quarantined += other.quarantined
        return self


class RecordStore(Protocol):
    def transaction(self) -> AbstractContextManager[Any]: ...
    def add_records(self, records: Iterable[Record]) -> IngestCounts: ...
    def add_quarantine(self, items: Iterable[Quarantined]) -> int: ...
    def record(self, record_id: str) -> Record | None: ...
    def records(self, ids: Iterable[str]) -> list[Record]: ...
    def pending(self, batch: int = 1000) -> Iterator[list[Record]]: ...
    def count_pending(self) -> int: ...
    def save_record_facts(self, facts: Iterable[RecordFacts]) -> None: ...
    def mentions(self, record_id: str) -> list[Mention]: ...
    def images(self, record_id: str) -> list[ImageFact]: ...
    def hits(self, subject: str, subject_id: str) -> list[Hit]: ...
    def records_with(self, identifier: str, limit: int = 10_000) -> list[str]: ...
    def save_links(self, links: Iterable[Link]) -> int: ...
    def links_of(self, record_ids: Iterable[str]) -> list[Link]: ...
    def stats(self) -> dict[str, Any]: ...
    def close(self) -> None: ...


class Store(
    RecordStore, CaseworkStore, PageQueries, ReportQueries, CorpusStore, HashListStore, Protocol
):
    """Everything a backend stores: records and facts, casework, page and report queries, the
    pipeline's links and networks, and the hash lists images are matched against."""
