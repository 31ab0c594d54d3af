"""Hash lists, their entries and the images found on them (SQLite half of
:class:`linkboard.store.hashlists.HashListStore`), and the list entries records hold as
identifiers (``hashentry:<list>/<entry>``), as linking reads them.

A list's PDQ distance is kept as the setting ``hashlist.pdq_distance:<name>``."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from linkboard.store.hashlists import (
    ENTRY_KIND,
    EntryRow,
    ImageRow,
    ListedImage,
    MatchRow,
    StoredList,
    entry_identifier,
)
from linkboard.store.sqlite_corpus_records import fill_temp
from linkboard.store.sqlite_rows import chunks, now

if TYPE_CHECKING:
    from linkboard.store.sqlite_connection import Connection

#: The setting that holds a list's PDQ distance, with the list's name after it.
DISTANCE_SETTING = "hashlist.pdq_distance:"
#: The distance a list matches within when none was stored (``media.hashlists.match``'s).
DEFAULT_DISTANCE = 31
_PREFIX = f"{ENTRY_KIND}:"


class HashListsSQL:
    """Mixed into :class:`linkboard.store.sqlite.SQLiteStore`."""

    db: Connection

    def has_hashlists(self) -> bool:
        return self.db.execute("SELECT 1 FROM hashlists LIMIT 1").fetchone() is not None

    def hashlists(self) -> list[StoredList]:
        """Every loaded list by name, with its distance and how many images and records are on
        it."""
        rows = self.db.execute(
            "SELECT l.name, l.source, l.path, l.loaded_at, l.loaded_by, l.entries, l.bad, "
            "s.value AS distance, "
            "(SELECT count(*) FROM hashlist_matches m WHERE m.list = l.name) AS matches, "
            "(SELECT count(DISTINCT record_id) FROM hashlist_matches m WHERE m.list = l.name) "
            "AS records FROM hashlists l LEFT JOIN app_settings s ON s.key = ? || l.name "
            "ORDER BY l.name",
            (DISTANCE_SETTING,),
        )
        return [_stored(r) for r in rows]

    def save_hashlist(
        self,
        name: str,
        source: str,
        path: str,
        loaded_by: str,
        entries: Iterable[EntryRow],
        bad: int,
        pdq_distance: int,
    ) -> int:
        """List NAME is ENTRIES (whatever it held before is replaced), loaded now by LOADED_BY
        from PATH, with BAD rows left out; returns how many entries it holds."""
        with self.db:
            self.db.execute("DELETE FROM hashlist_entries WHERE list = ?", (name,))
            rows = [(name, *entry) for entry in entries]
            self.db.executemany(
                "INSERT INTO hashlist_entries (list, id, kind, value, label, quality) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
            count = len(rows)
            self.db.execute(
                "INSERT OR REPLACE INTO hashlists (name, source, path, loaded_at, loaded_by, "
                "entries, bad) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (name, source, path, now(), loaded_by, count, bad),
            )
            self.db.execute(
                "INSERT OR REPLACE INTO app_settings (key, value) VALUES (?, ?)",
                (DISTANCE_SETTING + name, str(pdq_distance)),
            )
        return count

    def drop_hashlist(self, name: str) -> list[str]:
        """Forget list NAME, its entries and its matches; returns the records that had an image
        on it."""
        with self.db:
            had = [r[0] for r in self.db.execute(
                "SELECT DISTINCT record_id FROM hashlist_matches WHERE list = ? ORDER BY 1",
                (name,))]  # fmt: skip
            for table, column in (("hashlist_matches", "list"), ("hashlist_entries", "list"),
                                  ("hashlists", "name")):  # fmt: skip
                self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (name,))
            self.db.execute("DELETE FROM app_settings WHERE key = ?", (DISTANCE_SETTING + name,))
        return had

    def hashlist_entries(self, name: str) -> Iterator[EntryRow]:
        """The entries of list NAME, as loaded."""
        cursor = self.db.cursor()
        cursor.row_factory = None  # plain tuples: a list may hold millions
        yield from cursor.execute(
            "SELECT id, kind, value, label, quality FROM hashlist_entries WHERE list = ?", (name,)
        )

    def images_to_match(
        self, record_ids: Iterable[str] | None = None, batch: int = 20_000
    ) -> Iterator[list[ImageRow]]:
        """The hashed images of RECORD_IDS (None: of every record), BATCH at a time: a million
        images are never all in memory."""
        if record_ids is None:
            yield from self._all_images(batch)
            return
        fill_temp(self.db, "match_ids", "id TEXT", ((i,) for i in record_ids))
        cursor = self.db.cursor()
        cursor.row_factory = None
        cursor.execute(
            "SELECT i.record_id, i.ref, i.sha256, i.md5, i.sha1, i.pdq, i.quality "
            "FROM temp.match_ids t CROSS JOIN images i ON i.record_id = t.id "
            "WHERE i.sha256 != '' ORDER BY i.record_id, i.rowid"
        )
        while rows := cursor.fetchmany(batch):
            yield [_image(r) for r in rows]

    def _all_images(self, batch: int) -> Iterator[list[ImageRow]]:
        after = 0
        while True:
            rows = self.db.execute(
                "SELECT rowid, record_id, ref, sha256, md5, sha1, pdq, quality FROM images "
                "WHERE rowid > ? AND sha256 != '' ORDER BY rowid LIMIT ?",
                (after, batch),
            ).fetchall()
            if not rows:
                return
            after = rows[-1][0]
            yield [_image(tuple(r)[1:]) for r in rows]

    def replace_hashlist_matches(
        self,
        found: Iterable[MatchRow],
        *,
        list_name: str | None = None,
        record_ids: Iterable[str] | None = None,
    ) -> set[str]:
        """The stored matches of list LIST_NAME (with every record), or of RECORD_IDS (with
        every list), are FOUND (the nearest, where it holds one match twice): the others go, a
        match found before keeps the time it was first found. Returns the records whose matches
        changed."""
        where, params = _scope(list_name, record_ids)
        wanted: dict[tuple[Any, ...], int] = {}
        for row in found:  # an entry listing two near hashes of one photo: the nearer
            wanted[row[:5]] = min(row[5], wanted.get(row[:5], row[5]))
        with self.db:
            stored = {}
            for clause, chunk in where:
                for r in self.db.execute(
                    "SELECT list, entry, record_id, ref, kind, distance FROM hashlist_matches "
                    f"WHERE {clause}",
                    [*params, *chunk],
                ):
                    stored[tuple(r)[:5]] = r[5]
            gone = [key for key in stored if key not in wanted]
            new = [(*key, d) for key, d in wanted.items() if stored.get(key, -1) != d]
            self._write_matches(gone, new)
        return {key[2] for key in gone} | {row[2] for row in new}

    def _write_matches(self, gone: list[tuple[Any, ...]], new: list[tuple[Any, ...]]) -> None:
        key = "list = ? AND entry = ? AND record_id = ? AND ref = ? AND kind = ?"
        self.db.executemany(f"DELETE FROM hashlist_matches WHERE {key}", gone)
        at = now()
        self.db.executemany(
            "INSERT INTO hashlist_matches (list, entry, record_id, ref, kind, distance, "
            "matched_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (list, entry, record_id, ref, kind) DO UPDATE SET "
            "distance = excluded.distance",
            [(*row, at) for row in new],
        )

    def hashlist_matches_of(self, record_ids: Iterable[str]) -> dict[str, list[ListedImage]]:
        """record -> its images on list entries (with the entry's label and the list's
        source), for the records among RECORD_IDS that have any."""
        out: dict[str, list[ListedImage]] = {}
        for chunk in chunks(sorted(set(record_ids)), 500):
            for r in self.db.execute(
                "SELECT m.list, m.entry, m.record_id, m.ref, m.kind, m.distance, m.matched_at, "
                "coalesce((SELECT e.label FROM hashlist_entries e WHERE e.list = m.list "
                "AND e.id = m.entry AND e.kind = m.kind LIMIT 1), '') AS label, "
                "coalesce(l.source, '') AS source FROM hashlist_matches m "
                "LEFT JOIN hashlists l ON l.name = m.list "
                f"WHERE m.record_id IN ({','.join('?' * len(chunk))}) "
                "ORDER BY m.record_id, m.list, m.entry, m.ref, m.kind",
                chunk,
            ):
                out.setdefault(r[2], []).append(ListedImage(*tuple(r)))
        return out

    def mark_unlinked(self, record_ids: Iterable[str]) -> None:
        """RECORD_IDS are to be linked again (by the next link stage)."""
        with self.db:
            for chunk in chunks(sorted(set(record_ids)), 500):
                marks = ",".join("?" * len(chunk))
                self.db.execute(
                    f"UPDATE records SET linked_sha = NULL WHERE id IN ({marks})", chunk
                )

    # -- list entries as identifiers (``link.prepare``, ``records_with_identifiers``) ---------

    def listed_identifiers(self, record_ids: Iterable[str]) -> dict[str, set[str]]:
        """identifier (``hashentry:<list>/<entry>``) -> the records among RECORD_IDS with an
        image on that entry."""
        if not self.has_hashlists():
            return {}
        fill_temp(self.db, "entry_ids", "id TEXT", ((i,) for i in record_ids))
        out: dict[str, set[str]] = defaultdict(set)
        for listed, entry, rid in self.db.execute(
            "SELECT m.list, m.entry, m.record_id FROM temp.entry_ids t "
            "CROSS JOIN hashlist_matches m ON m.record_id = t.id"
        ):
            out[entry_identifier(listed, entry)].add(rid)
        return dict(out)

    def listed_holders(self, identifiers: Iterable[str]) -> dict[str, set[str]]:
        """identifier -> every record with an image on that entry, for the list entries among
        IDENTIFIERS (other kinds are left out)."""
        split = (
            i.removeprefix(_PREFIX).split("/", 1) for i in identifiers if i.startswith(_PREFIX)
        )
        pairs = [(p[0], p[1]) for p in split if len(p) == 2]
        if not pairs:
            return {}
        fill_temp(self.db, "entry_pairs", "list TEXT, entry TEXT", pairs)
        out: dict[str, set[str]] = defaultdict(set)
        for listed, entry, rid in self.db.execute(
            "SELECT t.list, t.entry, m.record_id FROM temp.entry_pairs t "
            "CROSS JOIN hashlist_matches m ON m.list = t.list AND m.entry = t.entry"
        ):
            out[entry_identifier(listed, entry)].add(rid)
        return dict(out)


def _stored(r: sqlite3.Row) -> StoredList:
    distance = int(r["distance"]) if r["distance"] is not None else DEFAULT_DISTANCE
    return StoredList(r["name"], r["source"], r["path"], r["loaded_at"], r["loaded_by"],
                      r["entries"], r["bad"], distance, r["matches"], r["records"])  # fmt: skip


def _image(r: tuple[Any, ...]) -> ImageRow:
    """An images row as matching reads it: no quality where there is no PDQ hash."""
    rid, ref, sha256, md5, sha1, pdq, quality = r
    return (rid, ref, sha256, md5 or "", sha1 or "", pdq, quality if pdq else None)


def _scope(
    list_name: str | None, record_ids: Iterable[str] | None
) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """(clauses with their ids, the parameters before them) of one list or of some records."""
    if (list_name is None) == (record_ids is None):
        raise ValueError("give a list name or record ids")
    if list_name is not None:
        return [("list = ?", [])], [list_name]
    ids = sorted(set(record_ids or ()))
    return [(f"record_id IN ({','.join('?' * len(c))})", c) for c in chunks(ids, 500)], []
