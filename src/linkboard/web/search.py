"""Search: full text over titles and bodies, and identifiers however they are typed.

Results are paged; the total is counted up to ``COUNT_CAP`` and the facets over the
first ``FACET_OVER`` results, so a query that matches half a million ads costs what one that
matches fifty does.
"""

from __future__ import annotations

import re

from linkboard.store.base import BadQuery
from linkboard.store.page_filters import SearchFilters
from linkboard.store.page_rows import Found
from linkboard.store.pages import PageQueries, SearchTimeout
from linkboard.values import Identifier, Typed, from_typed
from linkboard.web.schemas import BulkResult, BulkRow, FacetValue, SearchHit, SearchPage

__all__ = ["MODES", "SYNTAX_HELP", "SearchError", "SearchFilters", "bulk", "search"]

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

#: Seconds a text query may run: the page, then the total count and the facets (best effort).
PAGE_BUDGET = 2.0
EXTRAS_BUDGET = 0.3
TOO_BROAD = (
    "This search matches too much to answer quickly: add a word, quote a phrase, or set a "
    "date range."
)


class SearchError(ValueError):
    """A query the search cannot run, said in the analyst's words."""


def search(
    store: PageQueries,
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
        return _identifier_page(store, query, ident, filters, page, page_size)
    try:
        return _text_page(store, query, filters, page, page_size)
    except SearchTimeout:
        return SearchPage(query=query, mode="text", page=page, error=TOO_BROAD)
    except BadQuery as exc:
        return SearchPage(
            query=query, mode="text", page=page,
            error=f"The search could not read that query: {exc} {SYNTAX_HELP}",
        )  # fmt: skip


def _text_page(
    store: PageQueries, query: str, filters: SearchFilters, page: int, size: int
) -> SearchPage:
    found = store.search_text(query, filters, (page - 1) * size, size + 1, PAGE_BUDGET)
    return _with_extras(
        store, SearchPage(
            query=query, mode="text", page=page, has_more=len(found) > size,
            results=[_hit(row) for row in found[:size]],
        ), query, filters,
    )  # fmt: skip


def _with_extras(
    store: PageQueries,
    page: SearchPage,
    query: str | tuple[Identifier, ...],
    filters: SearchFilters,
) -> SearchPage:
    """Add the (capped) total and the facets, each only if it comes within its time budget."""
    shown = (page.page - 1) * PAGE_SIZE + len(page.results)
    try:
        total = store.count_found(query, filters, COUNT_CAP + 1, EXTRAS_BUDGET)
        page.total, page.total_capped = min(total, COUNT_CAP), total > COUNT_CAP
    except SearchTimeout:
        page.total, page.total_capped = shown, True
    try:
        counts = store.facet_counts(query, filters, FACET_OVER, EXTRAS_BUDGET)
        page.facets, page.facets_over = _facets(counts), FACET_OVER
    except SearchTimeout:
        pass
    return page


def _identifier_page(
    store: PageQueries, query: str, ident: Typed, filters: SearchFilters, page: int, size: int
) -> SearchPage:
    found = store.search_identifiers(ident.identifiers, filters, (page - 1) * size, size + 1)
    labels = [str(i) for i in ident.identifiers]
    return _with_extras(
        store, SearchPage(
            query=query, mode="identifier", identifiers=[ident.label], page=page,
            has_more=len(found) > size,
            results=[_hit(row, matched=labels) for row in found[:size]],
        ), ident.identifiers, filters,
    )  # fmt: skip


def _hit(row: Found, matched: list[str] | None = None) -> SearchHit:
    return SearchHit(
        id=row.id, title=row.title or row.id, snippet=row.snippet, city=row.city or "",
        site=row.site, posted_at=row.posted_at, risk=row.risk,
        possible_minor=row.possible_minor, network_id=row.network_id, matched=matched or [],
    )  # fmt: skip


def _facets(counts: dict[str, dict[str, int]]) -> dict[str, list[FacetValue]]:
    """The commonest values of each facet (city, site, network, indicator)."""
    out: dict[str, list[FacetValue]] = {}
    for name, values in counts.items():
        top = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_TOP]
        out[name] = [FacetValue(value=v, count=c) for v, c in top]
    return out


def parse_list(text: str, limit: int = 1000) -> list[str]:
    """Identifiers pasted or uploaded one per line (or separated by commas, semicolons, tabs)."""
    items = (part.strip() for part in re.split(r"[\n\r\t,;]+", text))
    return list(dict.fromkeys(item for item in items if item))[:limit]


def bulk(store: PageQueries, text: str, *, per_identifier: int = 20) -> BulkResult:
    """Each pasted or uploaded identifier, normalised, with how many records hold it."""
    rows = []
    for typed in parse_list(text):
        ident = from_typed(typed)
        if ident is None:
            rows.append(BulkRow(input=typed, identifier=None, records=0, record_ids=[],
                                error="not an identifier"))  # fmt: skip
            continue
        ids = store.records_holding(ident.identifiers, COUNT_CAP + 1)
        rows.append(BulkRow(input=typed, identifier=ident.label, records=len(ids),
                            record_ids=sorted(ids)[:per_identifier]))  # fmt: skip
    return BulkResult(rows=rows)
