"""The triage queue: records and networks in risk order, the possible-minor queue first.

Keyset-paginated on (possible_minor, risk, id), so page 1000 costs what page 1 costs. Each
phase (possible minors, then the rest) is one indexed, LIMITed query per subject.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

from linkboard.web import choices, sessions
from linkboard.web.reasons import reasons
from linkboard.web.schemas import TriageItem, TriagePage

PAGE_SIZE = 50
#: Risk bands on the 0..1 logistic risk.
BANDS = {"high": (0.7, 1.01), "medium": (0.4, 0.7), "low": (0.0, 0.4)}
SHOW = ("all", "records", "networks")


class FilterError(ValueError):
    """A filter value the queue cannot use, with what is wrong."""


@dataclass
class TriageFilters:
    city: str = ""
    state: str = ""
    site: str = ""
    date_from: str = ""
    date_to: str = ""
    indicator: str = ""
    band: str = ""
    has_photo: bool = False
    unseen: bool = False
    show: str = "all"

    def check(self) -> None:
        if self.band and self.band not in BANDS:
            raise FilterError(f"risk band must be one of {', '.join(BANDS)}")
        if self.show not in SHOW:
            raise FilterError(f"show must be one of {', '.join(SHOW)}")
        for value in (self.date_from, self.date_to):
            if value and not _is_day(value):
                raise FilterError(f"dates are YYYY-MM-DD, not {value!r}")

    def active(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v and not (k == "show" and v == "all")}


def _is_day(value: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def parse_cursor(cursor: str | None) -> tuple[int, float, str] | None:
    if not cursor:
        return None
    try:
        minor, risk, ident = cursor.split(":", 2)
        return int(minor), float(risk), ident
    except ValueError as exc:
        raise FilterError("cursor is not one this server gave") from exc


def queue(
    db: sqlite3.Connection,
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
    found: list[tuple[TriageItem, str]] = []
    for minor in (1, 0):
        if after and minor > after[0]:
            continue
        bound = after[1:] if after and minor == after[0] else None
        rows = []
        if filters.show in ("all", "records"):
            rows += _records(db, db_key, filters, session, minor, bound, limit + 1)
        if filters.show in ("all", "networks"):
            rows += _networks(db, db_key, filters, session, minor, bound, limit + 1)
        rows.sort(key=lambda pair: (pair[0].risk, pair[0].id), reverse=True)
        found += rows[: limit + 1 - len(found)]
        if len(found) > limit:
            break
    more = len(found) > limit
    found = found[:limit]
    items = [item for item, _ in found]
    _add_marks(db, session, items)
    if previous_visit:
        for item, stamp in found:
            item.new = bool(stamp and stamp > previous_visit)
    last = items[-1] if items else None
    next_cursor = f"{int(last.possible_minor)}:{last.risk!r}:{last.id}" if more and last else None
    return TriagePage(items=items, next_cursor=next_cursor, filters=filters.active())


def _common(
    filters: TriageFilters, bound: tuple[float, str] | None, alias: str
) -> tuple[str, list]:
    sql, params = "", []
    if bound:
        # a range on risk the index can seek to, then the tie-break on id
        sql += f" AND {alias}.risk <= ? AND ({alias}.risk < ? OR {alias}.id < ?)"
        params += [bound[0], bound[0], bound[1]]
    if filters.band:
        lo, hi = BANDS[filters.band]
        sql += f" AND {alias}.risk >= ? AND {alias}.risk < ?"
        params += [lo, hi]
    return sql, params


def _place(
    db: sqlite3.Connection, db_key: str, filters: TriageFilters, alias: str
) -> tuple[str, list]:
    sql, params = "", []
    if filters.city:
        sql += f" AND {alias}.city = ?"
        params.append(filters.city)
    elif filters.state:
        cities = choices.cities_in_state(db, db_key, filters.state) or [""]
        sql += f" AND {alias}.city IN ({','.join('?' * len(cities))})"
        params += cities
    if filters.site:
        sql += f" AND {alias}.site = ?"
        params.append(filters.site)
    if filters.has_photo:
        sql += f" AND {alias}.images != '[]'"
    return sql, params


def _unseen(filters: TriageFilters, session: str, subject: str, alias: str) -> tuple[str, list]:
    if not filters.unseen:
        return "", []
    return (
        " AND NOT EXISTS (SELECT 1 FROM web_marks m WHERE m.session = ? AND m.subject = ? "
        f"AND m.subject_id = {alias}.id)",
        [session, subject],
    )


def _records(db, db_key, filters, session, minor, bound, limit) -> list[tuple[TriageItem, str]]:
    sql = (
        "SELECT r.id, r.title, r.risk, r.possible_minor, r.city, r.site, r.posted_at, "
        "r.network_id, r.breakdown, r.ingested_at FROM records r "
        "WHERE r.possible_minor = ? AND r.risk IS NOT NULL"
    )
    params: list[Any] = [minor]
    for part, more in (
        _common(filters, bound, "r"),
        _place(db, db_key, filters, "r"),
        _unseen(filters, session, "record", "r"),
    ):
        sql += part
        params += more
    if filters.date_from:
        sql += " AND r.posted_at >= ?"
        params.append(filters.date_from)
    if filters.date_to:
        sql += " AND r.posted_at < date(?, '+1 day')"
        params.append(filters.date_to)
    part, more = _indicator(filters, "record", "r")
    sql += part
    params += more
    sql += " ORDER BY r.risk DESC, r.id DESC LIMIT ?"
    params.append(limit)
    return [
        (
            TriageItem(
                subject="record",
                id=row["id"],
                title=row["title"] or row["id"],
                risk=row["risk"],
                possible_minor=bool(row["possible_minor"]),
                city=row["city"] or "",
                site=row["site"],
                posted_at=row["posted_at"],
                network_id=row["network_id"],
                reasons=reasons(row["breakdown"], top=3),
            ),
            row["ingested_at"],
        )
        for row in db.execute(sql, params)
    ]


def _networks(db, db_key, filters, session, minor, bound, limit) -> list[tuple[TriageItem, str]]:
    sql = (
        "SELECT n.id, n.name, n.size, n.risk, n.possible_minor, n.first_seen, n.last_seen, "
        "n.breakdown, n.updated_at FROM networks n "
        "WHERE n.possible_minor = ? AND n.risk IS NOT NULL"
    )
    params: list[Any] = [minor]
    for part, more in (_common(filters, bound, "n"), _unseen(filters, session, "network", "n")):
        sql += part
        params += more
    place, place_params = _place(db, db_key, filters, "r")
    if place:
        sql += f" AND EXISTS (SELECT 1 FROM records r WHERE r.network_id = n.id{place})"
        params += place_params
    if filters.date_from:
        sql += " AND n.last_seen >= ?"
        params.append(filters.date_from)
    if filters.date_to:
        sql += " AND n.first_seen < date(?, '+1 day')"
        params.append(filters.date_to)
    part, more = _indicator(filters, "network", "n")
    sql += part
    params += more
    sql += " ORDER BY n.risk DESC, n.id DESC LIMIT ?"
    params.append(limit)
    return [
        (
            TriageItem(
                subject="network",
                id=row["id"],
                title=row["name"] or f"Network {row['id']}",
                risk=row["risk"],
                possible_minor=bool(row["possible_minor"]),
                size=row["size"],
                posted_at=row["last_seen"],
                network_id=row["id"],
                reasons=reasons(row["breakdown"], top=3),
            ),
            row["updated_at"],
        )
        for row in db.execute(sql, params)
    ]


def _add_marks(db, session, items: list[TriageItem]) -> None:
    for subject in ("record", "network"):
        ids = [it.id for it in items if it.subject == subject]
        marks = sessions.marks_of(db, session, subject, ids)
        for it in items:
            if it.subject == subject:
                it.seen = "seen" in marks[it.id] or "reviewed" in marks[it.id]
                it.reviewed = "reviewed" in marks[it.id]


def _indicator(filters: TriageFilters, subject: str, alias: str) -> tuple[str, list[Any]]:
    """Only subjects on which the chosen indicator fired."""
    if not filters.indicator:
        return "", []
    return (
        " AND EXISTS (SELECT 1 FROM hits h WHERE h.subject = ? "
        f"AND h.subject_id = {alias}.id AND h.code = ?)",
        [subject, filters.indicator],
    )
