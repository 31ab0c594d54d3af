"""What the web pages read: triage, search (full text and identifiers), facets, the record,
network, overview, map, graph and history pages.

The protocol every store backend implements; the SQLite one is ``store.sqlite_pages``. The
shapes it answers with (``store.page_rows``) and the filters it takes (``store.page_filters``)
are plain data."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from linkboard.model import Hit, ImageFact, Link, Mention
from linkboard.store.page_filters import SearchFilters, TriageFilters
from linkboard.store.page_rows import (
    DayActivity,
    Found,
    Member,
    NetworkEvent,
    NetworkRow,
    RecordRef,
    RecordView,
    TriageRow,
)
from linkboard.values import Identifier

#: The order ``new_networks`` lists them in.
NetworkOrder = Literal["biggest", "riskiest"]


@dataclass(frozen=True, slots=True)
class BookedTotal:
    """How many transactions an account booked in one direction and currency, and their sum in
    cents (hundredths of the currency's unit)."""

    direction: str
    currency: str
    count: int
    cents: int


class SearchTimeout(Exception):
    """A search ran past the seconds it was given (the store stopped it)."""


class TriageQueries(Protocol):
    def filter_values(self, name: str) -> list[str]: ...
    def triage_records(self, filters: TriageFilters, cities: list[str], session: str,
                       minor: int, bound: tuple[float, str] | None, limit: int,
                       ) -> list[TriageRow]: ...  # fmt: skip
    def triage_networks(self, filters: TriageFilters, cities: list[str], session: str,
                        minor: int, bound: tuple[float, str] | None, limit: int,
                        ) -> list[TriageRow]: ...  # fmt: skip
    def record_exists(self, record_id: str) -> bool: ...
    def network_exists(self, network_id: str) -> bool: ...


class SearchQueries(Protocol):
    def search_text(self, query: str, filters: SearchFilters, offset: int, limit: int,
                    seconds: float) -> list[Found]: ...  # fmt: skip
    def search_identifiers(self, identifiers: tuple[Identifier, ...], filters: SearchFilters,
                           offset: int, limit: int) -> list[Found]: ...  # fmt: skip
    def count_found(self, query: str | tuple[Identifier, ...], filters: SearchFilters,
                    cap: int, seconds: float) -> int: ...  # fmt: skip
    def facet_counts(self, query: str | tuple[Identifier, ...], filters: SearchFilters,
                     over: int, seconds: float) -> dict[str, dict[str, int]]: ...  # fmt: skip
    def records_holding(self, identifiers: tuple[Identifier, ...], limit: int) -> list[str]: ...


class RecordPageQueries(Protocol):
    def record_view(self, record_id: str) -> RecordView | None: ...
    def record_image_refs(self, record_id: str) -> list[str] | None: ...
    def mentions(self, record_id: str) -> list[Mention]: ...
    def images(self, record_id: str) -> list[ImageFact]: ...
    def photo_meta_of(self, record_ids: list[str]
                      ) -> dict[str, list[tuple[str, dict[str, Any]]]]: ...  # fmt: skip
    def identifier_shared(self, kind: str, value: str, exclude: str, cap: int) -> int: ...
    def photo_shared(self, sha256: str, exclude: str, cap: int) -> int: ...
    def photo_decoded(self, record_id: str, sha256: str) -> bool: ...
    def hits(self, subject: str, subject_id: str) -> list[Hit]: ...


class NetworkPageQueries(Protocol):
    def network_row(self, network_id: str) -> NetworkRow | None: ...
    def member_records(self, network_id: str, limit: int) -> list[Member]: ...
    def held_identifiers(self, record_ids: list[str], kinds: Iterable[str]
                         ) -> list[tuple[str, str, str]]: ...  # fmt: skip
    def links_within(self, record_ids: list[str]) -> list[Link]: ...
    def located_cities(self, record_ids: list[str]) -> list[tuple[str, float, float]]: ...
    def network_events(self, network_id: str) -> list[NetworkEvent]: ...
    def recent_network_events(self, network_id: str, limit: int) -> list[NetworkEvent]: ...
    def split_after(self, network_id: str, event_id: int) -> NetworkEvent | None: ...
    def last_merged_into(self, network_id: str) -> NetworkEvent | None: ...
    def record_refs(self, record_ids: list[str]) -> list[RecordRef]: ...


class AccountPageQueries(Protocol):
    """The account, transaction and network pages' reads of the payments channel."""

    def booked_ids(self, identifiers: Sequence[str], offset: int, limit: int) -> list[str]: ...
    def booked_totals(self, identifiers: Sequence[str]) -> list[BookedTotal]: ...
    def booked_counterparties(self, identifiers: Sequence[str], limit: int
                              ) -> list[tuple[str, int]]: ...  # fmt: skip
    def holders_of_kind(self, identifiers: Sequence[str], kind: str
                        ) -> list[tuple[str, str]]: ...  # fmt: skip
    def network_records_of_kind(self, network_id: str, kind: str) -> list[str]: ...
    def hits_of_level(self, kind: str, level: str, limit: int) -> list[tuple[str, Hit]]: ...


class SocialPageQueries(Protocol):
    """The chat page's read of the social channel."""

    def chat_message_ids(self, chat_id: str) -> list[str]: ...


class OverviewQueries(Protocol):
    def newest_post(self) -> str | None: ...
    def activity_since(self, start: str) -> list[DayActivity]: ...
    def count_records(self) -> int: ...
    def count_networks(self) -> int: ...
    def new_networks(self, start: str, order: NetworkOrder, limit: int) -> list[TriageRow]: ...
    def prepare_for_pages(self) -> None: ...


class PageQueries(
    TriageQueries, SearchQueries, RecordPageQueries, NetworkPageQueries, AccountPageQueries,
    SocialPageQueries, OverviewQueries, Protocol,
):  # fmt: skip
    """Everything the web pages read."""
