"""Per-user settings, kept in the store's ``app_settings`` table under ``user:NAME:SETTING``."""

from __future__ import annotations

from linkboard.store.sqlite import SQLiteStore

REVEAL_PHOTOS = "reveal_photos"


def _key(username: str, setting: str) -> str:
    return f"user:{username}:{setting}"


def get_flag(store: SQLiteStore, username: str, setting: str) -> bool:
    row = store.execute(
        "SELECT value FROM app_settings WHERE key = ?", (_key(username, setting),)
    ).fetchone()
    return bool(row) and row[0] == "1"


def set_flag(store: SQLiteStore, username: str, setting: str, on: bool) -> None:
    with store.db:
        store.db.execute(
            "INSERT OR REPLACE INTO app_settings (key, value) VALUES (?, ?)",
            (_key(username, setting), "1" if on else "0"),
        )
