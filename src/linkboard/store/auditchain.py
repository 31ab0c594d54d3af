"""The audit log's hash chain: each entry carries the hash of the one before it and its own.

An entry's hash is the sha256 of its fields and the hash before it (``entry_hash``), so editing
an entry, deleting one or slipping one in shows where it happened (``verify``). ``audit_head``
holds the number of entries, the last id and the last hash, kept by a trigger, so that entries
cut from the end show too. Triggers refuse an insert that does not follow the head: two writers
can never fork the chain, whatever the code that writes.

A chain without a secret shows tampering by anyone who edits entries without recomputing every
hash after them; write the head ``verify`` prints somewhere else (a backup log, a case file) to
catch even that.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: The hash before the first entry.
GENESIS = "0" * 64
#: The fields an entry's hash covers, in order (its own id included: moving an entry shows).
FIELDS = ("id", "at", "actor", "action", "target", "outcome", "detail", "client")


def entry_hash(prev: str, fields: Sequence[Any]) -> str:
    """sha256 of PREV and the entry's FIELDS (in ``FIELDS`` order), as canonical JSON."""
    payload = json.dumps([prev, *fields], ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


def append(db: sqlite3.Connection, fields: Sequence[Any]) -> int:
    """Write one entry after the head: FIELDS are ``FIELDS`` without the id (at, actor, action,
    target, outcome, detail, client). Call it holding the write lock (inside ``with store.db``),
    which makes the head read here the last. Returns the entry's id."""
    last_id, prev = db.execute("SELECT last_id, hash FROM audit_head").fetchone()
    row = (last_id + 1, *fields)
    db.execute(
        f"INSERT INTO audit_log ({', '.join(FIELDS)}, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*row, prev, entry_hash(prev, row)),
    )
    return int(row[0])


def chain_existing(db: sqlite3.Connection) -> None:
    """Migration step: chain the entries written before the chain existed, oldest first, and
    set the head. Runs inside the migration's transaction, with the no-update trigger dropped."""
    prev, count, last = GENESIS, 0, 0
    updates = []
    for row in db.execute(f"SELECT {', '.join(FIELDS)} FROM audit_log ORDER BY id"):
        digest = entry_hash(prev, tuple(row))
        updates.append((prev, digest, row[0]))
        prev, count, last = digest, count + 1, row[0]
    db.executemany("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", updates)
    db.execute(
        "INSERT INTO audit_head (one, entries, last_id, hash) VALUES (1, ?, ?, ?)",
        (count, last, prev),
    )


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """What ``verify`` found: the entries it checked, the last hash, and the first break."""

    entries: int
    head: str
    broken_at: int | None = None
    problem: str = ""

    @property
    def holds(self) -> bool:
        return self.broken_at is None and not self.problem


def verify(db: sqlite3.Connection) -> ChainCheck:
    """Recompute the chain from the first entry and compare it with the head, in one snapshot."""
    if db.in_transaction:  # already one snapshot
        return _walk(db)
    db.execute("BEGIN")  # one read snapshot: a writer appending meanwhile changes nothing here
    try:
        return _walk(db)
    finally:
        db.execute("COMMIT")


def _walk(db: sqlite3.Connection) -> ChainCheck:
    prev, count, last = GENESIS, 0, None
    rows = db.execute(f"SELECT {', '.join(FIELDS)}, prev_hash, hash FROM audit_log ORDER BY id")
    for row in rows:
        fields, stated_prev, stated = tuple(row)[: len(FIELDS)], row[-2], row[-1]
        entry_id = fields[0]
        if stated_prev != prev:
            after = f"entry {last}" if last is not None else "the start of the log"
            return ChainCheck(
                count,
                prev,
                entry_id,
                f"entry {entry_id} does not follow {after}: "
                "an entry between them was deleted, or this one inserted",
            )
        if entry_hash(prev, fields) != stated:
            return ChainCheck(
                count,
                prev,
                entry_id,
                f"entry {entry_id} does not match its hash: it was edited, or "
                "written outside linkboard",
            )
        prev, count, last = stated, count + 1, entry_id
    return _against_head(db, count, last, prev)


def _against_head(db: sqlite3.Connection, count: int, last: int | None, prev: str) -> ChainCheck:
    head = db.execute("SELECT entries, last_id, hash FROM audit_head").fetchone()
    if head is None:
        return ChainCheck(count, prev, None, "the log's head (audit_head) is missing")
    entries, last_id, head_hash = tuple(head)
    if (entries, last_id or None, head_hash) == (count, last, prev):
        return ChainCheck(count, prev)
    ends = f"entry {last} ({count:,} entries)" if last is not None else "no entry"
    why = (
        "entries were removed from its end"
        if entries > count or (last_id or 0) > (last or 0)
        else "entries were added past the head"
    )
    return ChainCheck(
        count,
        prev,
        last_id if (last_id or 0) > (last or 0) else last,
        f"the log ends at {ends} but its head records entry {last_id} ({entries:,} entries): {why}",
    )
