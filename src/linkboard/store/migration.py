"""A migration that needs Python between its SQL statements."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Step:
    """A migration that needs Python between its statements (one statement per string)."""

    before: tuple[str, ...]
    run: Callable[[sqlite3.Connection], None]
    after: tuple[str, ...] = ()
