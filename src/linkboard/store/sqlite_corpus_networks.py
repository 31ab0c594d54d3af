"""Networks as the link stage keeps them: which network each record is in, the networks' rows
and their events. (SQLite half of :class:`linkboard.store.corpus.CorpusStore`.)"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from linkboard.network import Network
from linkboard.store.sqlite_corpus_records import fill_temp
from linkboard.store.sqlite_rows import now

if TYPE_CHECKING:
    from linkboard.store.sqlite import Connection

_dump = json.dumps


class CorpusNetworksSQL:
    """Mixed into :class:`linkboard.store.sqlite.SQLiteStore` (through ``CorpusSQL``)."""

    db: Connection

    def network_of(self, ids: Iterable[str]) -> dict[str, str | None]:
        """record -> its network (None: in none), for those of IDS that are stored."""
        fill_temp(self.db, "nids", "id TEXT", ((i,) for i in ids))
        return dict(
            self.db.execute(
                "SELECT r.id, r.network_id FROM temp.nids t CROSS JOIN records r ON r.id = t.id"
            ).fetchall()
        )

    def existing_networks(self, network_ids: Iterable[str]) -> set[str]:
        """Those of NETWORK_IDS that are still stored."""
        fill_temp(self.db, "enets", "id TEXT", ((n,) for n in network_ids))
        return {
            r[0]
            for r in self.db.execute(
                "SELECT n.id FROM temp.enets t CROSS JOIN networks n ON n.id = t.id"
            )
        }

    def members_of_networks(self, network_ids: Iterable[str]) -> dict[str, list[str]]:
        """network -> its records, for those of NETWORK_IDS that have any."""
        fill_temp(self.db, "mnets", "id TEXT", ((n,) for n in network_ids))
        out: dict[str, list[str]] = defaultdict(list)
        for rid, nid in self.db.execute(
            "SELECT r.id, r.network_id FROM temp.mnets t "
            "CROSS JOIN records r ON r.network_id = t.id"
        ):
            out[nid].append(rid)
        return out

    def last_network_number(self) -> int:
        """The highest number a network id (``N00000042``) was ever given, 0 for none."""
        row = self.db.execute(
            "SELECT max(id) FROM (SELECT max(id) AS id FROM networks "
            "UNION ALL SELECT max(network_id) FROM network_events)"
        ).fetchone()
        return int(row[0][1:]) if row and row[0] else 0

    def set_networks(self, assignment: dict[str, str | None], old: dict[str, str | None]) -> None:
        """Write ASSIGNMENT (record -> network or None) where it differs from OLD."""
        with self.db:
            self.db.executemany(
                "UPDATE records SET network_id = ? WHERE id = ?",
                [(nid, rid) for rid, nid in sorted(assignment.items()) if old.get(rid) != nid],
            )

    def add_network_events(self, events: list[tuple[str, str, dict[str, Any]]]) -> None:
        """Record EVENTS, each (event, network id, detail), as of now."""
        at = now()
        with self.db:
            self.db.executemany(
                "INSERT INTO network_events (at, event, network_id, detail) VALUES (?, ?, ?, ?)",
                [
                    (at, event, nid, _dump(detail, ensure_ascii=False, sort_keys=True))
                    for event, nid, detail in events
                ],
            )

    def delete_networks(self, network_ids: Iterable[str]) -> None:
        with self.db:
            self.db.executemany("DELETE FROM networks WHERE id = ?", [(n,) for n in network_ids])

    def save_networks(self, networks: list[Network]) -> None:
        """Insert or update NETWORKS' rows (id, name, size, first_seen, last_seen, summary)."""
        at = now()
        with self.db:
            self.db.executemany(
                "INSERT INTO networks (id, name, size, first_seen, last_seen, summary, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
                "size = excluded.size, first_seen = excluded.first_seen, "
                "last_seen = excluded.last_seen, summary = excluded.summary, "
                "updated_at = excluded.updated_at",
                [
                    (n.id, n.name, n.size, n.first_seen, n.last_seen, _summary(n), at, at)
                    for n in networks
                ],
            )

    def network_sizes(self, network_ids: Iterable[str]) -> dict[str, tuple[int, str]]:
        """id -> (size, created_at) of stored networks."""
        fill_temp(self.db, "snets", "id TEXT", ((n,) for n in network_ids))
        return {
            r[0]: (r[1], r[2])
            for r in self.db.execute(
                "SELECT n.id, n.size, n.created_at FROM temp.snets t CROSS JOIN networks n "
                "ON n.id = t.id"
            )
        }


def _summary(network: Network) -> str:
    return _dump(network.summary.as_dict(), ensure_ascii=False, sort_keys=True)
