"""The network page's reads (SQLite): the network, its members, the identifiers they hold and
the links between them, where they posted from, and the network's history of events."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from linkboard.model import Link
from linkboard.network import NetworkSummary
from linkboard.store.page_rows import Member, NetworkEvent, NetworkRow, RecordRef, json_object

if TYPE_CHECKING:
    import sqlite3

    from linkboard.store.sqlite import Connection

_EVENT = "SELECT id, at, event, network_id, detail FROM network_events WHERE network_id = ? "


def _event(row: sqlite3.Row) -> NetworkEvent:
    return NetworkEvent(
        id=row["id"], at=row["at"], event=row["event"], network_id=row["network_id"],
        detail=json_object(row["detail"]),
    )  # fmt: skip


def _member(row: sqlite3.Row) -> Member:
    return Member(
        id=row["id"], title=row["title"], city=row["city"], site=row["site"],
        posted_at=row["posted_at"], risk=row["risk"], possible_minor=bool(row["possible_minor"]),
        network_id=row["network_id"], body=row["body"],
    )  # fmt: skip


def _place(data: str) -> tuple[float, float] | None:
    try:
        d = json.loads(data)
        return float(d["lat"]), float(d["lon"])
    except (ValueError, KeyError, TypeError):
        return None


class NetworkPageSQL:
    db: Connection

    def network_row(self, network_id: str) -> NetworkRow | None:
        row = self.db.execute("SELECT * FROM networks WHERE id = ?", (network_id,)).fetchone()
        if row is None:
            return None
        return NetworkRow(
            id=row["id"], name=row["name"], size=row["size"], risk=row["risk"],
            possible_minor=bool(row["possible_minor"]), first_seen=row["first_seen"],
            last_seen=row["last_seen"], breakdown=row["breakdown"],
            summary=NetworkSummary.from_dict(json_object(row["summary"])),
        )  # fmt: skip

    def member_records(self, network_id: str, limit: int) -> list[Member]:
        rows = self.db.execute(
            "SELECT id, title, city, site, posted_at, risk, possible_minor, network_id, body "
            "FROM records WHERE network_id = ? LIMIT ?",
            (network_id, limit),
        )
        return [_member(row) for row in rows]

    def held_identifiers(self, record_ids: list[str], kinds: Iterable[str]
                         ) -> list[tuple[str, str, str]]:  # fmt: skip
        """(record id, kind, value) of each identifier of KINDS that RECORD_IDS hold."""
        out: list[tuple[str, str, str]] = []
        wanted = sorted(kinds)
        for i in range(0, len(record_ids), 500):
            chunk = record_ids[i : i + 500]
            rows = self.db.execute(
                f"SELECT DISTINCT record_id, kind, value FROM mentions "
                f"WHERE record_id IN ({','.join('?' * len(chunk))}) "
                f"AND +kind IN ({','.join('?' * len(wanted))})",  # by the records' index
                [*chunk, *wanted],
            )
            out += [(r[0], r[1], r[2]) for r in rows]
        return out

    def links_within(self, record_ids: list[str]) -> list[Link]:
        """The links whose both ends are among RECORD_IDS."""
        members = set(record_ids)
        seen: dict[tuple[str, str, str], Link] = {}
        for i in range(0, len(record_ids), 400):
            chunk = record_ids[i : i + 400]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT * FROM links WHERE a IN ({marks}) "
                f"UNION SELECT * FROM links WHERE b IN ({marks})",
                [*chunk, *chunk],
            )
            for r in rows:
                if r["a"] in members and r["b"] in members:
                    seen[(r["a"], r["b"], r["kind"])] = Link(
                        r["a"], r["b"], r["kind"], bool(r["hard"]), r["score"],
                        json_object(r["evidence"]),
                    )  # fmt: skip
        return list(seen.values())

    def located_cities(self, record_ids: list[str]) -> list[tuple[str, float, float]]:
        """(city, lat, lon) of the location mentions of RECORD_IDS that carry coordinates."""
        out: list[tuple[str, float, float]] = []
        for i in range(0, len(record_ids), 500):
            chunk = record_ids[i : i + 500]
            rows = self.db.execute(
                f"SELECT value, data FROM mentions WHERE record_id IN "
                f"({','.join('?' * len(chunk))}) AND kind = 'location'",
                chunk,
            )
            out += [(value, *at) for value, data in rows if (at := _place(data))]
        return out

    def network_events(self, network_id: str) -> list[NetworkEvent]:
        """The events of NETWORK_ID, oldest first."""
        rows = self.db.execute(_EVENT + "ORDER BY id", (network_id,))
        return [_event(row) for row in rows]

    def recent_network_events(self, network_id: str, limit: int) -> list[NetworkEvent]:
        """The newest LIMIT events of NETWORK_ID, newest first."""
        rows = self.db.execute(_EVENT + "ORDER BY id DESC LIMIT ?", (network_id, limit))
        return [_event(row) for row in rows]

    def split_after(self, network_id: str, event_id: int) -> NetworkEvent | None:
        """The first split of NETWORK_ID after the event EVENT_ID."""
        row = self.db.execute(
            _EVENT + "AND event = 'split' AND id > ? ORDER BY id LIMIT 1", (network_id, event_id)
        ).fetchone()
        return None if row is None else _event(row)

    def last_merged_into(self, network_id: str) -> NetworkEvent | None:
        """The last merge of NETWORK_ID into another network."""
        row = self.db.execute(
            _EVENT + "AND event = 'merged_into' ORDER BY id DESC LIMIT 1", (network_id,)
        ).fetchone()
        return None if row is None else _event(row)

    def record_refs(self, record_ids: list[str]) -> list[RecordRef]:
        """RECORD_IDS that are still stored, in that order."""
        out = []
        for rid in record_ids:
            found = self.db.execute(
                "SELECT id, title, network_id FROM records WHERE id = ?", (rid,)
            ).fetchone()
            if found is not None:
                out.append(RecordRef(found["id"], found["title"], found["network_id"]))
        return out
