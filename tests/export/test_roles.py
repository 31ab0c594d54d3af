"""The record export names a role other than the record's own; ``self`` values are unchanged."""

from __future__ import annotations

from pathlib import Path

from linkboard.export.records import rows
from linkboard.store import open_store
from tests.link.builders import add

TEXT = "713-555-0101"
PHONE = ("phone", "+17135550101")


def test_a_counterparty_phone_is_exported_with_its_role(tmp_path: Path) -> None:
    with open_store(tmp_path / "t.db") as store:
        add(store, "own", f"call {TEXT}", {TEXT: PHONE})
        add(store, "paid", f"paid {TEXT}", {TEXT: PHONE}, roles={TEXT: "counterparty"})
        out = {r["id"]: r for r in rows(store)}
    assert out["own"]["phones"] == ["+17135550101"]
    assert out["paid"]["phones"] == ["+17135550101 (counterparty)"]
