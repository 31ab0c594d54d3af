from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from linkboard.store import SQLiteStore, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    s = open_store(tmp_path / "t.db")
    yield s
    s.close()
