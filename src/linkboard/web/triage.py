"""The triage queue: records and networks in risk order, the possible-minor queue first.

Keyset-paginated on (possible_minor, risk, id), so page 1000 costs what page 1 costs. Each
phase (possible minors, then the rest) is one indexed, LIMITed query per subject.
"""

from __future__ import annotations

from linkboard.store.base import Store
from linkboard.store.page_filters import BANDS, SHOW, FilterError, TriageFilters
from linkboard.store.page_rows import TriageRow
from linkboard.web import choices, sessions
from linkboard.web.reasons import reasons
from linkboard.web.schemas import TriageItem, TriagePage

__all__ = ["BANDS", "SHOW", "FilterError", "TriageFilters", "item", "queue"]

PAGE_SIZE = 50


def parse_cursor(cursor: str | None) -> tuple[int, float, str] | None:
    if not cursor:
        return None
    try:
        minor, risk, ident = cursor.split(":", 2)
        return int(minor), float(risk), ident
    except ValueError as exc:
        raise FilterError("cursor is not one this server gave") from exc


def queue(
    store: Store,
    db_key: str,
    filters: TriageFilters,
    session: str,
    *,
    cursor: str | None = None,
    limit: int = PAGE_SIZE,
    previous_visit: str | None = None,
) -> TriagePage:
    filters.check()
    after = parse_cursor(cursor)
    cities: list[str] = []
    if filters.state and not filters.city:
        cities = choices.cities_in_state(store, db_key, filters.state) or [""]
    found: list[TriageRow] = []
    for minor in (1, 0):
        if after and minor > after[0]:
            continue
        bound = after[1:] if after and minor == after[0] else None
        rows = []
        if filters.show in ("all", "records"):
            rows += store.triage_records(filters, cities, session, minor, bound, limit + 1)
        if filters.show in ("all", "networks"):
            rows += store.triage_networks(filters, cities, session, minor, bound, limit + 1)
        rows.sort(key=lambda row: (row.risk, row.id), reverse=True)
        found += rows[: limit + 1 - len(found)]
        if len(found) > limit:
            break
    more = len(found) > limit
    found = found[:limit]
    items = [item(row) for row in found]
    _add_marks(store, session, items)
    if previous_visit:
        for shown, row in zip(items, found, strict=True):
            shown.new = bool(row.stamp and row.stamp > previous_visit)
    last = items[-1] if items else None
    next_cursor = f"{int(last.possible_minor)}:{last.risk!r}:{last.id}" if more and last else None
    return TriagePage(items=items, next_cursor=next_cursor, filters=filters.active())


def item(row: TriageRow) -> TriageItem:
    """A queue row as the page shows it, with its top three reasons."""
    title = row.title or f"Network {row.id}" if row.subject == "network" else row.title or row.id
    return TriageItem(
        subject=row.subject, id=row.id, title=title, risk=row.risk,
        possible_minor=row.possible_minor, city=row.city or "", site=row.site,
        posted_at=row.posted_at, size=row.size, network_id=row.network_id,
        reasons=reasons(row.breakdown, top=3),
    )  # fmt: skip


def _add_marks(store: Store, session: str, items: list[TriageItem]) -> None:
    for subject in ("record", "network"):
        ids = [it.id for it in items if it.subject == subject]
        marks = sessions.marks_of(store, session, subject, ids)
        for it in items:
            if it.subject == subject:
                it.seen = "seen" in marks[it.id] or "reviewed" in marks[it.id]
                it.reviewed = "reviewed" in marks[it.id]
