"""What the casework's SQLite halves share: the connection, the statement runner and the clock of
:class:`linkboard.store.sqlite.SQLiteStore` they are mixed into."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linkboard.store.sqlite_rows import now

__all__ = ["CaseworkTables", "id_clauses", "now"]

if TYPE_CHECKING:
    from linkboard.store.sqlite import Connection


def id_clauses(ids: list[str] | None, column: str) -> Iterator[tuple[str, list[str]]]:
    """``AND COLUMN IN (...)`` clauses over IDS, 500 at a time (one empty clause for None)."""
    if ids is None:
        yield "", []
        return
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        yield f" AND {column} IN ({','.join('?' * len(chunk))})", chunk


class CaseworkTables:
    """The parts of the store a casework mixin uses."""

    db: Connection
    path: Path

    if TYPE_CHECKING:

        def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor: ...
