"""Records: adding them, reading them, and what is pending for each stage (SQLite)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from linkboard import PIPELINE_VERSION
from linkboard.model import Quarantined, Record
from linkboard.store.base import IngestCounts
from linkboard.store.sqlite_rows import (
    RECORD_COLUMNS,
    UNLINKED,
    chunks,
    dump,
    now,
    record_from_row,
)

if TYPE_CHECKING:
    from linkboard.store.sqlite_connection import Connection


INSERT_RECORD = f"INSERT INTO records ({RECORD_COLUMNS}) VALUES ({', '.join(['?'] * 16)})"


def record_values(rec: Record) -> tuple[Any, ...]:
    """A record's row, in RECORD_COLUMNS' order."""
    p = rec.provenance
    return (rec.id, rec.kind, p.source, p.locator, p.ingested_at, p.sha256, rec.raw, rec.title,
            rec.body, rec.url, rec.site, rec.posted_at, rec.location, dump(list(rec.images)),
            rec.region, dump(rec.extra))  # fmt: skip


class RecordsSQL:
    """Mixed into :class:`linkboard.store.sqlite.SQLiteStore`."""

    db: Connection

    if TYPE_CHECKING:

        def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor: ...

    def add_records(self, records: Iterable[Record]) -> IngestCounts:
        """Insert new records; an id seen before with other content is an update (history kept)."""
        counts = IngestCounts()
        with self.db:
            for rec in records:
                old = self.db.execute(
                    "SELECT sha256, raw, source, locator, ingested_at FROM records WHERE id = ?",
                    (rec.id,),
                ).fetchone()
                if old is not None and old["sha256"] == rec.provenance.sha256:
                    counts.unchanged += 1
                    continue
                if old is not None:
                    self.db.execute(
                        "INSERT INTO record_history VALUES (?, ?, ?, ?, ?, ?)",
                        (rec.id, *old),
                    )
                    self.db.execute("DELETE FROM records WHERE id = ?", (rec.id,))
                    counts.updated += 1
                else:
                    counts.added += 1
                self.db.execute(INSERT_RECORD, record_values(rec))
        return counts

    def add_quarantine(self, items: Iterable[Quarantined]) -> int:
        """Record bad inputs; the same (source, locator, reason) is kept once. Returns new ones."""
        with self.db:
            before = self.db.total_changes
            self.db.executemany(
                "INSERT OR IGNORE INTO quarantine (source, locator, reason, sample, at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(q.source, q.locator, q.reason, q.sample[:500], now()) for q in items],
            )
            return self.db.total_changes - before

    def quarantined(self, limit: int = 1000) -> list[Quarantined]:
        rows = self.execute(
            "SELECT source, locator, reason, sample FROM quarantine ORDER BY id LIMIT ?", (limit,)
        )
        return [Quarantined(*row) for row in rows]

    def record(self, record_id: str) -> Record | None:
        row = self.execute(
            f"SELECT {RECORD_COLUMNS} FROM records WHERE id = ?", (record_id,)
        ).fetchone()
        return record_from_row(row) if row else None

    def records(self, ids: Iterable[str]) -> list[Record]:
        out = []
        for chunk in chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            rows = self.execute(
                f"SELECT {RECORD_COLUMNS} FROM records WHERE id IN ({marks})", chunk
            )
            out += [record_from_row(r) for r in rows]
        return out

    def record_row(self, record_id: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.execute(
            "SELECT * FROM records WHERE id = ?", (record_id,)
        ).fetchone()
        return row

    def pending(self, batch: int = 1000) -> Iterator[list[Record]]:
        """Batches of records not yet processed by this pipeline version (or changed since)."""
        last = ""
        while True:
            rows = self.execute(
                f"SELECT {RECORD_COLUMNS} FROM records WHERE id > ? AND (processed_sha IS NULL "
                "OR processed_sha != sha256 OR processed_version != ?) ORDER BY id LIMIT ?",
                (last, PIPELINE_VERSION, batch),
            ).fetchall()
            if not rows:
                return
            yield [record_from_row(r) for r in rows]
            last = rows[-1]["id"]

    def count_pending(self) -> int:
        return int(
            self.execute(
                "SELECT count(*) FROM records WHERE processed_sha IS NULL "
                "OR processed_sha != sha256 "
                "OR processed_version != ?",
                (PIPELINE_VERSION,),
            ).fetchone()[0]
        )

    def unlinked(self) -> list[str]:
        """Ids of the records whose record stage is done but whose linking is not (new, changed,
        or left by a link stage that crashed or failed)."""
        return [r[0] for r in self.execute(f"SELECT id FROM records WHERE {UNLINKED} ORDER BY id")]

    def count_unlinked(self) -> int:
        return int(self.execute(f"SELECT count(*) FROM records WHERE {UNLINKED}").fetchone()[0])

    def mark_linked(self, ids: Iterable[str]) -> None:
        """Note that the link stage is done for IDS: call it in the transaction that saves the
        links and networks, so that the mark and the results are written together or not at all."""
        with self.db:
            self.db.executemany(
                "UPDATE records SET linked_sha = processed_sha, linked_version = processed_version "
                "WHERE id = ?",
                [(i,) for i in ids],
            )

    def all_record_ids(self) -> list[str]:
        return [r[0] for r in self.execute("SELECT id FROM records ORDER BY id")]
