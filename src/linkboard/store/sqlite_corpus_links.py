"""The link stage's links: saved with identifier evidence merged, read among a set of records,
dropped when their records are re-linked or an identifier is held back. (SQLite half of
:class:`linkboard.store.corpus.CorpusStore`.)"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from linkboard.model import Link
from linkboard.store.corpus import LightLink
from linkboard.store.sqlite_corpus_records import fill_temp

if TYPE_CHECKING:
    from linkboard.store.sqlite import Connection

_dump = json.dumps


def _link(r: Any) -> Link:
    return Link(r[0], r[1], r[2], bool(r[3]), r[4], json.loads(r[5]))


class CorpusLinksSQL:
    """Mixed into :class:`linkboard.store.sqlite.SQLiteStore` (through ``CorpusSQL``)."""

    db: Connection

    def save_links(self, links: Iterable[Link]) -> int:
        """Insert or replace LINKS as they are (``SQLiteStore.save_links``)."""
        raise NotImplementedError

    def merge_links(self, links: Iterable[Link]) -> int:
        """Insert or replace LINKS; an identifier link for a pair already linked by identifiers
        keeps the identifiers of both. Returns the rows written."""
        links = list(links)
        ident = [lk for lk in links if lk.kind == "identifier"]
        if ident:
            fill_temp(self.db, "pairs", "a TEXT, b TEXT", ((lk.a, lk.b) for lk in ident))
            old = {
                (r[0], r[1]): json.loads(r[2]).get("identifiers", [])
                for r in self.db.execute(
                    "SELECT l.a, l.b, l.evidence FROM temp.pairs p CROSS JOIN links l "
                    "ON l.a = p.a AND l.b = p.b AND l.kind = 'identifier'"
                )
            }
            links = [_merged(lk, old.get((lk.a, lk.b))) for lk in links]
        return self.save_links(links)

    def links_among(self, ids: Iterable[str]) -> list[Link]:
        """Every link with both ends in IDS."""
        return [_link(r) for r in self._among(ids, "l.evidence")]

    def light_links_among(self, ids: Iterable[str]) -> list[LightLink]:
        """(a, b, kind, hard, score) of every link with both ends in IDS (no evidence to parse)."""
        return [(r[0], r[1], r[2], bool(r[3]), r[4]) for r in self._among(ids)]

    def _among(self, ids: Iterable[str], extra: str = "") -> list[Any]:
        ids = set(ids)
        fill_temp(self.db, "among", "id TEXT", ((i,) for i in ids))
        columns = ", ".join(filter(None, ["l.a, l.b, l.kind, l.hard, l.score", extra]))
        rows = self.db.execute(
            f"SELECT {columns} FROM temp.among x CROSS JOIN links l ON l.a = x.id"
        ).fetchall()
        return [r for r in rows if r[1] in ids]

    def delete_links_touching(self, ids: Iterable[str]) -> None:
        """Delete every link with an end in IDS."""
        fill_temp(self.db, "gone", "id TEXT", ((i,) for i in ids))
        with self.db:
            self.db.execute("DELETE FROM links WHERE a IN (SELECT id FROM temp.gone)")
            self.db.execute("DELETE FROM links WHERE b IN (SELECT id FROM temp.gone)")

    def delete_links(self, keys: Iterable[tuple[str, str, str]]) -> None:
        """Delete the links KEYS name, each as (a, b, kind)."""
        keys = list(keys)
        if not keys:
            return
        with self.db:
            self.db.executemany("DELETE FROM links WHERE a = ? AND b = ? AND kind = ?", keys)

    def drop_identifier_from_links(self, identifier: str, ids: Iterable[str]) -> int:
        """Remove IDENTIFIER from the identifier links among IDS; links left empty go. Returns
        how many links changed."""
        changed = 0
        with self.db:
            for lk in self.links_among(ids):
                shared = lk.evidence.get("identifiers", [])
                if lk.kind != "identifier" or identifier not in shared:
                    continue
                rest = [i for i in shared if i != identifier]
                changed += 1
                if rest:
                    self.db.execute(
                        "UPDATE links SET evidence = ?, score = ? "
                        "WHERE a = ? AND b = ? AND kind = ?",
                        (
                            _dump({**lk.evidence, "identifiers": rest}, sort_keys=True),
                            len(rest),
                            lk.a,
                            lk.b,
                            lk.kind,
                        ),
                    )
                else:
                    self.db.execute(
                        "DELETE FROM links WHERE a = ? AND b = ? AND kind = ?",
                        (lk.a, lk.b, lk.kind),
                    )
        return changed


def _merged(lk: Link, prior: list[str] | None) -> Link:
    """LK with the identifiers PRIOR of the stored identifier link between its records."""
    if lk.kind != "identifier" or not prior:
        return lk
    ids = sorted(set(prior) | set(lk.evidence["identifiers"]))
    return Link(lk.a, lk.b, lk.kind, True, float(len(ids)), {**lk.evidence, "identifiers": ids})
