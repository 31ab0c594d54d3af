"""The pipeline's extension points (``linkboard.hooks``): a registered reaction is called with
the records the link stage changed, and what it returns reaches the run's report."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from linkboard import hooks
from linkboard.engine.local import process
from linkboard.ingest import ingest
from linkboard.store import open_store
from linkboard.store.base import Store
from tests.conftest import write_jsonl

ADS = [
    {"id": f"a{i}", "title": f"New in town {i}", "body": "Call 713-555-0101 now", "site": "s"}
    for i in range(3)
]


@pytest.fixture
def calls() -> Iterator[dict[str, list[list[str]]]]:
    seen: dict[str, list[list[str]]] = {"after_link": [], "after_update": []}

    def after_link(store: Store, record_ids: Sequence[str]) -> set[str]:
        seen["after_link"].append(sorted(record_ids))
        return set()

    def after_update(store: Store, record_ids: Sequence[str]) -> dict[str, int]:
        seen["after_update"].append(sorted(record_ids))
        return {"seen by test": len(record_ids)}

    hooks.after_link.register(after_link)
    hooks.after_update.register(after_update)
    yield seen
    hooks.after_link.unregister(after_link)
    hooks.after_update.unregister(after_update)


def test_a_registered_hook_is_called_with_the_changed_records(tmp_path, calls):
    path = write_jsonl(tmp_path / "ads.jsonl", ADS)
    with open_store(tmp_path / "h.db") as store:
        ingest(store, [path])
        report = process(store, workers=1, hash_images=False)
        assert calls == {"after_link": [["a0", "a1", "a2"]], "after_update": [["a0", "a1", "a2"]]}
        assert report.linking["seen by test"] == 3
        assert report.linking["alerts"] == 0  # casework's own hook ran too, no watches

        process(store, workers=1, hash_images=False)
        assert len(calls["after_update"]) == 1


def test_casework_registers_itself():
    names = {fn.__name__ for fn in hooks.after_link.implementations()}
    names |= {fn.__name__ for fn in hooks.after_update.implementations()}
    assert {"reapply_after_link", "alert_after_update"} <= names
