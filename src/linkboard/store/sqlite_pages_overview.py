"""The overview's reads (SQLite): what came in over a window of days ending at the newest post
(one pass through the ``posted_at`` index), the totals, and the networks first seen in it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from linkboard.store.page_rows import DayActivity, TriageRow
from linkboard.store.sqlite_pages_triage import network_row

if TYPE_CHECKING:
    from linkboard.store.pages import NetworkOrder
    from linkboard.store.sqlite import Connection

_ORDERS = {
    "biggest": "size DESC, risk DESC",
    "riskiest": "possible_minor DESC, risk DESC, size DESC",
}


class OverviewSQL:
    db: Connection

    def prepare_for_pages(self) -> None:
        """Tune this connection for serving pages: sorts and temporary tables in memory."""
        self.db.execute("PRAGMA temp_store=MEMORY")

    def newest_post(self) -> str | None:
        value = self.db.execute("SELECT max(posted_at) FROM records").fetchone()[0]
        return str(value) if value is not None else None

    def activity_since(self, start: str) -> list[DayActivity]:
        """Records posted on or after START, counted by posting day, ingestion day, source,
        site and city."""
        rows = self.db.execute(
            "SELECT substr(posted_at, 1, 10), substr(ingested_at, 1, 10), source, site, city, "
            "count(*) FROM records WHERE posted_at >= ? GROUP BY 1, 2, 3, 4, 5",
            (start,),
        )
        return [DayActivity(*row) for row in rows]

    def count_records(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM records").fetchone()[0])

    def count_networks(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM networks").fetchone()[0])

    def new_networks(self, start: str, order: NetworkOrder, limit: int) -> list[TriageRow]:
        """Scored networks first seen on or after START, the biggest or the riskiest first."""
        rows = self.db.execute(
            "SELECT id, name, size, risk, possible_minor, last_seen, breakdown FROM networks "
            f"WHERE first_seen >= ? AND risk IS NOT NULL ORDER BY {_ORDERS[order]} LIMIT ?",
            (start, limit),
        )
        return [network_row(row) for row in rows]
