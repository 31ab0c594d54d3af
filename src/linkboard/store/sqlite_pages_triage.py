"""The triage queue and the filter lists (SQLite): keyset-paginated on (possible_minor, risk,
id), one indexed, LIMITed query per subject and phase; each filter list walks its index."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from linkboard.store.page_filters import BANDS, TriageFilters
from linkboard.store.page_rows import TriageRow

if TYPE_CHECKING:
    import sqlite3

    from linkboard.store.sqlite import Connection

#: (table, column) of each filter list; every column here has an index.
_SOURCES = {
    "city": ("records", "city"),
    "site": ("records", "site"),
    "indicator": ("hits", "code"),
}
_MAX_VALUES = 5000
Where = tuple[str, list[Any]]


def _common(filters: TriageFilters, bound: tuple[float, str] | None, alias: str) -> Where:
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


def _place(filters: TriageFilters, cities: list[str], alias: str) -> Where:
    sql, params = "", []
    if filters.city:
        sql += f" AND {alias}.city = ?"
        params.append(filters.city)
    elif filters.state:
        cities = cities or [""]
        sql += f" AND {alias}.city IN ({','.join('?' * len(cities))})"
        params += cities
    if filters.site:
        sql += f" AND {alias}.site = ?"
        params.append(filters.site)
    if filters.has_photo:
        sql += f" AND {alias}.images != '[]'"
    return sql, params


def _unseen(filters: TriageFilters, session: str, subject: str, alias: str) -> Where:
    if not filters.unseen:
        return "", []
    return (
        " AND NOT EXISTS (SELECT 1 FROM web_marks m WHERE m.session = ? AND m.subject = ? "
        f"AND m.subject_id = {alias}.id)",
        [session, subject],
    )


def _indicator(filters: TriageFilters, subject: str, alias: str) -> Where:
    """Only subjects on which the chosen indicator fired."""
    if not filters.indicator:
        return "", []
    return (
        " AND EXISTS (SELECT 1 FROM hits h WHERE h.subject = ? "
        f"AND h.subject_id = {alias}.id AND h.code = ?)",
        [subject, filters.indicator],
    )


def _joined(parts: list[Where]) -> Where:
    sql, params = "", []
    for part, more in parts:
        sql += part
        params += more
    return sql, params


def _record_row(row: sqlite3.Row) -> TriageRow:
    return TriageRow(
        subject="record", id=row["id"], title=row["title"], risk=row["risk"],
        possible_minor=bool(row["possible_minor"]), breakdown=row["breakdown"],
        stamp=row["ingested_at"], city=row["city"], site=row["site"],
        posted_at=row["posted_at"], network_id=row["network_id"], kind=row["kind"],
    )  # fmt: skip


def network_row(row: sqlite3.Row, stamp: str | None = None) -> TriageRow:
    return TriageRow(
        subject="network", id=row["id"], title=row["name"], risk=row["risk"],
        possible_minor=bool(row["possible_minor"]), breakdown=row["breakdown"], stamp=stamp,
        posted_at=row["last_seen"], network_id=row["id"], size=row["size"],
    )  # fmt: skip


class TriageSQL:
    db: Connection

    def filter_values(self, name: str) -> list[str]:
        """The values of the filter list NAME (city, site, indicator): the distinct non-empty
        values of an indexed column, in order, one seek per value (a recursive "skip scan")."""
        table, column = _SOURCES[name]
        sql = (
            f"WITH RECURSIVE v(x, n) AS ("
            f" SELECT min({column}), 1 FROM {table} WHERE {column} > ''"
            f" UNION ALL SELECT (SELECT min({column}) FROM {table} WHERE {column} > v.x), n + 1"
            f" FROM v WHERE v.x IS NOT NULL AND n < {_MAX_VALUES})"
            f" SELECT x FROM v WHERE x IS NOT NULL"
        )
        return [row[0] for row in self.db.execute(sql)]

    def triage_records(self, filters: TriageFilters, cities: list[str], session: str,
                       minor: int, bound: tuple[float, str] | None, limit: int,
                       ) -> list[TriageRow]:  # fmt: skip
        """One phase (possible minors or not) of the records in the queue, riskiest first."""
        dates: list[Where] = []
        if filters.date_from:
            dates.append((" AND r.posted_at >= ?", [filters.date_from]))
        if filters.date_to:
            dates.append((" AND r.posted_at < date(?, '+1 day')", [filters.date_to]))
        where, params = _joined([
            _common(filters, bound, "r"), _place(filters, cities, "r"),
            _unseen(filters, session, "record", "r"), *dates,
            _indicator(filters, "record", "r"),
        ])  # fmt: skip
        sql = (
            "SELECT r.id, r.title, r.risk, r.possible_minor, r.city, r.site, r.posted_at, "
            "r.network_id, r.breakdown, r.ingested_at, r.kind FROM records r "
            f"WHERE r.possible_minor = ? AND r.risk IS NOT NULL{where} "
            "ORDER BY r.risk DESC, r.id DESC LIMIT ?"
        )
        return [_record_row(row) for row in self.db.execute(sql, [minor, *params, limit])]

    def triage_networks(self, filters: TriageFilters, cities: list[str], session: str,
                        minor: int, bound: tuple[float, str] | None, limit: int,
                        ) -> list[TriageRow]:  # fmt: skip
        """One phase of the networks in the queue; a place filter asks for a member there."""
        parts = [_common(filters, bound, "n"), _unseen(filters, session, "network", "n")]
        place, place_params = _place(filters, cities, "r")
        if place:
            parts.append((f" AND EXISTS (SELECT 1 FROM records r WHERE r.network_id = n.id"
                          f"{place})", place_params))  # fmt: skip
        if filters.date_from:
            parts.append((" AND n.last_seen >= ?", [filters.date_from]))
        if filters.date_to:
            parts.append((" AND n.first_seen < date(?, '+1 day')", [filters.date_to]))
        where, params = _joined([*parts, _indicator(filters, "network", "n")])
        sql = (
            "SELECT n.id, n.name, n.size, n.risk, n.possible_minor, n.first_seen, n.last_seen, "
            "n.breakdown, n.updated_at FROM networks n "
            f"WHERE n.possible_minor = ? AND n.risk IS NOT NULL{where} "
            "ORDER BY n.risk DESC, n.id DESC LIMIT ?"
        )
        rows = self.db.execute(sql, [minor, *params, limit])
        return [network_row(row, row["updated_at"]) for row in rows]

    def record_exists(self, record_id: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM records WHERE id = ?", (record_id,)).fetchone()
            is not None
        )

    def network_exists(self, network_id: str) -> bool:
        found = self.db.execute("SELECT 1 FROM networks WHERE id = ?", (network_id,))
        return found.fetchone() is not None
