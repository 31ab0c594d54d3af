"""What linking reads of records and their facts, in bulk: temp-table joins against the big
tables. (SQLite half of :class:`linkboard.store.corpus.CorpusStore`.)"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from linkboard.model import SELF_ROLE, Mention

if TYPE_CHECKING:
    from pathlib import Path

    from linkboard.store.sqlite import Connection


def fill_temp(
    db: Connection,
    name: str,
    columns: str,
    rows: Iterable[tuple[Any, ...]],
    ordered: bool = True,
) -> None:
    """(Re)create TEMP table NAME(columns) holding ROWS (distinct; sorted when ORDERED, so that
    results come in a reproducible order), for joins against big tables. It has no index:
    queries read it first (``CROSS JOIN`` fixes that order) and look each row up in the big
    table's index, so building a B-tree of 100,000 ids is not needed."""
    db.execute(f"DROP TABLE IF EXISTS temp.{name}")
    db.execute(f"CREATE TEMP TABLE {name} ({columns})")
    width = columns.count(",") + 1
    distinct = set(rows)
    db.executemany(
        f"INSERT INTO temp.{name} VALUES ({','.join('?' * width)})",
        sorted(distinct) if ordered else distinct,
    )


class CorpusRecordsSQL:
    """Mixed into :class:`linkboard.store.sqlite.SQLiteStore` (through ``CorpusSQL``)."""

    db: Connection
    path: Path

    if TYPE_CHECKING:  # store.sqlite_hashlists

        def listed_holders(self, identifiers: Iterable[str]) -> dict[str, set[str]]: ...

    def location(self) -> str | None:
        """What ``open_store(..., readonly=True)`` takes to open this store in another process,
        or None when no other process can (the database file does not exist)."""
        return str(self.path) if self.path.exists() else None

    def record_context(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id -> {posted_at, city, site, network_id, location} (city falls back to a location
        mention)."""
        fill_temp(self.db, "ctx_ids", "id TEXT", ((i,) for i in ids))
        out: dict[str, dict[str, Any]] = {}
        for r in self.db.execute(
            "SELECT r.id, r.posted_at, r.city, r.site, r.network_id, r.location "
            "FROM temp.ctx_ids t CROSS JOIN records r ON r.id = t.id"
        ):
            out[r[0]] = {
                "posted_at": r[1],
                "city": r[2],
                "site": r[3],
                "network_id": r[4],
                "location": r[5],
            }
        missing = [(i,) for i, c in out.items() if not c["city"]]
        if missing:
            fill_temp(self.db, "ctx_ids", "id TEXT", missing)
            for rid, value in self.db.execute(
                "SELECT m.record_id, m.value FROM temp.ctx_ids t CROSS JOIN mentions m "
                "ON m.record_id = t.id WHERE m.kind = 'location' ORDER BY m.record_id, m.start"
            ):
                out[rid]["city"] = out[rid]["city"] or value
        return out

    def record_texts(self, ids: Iterable[str]) -> dict[str, dict[str, str]]:
        """id -> {"title": ..., "body": ...}: the text linking reads, without building records."""
        fill_temp(self.db, "text_ids", "id TEXT", ((i,) for i in ids))
        return {
            rid: {"title": title or "", "body": body or ""}
            for rid, title, body in self.db.execute(
                "SELECT r.id, r.title, r.body FROM temp.text_ids t "
                "CROSS JOIN records r ON r.id = t.id"
            )
        }

    def posting_order(self, ids: Iterable[str]) -> list[str]:
        """IDS ordered by ``posted_at`` (unknown last), then id."""
        fill_temp(self.db, "order_ids", "id TEXT", ((i,) for i in ids))
        rows = self.db.execute(
            "SELECT r.id, r.posted_at FROM temp.order_ids t CROSS JOIN records r ON r.id = t.id"
        ).fetchall()
        return [rid for _, rid in sorted((posted or "~", rid) for rid, posted in rows)]

    @contextmanager
    def bigger_cache(self, kib: int = 524_288) -> Iterator[None]:
        """A page cache of at least KIB KiB while linking a big batch (the band index grows with
        every increment), back to the store's own size after."""
        before = self.db.execute("PRAGMA cache_size").fetchone()[0]
        if before >= 0 or -before >= kib:
            yield
            return
        self.db.execute(f"PRAGMA cache_size=-{kib}")
        try:
            yield
        finally:
            self.db.execute(f"PRAGMA cache_size={before}")

    def values_of(self, ids: Iterable[str], kind: str) -> dict[str, set[str]]:
        """id -> the values of its mentions of KIND."""
        return self.values_by_kind(ids, (kind,))[kind]

    def values_by_kind(
        self, ids: Iterable[str], kinds: Iterable[str]
    ) -> dict[str, dict[str, set[str]]]:
        """kind -> id -> the values of its mentions of that kind, for each of KINDS (one query)."""
        kinds = list(kinds)
        fill_temp(self.db, "val_ids", "id TEXT", ((i,) for i in ids))
        out: dict[str, dict[str, set[str]]] = {k: defaultdict(set) for k in kinds}
        marks = ",".join("?" * len(kinds))
        for rid, kind, value in self.db.execute(
            "SELECT m.record_id, m.kind, m.value FROM temp.val_ids t CROSS JOIN mentions m "
            f"ON m.record_id = t.id WHERE m.kind IN ({marks})",
            kinds,
        ):
            out[kind][rid].add(value)
        return out

    def records_with_identifiers(
        self, identifiers: Iterable[str], role: str = "self"
    ) -> dict[str, set[str]]:
        """identifier (``kind:value``) -> ids of the stored records that hold it in ROLE (by
        default as their own, ``self``: the only holders that link; a counterparty's identifier
        never merges; ``holder``: the transactions booked on an account). A hash-list entry
        (``hashentry:<list>/<entry>``) is held as their own by the records with a photo on it."""
        wanted = set(identifiers)
        rows = [tuple(i.split(":", 1)) for i in wanted]
        fill_temp(self.db, "idents", "kind TEXT, value TEXT", rows)
        out: dict[str, set[str]] = defaultdict(set)
        for kind, value, rid in self.db.execute(
            "SELECT m.kind, m.value, m.record_id FROM temp.idents t CROSS JOIN mentions m "
            "ON m.kind = t.kind AND m.value = t.value WHERE m.role = ?",
            (role,),
        ):
            out[f"{kind}:{value}"].add(rid)
        if role == SELF_ROLE:
            for ident, holders in self.listed_holders(wanted).items():
                out[ident] |= holders
        return out

    def kinds_of(self, ids: Iterable[str]) -> dict[str, str]:
        """id -> its record kind, for the stored records among IDS."""
        fill_temp(self.db, "kind_ids", "id TEXT", ((i,) for i in ids))
        return dict(self.db.execute(
            "SELECT r.id, r.kind FROM temp.kind_ids t CROSS JOIN records r ON r.id = t.id"
        ).fetchall())  # fmt: skip

    def ids_of_kind(self, kind: str) -> list[str]:
        """The ids of every stored record of KIND, in id order."""
        return [r[0] for r in self.db.execute(
            "SELECT id FROM records WHERE kind = ? ORDER BY id", (kind,))]  # fmt: skip

    def linkable_images(self, min_quality: int) -> list[tuple[str, str, str, str, int]]:
        """(record_id, ref, pdq, phash, quality) of every hashed image good enough to link, in
        the order they were stored."""
        cursor = self.db.cursor()
        cursor.row_factory = None  # plain tuples
        return cursor.execute(
            "SELECT record_id, ref, pdq, phash, quality FROM images "
            "WHERE error = '' AND pdq != '' AND quality >= ? ORDER BY rowid",
            (min_quality,),
        ).fetchall()

    def price_mentions(self) -> Iterator[tuple[Mention, str, str]]:
        """(mention, record's city, record's month ``YYYY-MM``) of every price mention of a
        record with a city and a posting date."""
        from linkboard.store.sqlite import mention_from_row

        for row in self.db.execute(
            "SELECT m.*, r.city AS record_city, substr(r.posted_at, 1, 7) AS month "
            "FROM mentions m JOIN records r ON r.id = m.record_id WHERE m.kind = 'price' "
            "AND r.city IS NOT NULL AND r.posted_at IS NOT NULL"
        ):
            yield mention_from_row(row), row["record_city"], row["month"]

    def lifted_outside_networks(self) -> list[str]:
        """Records in no network whose risk still differs from their own (a lift left behind
        by a network they left)."""
        return [
            r[0]
            for r in self.db.execute(
                "SELECT id FROM records WHERE network_id IS NULL AND risk != record_risk"
            ).fetchall()
        ]

    def identifier_statuses(self) -> list[tuple[str, str, str]]:
        """(identifier, status, reason) of every identifier an analyst or the linker judged."""
        return [
            (r[0], r[1], r[2])
            for r in self.db.execute("SELECT identifier, status, reason FROM identifier_status")
        ]

    def suppressed_identifiers(self, suspected: bool = False) -> set[str]:
        """The identifiers (``kind:value``) an analyst marked generic, and with SUSPECTED those
        linking found generic (a booking line many unrelated posters print): no one's own."""
        statuses = ("suppressed", "suspected") if suspected else ("suppressed",)
        rows = self.db.execute(
            "SELECT identifier FROM identifier_status WHERE status IN "
            f"({','.join('?' * len(statuses))})",
            statuses,
        )
        return {r[0] for r in rows}
