"""What exports, the CLI's reports (stats, explain, networks) and the evaluation read. (SQLite)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linkboard.model import Breakdown
from linkboard.store.base import BadQuery, StoreBusy
from linkboard.store.fts5 import match
from linkboard.store.query_hints import hint
from linkboard.store.reports import Indicator, RecordState

if TYPE_CHECKING:
    from linkboard.store.sqlite import Connection

_STATE_COLUMNS = (
    "id, kind, source, locator, url, posted_at, ingested_at, sha256, processed_version, risk, "
    "record_risk, possible_minor, city, network_id"
)
#: Ids per statement, well under SQLite's limit on bound parameters (the record export's batch).
_CHUNK = 1000


def _state(row: sqlite3.Row) -> RecordState:
    return RecordState(
        id=row["id"],
        kind=row["kind"],
        source=row["source"],
        locator=row["locator"],
        url=row["url"],
        posted_at=row["posted_at"],
        ingested_at=row["ingested_at"],
        sha256=row["sha256"],
        processed_version=row["processed_version"],
        risk=row["risk"],
        record_risk=row["record_risk"],
        possible_minor=bool(row["possible_minor"]),
        city=row["city"],
        network_id=row["network_id"],
    )


class ReportsSQL:
    """Mixed into :class:`linkboard.store.sqlite.SQLiteStore`."""

    db: Connection
    path: Path

    if TYPE_CHECKING:

        def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor: ...

    def record_states(self, record_ids: Iterable[str]) -> dict[str, RecordState]:
        """Record id → its provenance and what the pipeline made of it, for the ids that exist
        (in the order asked)."""
        ids = list(record_ids)
        found: dict[str, RecordState] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self.execute(
                f"SELECT {_STATE_COLUMNS} FROM records WHERE id IN ({marks})", chunk
            )
            found.update((row["id"], _state(row)) for row in rows)
        return {rid: found[rid] for rid in ids if rid in found}

    def record_breakdown(self, record_id: str) -> Breakdown | None:
        """The record's risk breakdown (bias, contributions), or None when not scored yet."""
        row = self.execute("SELECT breakdown FROM records WHERE id = ?", (record_id,)).fetchone()
        if row is None or row["breakdown"] in (None, "", "null"):
            return None
        return Breakdown.from_json(row["breakdown"])

    def record_indicators(self, record_ids: Sequence[str]) -> dict[str, list[Indicator]]:
        """Record id → the indicators that fired on it (code and evidence), heaviest first."""
        out: dict[str, list[Indicator]] = {rid: [] for rid in record_ids}
        for i in range(0, len(record_ids), _CHUNK):
            chunk = list(record_ids[i : i + _CHUNK])
            marks = ",".join("?" * len(chunk))
            rows = self.execute(
                f"SELECT subject_id, code, evidence FROM hits WHERE subject = 'record' "
                f"AND subject_id IN ({marks}) ORDER BY weight DESC",
                chunk,
            )
            for row in rows:
                out[row["subject_id"]].append(Indicator(row["code"], row["evidence"]))
        return out

    def search_record_ids(self, query: str, limit: int = 10_000) -> list[str]:
        """Ids of the records a full-text search finds, best match first; BadQuery (a hint for
        the analyst) when the search cannot be read."""
        rendered = match(query)
        try:
            rows = self.db.execute(
                "SELECT r.id FROM records_fts JOIN records r ON r.rowid = records_fts.rowid "
                "WHERE records_fts MATCH ? ORDER BY rank LIMIT ?",
                (rendered, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            from linkboard.store.sqlite import is_busy

            if is_busy(exc):
                raise StoreBusy(f"database {self.path} is locked by another process") from exc
            raise BadQuery(hint(query)) from exc
        return [row[0] for row in rows]

    # -- the whole corpus, for scoring it against a ground truth ---------------------------------

    def mention_values(self, kinds: Sequence[str]) -> list[tuple[str, str, str]]:
        """(record id, kind, value) of every mention of KINDS."""
        marks = ",".join("?" * len(kinds))
        rows = self.execute(
            f"SELECT record_id, kind, value FROM mentions WHERE kind IN ({marks})", kinds
        )
        return [(row[0], row[1], row[2]) for row in rows]

    def record_cities(self) -> list[tuple[str, str]]:
        """(record id, city) of every record placed in a city."""
        rows = self.execute("SELECT id, city FROM records WHERE city IS NOT NULL")
        return [(row[0], row[1]) for row in rows]

    def record_networks(self) -> list[tuple[str, str | None]]:
        """(record id, network id or None) of every record."""
        return [(row[0], row[1]) for row in self.execute("SELECT id, network_id FROM records")]

    def record_risks(self) -> list[tuple[str, float | None, float | None]]:
        """(record id, risk, the record's own risk before its network lifted it) of every
        record."""
        rows = self.execute("SELECT id, risk, record_risk FROM records")
        return [(row[0], row[1], row[2]) for row in rows]
