"""What exports, the CLI's reports (stats, explain, networks) and the evaluation read.

The protocol every store backend implements; the SQLite one is ``store.sqlite_reports``."""

from __future__ import annotations

from typing import Protocol


class ReportQueries(Protocol):
    pass
