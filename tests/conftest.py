"""Shared, tiny fixtures. Each test builds the data it needs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from linkboard.store import SQLiteStore, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with open_store(tmp_path / "test.db") as s:
        yield s


def write_jsonl(path: Path, rows: list[dict | str]) -> Path:
    """Write rows (dicts as JSON, strings verbatim) one per line."""
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
    return path
