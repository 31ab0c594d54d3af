"""What linking asks of the SQLite store: bulk lookups by temp-table joins, links, networks.

Functions over a :class:`~linkboard.store.sqlite.SQLiteStore` rather than methods, so the store
class stays one concept; a server store would offer the same functions.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from linkboard.model import Link
from linkboard.store.sqlite import SQLiteStore, now

_dump = json.dumps


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def fill_temp(
    store: SQLiteStore,
    name: str,
    columns: str,
    rows: Iterable[tuple[Any, ...]],
    ordered: bool = True,
) -> None:
    """(Re)create TEMP table NAME(columns) holding ROWS (distinct; sorted when ORDERED, so that
    results come in a reproducible order), for joins against big tables. It has no index:
    queries read it first (``CROSS JOIN`` fixes that order) and look each row up in the big
    table's index, so building a B-tree of 100,000 ids is not needed."""
    store.db.execute(f"DROP TABLE IF EXISTS temp.{name}")
    store.db.execute(f"CREATE TEMP TABLE {name} ({columns})")
    width = columns.count(",") + 1
    distinct = set(rows)
    store.db.executemany(
        f"INSERT INTO temp.{name} VALUES ({','.join('?' * width)})",
        sorted(distinct) if ordered else distinct,
    )


# -- records --------------------------------------------------------------------------------


def record_context(store: SQLiteStore, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """id -> {posted_at, city, site, network_id} (city falls back to a location mention)."""
    fill_temp(store, "ctx_ids", "id TEXT", ((i,) for i in ids))
    out: dict[str, dict[str, Any]] = {}
    for r in store.db.execute(
        "SELECT r.id, r.posted_at, r.city, r.site, r.network_id, r.location FROM temp.ctx_ids t "
        "CROSS JOIN records r ON r.id = t.id"
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
        fill_temp(store, "ctx_ids", "id TEXT", missing)
        for rid, value in store.db.execute(
            "SELECT m.record_id, m.value FROM temp.ctx_ids t CROSS JOIN mentions m "
            "ON m.record_id = t.id WHERE m.kind = 'location' ORDER BY m.record_id, m.start"
        ):
            out[rid]["city"] = out[rid]["city"] or value
    return out


def record_texts(store: SQLiteStore, ids: Iterable[str]) -> dict[str, dict[str, str]]:
    """id -> {"title": ..., "body": ...}: the text linking reads, without building records."""
    fill_temp(store, "text_ids", "id TEXT", ((i,) for i in ids))
    return {
        rid: {"title": title or "", "body": body or ""}
        for rid, title, body in store.db.execute(
            "SELECT r.id, r.title, r.body FROM temp.text_ids t CROSS JOIN records r ON r.id = t.id"
        )
    }


def posting_order(store: SQLiteStore, ids: Iterable[str]) -> list[str]:
    """IDS ordered by ``posted_at`` (unknown last), then id."""
    fill_temp(store, "order_ids", "id TEXT", ((i,) for i in ids))
    rows = store.db.execute(
        "SELECT r.id, r.posted_at FROM temp.order_ids t CROSS JOIN records r ON r.id = t.id"
    ).fetchall()
    return [rid for _, rid in sorted((posted or "~", rid) for rid, posted in rows)]


@contextmanager
def bigger_cache(store: SQLiteStore, kib: int = 524_288) -> Iterator[None]:
    """A page cache of at least KIB KiB while linking a big batch (the band index grows with
    every increment), back to the store's own size after."""
    before = store.db.execute("PRAGMA cache_size").fetchone()[0]
    if before >= 0 or -before >= kib:
        yield
        return
    store.db.execute(f"PRAGMA cache_size=-{kib}")
    try:
        yield
    finally:
        store.db.execute(f"PRAGMA cache_size={before}")


def values_of(store: SQLiteStore, ids: Iterable[str], kind: str) -> dict[str, set[str]]:
    """id -> the values of its mentions of KIND."""
    return values_by_kind(store, ids, (kind,))[kind]


def values_by_kind(
    store: SQLiteStore, ids: Iterable[str], kinds: Iterable[str]
) -> dict[str, dict[str, set[str]]]:
    """kind -> id -> the values of its mentions of that kind, for each of KINDS (one query)."""
    kinds = list(kinds)
    fill_temp(store, "val_ids", "id TEXT", ((i,) for i in ids))
    out: dict[str, dict[str, set[str]]] = {k: defaultdict(set) for k in kinds}
    marks = ",".join("?" * len(kinds))
    for rid, kind, value in store.db.execute(
        "SELECT m.record_id, m.kind, m.value FROM temp.val_ids t CROSS JOIN mentions m "
        f"ON m.record_id = t.id WHERE m.kind IN ({marks})",
        kinds,
    ):
        out[kind][rid].add(value)
    return out


def suppressed_identifiers(store: SQLiteStore) -> set[str]:
    """The identifiers (``kind:value``) an analyst marked generic."""
    rows = store.db.execute("SELECT identifier FROM identifier_status WHERE status = 'suppressed'")
    return {r[0] for r in rows}


def records_with_identifiers(store: SQLiteStore, identifiers: Iterable[str]) -> dict[str, set[str]]:
    """identifier (``kind:value``) -> ids of the stored records that mention it."""
    rows = [tuple(i.split(":", 1)) for i in set(identifiers)]
    fill_temp(store, "idents", "kind TEXT, value TEXT", rows)
    out: dict[str, set[str]] = defaultdict(set)
    for kind, value, rid in store.db.execute(
        "SELECT m.kind, m.value, m.record_id FROM temp.idents t CROSS JOIN mentions m "
        "ON m.kind = t.kind AND m.value = t.value"
    ):
        out[f"{kind}:{value}"].add(rid)
    return out


def image_rows(store: SQLiteStore, min_quality: int) -> list[tuple[str, str, str, str, int]]:
    """(record_id, ref, pdq, phash, quality) of every hashed image good enough to link."""
    return store.db.execute(
        "SELECT record_id, ref, pdq, phash, quality FROM images "
        "WHERE error = '' AND pdq != '' AND quality >= ? ORDER BY rowid",
        (min_quality,),
    ).fetchall()


# -- links ----------------------------------------------------------------------------------


def _link(r: Any) -> Link:
    return Link(r[0], r[1], r[2], bool(r[3]), r[4], json.loads(r[5]))


def save_links(store: SQLiteStore, links: Iterable[Link]) -> int:
    """Insert or replace links; identifier links for a pair already linked merge identifiers."""
    links = list(links)
    ident = [lk for lk in links if lk.kind == "identifier"]
    if ident:
        fill_temp(store, "pairs", "a TEXT, b TEXT", ((lk.a, lk.b) for lk in ident))
        old = {
            (r[0], r[1]): json.loads(r[2]).get("identifiers", [])
            for r in store.db.execute(
                "SELECT l.a, l.b, l.evidence FROM temp.pairs p CROSS JOIN links l "
                "ON l.a = p.a AND l.b = p.b AND l.kind = 'identifier'"
            )
        }
        merged = []
        for lk in links:
            prior = old.get((lk.a, lk.b))
            if lk.kind == "identifier" and prior:
                ids = sorted(set(prior) | set(lk.evidence["identifiers"]))
                lk = Link(
                    lk.a, lk.b, lk.kind, True, float(len(ids)), {**lk.evidence, "identifiers": ids}
                )
            merged.append(lk)
        links = merged
    return store.save_links(links)


def links_among(store: SQLiteStore, ids: Iterable[str]) -> list[Link]:
    """Every link with both ends in IDS."""
    return [_link(r) for r in _among(store, ids, "l.evidence")]


def light_links_among(
    store: SQLiteStore, ids: Iterable[str]
) -> list[tuple[str, str, str, bool, float]]:
    """(a, b, kind, hard, score) of every link with both ends in IDS (no evidence to parse)."""
    return [(r[0], r[1], r[2], bool(r[3]), r[4]) for r in _among(store, ids)]


def _among(store: SQLiteStore, ids: Iterable[str], extra: str = "") -> list[Any]:
    ids = set(ids)
    fill_temp(store, "among", "id TEXT", ((i,) for i in ids))
    columns = ", ".join(filter(None, ["l.a, l.b, l.kind, l.hard, l.score", extra]))
    rows = store.db.execute(
        f"SELECT {columns} FROM temp.among x CROSS JOIN links l ON l.a = x.id"
    ).fetchall()
    return [r for r in rows if r[1] in ids]


def delete_links_touching(store: SQLiteStore, ids: Iterable[str]) -> None:
    fill_temp(store, "gone", "id TEXT", ((i,) for i in ids))
    with store.db:
        store.db.execute("DELETE FROM links WHERE a IN (SELECT id FROM temp.gone)")
        store.db.execute("DELETE FROM links WHERE b IN (SELECT id FROM temp.gone)")


def drop_identifier_from_links(store: SQLiteStore, identifier: str, ids: Iterable[str]) -> int:
    """Remove IDENTIFIER from the identifier links among IDS; links left empty go. Returns count."""
    changed = 0
    with store.db:
        for lk in links_among(store, ids):
            shared = lk.evidence.get("identifiers", [])
            if lk.kind != "identifier" or identifier not in shared:
                continue
            rest = [i for i in shared if i != identifier]
            changed += 1
            if rest:
                store.db.execute(
                    "UPDATE links SET evidence = ?, score = ? WHERE a = ? AND b = ? AND kind = ?",
                    (
                        _dump({**lk.evidence, "identifiers": rest}, sort_keys=True),
                        len(rest),
                        lk.a,
                        lk.b,
                        lk.kind,
                    ),
                )
            else:
                store.db.execute(
                    "DELETE FROM links WHERE a = ? AND b = ? AND kind = ?", (lk.a, lk.b, lk.kind)
                )
    return changed


# -- text bands and sentence statistics -----------------------------------------------------


def replace_bands(store: SQLiteStore, ids: list[str], rows: list[tuple[int, int, str]]) -> None:
    """Replace the band keys of IDS by ROWS (band, key, record_id); inserted in key order, which
    keeps the (band, key) index writes local."""
    fill_temp(store, "band_ids", "id TEXT", ((i,) for i in ids))
    with store.db:
        store.db.execute(
            "DELETE FROM text_bands WHERE rowid IN (SELECT b.rowid FROM temp.band_ids t "
            "CROSS JOIN text_bands b ON b.record_id = t.id)"
        )
        store.db.executemany("INSERT INTO text_bands VALUES (?, ?, ?)", sorted(rows))


def bucket_members(
    store: SQLiteStore, keys: Iterable[tuple[int, int]], cap: int
) -> dict[tuple[int, int], list[str]]:
    """(band, key) -> stored record ids in that bucket, oldest first; at most CAP + 1 each
    (read so in SQL: a bucket of 50,000 records costs as little as one of 2,000)."""
    fill_temp(store, "bkeys", "band INTEGER, key INTEGER", keys, ordered=False)
    out: dict[tuple[int, int], list[str]] = {}
    for band, key, members in store.db.execute(
        "SELECT k.band, k.key, (SELECT group_concat(record_id, char(31)) FROM (SELECT "
        "b.record_id FROM text_bands b WHERE b.band = k.band AND b.key = k.key "
        "ORDER BY b.rowid LIMIT ?)) FROM temp.bkeys k",
        (cap + 1,),
    ):
        if members:
            out[(band, key)] = members.split("\x1f")
    return out


def sentence_stats(store: SQLiteStore, hashes: Iterable[int]) -> dict[int, list[Any]]:
    """hash -> [records, names list, cities list] as stored."""
    fill_temp(store, "shashes", "hash INTEGER", ((h,) for h in hashes))
    return {
        r[0]: [r[1], json.loads(r[2]), json.loads(r[3])]
        for r in store.db.execute(
            "SELECT s.hash, s.records, s.names, s.cities FROM temp.shashes t "
            "CROSS JOIN text_sentences s ON s.hash = t.hash"
        )
    }


def save_sentence_stats(store: SQLiteStore, stats: dict[int, list[Any]]) -> None:
    with store.db:
        store.db.executemany(
            "INSERT OR REPLACE INTO text_sentences VALUES (?, ?, ?, ?)",
            [(h, s[0], _dump(sorted(s[1])), _dump(sorted(s[2]))) for h, s in stats.items()],
        )


# -- networks -------------------------------------------------------------------------------


def network_of(store: SQLiteStore, ids: Iterable[str]) -> dict[str, str | None]:
    fill_temp(store, "nids", "id TEXT", ((i,) for i in ids))
    return dict(
        store.db.execute(
            "SELECT r.id, r.network_id FROM temp.nids t CROSS JOIN records r ON r.id = t.id"
        ).fetchall()
    )


def existing_networks(store: SQLiteStore, network_ids: Iterable[str]) -> set[str]:
    """Those of NETWORK_IDS that are still stored."""
    fill_temp(store, "enets", "id TEXT", ((n,) for n in network_ids))
    return {
        r[0]
        for r in store.db.execute(
            "SELECT n.id FROM temp.enets t CROSS JOIN networks n ON n.id = t.id"
        )
    }


def members_of(store: SQLiteStore, network_ids: Iterable[str]) -> dict[str, list[str]]:
    fill_temp(store, "mnets", "id TEXT", ((n,) for n in network_ids))
    out: dict[str, list[str]] = defaultdict(list)
    for rid, nid in store.db.execute(
        "SELECT r.id, r.network_id FROM temp.mnets t CROSS JOIN records r ON r.network_id = t.id"
    ):
        out[nid].append(rid)
    return out


def last_network_number(store: SQLiteStore) -> int:
    row = store.db.execute(
        "SELECT max(id) FROM (SELECT max(id) AS id FROM networks "
        "UNION ALL SELECT max(network_id) FROM network_events)"
    ).fetchone()
    return int(row[0][1:]) if row and row[0] else 0


def set_networks(
    store: SQLiteStore, assignment: dict[str, str | None], old: dict[str, str | None]
) -> None:
    """Write ASSIGNMENT (record -> network or None) where it differs from OLD."""
    with store.db:
        store.db.executemany(
            "UPDATE records SET network_id = ? WHERE id = ?",
            [(nid, rid) for rid, nid in sorted(assignment.items()) if old.get(rid) != nid],
        )


def add_events(store: SQLiteStore, events: list[tuple[str, str, dict[str, Any]]]) -> None:
    at = now()
    with store.db:
        store.db.executemany(
            "INSERT INTO network_events (at, event, network_id, detail) VALUES (?, ?, ?, ?)",
            [
                (at, event, nid, _dump(detail, ensure_ascii=False, sort_keys=True))
                for event, nid, detail in events
            ],
        )


def delete_networks(store: SQLiteStore, network_ids: Iterable[str]) -> None:
    with store.db:
        store.db.executemany("DELETE FROM networks WHERE id = ?", [(n,) for n in network_ids])


def save_networks(store: SQLiteStore, rows: list[dict[str, Any]]) -> None:
    """Insert or update network rows (id, size, first_seen, last_seen, summary)."""
    at = now()
    with store.db:
        store.db.executemany(
            "INSERT INTO networks (id, name, size, first_seen, last_seen, summary, created_at, "
            "updated_at) VALUES (:id, :name, :size, :first_seen, :last_seen, :summary, :at, :at) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, size = excluded.size, "
            "first_seen = excluded.first_seen, last_seen = excluded.last_seen, "
            "summary = excluded.summary, updated_at = excluded.updated_at",
            [
                {**r, "summary": _dump(r["summary"], ensure_ascii=False, sort_keys=True), "at": at}
                for r in rows
            ],
        )


def network_sizes(store: SQLiteStore, network_ids: Iterable[str]) -> dict[str, tuple[int, str]]:
    """id -> (size, created_at) of stored networks."""
    fill_temp(store, "snets", "id TEXT", ((n,) for n in network_ids))
    return {
        r[0]: (r[1], r[2])
        for r in store.db.execute(
            "SELECT n.id, n.size, n.created_at FROM temp.snets t CROSS JOIN networks n "
            "ON n.id = t.id"
        )
    }
