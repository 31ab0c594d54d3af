"""Every query a page runs uses an index: no full scan of a big table per request.

The read models run against the fixture store with the store's own indexes; every SELECT
they issue is traced and EXPLAINed.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from linkboard.store.sqlite import SQLiteStore
from linkboard.web.graph import graph
from linkboard.web.networks import network_detail
from linkboard.web.records import record_detail
from linkboard.web.search import SearchFilters, bulk, search
from linkboard.web.triage import TriageFilters, queue
from tests.web.store_fixture import Fixture

BIG_TABLES = ("records", "mentions", "hits", "images", "links", "networks")
_FULL_SCAN = re.compile(r"^SCAN (\w+)(?: AS \w+)?$")


@pytest.fixture
def traced(fixture_store: Fixture, tmp_path: Path):
    path = tmp_path / "plans.db"
    shutil.copyfile(fixture_store.path, path)
    store = SQLiteStore(path)
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    yield store, statements
    store.close()


def full_scans(db: sqlite3.Connection, sql: str) -> list[str]:
    db.set_trace_callback(None)
    plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql)]
    aliases = dict(re.findall(r"(?:FROM|JOIN)\s+(\w+)\s+(?:AS\s+)?(\w+)", sql, re.I))
    out = []
    for step in plan:
        m = _FULL_SCAN.match(step.strip())
        if m and (m.group(1) in BIG_TABLES or aliases.get(m.group(1)) in BIG_TABLES
                  or any(aliases.get(t) == m.group(1) for t in BIG_TABLES)):  # fmt: skip
            out.append(step)
    return out


def test_page_queries_never_scan_a_big_table(traced) -> None:
    store, statements = traced
    queue(store, "plans", TriageFilters(), "s")
    queue(store, "plans", TriageFilters(city="Houston, TX, US", band="high"), "s",
          cursor="0:0.9:ad-9")  # fmt: skip
    queue(store, "plans", TriageFilters(indicator="AGE_UNDER_18", unseen=True), "s")
    search(store, "(702) 555-0123")
    search(store, '"new in town"', mode="text", filters=SearchFilters(city="Houston, TX, US"))
    bulk(store, "7025550123\n$cashqueen")
    record_detail(store, "ad-1")
    network_detail(store, "N00000001")
    graph(store, "N00000001")
    selects = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    assert len(selects) > 20
    bad = {sql: scans for sql in selects if (scans := full_scans(store.db, sql))}
    assert not bad, bad


def test_triage_reads_in_index_order(traced) -> None:
    store, statements = traced
    queue(store, "plans", TriageFilters(show="records"), "s", cursor="0:0.5:ad-5")
    sql = next(s for s in statements if "FROM records r" in s)
    plan = " | ".join(row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql))
    assert "records_triage" in plan, plan
    assert "TEMP B-TREE" not in plan, plan
