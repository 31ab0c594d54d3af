"""Search: full text over titles and bodies (FTS5), and identifiers however they are typed.

Results are paged with LIMIT; the total is counted up to ``COUNT_CAP`` and the facets over the
first ``FACET_OVER`` results, so a query that matches half a million ads costs what one that
matches fifty does.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from linkboard.store.query_hints import hint
from linkboard.values import Typed, from_typed
from linkboard.web.schemas import BulkResult, BulkRow, FacetValue, SearchHit, SearchPage
from linkboard.web.triage import FilterError, _is_day

PAGE_SIZE = 25
MAX_PAGE = 200
COUNT_CAP = 1000
FACET_OVER = 500
FACET_TOP = 10
MODES = ("auto", "text", "identifier")
SYNTAX_HELP = (
    'Write words, "quoted phrases" or prefix* terms; AND, OR, NOT and NEAR() combine them. '
    "Quote anything with punctuation."
)

_SELECT = "r.id, r.title, r.city, r.site, r.posted_at, r.risk, r.possible_minor, r.network_id"


#: Seconds a text query may run: the page, then the total count and the facets (best effort).
PAGE_BUDGET = 2.0
EXTRAS_BUDGET = 0.3
TOO_BROAD = (
    "This search matches too much to answer quickly: add a word, quote a phrase, or set a "
    "date range."
)


@contextmanager
def time_limit(db: sqlite3.Connection, seconds: float) -> Iterator[None]:
    """Interrupt any query on ``db`` that runs past ``seconds`` (sqlite3 OperationalError
    'interrupted'), so one broad FTS query cannot hold a worker for minutes."""
    deadline = time.monotonic() + seconds
    db.set_progress_handler(lambda: int(time.monotonic() > deadline), 20_000)
    try:
        yield
    finally:
        db.set_progress_handler(None, 0)


def _interrupted(exc: sqlite3.OperationalError) -> bool:
    return "interrupted" in str(exc)


class SearchError(ValueError):
    """A query the search cannot run, said in the analyst's words."""


@dataclass
class SearchFilters:
    date_from: str = ""
    date_to: str = ""
    city: str = ""
    site: str = ""
    network: str = ""
    indicator: str = ""

    def check(self) -> None:
        for value in (self.date_from, self.date_to):
            if value and not _is_day(value):
                raise FilterError(f"dates are YYYY-MM-DD, not {value!r}")

    def sql(self) -> tuple[str, list[Any]]:
        sql, params = "", []
        if self.date_from:
            sql += " AND r.posted_at >= ?"
            params.append(self.date_from)
        if self.date_to:
            sql += " AND r.posted_at < date(?, '+1 day')"
            params.append(self.date_to)
        for column, value in (
            ("city", self.city),
            ("site", self.site),
            ("network_id", self.network),
        ):
            if value:
                sql += f" AND r.{column} = ?"
                params.append(value)
        if self.indicator:
            sql += (
                " AND EXISTS (SELECT 1 FROM hits h WHERE h.subject = 'record' "
                "AND h.subject_id = r.id AND h.code = ?)"
            )
            params.append(self.indicator)
        return sql, params


def search(
    db: sqlite3.Connection,
    query: str,
    *,
    mode: str = "auto",
    filters: SearchFilters | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> SearchPage:
    """Run ``query`` as text or as an identifier (``auto``: an identifier if it reads as one)."""
    filters = filters or SearchFilters()
    query = query.strip()
    if mode not in MODES:
        raise SearchError(f"mode must be one of {', '.join(MODES)}")
    filters.check()
    page = max(1, min(page, MAX_PAGE))
    if not query:
        return SearchPage(query="", mode="text" if mode == "auto" else mode, page=page)
    ident = from_typed(query) if mode != "text" else None
    if mode == "identifier" and ident is None:
        return SearchPage(
            query=query, mode="identifier", page=page,
            error=f"{query!r} is not a phone, email, @handle, $cashtag or kind:value identifier.",
        )  # fmt: skip
    if ident is not None:
        return _identifier_page(db, query, ident, filters, page, page_size)
    try:
        return _text_page(db, query, filters, page, page_size)
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if "locked" in message or "busy" in message:
            raise
        if _interrupted(exc):
            return SearchPage(query=query, mode="text", page=page, error=TOO_BROAD)
        return SearchPage(
            query=query, mode="text", page=page,
            error=f"The search could not read that query: {hint(query)} {SYNTAX_HELP}",
        )  # fmt: skip


def _text_page(
    db: sqlite3.Connection, query: str, filters: SearchFilters, page: int, size: int
) -> SearchPage:
    where, params = filters.sql()
    base = (
        f"FROM records_fts f JOIN records r ON r.rowid = f.rowid WHERE records_fts MATCH ?{where}"
    )
    args = [query, *params]
    with time_limit(db, PAGE_BUDGET):
        rows = db.execute(
            f"SELECT {_SELECT}, snippet(records_fts, -1, char(2), char(3), '…', 16) AS snip "
            f"{base} ORDER BY f.rowid DESC LIMIT ? OFFSET ?",
            [*args, size + 1, (page - 1) * size],
        ).fetchall()
    ids_sql = f"SELECT r.rowid {base} ORDER BY f.rowid DESC LIMIT {FACET_OVER}"
    return _with_extras(
        db, SearchPage(
            query=query, mode="text", page=page, has_more=len(rows) > size,
            results=[_hit(row, row["snip"]) for row in rows[:size]],
        ), base, args, ids_sql,
    )  # fmt: skip


def _with_extras(
    db: sqlite3.Connection, page: SearchPage, base: str, args: list[Any], ids_sql: str
) -> SearchPage:
    """Add the (capped) total and the facets, each only if it comes within its time budget."""
    shown = (page.page - 1) * PAGE_SIZE + len(page.results)
    try:
        with time_limit(db, EXTRAS_BUDGET):
            total = db.execute(
                f"SELECT count(*) FROM (SELECT 1 {base} LIMIT {COUNT_CAP + 1})", args
            ).fetchone()[0]
        page.total, page.total_capped = min(total, COUNT_CAP), total > COUNT_CAP
    except sqlite3.OperationalError as exc:
        if not _interrupted(exc):
            raise
        page.total, page.total_capped = shown, True
    try:
        with time_limit(db, EXTRAS_BUDGET):
            page.facets, page.facets_over = facets(db, ids_sql, args), FACET_OVER
    except sqlite3.OperationalError as exc:
        if not _interrupted(exc):
            raise
    return page


def _identifier_page(
    db: sqlite3.Connection,
    query: str,
    ident: Typed,
    filters: SearchFilters,
    page: int,
    size: int,
) -> SearchPage:
    where, params = filters.sql()
    match_sql, match_args = matching_ids_sql(ident)
    base = f"FROM records r WHERE r.id IN ({match_sql}){where}"
    args = [*match_args, *params]
    rows = db.execute(
        f"SELECT {_SELECT}, substr(r.body, 1, 200) AS snip {base} "
        "ORDER BY r.posted_at DESC, r.id LIMIT ? OFFSET ?",
        [*args, size + 1, (page - 1) * size],
    ).fetchall()
    ids_sql = f"SELECT r.rowid {base} LIMIT {FACET_OVER}"
    labels = [str(i) for i in ident.identifiers]
    return _with_extras(
        db, SearchPage(
            query=query, mode="identifier", identifiers=[ident.label], page=page,
            has_more=len(rows) > size,
            results=[_hit(row, row["snip"], matched=labels) for row in rows[:size]],
        ), base, args, ids_sql,
    )  # fmt: skip


def matching_ids_sql(ident: Typed) -> tuple[str, list[str]]:
    """A subquery for the ids of the records holding any of ``ident``'s values (indexed)."""
    parts, args = [], []
    for kind, value in ((i.kind, i.value) for i in ident.identifiers):
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


def _hit(row: sqlite3.Row, snippet: str, matched: list[str] | None = None) -> SearchHit:
    return SearchHit(
        id=row["id"], title=row["title"] or row["id"], snippet=snippet or "",
        city=row["city"] or "", site=row["site"], posted_at=row["posted_at"], risk=row["risk"],
        possible_minor=bool(row["possible_minor"]), network_id=row["network_id"],
        matched=matched or [],
    )  # fmt: skip


def facets(db: sqlite3.Connection, ids_sql: str, args: list[Any]) -> dict[str, list[FacetValue]]:
    """Counts by city, site, network and indicator over the rows of ``ids_sql`` (LIMITed)."""
    rowids = [r[0] for r in db.execute(ids_sql, args)]
    out: dict[str, list[FacetValue]] = {k: [] for k in ("city", "site", "network", "indicator")}
    if not rowids:
        return out
    marks = ",".join("?" * len(rowids))
    counts: dict[str, dict[str, int]] = {k: {} for k in out}
    rows = db.execute(
        f"SELECT r.city, r.site, r.network_id, "
        f"(SELECT group_concat(DISTINCT h.code) FROM hits h WHERE h.subject = 'record' "
        f"AND h.subject_id = r.id) FROM records r WHERE r.rowid IN ({marks})",
        rowids,
    )
    for city, site, network, codes in rows:
        for name, value in (("city", city), ("site", site), ("network", network)):
            if value:
                counts[name][value] = counts[name].get(value, 0) + 1
        for code in (codes or "").split(","):
            if code:
                counts["indicator"][code] = counts["indicator"].get(code, 0) + 1
    for name, values in counts.items():
        top = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_TOP]
        out[name] = [FacetValue(value=v, count=c) for v, c in top]
    return out


def parse_list(text: str, limit: int = 1000) -> list[str]:
    """Identifiers pasted or uploaded one per line (or separated by commas, semicolons, tabs)."""
    items = (part.strip() for part in re.split(r"[\n\r\t,;]+", text))
    return list(dict.fromkeys(item for item in items if item))[:limit]


def bulk(db: sqlite3.Connection, text: str, *, per_identifier: int = 20) -> BulkResult:
    """Each pasted or uploaded identifier, normalised, with how many records hold it."""
    rows = []
    for typed in parse_list(text):
        ident = from_typed(typed)
        if ident is None:
            rows.append(BulkRow(input=typed, identifier=None, records=0, record_ids=[],
                                error="not an identifier"))  # fmt: skip
            continue
        match_sql, args = matching_ids_sql(ident)
        ids = [r[0] for r in db.execute(f"{match_sql} LIMIT {COUNT_CAP + 1}", args)]
        rows.append(BulkRow(input=typed, identifier=ident.label, records=len(ids),
                            record_ids=sorted(ids)[:per_identifier]))  # fmt: skip
    return BulkResult(rows=rows)
