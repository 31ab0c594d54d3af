"""Per-user settings, kept in the store's settings under ``user:NAME:SETTING``."""

from __future__ import annotations

from linkboard.store.casework import AccountsStore

REVEAL_PHOTOS = "reveal_photos"


def _key(username: str, setting: str) -> str:
    return f"user:{username}:{setting}"


def get_flag(store: AccountsStore, username: str, setting: str) -> bool:
    return store.setting(_key(username, setting)) == "1"


def set_flag(store: AccountsStore, username: str, setting: str, on: bool) -> None:
    store.put_setting(_key(username, setting), "1" if on else "0")
