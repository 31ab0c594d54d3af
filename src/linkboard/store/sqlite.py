"""The embedded store: one SQLite file in WAL mode, with FTS5 over the records' text."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from linkboard import PIPELINE_VERSION
from linkboard.model import (
    Hit,
    ImageFact,
    Link,
    Mention,
    Provenance,
    Quarantined,
    Record,
    RecordFacts,
)
from linkboard.store.base import IngestCounts, StoreError
from linkboard.store.schema import MIGRATIONS

RECORD_COLUMNS = (
    "id, kind, source, locator, ingested_at, sha256, raw, title, body, url, site, posted_at, "
    "location, images, region, extra"
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def record_from_row(row: sqlite3.Row) -> Record:
    return Record(
        id=row["id"],
        kind=row["kind"],
        raw=row["raw"],
        provenance=Provenance(row["source"], row["locator"], row["ingested_at"], row["sha256"]),
        title=row["title"],
        body=row["body"],
        url=row["url"],
        site=row["site"],
        posted_at=row["posted_at"],
        location=row["location"],
        images=tuple(json.loads(row["images"])),
        region=row["region"],
        extra=json.loads(row["extra"]),
    )


def mention_from_row(row: sqlite3.Row) -> Mention:
    return Mention(
        kind=row["kind"],
        value=row["value"],
        text=row["text"],
        start=row["start"],
        end=row["end"],
        rule=row["rule"],
        field=row["field"],
        data=json.loads(row["data"]),
    )


def hit_from_row(row: sqlite3.Row) -> Hit:
    return Hit(
        code=row["code"],
        level=row["level"],
        weight=row["weight"],
        evidence=row["evidence"],
        field=row["field"],
        start=row["start"],
        end=row["end"],
        detail=json.loads(row["detail"]),
    )


def network_from_row(row: sqlite3.Row) -> dict[str, Any]:
    out = dict(row)
    out["summary"] = json.loads(row["summary"] or "{}")
    out["breakdown"] = json.loads(row["breakdown"]) if row["breakdown"] else None
    return out


class SQLiteStore:
    """linkboard's store on SQLite. One instance per thread or process."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly and not self.path.exists():
            raise StoreError(f"no database at {self.path}")
        try:
            uri = f"file:{self.path}?mode=ro" if readonly else str(self.path)
            self.db = sqlite3.connect(uri, uri=readonly, timeout=5, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            if not readonly:
                self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA cache_size=-65536")
            if not readonly:
                self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc

    # -- schema ---------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        current = self.schema_version
        if current > len(MIGRATIONS):
            raise StoreError(
                f"{self.path} has schema {current}, newer than this linkboard ({len(MIGRATIONS)})"
            )
        for number, sql in enumerate(MIGRATIONS[current:], start=current + 1):
            with self.db:
                self.db.executescript(f"BEGIN; {sql}; PRAGMA user_version = {number}; COMMIT;")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, tuple(params))
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(f"database {self.path} is locked by another process") from exc
            raise

    # -- records --------------------------------------------------------------------------------

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
                p = rec.provenance
                self.db.execute(
                    f"INSERT INTO records ({RECORD_COLUMNS}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        rec.id,
                        rec.kind,
                        p.source,
                        p.locator,
                        p.ingested_at,
                        p.sha256,
                        rec.raw,
                        rec.title,
                        rec.body,
                        rec.url,
                        rec.site,
                        rec.posted_at,
                        rec.location,
                        _dump(list(rec.images)),
                        rec.region,
                        _dump(rec.extra),
                    ),
                )
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
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            rows = self.execute(
                f"SELECT {RECORD_COLUMNS} FROM records WHERE id IN ({marks})", chunk
            )
            out += [record_from_row(r) for r in rows]
        return out

    def record_row(self, record_id: str) -> sqlite3.Row | None:
        return self.execute("SELECT * FROM records WHERE id = ?", (record_id,)).fetchone()

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

    def all_record_ids(self) -> list[str]:
        return [r[0] for r in self.execute("SELECT id FROM records ORDER BY id")]

    # -- record facts ---------------------------------------------------------------------------

    def save_record_facts(self, facts: Iterable[RecordFacts]) -> None:
        """Replace the derived facts of each record and mark it processed at this version."""
        with self.db:
            for f in facts:
                rid = f.record.id
                for table in ("mentions", "images"):
                    self.db.execute(f"DELETE FROM {table} WHERE record_id = ?", (rid,))
                self.db.execute(
                    "DELETE FROM hits WHERE subject = 'record' AND subject_id = ?", (rid,)
                )
                self.db.executemany(
                    "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            rid,
                            m.kind,
                            m.value,
                            m.text,
                            m.field,
                            m.start,
                            m.end,
                            m.rule,
                            _dump(m.data),
                            PIPELINE_VERSION,
                        )
                        for m in f.mentions
                    ],
                )
                self.db.executemany(
                    "INSERT INTO images VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            rid,
                            i.ref,
                            i.sha256,
                            i.pdq,
                            i.quality,
                            i.phash,
                            i.width,
                            i.height,
                            i.error,
                            PIPELINE_VERSION,
                        )
                        for i in f.images
                    ],
                )
                self._insert_hits("record", rid, f.hits)
                self.db.execute(
                    "UPDATE records SET processed_sha = sha256, processed_version = ?, risk = ?, "
                    "record_risk = ?, breakdown = ?, possible_minor = ?, city = ? WHERE id = ?",
                    (
                        PIPELINE_VERSION,
                        f.risk,
                        f.risk,
                        _dump(f.breakdown),
                        int(f.possible_minor),
                        f.city,
                        rid,
                    ),
                )

    def replace_record_score(
        self,
        record_id: str,
        hits: list[Hit],
        risk: float,
        breakdown: dict[str, Any],
        possible_minor: bool,
    ) -> None:
        """New record-level hits and base risk (e.g. once the market's prices are known)."""
        with self.db:
            self.db.execute(
                "DELETE FROM hits WHERE subject = 'record' AND subject_id = ?", (record_id,)
            )
            self._insert_hits("record", record_id, hits)
            self.db.execute(
                "UPDATE records SET risk = ?, record_risk = ?, breakdown = ?, possible_minor = ? "
                "WHERE id = ?",
                (risk, risk, _dump(breakdown), int(possible_minor), record_id),
            )

    def set_record_risk(self, record_id: str, risk: float, breakdown: dict[str, Any]) -> None:
        """The record's risk as lifted by its network (``record_risk`` keeps its own)."""
        with self.db:
            self.db.execute(
                "UPDATE records SET risk = ?, breakdown = ? WHERE id = ?",
                (risk, _dump(breakdown), record_id),
            )

    def save_network_score(
        self,
        network_id: str,
        hits: list[Hit],
        risk: float,
        breakdown: dict[str, Any],
        possible_minor: bool,
    ) -> None:
        with self.db:
            self.db.execute(
                "DELETE FROM hits WHERE subject = 'network' AND subject_id = ?", (network_id,)
            )
            self._insert_hits("network", network_id, hits)
            self.db.execute(
                "UPDATE networks SET risk = ?, breakdown = ?, possible_minor = ? WHERE id = ?",
                (risk, _dump(breakdown), int(possible_minor), network_id),
            )

    def _insert_hits(self, subject: str, subject_id: str, hits: Iterable[Hit]) -> None:
        self.db.executemany(
            "INSERT INTO hits VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    subject,
                    subject_id,
                    h.code,
                    h.level,
                    h.weight,
                    h.evidence,
                    h.field,
                    h.start,
                    h.end,
                    _dump(h.detail),
                    PIPELINE_VERSION,
                )
                for h in hits
            ],
        )

    def mentions(self, record_id: str) -> list[Mention]:
        rows = self.execute(
            "SELECT * FROM mentions WHERE record_id = ? ORDER BY field, start", (record_id,)
        )
        return [mention_from_row(r) for r in rows]

    def mentions_of(
        self, record_ids: list[str], kinds: Iterable[str] | None = None
    ) -> dict[str, list[Mention]]:
        out: dict[str, list[Mention]] = {rid: [] for rid in record_ids}
        kind_sql = ""
        kinds = list(kinds or ())
        if kinds:
            kind_sql = f" AND kind IN ({','.join('?' * len(kinds))})"
        cursor = self.db.cursor()
        cursor.row_factory = None  # plain tuples: this reads millions of rows when linking
        loads = json.loads
        for chunk in _chunks(record_ids, 500):
            marks = ",".join("?" * len(chunk))
            rows = cursor.execute(
                'SELECT record_id, kind, value, text, start, "end", rule, field, data FROM '
                f"mentions WHERE record_id IN ({marks}){kind_sql}",
                [*chunk, *kinds],
            )
            for rid, kind, value, text, start, end, rule, field, data in rows:
                out[rid].append(
                    Mention(
                        kind,
                        value,
                        text,
                        start,
                        end,
                        rule,
                        field,
                        {} if data == "{}" else loads(data),
                    )
                )
        return out

    def images(self, record_id: str) -> list[ImageFact]:
        rows = self.execute(
            "SELECT ref, sha256, pdq, quality, phash, width, height, error FROM images "
            "WHERE record_id = ?",
            (record_id,),
        )
        return [ImageFact(*r) for r in rows]

    def hits(self, subject: str, subject_id: str) -> list[Hit]:
        rows = self.execute(
            "SELECT * FROM hits WHERE subject = ? AND subject_id = ? ORDER BY weight DESC",
            (subject, subject_id),
        )
        return [hit_from_row(r) for r in rows]

    def records_with(self, identifier: str, limit: int = 10_000) -> list[str]:
        """Ids of the records that mention an identifier (``kind:value``)."""
        kind, _, value = identifier.partition(":")
        if kind == "image":
            sql = "SELECT DISTINCT record_id FROM images WHERE pdq = ? OR sha256 = ? LIMIT ?"
            return [r[0] for r in self.execute(sql, (value, value, limit))]
        sql = "SELECT DISTINCT record_id FROM mentions WHERE kind = ? AND value = ? LIMIT ?"
        return [r[0] for r in self.execute(sql, (kind, value, limit))]

    # -- links and networks ---------------------------------------------------------------------

    def save_links(self, links: Iterable[Link]) -> int:
        with self.db:
            before = self.db.total_changes
            self.db.executemany(
                "INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        lk.a,
                        lk.b,
                        lk.kind,
                        int(lk.hard),
                        lk.score,
                        _dump(lk.evidence),
                        PIPELINE_VERSION,
                    )
                    for lk in links
                ],
            )
            return self.db.total_changes - before

    def links_of(self, record_ids: Iterable[str]) -> list[Link]:
        ids = list(record_ids)
        seen: dict[tuple[str, str, str], Link] = {}
        for chunk in _chunks(ids, 400):
            marks = ",".join("?" * len(chunk))
            rows = self.execute(
                f"SELECT * FROM links WHERE a IN ({marks}) UNION SELECT * FROM links "
                f"WHERE b IN ({marks})",
                [*chunk, *chunk],
            )
            for r in rows:
                seen[(r["a"], r["b"], r["kind"])] = Link(
                    r["a"],
                    r["b"],
                    r["kind"],
                    bool(r["hard"]),
                    r["score"],
                    json.loads(r["evidence"]),
                )
        return list(seen.values())

    def identifier_status(self) -> dict[str, str]:
        return {
            r[0]: r[1] for r in self.execute("SELECT identifier, status FROM identifier_status")
        }

    def set_identifier_status(self, identifier: str, status: str, reason: str, by: str) -> None:
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO identifier_status VALUES (?, ?, ?, ?, ?)",
                (identifier, status, reason, by, now()),
            )

    def clear_identifier_status(self, identifier: str) -> None:
        with self.db:
            self.db.execute("DELETE FROM identifier_status WHERE identifier = ?", (identifier,))

    def networks(self, limit: int = 20, offset: int = 0, min_size: int = 2) -> list[dict[str, Any]]:
        """Networks by risk (possible minors first), with their summaries."""
        rows = self.execute(
            "SELECT * FROM networks WHERE size >= ? ORDER BY possible_minor DESC, risk DESC, "
            "size DESC, id LIMIT ? OFFSET ?",
            (min_size, limit, offset),
        )
        return [network_from_row(r) for r in rows]

    def network(self, network_id: str) -> dict[str, Any] | None:
        row = self.execute("SELECT * FROM networks WHERE id = ?", (network_id,)).fetchone()
        return network_from_row(row) if row else None

    def network_members(self, network_id: str) -> list[str]:
        rows = self.execute(
            "SELECT id FROM records WHERE network_id = ? ORDER BY posted_at, id", (network_id,)
        )
        return [r[0] for r in rows]

    # -- counts ---------------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        q = self.execute
        return {
            "records": q("SELECT count(*) FROM records").fetchone()[0],
            "by_kind": dict(q("SELECT kind, count(*) FROM records GROUP BY kind").fetchall()),
            "by_source": dict(q("SELECT source, count(*) FROM records GROUP BY source").fetchall()),
            "processed": q(
                "SELECT count(*) FROM records WHERE processed_sha = sha256 "
                "AND processed_version = ?",
                (PIPELINE_VERSION,),
            ).fetchone()[0],
            "pending": self.count_pending(),
            "mentions": dict(q("SELECT kind, count(*) FROM mentions GROUP BY kind").fetchall()),
            "images": q("SELECT count(*) FROM images").fetchone()[0],
            "indicator_hits": q("SELECT count(*) FROM hits").fetchone()[0],
            "links": dict(q("SELECT kind, count(*) FROM links GROUP BY kind").fetchall()),
            "networks": q("SELECT count(*) FROM networks").fetchone()[0],
            "quarantine": q("SELECT count(*) FROM quarantine").fetchone()[0],
            "quarantine_by_reason": dict(
                q(
                    "SELECT substr(reason, 1, instr(reason || ':', ':') - 1), count(*) "
                    "FROM quarantine GROUP BY 1"
                ).fetchall()
            ),
            "schema_version": self.schema_version,
            "pipeline_version": PIPELINE_VERSION,
        }


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
