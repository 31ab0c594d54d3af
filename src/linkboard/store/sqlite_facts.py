"""What the record stage derived: mentions, images, indicator hits and scores (SQLite)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from linkboard import PIPELINE_VERSION
from linkboard.model import Breakdown, Hit, ImageFact, Mention, RecordFacts
from linkboard.store.sqlite_rows import (
    chunks,
    dump,
    hit_from_row,
    mention_from_row,
)
from linkboard.values import Identifier

if TYPE_CHECKING:
    from linkboard.store.sqlite_connection import Connection


class FactsSQL:
    """Mixed into :class:`linkboard.store.sqlite.SQLiteStore`."""

    db: Connection

    if TYPE_CHECKING:

        def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor: ...

    def save_record_facts(self, facts: Iterable[RecordFacts]) -> None:
        """Replace the derived facts of each record and mark it processed at this version."""
        with self.db:
            for f in facts:
                self._replace_facts(f)

    def _replace_facts(self, f: RecordFacts) -> None:
        rid = f.record.id
        for table in ("mentions", "images"):
            self.db.execute(f"DELETE FROM {table} WHERE record_id = ?", (rid,))
        self.db.executemany(
            'INSERT INTO mentions (record_id, kind, value, text, field, start, "end", rule, data, '
            "version, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(rid, m.kind, m.value, m.text, m.field, m.start, m.end, m.rule, dump(m.data),
              PIPELINE_VERSION, m.role) for m in f.mentions],
        )  # fmt: skip
        self.db.executemany(
            "INSERT INTO images (record_id, ref, sha256, pdq, quality, phash, width, height, "
            "error, version, md5, sha1, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(rid, i.ref, i.sha256, i.pdq, i.quality, i.phash, i.width, i.height, i.error,
              PIPELINE_VERSION, i.md5, i.sha1, dump(i.meta)) for i in f.images],
        )  # fmt: skip
        self._replace_hits("record", rid, f.hits)
        self.db.execute(
            "UPDATE records SET processed_sha = sha256, processed_version = ?, risk = ?, "
            "record_risk = ?, breakdown = ?, possible_minor = ?, city = ? WHERE id = ?",
            (PIPELINE_VERSION, f.risk, f.risk, _json(f.breakdown), int(f.possible_minor),
             f.city, rid),
        )  # fmt: skip

    def replace_record_score(
        self,
        record_id: str,
        hits: list[Hit],
        risk: float,
        breakdown: Breakdown,
        possible_minor: bool,
    ) -> None:
        """New record-level hits and base risk (e.g. once the market's prices are known)."""
        with self.db:
            self._replace_hits("record", record_id, hits)
            self.db.execute(
                "UPDATE records SET risk = ?, record_risk = ?, breakdown = ?, possible_minor = ? "
                "WHERE id = ?",
                (risk, risk, _json(breakdown), int(possible_minor), record_id),
            )

    def set_record_risk(self, record_id: str, risk: float, breakdown: Breakdown) -> None:
        """The record's risk as lifted by its network (``record_risk`` keeps its own)."""
        with self.db:
            self.db.execute(
                "UPDATE records SET risk = ?, breakdown = ? WHERE id = ?",
                (risk, _json(breakdown), record_id),
            )

    def save_network_score(
        self,
        network_id: str,
        hits: list[Hit],
        risk: float,
        breakdown: Breakdown,
        possible_minor: bool,
    ) -> None:
        with self.db:
            self._replace_hits("network", network_id, hits)
            self.db.execute(
                "UPDATE networks SET risk = ?, breakdown = ?, possible_minor = ? WHERE id = ?",
                (risk, _json(breakdown), int(possible_minor), network_id),
            )

    def _replace_hits(self, subject: str, subject_id: str, hits: Iterable[Hit]) -> None:
        """SUBJECT_ID's hits (a record's or a network's) are HITS, and only those."""
        self.db.execute("DELETE FROM hits WHERE subject = ? AND subject_id = ?",
                        (subject, subject_id))  # fmt: skip
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
                    dump(h.detail),
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
        if kinds:  # +kind: by the records' index, never the kinds' (every phone in the store)
            kind_sql = f" AND +kind IN ({','.join('?' * len(kinds))})"
        cursor = self.db.cursor()
        cursor.row_factory = None  # plain tuples: this reads millions of rows when linking
        loads = json.loads
        for chunk in chunks(record_ids, 500):
            marks = ",".join("?" * len(chunk))
            rows = cursor.execute(
                'SELECT record_id, kind, value, text, start, "end", rule, field, data, role FROM '
                f"mentions WHERE record_id IN ({marks}){kind_sql}",
                [*chunk, *kinds],
            )
            for rid, kind, value, text, start, end, rule, field, data, role in rows:
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
                        role,
                    )
                )
        return out

    def images(self, record_id: str) -> list[ImageFact]:
        rows = self.execute(
            "SELECT ref, sha256, pdq, quality, phash, width, height, error, md5, sha1, meta "
            "FROM images WHERE record_id = ?",
            (record_id,),
        )
        return [
            ImageFact(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], _meta(r[10]))
            for r in rows
        ]

    def photo_meta_of(self, record_ids: list[str]) -> dict[str, list[tuple[str, dict[str, Any]]]]:
        """(ref, metadata) of each photo of RECORD_IDS whose metadata says anything, by record;
        records without one are left out (most: sites strip it)."""
        out: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for chunk in chunks(record_ids, 500):
            rows = self.db.execute(
                f"SELECT record_id, ref, meta FROM images WHERE record_id IN "
                f"({','.join('?' * len(chunk))}) AND meta != '{{}}' ORDER BY record_id, rowid",
                chunk,
            )
            for rid, ref, meta in rows:
                if found := _meta(meta):
                    out.setdefault(rid, []).append((ref, found))
        return out

    def hits(self, subject: str, subject_id: str) -> list[Hit]:
        rows = self.execute(
            "SELECT * FROM hits WHERE subject = ? AND subject_id = ? ORDER BY weight DESC",
            (subject, subject_id),
        )
        return [hit_from_row(r) for r in rows]

    def records_with_hits(self, codes: Iterable[str]) -> list[str]:
        """The records with a hit of one of CODES, in id order."""
        codes = list(codes)
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT subject_id FROM hits WHERE subject = 'record' AND code IN "
            f"({','.join('?' * len(codes))}) ORDER BY subject_id", codes)]  # fmt: skip

    def records_with(self, identifier: str, limit: int = 10_000) -> list[str]:
        """Ids of the records that mention an identifier (``kind:value``)."""
        ident = Identifier.parse(identifier)
        kind, value = ident.kind, ident.value
        if kind == "image":
            sql = "SELECT DISTINCT record_id FROM images WHERE pdq = ? OR sha256 = ? LIMIT ?"
            return [r[0] for r in self.execute(sql, (value, value, limit))]
        sql = "SELECT DISTINCT record_id FROM mentions WHERE kind = ? AND value = ? LIMIT ?"
        return [r[0] for r in self.execute(sql, (kind, value, limit))]


def _meta(text: str | None) -> dict[str, Any]:
    """A photo's stored metadata (JSON), {} when there is none or it does not read."""
    try:
        found = json.loads(text or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _json(breakdown: Breakdown | None) -> str:
    """A breakdown as the store keeps it: its JSON, keys sorted (``null`` when there is none)."""
    return dump(None if breakdown is None else breakdown.as_dict())
