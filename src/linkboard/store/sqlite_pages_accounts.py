"""The payments pages' reads (SQLite): the transactions booked on an account (the records that
hold its identifiers in the role ``holder``), newest first and a page at a time, their totals by
direction and currency, the counterparties they name, the accounts of a network, and the
accounts with financial alerts (their ``channel`` hits) for the triage queue."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from linkboard.model import Hit
from linkboard.store.pages import BookedTotal
from linkboard.store.sqlite_rows import hit_from_row

if TYPE_CHECKING:
    from linkboard.store.sqlite import Connection

#: Identifiers an account holds are few (an IBAN, a phone, a $cashtag); more are read in chunks.
_MAX_PAIRS = 200


def _pairs(identifiers: Sequence[str]) -> tuple[str, list[Any]]:
    """A condition on the mentions ``m`` holding one of IDENTIFIERS (``kind:value``), on the
    mentions' (kind, value) index, and its parameters."""
    pairs = [i.split(":", 1) for i in sorted(set(identifiers))[:_MAX_PAIRS] if ":" in i]
    if not pairs:
        return "0", []
    ors = " OR ".join("(m.kind = ? AND m.value = ?)" for _ in pairs)
    return f"({ors})", [x for pair in pairs for x in pair]


def _booked(identifiers: Sequence[str]) -> tuple[str, list[Any]]:
    """FROM ... WHERE of the transactions booked on the account that holds IDENTIFIERS (the
    records holding one of them as ``holder``): read from the mentions' (kind, value) index,
    then each record by its id (``CROSS JOIN`` keeps that order: never every transaction of the
    store), and its parameters."""
    held, params = _pairs(identifiers)
    return (
        "FROM (SELECT DISTINCT m.record_id AS id FROM mentions m WHERE m.role = 'holder' "
        f"AND {held}) h CROSS JOIN records r ON r.id = h.id WHERE r.kind = 'transaction'",
        params,
    )


class AccountPageSQL:
    db: Connection

    def booked_ids(self, identifiers: Sequence[str], offset: int, limit: int) -> list[str]:
        """The transactions booked on the account that holds IDENTIFIERS, newest first."""
        booked, params = _booked(identifiers)
        rows = self.db.execute(
            f"SELECT r.id {booked} ORDER BY r.posted_at DESC, r.id DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [row[0] for row in rows]

    def booked_totals(self, identifiers: Sequence[str]) -> list[BookedTotal]:
        """How many transactions the account holding IDENTIFIERS booked and their sum, by
        direction and currency (summed in cents, so exactly)."""
        booked, params = _booked(identifiers)
        rows = self.db.execute(
            "SELECT json_extract(r.extra, '$.direction'), json_extract(r.extra, '$.currency'), "
            "count(*), sum(CAST(round(CAST(json_extract(r.extra, '$.amount') AS REAL) * 100) "
            f"AS INTEGER)) {booked} GROUP BY 1, 2 ORDER BY 2, 1",
            params,
        )
        return [BookedTotal(str(d or ""), str(c or ""), int(n), int(cents or 0))
                for d, c, n, cents in rows]  # fmt: skip

    def booked_counterparties(self, identifiers: Sequence[str], limit: int
                              ) -> list[tuple[str, int]]:  # fmt: skip
        """(identifier, how many of its transactions name it) of the counterparties of the
        account holding IDENTIFIERS, the most frequent first."""
        booked, params = _booked(identifiers)
        rows = self.db.execute(
            "SELECT c.kind || ':' || c.value, count(DISTINCT c.record_id) FROM (SELECT r.id "
            f"{booked}) t CROSS JOIN mentions c ON c.record_id = t.id "
            "WHERE c.role = 'counterparty' GROUP BY c.kind, c.value ORDER BY 2 DESC, 1 LIMIT ?",
            [*params, limit],
        )
        return [(row[0], int(row[1])) for row in rows]

    def holders_of_kind(self, identifiers: Sequence[str], kind: str) -> list[tuple[str, str]]:
        """(identifier, record id) of the records of KIND that hold one of IDENTIFIERS as
        their own (``self``): the account a transaction is booked on, a counterparty's."""
        pairs = sorted({i for i in identifiers if ":" in i})
        out: list[tuple[str, str]] = []
        for at in range(0, len(pairs), _MAX_PAIRS):
            held, params = _pairs(pairs[at : at + _MAX_PAIRS])
            rows = self.db.execute(
                "SELECT m.kind || ':' || m.value, m.record_id FROM mentions m CROSS JOIN "
                f"records r ON r.id = m.record_id WHERE m.role = 'self' AND {held} "
                "AND r.kind = ? ORDER BY 1, 2",
                [*params, kind],
            )
            out += [(row[0], row[1]) for row in rows]
        return out

    def network_records_of_kind(self, network_id: str, kind: str) -> list[str]:
        """The ids of NETWORK_ID's records of KIND (its accounts), in id order."""
        rows = self.db.execute(
            "SELECT id FROM records WHERE network_id = ? AND +kind = ? ORDER BY id",
            (network_id, kind),
        )
        return [row[0] for row in rows]

    def hits_of_level(self, kind: str, level: str, limit: int) -> list[tuple[str, Hit]]:
        """(record id, hit) of the hits of LEVEL on records of KIND (the accounts' financial
        alerts), the records walked through the kinds' index."""
        rows = self.db.execute(
            "SELECT h.subject_id AS record_id, h.* FROM records r CROSS JOIN hits h "
            "ON h.subject = 'record' AND h.subject_id = r.id "
            "WHERE r.kind = ? AND h.level = ? ORDER BY h.weight DESC, h.subject_id LIMIT ?",
            (kind, level, limit),
        )
        return [(row["record_id"], hit_from_row(row)) for row in rows]
