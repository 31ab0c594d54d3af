"""Template families: which family a record is in, the families' rows, and the template evidence
of the links that tie them (``linkboard.link.families``). (SQLite half of
:class:`linkboard.store.corpus.CorpusStore`.)"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from linkboard.store.sqlite_corpus_records import fill_temp
from linkboard.store.sqlite_rows import now

if TYPE_CHECKING:
    from linkboard.store.sqlite import Connection


class CorpusFamiliesSQL:
    """Mixed into :class:`linkboard.store.sqlite.SQLiteStore` (through ``CorpusSQL``)."""

    db: Connection

    def family_of(self, ids: Iterable[str]) -> dict[str, str]:
        """record -> its template family, for those of IDS that are in one."""
        fill_temp(self.db, "fam_ids", "id TEXT", ((i,) for i in ids))
        return dict(
            self.db.execute(
                "SELECT m.record_id, m.family_id FROM temp.fam_ids t "
                "CROSS JOIN template_members m ON m.record_id = t.id"
            ).fetchall()
        )

    def family_members(self, family_ids: Iterable[str]) -> dict[str, list[str]]:
        """family -> its records."""
        fill_temp(self.db, "fam_fids", "id TEXT", ((f,) for f in family_ids))
        out: dict[str, list[str]] = defaultdict(list)
        for rid, fid in self.db.execute(
            "SELECT m.record_id, m.family_id FROM temp.fam_fids t "
            "CROSS JOIN template_members m ON m.family_id = t.id"
        ):
            out[fid].append(rid)
        return out

    def text_link_evidence(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Any]:
        """(a, b) -> the evidence of the text link between a and b."""
        fill_temp(self.db, "fam_pairs", "a TEXT, b TEXT", pairs)
        return {
            (a, b): json.loads(ev)
            for a, b, ev in self.db.execute(
                "SELECT l.a, l.b, l.evidence FROM temp.fam_pairs p CROSS JOIN links l "
                "ON l.a = p.a AND l.b = p.b AND l.kind = 'text'"
            )
        }

    def replace_families(
        self, records: Iterable[str], rows: list[dict[str, Any]], members: dict[str, str]
    ) -> None:
        """RECORDS' families are now ROWS, with MEMBERS (record -> family); families none of
        whose records is left are removed."""
        records = set(records)
        old = set(self.family_of(records).values())
        fill_temp(self.db, "fam_recs", "id TEXT", ((r,) for r in records))
        at = now()
        with self.db:
            self.db.execute(
                "DELETE FROM template_members WHERE record_id IN (SELECT id FROM temp.fam_recs)"
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO template_members VALUES (?, ?)", sorted(members.items())
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO template_families VALUES "
                "(:id, :size, :networks, :template, :slots, :similarity, :at)",
                [
                    {
                        **r,
                        "networks": json.dumps(r["networks"]),
                        "slots": json.dumps(r["slots"]),
                        "at": at,
                    }
                    for r in rows
                ],
            )
            gone = old - {r["id"] for r in rows}
            fill_temp(self.db, "fam_gone", "id TEXT", ((f,) for f in gone))
            self.db.execute(
                "DELETE FROM template_families WHERE id IN (SELECT g.id FROM temp.fam_gone g "
                "WHERE NOT EXISTS (SELECT 1 FROM template_members m WHERE m.family_id = g.id))"
            )

    def template_families(self, ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Stored template families (all, or IDS), largest first: id, size, networks,
        template, slots, similarity."""
        sql = "SELECT id, size, networks, template, slots, similarity FROM template_families"
        if ids is not None:
            fill_temp(self.db, "fam_rows", "id TEXT", ((f,) for f in ids))
            sql += " WHERE id IN (SELECT id FROM temp.fam_rows)"
        rows = self.db.execute(sql + " ORDER BY size DESC, id").fetchall()
        return [
            {
                "id": r[0],
                "size": r[1],
                "networks": json.loads(r[2]),
                "template": r[3],
                "slots": json.loads(r[4]),
                "similarity": r[5],
            }
            for r in rows
        ]
