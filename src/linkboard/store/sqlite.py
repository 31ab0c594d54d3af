"""The embedded store: one SQLite file in WAL mode, with FTS5 over the records' text."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

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
from linkboard.store.schema import MIGRATIONS, Step
from linkboard.store.sqlite_casework import CaseworkSQL
from linkboard.store.sqlite_corpus import CorpusSQL
from linkboard.store.sqlite_pages import PagesSQL
from linkboard.store.sqlite_reports import ReportsSQL
from linkboard.values import Identifier

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


#: How long a writer waits for the write lock: SQLite's busy handler for one statement (at
#: most BUSY_TIMEOUT), and back-off retries for a whole transaction (``LINKBOARD_LOCK_WAIT``
#: seconds, PATIENCE when unset: a pipeline run waits out the web app's short writes and another
#: run's stage, and says "locked" only after that).
BUSY_TIMEOUT = 30.0
PATIENCE = 300.0
#: After a write that would not wait found the lock taken, such writes do not wait again for
#: this long (a pipeline stage holds the lock for seconds or minutes: waiting for it on every
#: page view only adds the wait to every page).
BUSY_MEMORY = 1.0


def lock_wait() -> float:
    """Seconds a writer waits for another writer's lock (``LINKBOARD_LOCK_WAIT``)."""
    value = os.environ.get("LINKBOARD_LOCK_WAIT", "")
    try:
        return max(0.0, float(value)) if value else PATIENCE
    except ValueError:
        raise StoreError(
            f"LINKBOARD_LOCK_WAIT must be a number of seconds, not {value!r}"
        ) from None


def is_busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


class Connection(sqlite3.Connection):
    """A connection whose ``with`` blocks take the write lock up front and nest.

    The outermost block begins with ``BEGIN IMMEDIATE`` (a deferred transaction that reads and
    then writes fails at once, without waiting, when another writer committed in between), waiting
    for the lock with back-off for up to ``patience`` seconds; it commits or rolls back. Blocks
    inside it are savepoints, and ``commit()`` inside it is part of it: a stage wraps everything it
    writes, and the mark of what it has done, in one transaction, whatever its callees do."""

    depth: int = 0
    patience: float = PATIENCE

    def __enter__(self) -> Connection:
        if self.depth == 0:
            self._begin()
        else:
            self.execute(f"SAVEPOINT lb{self.depth}")
        self.depth += 1
        return self

    def __exit__(self, kind: object, exc: object, tb: object) -> Literal[False]:
        self.depth -= 1
        if self.depth > 0:
            if kind is not None:
                self.execute(f"ROLLBACK TO lb{self.depth}")
            self.execute(f"RELEASE lb{self.depth}")
        elif kind is None:
            super().commit()
        else:
            self.rollback()
        return False

    def commit(self) -> None:
        if self.depth == 0:
            super().commit()

    @contextmanager
    def if_free(self, wait: float | None) -> Iterator[bool]:
        """A write transaction if the write lock is free within WAIT seconds: inside it, yields
        True and commits at the end (a savepoint when a transaction is open); or yields False
        without beginning anything. WAIT None waits as long as ``with`` does (always True).

        For writes that must not wait for a pipeline stage (a page view noted, audited): once
        the lock was found taken, those writes try without waiting for ``BUSY_MEMORY`` seconds."""
        if wait is None or self.depth:
            with self:
                yield True
            return
        if not self._try_begin(0.0 if time.monotonic() < Connection.busy_until else wait):
            yield False
            return
        self.depth += 1
        try:
            yield True
        except BaseException as exc:
            self.__exit__(type(exc), exc, exc.__traceback__)
            raise
        self.__exit__(None, None, None)

    #: Until when (``time.monotonic()``) a write that would not wait finds the lock taken.
    busy_until: float = 0.0

    def _try_begin(self, wait: float) -> bool:
        if self.in_transaction:
            super().commit()
        before = self.execute("PRAGMA busy_timeout").fetchone()[0]
        self.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        try:
            self.execute("BEGIN IMMEDIATE")
            return True
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            if wait > 0:  # held for all of WAIT: by a pipeline stage, most likely
                Connection.busy_until = time.monotonic() + BUSY_MEMORY
            return False
        finally:
            self.execute(f"PRAGMA busy_timeout = {int(before)}")

    def _begin(self) -> None:
        if self.in_transaction:  # one opened implicitly (a write outside any block): end it
            super().commit()
        deadline = time.monotonic() + self.patience
        pause = 0.05
        while True:
            try:
                self.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not is_busy(exc) or time.monotonic() >= deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 2.0)


def try_write(db: Connection, sql: str, params: Iterable[Any] = (), wait: float = 0.1) -> bool:
    """Run one write if the lock is free within WAIT seconds; False (nothing written) if not.

    For writes nobody must wait for, such as the web app noting a page view while a pipeline
    stage holds the write lock (see :meth:`Connection.if_free`)."""
    with db.if_free(wait) as free:
        if free:
            db.execute(sql, tuple(params))
    return free


class SQLiteStore(CaseworkSQL, PagesSQL, ReportsSQL, CorpusSQL):
    """linkboard's store on SQLite. One instance per thread or process.

    ``with store.db:`` is one write transaction, taken up front (see :class:`Connection`)."""

    db: Connection

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly and not self.path.exists():
            raise StoreError(f"no database at {self.path}")
        wait = lock_wait()
        try:
            uri = f"file:{self.path}?mode=ro" if readonly else str(self.path)
            self.db = sqlite3.connect(
                uri,
                uri=readonly,
                timeout=min(wait, BUSY_TIMEOUT),
                check_same_thread=False,
                factory=Connection,
            )
            self.db.patience = wait
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
        for number, step in enumerate(MIGRATIONS[current:], start=current + 1):
            try:
                if isinstance(step, Step):
                    self._run_step(number, step)
                else:
                    self.db.executescript(
                        f"BEGIN IMMEDIATE; {step}; PRAGMA user_version = {number}; COMMIT;"
                    )
            except sqlite3.OperationalError:
                self.db.rollback()
                if self.schema_version < number:  # not another process migrating first
                    raise

    def _run_step(self, number: int, step: Step) -> None:
        """A migration with Python in it, in one transaction (skipped if another process has
        applied it meanwhile)."""
        self.db.execute("BEGIN IMMEDIATE")
        if self.schema_version >= number:
            self.db.rollback()
            return
        for sql in step.before:
            self.db.execute(sql)
        step.run(self.db)
        for sql in step.after:
            self.db.execute(sql)
        self.db.execute(f"PRAGMA user_version = {number}")
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> Connection:
        """``with store.transaction():`` is one write transaction, taken up front; nested, it is
        part of the outer one."""
        return self.db

    def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, tuple(params))
        except sqlite3.OperationalError as exc:
            if is_busy(exc):
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

    def unlinked(self) -> list[str]:
        """Ids of the records whose record stage is done but whose linking is not (new, changed,
        or left by a link stage that crashed or failed)."""
        return [r[0] for r in self.execute(f"SELECT id FROM records WHERE {_UNLINKED} ORDER BY id")]

    def count_unlinked(self) -> int:
        return int(self.execute(f"SELECT count(*) FROM records WHERE {_UNLINKED}").fetchone()[0])

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
        ident = Identifier.parse(identifier)
        kind, value = ident.kind, ident.value
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
            "unlinked": self.count_unlinked(),
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


#: Processed at this version but not linked since (``records_unlinked`` indexes exactly these).
_UNLINKED = (
    "processed_sha IS NOT NULL AND (linked_sha IS NOT processed_sha "
    "OR linked_version IS NOT processed_version)"
)


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
