"""Casework: accounts, sessions and the sign-in throttle, the audit log, cases, curation decisions,
watches and alerts, preferences.

The protocol every store backend implements, and the casework objects it hands back; the SQLite
one is ``store.sqlite_casework``. Methods that write are one transaction each, and part of the
caller's when it holds one (``with store.transaction():``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from linkboard.model import Link
from linkboard.store.auditchain import ChainCheck


@dataclass(frozen=True, slots=True)
class User:
    username: str
    role: str
    disabled: bool
    failed_logins: int
    locked_until: str | None
    epoch: int
    last_login: str | None
    created_at: str
    created_by: str


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    action: str
    target: str
    outcome: str
    detail: dict[str, Any]
    client: str


@dataclass(frozen=True, slots=True)
class Case:
    id: int
    title: str
    description: str
    status: str
    created_by: str
    created_at: str
    updated_at: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseItem:
    kind: str
    ref: str
    added_by: str
    added_at: str


@dataclass(frozen=True, slots=True)
class Note:
    id: int
    author: str
    at: str
    body: str
    about: str


@dataclass(frozen=True, slots=True)
class CurationEntry:
    id: int
    at: str
    actor: str
    action: str
    target: str
    reason: str
    detail: dict[str, Any]
    undoes: int | None
    undone: bool


@dataclass(frozen=True, slots=True)
class Watch:
    id: int
    kind: str
    value: str
    label: str
    owner: str
    webhook: str
    max_distance: int
    active: bool
    created_at: str


@dataclass(frozen=True, slots=True)
class Alert:
    id: int
    watch_id: int
    record_id: str
    at: str
    retroactive: bool
    seen: bool
    detail: dict[str, Any]
    watch_kind: str
    watch_value: str
    watch_label: str


@dataclass(frozen=True, slots=True)
class ImageHashes:
    """A record's photo, as a photo watch compares it."""

    record_id: str
    ref: str
    sha256: str
    pdq: str


@dataclass(frozen=True, slots=True)
class NewAlert:
    """An alert to raise: the record that matched a watch, and why (``detail``)."""

    record_id: str
    detail: dict[str, Any] = field(default_factory=dict)


class AccountsStore(Protocol):
    """Users, their sessions, the sign-in throttle, and settings (``app_settings``)."""

    def user(self, username: str) -> User | None: ...
    def user_credentials(self, username: str) -> tuple[User, str] | None: ...
    def users(self) -> list[User]: ...
    def active_admins(self) -> list[str]: ...
    def create_user(
        self, username: str, password_hash: str, role: str, created_by: str
    ) -> None: ...
    def set_user_disabled(self, username: str, disabled: bool) -> None: ...
    def set_user_role(self, username: str, role: str) -> None: ...
    def set_user_password(self, username: str, password_hash: str) -> None: ...
    def note_login(self, username: str, password_hash: str, at: str) -> None: ...
    def set_last_login(self, username: str, at: str) -> None: ...
    def setting(self, key: str) -> str | None: ...
    def put_setting(self, key: str, value: str) -> None: ...
    def add_setting(self, key: str, value: str) -> None: ...
    def start_session(
        self, session_id: str, username: str, at: str, expired_before: str
    ) -> None: ...
    def session_seen(self, session_id: str) -> tuple[str, str] | None: ...
    def drop_session_if_free(self, session_id: str) -> bool: ...
    def touch_session_if_free(self, session_id: str, at: str) -> bool: ...
    def end_user_sessions(self, username: str) -> None: ...
    def sign_in_failures(self, key: str) -> tuple[int, str] | None: ...
    def count_sign_in_failure(self, keys: Iterable[str], at: str, forget_before: str) -> None: ...
    def note_sign_in_origin(
        self, account_key: str, username: str, address: str, at: str
    ) -> None: ...
    def is_sign_in_origin(self, username: str, address: str, since: str) -> bool: ...


class MarksStore(Protocol):
    """What each web session has seen and reviewed, and when its previous visit ended."""

    def mark(self, session: str, subject: str, subject_id: str, what: str, at: str) -> None: ...
    def mark_if_free(
        self, session: str, subject: str, subject_id: str, what: str, at: str
    ) -> bool: ...
    def unmark(self, session: str, subject: str, subject_id: str, what: str) -> None: ...
    def marks(self, session: str, subject: str, ids: list[str]) -> list[tuple[str, str]]: ...
    def visit_times(self, session: str) -> tuple[str | None, str] | None: ...
    def start_visit_if_free(self, session: str, at: str) -> bool: ...
    def note_visit_if_free(self, session: str, previous: str | None, last: str) -> bool: ...


class AuditStore(Protocol):
    """The append-only, hash-chained audit log."""

    def add_audit_entry(
        self,
        actor: str,
        action: str,
        target: str,
        detail: str,
        *,
        client: str,
        outcome: str,
        wait: float | None,
    ) -> int | None: ...
    def audit_waiting(self) -> int: ...
    def verify_audit(self) -> ChainCheck: ...
    def audit_entries(
        self,
        *,
        actor: str | None = None,
        action: str | None = None,
        target: str | None = None,
        since: str | None = None,
        limit: int = 1000,
    ) -> list[AuditEntry]: ...


class CasesStore(Protocol):
    """Cases with their items, notes and tags."""

    def case(self, case_id: int) -> Case | None: ...
    def cases(self, status: str | None = None) -> list[Case]: ...
    def create_case_row(self, title: str, description: str, created_by: str) -> int: ...
    def touch_case(self, case_id: int) -> None: ...
    def case_item_exists(self, kind: str, ref: str) -> bool: ...
    def add_case_item(self, case_id: int, kind: str, ref: str, added_by: str) -> None: ...
    def remove_case_item(self, case_id: int, kind: str, ref: str) -> None: ...
    def add_case_note(self, case_id: int, author: str, body: str, about: str) -> None: ...
    def set_case_status(self, case_id: int, status: str) -> None: ...
    def tag_case(self, case_id: int, tag: str) -> None: ...
    def untag_case(self, case_id: int, tag: str) -> None: ...
    def case_items(self, case_id: int) -> list[CaseItem]: ...
    def case_notes(self, case_id: int) -> list[Note]: ...


class CurationStore(Protocol):
    """The curation log, the analysts' link decisions, and the network changes they make."""

    def log_curation(
        self,
        actor: str,
        action: str,
        target: str,
        reason: str,
        detail: dict[str, Any],
        undoes: int | None = None,
    ) -> int: ...
    def curation_log(self, target: str | None = None) -> list[CurationEntry]: ...
    def identifier_status_entry(self, identifier: str) -> dict[str, Any] | None: ...
    def restore_identifier_status(self, entry: dict[str, Any]) -> None: ...
    def clear_identifier_status(self, identifier: str) -> None: ...
    def network_name(self, network_id: str) -> str | None: ...
    def set_network_name(self, network_id: str, name: str) -> None: ...
    def network_record_ids(self, network_id: str) -> list[str]: ...
    def record_network_ids(self, record_ids: Iterable[str]) -> dict[str, str | None]: ...
    def add_network_event(self, network_id: str, event: str, detail: dict[str, Any]) -> None: ...
    def add_link_decisions(
        self, pairs: Iterable[tuple[str, str]], decision: str, curation_id: int
    ) -> None: ...
    def drop_link_decisions(
        self, curation_id: int, *, analyst_links: bool
    ) -> list[tuple[str, str]]: ...
    def link_decisions(self) -> tuple[list[Link], set[tuple[str, str]]]: ...
    def cut_links(self, pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]: ...


class WatchesStore(Protocol):
    """Watches and the alerts they raise, and the matching of records against them."""

    def watch(self, watch_id: int) -> Watch | None: ...
    def watches(self, *, owner: str | None = None, active_only: bool = True) -> list[Watch]: ...
    def add_watch(
        self, kind: str, value: str, label: str, owner: str, webhook: str, max_distance: int
    ) -> int: ...
    def retire_watch(self, watch_id: int) -> None: ...
    def check_search_query(self, query: str) -> None: ...
    def records_mentioning(self, kind: str, value: str, among: list[str] | None) -> list[str]: ...
    def image_hashes(self, among: list[str] | None) -> list[ImageHashes]: ...
    def records_matching_search(self, query: str, among: list[str] | None) -> list[str]: ...
    def network_records_among(self, network_id: str, among: list[str] | None) -> list[str]: ...
    def add_alerts(self, watch_id: int, found: list[NewAlert], retroactive: bool) -> list[int]: ...
    def alerts(
        self,
        *,
        ids: list[int] | None = None,
        unseen: bool = False,
        owner: str | None = None,
        limit: int = 100_000,
    ) -> list[Alert]: ...
    def mark_alerts_seen(self, alert_ids: list[int]) -> int: ...


class CaseworkStore(
    AccountsStore, MarksStore, AuditStore, CasesStore, CurationStore, WatchesStore, Protocol
):
    """All the casework a store keeps."""
