"""What text linking keeps between runs: the MinHash band keys of every record and the spread
of every masked sentence (``linkboard.link.text``). (SQLite half of
:class:`linkboard.store.corpus.CorpusStore`.)"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from linkboard.store.sqlite_corpus_records import fill_temp

if TYPE_CHECKING:
    from linkboard.store.sqlite import Connection

_dump = json.dumps


class CorpusTextSQL:
    """Mixed into :class:`linkboard.store.sqlite.SQLiteStore` (through ``CorpusSQL``)."""

    db: Connection

    def replace_text_bands(self, ids: list[str], rows: list[tuple[int, int, str]]) -> None:
        """Replace the band keys of IDS by ROWS (band, key, record_id); inserted in key order,
        which keeps the (band, key) index writes local."""
        fill_temp(self.db, "band_ids", "id TEXT", ((i,) for i in ids))
        with self.db:
            self.db.execute(
                "DELETE FROM text_bands WHERE rowid IN (SELECT b.rowid FROM temp.band_ids t "
                "CROSS JOIN text_bands b ON b.record_id = t.id)"
            )
            self.db.executemany("INSERT INTO text_bands VALUES (?, ?, ?)", sorted(rows))

    def text_bucket_members(
        self, keys: Iterable[tuple[int, int]], cap: int
    ) -> dict[tuple[int, int], list[str]]:
        """(band, key) -> stored record ids in that bucket, oldest first; at most CAP + 1 each
        (read so in SQL: a bucket of 50,000 records costs as little as one of 2,000)."""
        fill_temp(self.db, "bkeys", "band INTEGER, key INTEGER", keys, ordered=False)
        out: dict[tuple[int, int], list[str]] = {}
        for band, key, members in self.db.execute(
            "SELECT k.band, k.key, (SELECT group_concat(record_id, char(31)) FROM (SELECT "
            "b.record_id FROM text_bands b WHERE b.band = k.band AND b.key = k.key "
            "ORDER BY b.rowid LIMIT ?)) FROM temp.bkeys k",
            (cap + 1,),
        ):
            if members:
                out[(band, key)] = members.split("\x1f")
        return out

    def sentence_stats(self, hashes: Iterable[int]) -> dict[int, list[Any]]:
        """hash -> [records, names list, cities list] as stored."""
        fill_temp(self.db, "shashes", "hash INTEGER", ((h,) for h in hashes))
        return {
            r[0]: [r[1], json.loads(r[2]), json.loads(r[3])]
            for r in self.db.execute(
                "SELECT s.hash, s.records, s.names, s.cities FROM temp.shashes t "
                "CROSS JOIN text_sentences s ON s.hash = t.hash"
            )
        }

    def save_sentence_stats(self, stats: dict[int, list[Any]]) -> None:
        """Insert or replace the spread of each sentence hash: [records, names, cities]."""
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO text_sentences VALUES (?, ?, ?, ?)",
                [(h, s[0], _dump(sorted(s[1])), _dump(sorted(s[2]))) for h, s in stats.items()],
            )
