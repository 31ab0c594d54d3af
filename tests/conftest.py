"""Shared, tiny fixtures. Each test builds the data it needs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import linkboard.extract
from linkboard.store import SQLiteStore, open_store


def pytest_configure(config: pytest.Config) -> None:
    """Refuse to test a compiled extractor older than its sources (see setup.py): the tests
    would pass or fail on code that is no longer there."""
    folder = Path(linkboard.extract.__file__).parent
    compiled = [p.stat().st_mtime for p in folder.glob("*.so")]
    stale = [p.name for p in folder.glob("*.py") if compiled and p.stat().st_mtime > min(compiled)]
    if stale:
        raise pytest.UsageError(
            f"linkboard.extract is compiled from older sources ({', '.join(sorted(stale))}): "
            "run `make test` (or `pip install -e .`) to rebuild, or delete its *.so files"
        )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with open_store(tmp_path / "test.db") as s:
        yield s


def write_jsonl(path: Path, rows: list[dict | str]) -> Path:
    """Write rows (dicts as JSON, strings verbatim) one per line."""
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
    return path
