"""Cases, their items, notes and tags. (SQLite)."""

from __future__ import annotations

import sqlite3

from linkboard.store.casework import Case, CaseItem, Note
from linkboard.store.sqlite_casework_base import CaseworkTables, now

#: The table that holds each kind of case item that is stored (identifiers are not).
ITEM_TABLES = {"network": "networks", "record": "records"}


class CasesSQL(CaseworkTables):
    def _case(self, row: sqlite3.Row) -> Case:
        tags = tuple(
            r[0]
            for r in self.execute(
                "SELECT tag FROM case_tags WHERE case_id = ? ORDER BY tag", (row["id"],)
            )
        )
        return Case(row["id"], row["title"], row["description"], row["status"],
                    row["created_by"], row["created_at"], row["updated_at"], tags)  # fmt: skip

    def case(self, case_id: int) -> Case | None:
        row = self.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
        return self._case(row) if row else None

    def cases(self, status: str | None = None) -> list[Case]:
        """Cases (with STATUS, or all), newest first."""
        sql, params = "SELECT * FROM cases", ()  # type: tuple[str, tuple[str, ...]]
        if status is not None:
            sql, params = sql + " WHERE status = ?", (status,)
        return [self._case(r) for r in self.execute(sql + " ORDER BY id DESC", params)]

    def create_case_row(self, title: str, description: str, created_by: str) -> int:
        """A new case, open; returns its id."""
        at = now()
        with self.db:
            cur = self.db.execute(
                "INSERT INTO cases (title, description, created_by, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (title, description, created_by, at, at),
            )
        return int(cur.lastrowid or 0)

    def touch_case(self, case_id: int) -> None:
        """Note that the case changed now."""
        with self.db:
            self.db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (now(), case_id))

    def case_item_exists(self, kind: str, ref: str) -> bool:
        """Whether the network or record REF exists (any identifier does)."""
        table = ITEM_TABLES.get(kind)
        if table is None:
            return True
        return self.execute(f"SELECT 1 FROM {table} WHERE id = ?", (ref,)).fetchone() is not None

    def _write(self, sql: str, params: tuple[object, ...]) -> None:
        with self.db:
            self.db.execute(sql, params)

    def add_case_item(self, case_id: int, kind: str, ref: str, added_by: str) -> None:
        self._write(
            "INSERT OR IGNORE INTO case_items VALUES (?, ?, ?, ?, ?)",
            (case_id, kind, ref, added_by, now()),
        )

    def remove_case_item(self, case_id: int, kind: str, ref: str) -> None:
        self._write(
            "DELETE FROM case_items WHERE case_id = ? AND kind = ? AND ref = ?",
            (case_id, kind, ref),
        )

    def add_case_note(self, case_id: int, author: str, body: str, about: str) -> None:
        self._write(
            "INSERT INTO case_notes (case_id, author, at, body, about) VALUES (?, ?, ?, ?, ?)",
            (case_id, author, now(), body, about),
        )

    def set_case_status(self, case_id: int, status: str) -> None:
        self._write("UPDATE cases SET status = ? WHERE id = ?", (status, case_id))

    def tag_case(self, case_id: int, tag: str) -> None:
        self._write("INSERT OR IGNORE INTO case_tags VALUES (?, ?)", (case_id, tag))

    def untag_case(self, case_id: int, tag: str) -> None:
        self._write("DELETE FROM case_tags WHERE case_id = ? AND tag = ?", (case_id, tag))

    def case_items(self, case_id: int) -> list[CaseItem]:
        rows = self.execute(
            "SELECT kind, ref, added_by, added_at FROM case_items WHERE case_id = ? "
            "ORDER BY added_at, kind, ref",
            (case_id,),
        )
        return [CaseItem(*r) for r in rows]

    def case_notes(self, case_id: int) -> list[Note]:
        rows = self.execute(
            "SELECT id, author, at, body, about FROM case_notes WHERE case_id = ? ORDER BY id",
            (case_id,),
        )
        return [Note(*r) for r in rows]
