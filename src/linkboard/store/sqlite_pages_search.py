"""Search (SQLite): full text through FTS5 ``MATCH`` over titles and bodies, identifiers through
the mentions' and images' indexes; totals and facets over a LIMITed set of rowids, so a query
that matches half a million records costs what one that matches fifty does."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from linkboard.store.base import BadQuery, StoreBusy
from linkboard.store.fts5 import match
from linkboard.store.page_filters import SearchFilters
from linkboard.store.page_rows import Found
from linkboard.store.pages import SearchTimeout
from linkboard.store.query_hints import hint
from linkboard.values import Identifier

if TYPE_CHECKING:
    from linkboard.store.sqlite import Connection

_SELECT = "r.id, r.title, r.city, r.site, r.posted_at, r.risk, r.possible_minor, r.network_id"
Query = str | tuple[Identifier, ...]


def _filters_sql(filters: SearchFilters) -> tuple[str, list[Any]]:
    sql, params = "", []
    if filters.date_from:
        sql += " AND r.posted_at >= ?"
        params.append(filters.date_from)
    if filters.date_to:
        sql += " AND r.posted_at < date(?, '+1 day')"
        params.append(filters.date_to)
    for column, value in (("city", filters.city), ("site", filters.site),
                          ("network_id", filters.network)):  # fmt: skip
        if value:
            sql += f" AND r.{column} = ?"
            params.append(value)
    if filters.indicator:
        sql += (
            " AND EXISTS (SELECT 1 FROM hits h WHERE h.subject = 'record' "
            "AND h.subject_id = r.id AND h.code = ?)"
        )
        params.append(filters.indicator)
    return sql, params


def _holding_sql(identifiers: tuple[Identifier, ...]) -> tuple[str, list[str]]:
    """A subquery for the ids of the records holding any of IDENTIFIERS (indexed)."""
    parts, args = [], []
    for kind, value in ((i.kind, i.value) for i in identifiers):
        if kind == "image":
            parts.append("SELECT record_id FROM images WHERE sha256 = ? UNION "
                         "SELECT record_id FROM images WHERE pdq = ?")  # fmt: skip
            args += [value, value]
        else:
            parts.append("SELECT record_id FROM mentions WHERE kind = ? AND value = ?")
            args += [kind, value]
    if len(parts) == 1:
        parts[0] = parts[0].replace("SELECT record_id", "SELECT DISTINCT record_id", 1)
    return " UNION ".join(parts), args


def _base(query: Query, filters: SearchFilters) -> tuple[str, list[Any]]:
    """The FROM ... WHERE of a search, and its parameters."""
    where, params = _filters_sql(filters)
    if isinstance(query, str):
        base = (
            "FROM records_fts f JOIN records r ON r.rowid = f.rowid "
            f"WHERE records_fts MATCH ?{where}"
        )
        return base, [match(query), *params]
    match_sql, match_args = _holding_sql(query)
    return f"FROM records r WHERE r.id IN ({match_sql}){where}", [*match_args, *params]


def _found(row: sqlite3.Row) -> Found:
    return Found(
        id=row["id"], title=row["title"], city=row["city"], site=row["site"],
        posted_at=row["posted_at"], risk=row["risk"], possible_minor=bool(row["possible_minor"]),
        network_id=row["network_id"], snippet=row["snip"] or "",
    )  # fmt: skip


class SearchSQL:
    db: Connection

    @contextmanager
    def _searching(self, query: Query, seconds: float | None = None) -> Iterator[None]:
        """Run a search's statements, stopped after SECONDS (SearchTimeout); a text query FTS5
        still cannot read is a BadQuery with a plain hint."""
        if seconds is not None:
            deadline = time.monotonic() + seconds
            self.db.set_progress_handler(lambda: int(time.monotonic() > deadline), 20_000)
        try:
            yield
        except sqlite3.OperationalError as exc:
            message = str(exc)
            if "locked" in message or "busy" in message:
                raise StoreBusy(message) from exc
            if "interrupted" in message:
                raise SearchTimeout(f"stopped after {seconds} s") from exc
            raise BadQuery(hint(query) if isinstance(query, str) else message) from exc
        finally:
            if seconds is not None:
                self.db.set_progress_handler(None, 0)

    def search_text(self, query: str, filters: SearchFilters, offset: int, limit: int,
                    seconds: float) -> list[Found]:  # fmt: skip
        """Records whose title or body match QUERY (the language of ``store/query.py``), newest
        stored first; BadQuery (with a hint) if it cannot be read."""
        base, args = _base(query, filters)
        with self._searching(query, seconds):
            rows = self.db.execute(
                f"SELECT {_SELECT}, snippet(records_fts, -1, char(2), char(3), '…', 16) AS snip "
                f"{base} ORDER BY f.rowid DESC LIMIT ? OFFSET ?",
                [*args, limit, offset],
            ).fetchall()
        return [_found(row) for row in rows]

    def search_identifiers(self, identifiers: tuple[Identifier, ...], filters: SearchFilters,
                           offset: int, limit: int) -> list[Found]:  # fmt: skip
        """Records holding any of IDENTIFIERS, newest posted first."""
        base, args = _base(identifiers, filters)
        with self._searching(identifiers):
            rows = self.db.execute(
                f"SELECT {_SELECT}, substr(r.body, 1, 200) AS snip {base} "
                "ORDER BY r.posted_at DESC, r.id LIMIT ? OFFSET ?",
                [*args, limit, offset],
            ).fetchall()
        return [_found(row) for row in rows]

    def count_found(self, query: Query, filters: SearchFilters, cap: int,
                    seconds: float) -> int:  # fmt: skip
        """How many records a search finds, counted up to CAP."""
        base, args = _base(query, filters)
        with self._searching(query, seconds):
            sql = f"SELECT count(*) FROM (SELECT 1 {base} LIMIT {int(cap)})"
            return int(self.db.execute(sql, args).fetchone()[0])

    def facet_counts(self, query: Query, filters: SearchFilters, over: int,
                     seconds: float) -> dict[str, dict[str, int]]:  # fmt: skip
        """Counts by city, site, network and indicator over the first OVER records found."""
        base, args = _base(query, filters)
        order = " ORDER BY f.rowid DESC" if isinstance(query, str) else ""
        with self._searching(query, seconds):
            ids_sql = f"SELECT r.rowid {base}{order} LIMIT {int(over)}"
            rowids = [r[0] for r in self.db.execute(ids_sql, args)]
            counts: dict[str, dict[str, int]] = {
                k: {} for k in ("city", "site", "network", "indicator")
            }
            if rowids:
                self._count_facets(rowids, counts)
        return counts

    def _count_facets(self, rowids: list[int], counts: dict[str, dict[str, int]]) -> None:
        rows = self.db.execute(
            f"SELECT r.city, r.site, r.network_id, "
            f"(SELECT group_concat(DISTINCT h.code) FROM hits h WHERE h.subject = 'record' "
            f"AND h.subject_id = r.id) FROM records r WHERE r.rowid IN "
            f"({','.join('?' * len(rowids))})",
            rowids,
        )
        for city, site, network, codes in rows:
            for name, value in (("city", city), ("site", site), ("network", network)):
                if value:
                    counts[name][value] = counts[name].get(value, 0) + 1
            for code in (codes or "").split(","):
                if code:
                    counts["indicator"][code] = counts["indicator"].get(code, 0) + 1

    def records_holding(self, identifiers: tuple[Identifier, ...], limit: int) -> list[str]:
        """Ids of up to LIMIT records holding any of IDENTIFIERS."""
        match_sql, args = _holding_sql(identifiers)
        with self._searching(identifiers):
            return [r[0] for r in self.db.execute(f"{match_sql} LIMIT {int(limit)}", args)]
