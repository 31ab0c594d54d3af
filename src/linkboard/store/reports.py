"""What exports, the CLI's reports (stats, explain, networks) and the evaluation read.

The protocol every store backend implements; the SQLite one is ``store.sqlite_reports``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from linkboard.model import Breakdown, Mention, Quarantined
from linkboard.network import StoredNetwork


@dataclass(frozen=True, slots=True)
class RecordState:
    """Where a record came from and what the pipeline made of it: its provenance, its risk (0..1,
    None until scored; ``record_risk`` before its network lifted it), its network and city."""

    id: str
    kind: str
    source: str
    locator: str
    url: str
    posted_at: str | None
    ingested_at: str
    sha256: str
    processed_version: str | None
    risk: float | None
    record_risk: float | None
    possible_minor: bool
    city: str | None
    network_id: str | None


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator that fired on a record, as exports list it."""

    code: str
    evidence: str


class ReportQueries(Protocol):
    def record_states(self, record_ids: Iterable[str]) -> dict[str, RecordState]: ...
    def record_breakdown(self, record_id: str) -> Breakdown | None: ...
    def record_indicators(self, record_ids: Sequence[str]) -> dict[str, list[Indicator]]: ...
    def search_record_ids(self, query: str, limit: int = 10_000) -> list[str]: ...
    def mention_values(self, kinds: Sequence[str]) -> list[tuple[str, str, str]]: ...
    def record_cities(self) -> list[tuple[str, str]]: ...
    def record_networks(self) -> list[tuple[str, str | None]]: ...
    def record_risks(self) -> list[tuple[str, float | None, float | None]]: ...
    # implemented by the record store itself; reports read them too
    def all_record_ids(self) -> list[str]: ...
    def mentions_of(
        self, record_ids: list[str], kinds: Iterable[str] | None = None
    ) -> dict[str, list[Mention]]: ...
    def identifier_status(self) -> dict[str, str]: ...
    def network(self, network_id: str) -> StoredNetwork | None: ...
    def networks(
        self, limit: int = 20, offset: int = 0, min_size: int = 2
    ) -> list[StoredNetwork]: ...
    def network_members(self, network_id: str) -> list[str]: ...
    def quarantined(self, limit: int = 1000) -> list[Quarantined]: ...
