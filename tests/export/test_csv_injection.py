"""OWASP CSV injection: no exported text cell reaches a spreadsheet as a formula.

A hostile ad's id, title, handle or mention text begins with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return; every CSV-like export (records CSV, i2, Maltego, the web's audit download)
writes it with a leading single quote, through one function (``export.cells.safe_cell``).
"""

from __future__ import annotations

import csv
import io

import pytest

from linkboard.export import formats
from linkboard.export.cells import FORMULA_STARTS, csv_writer, safe_cell
from linkboard.model import Link
from tests.cases.fixtures import add_ads

EVIL_ID = "=cmd|' /C calc'!A0"
EVIL_HANDLE = "instagram:@evil"
EVIL_TEXT = '=HYPERLINK("http://evil.example","x")'
HOSTILE = [
    (EVIL_ID, "n9", "+Las Vegas", "2026-01-02T10:00:00", f"{EVIL_TEXT} call -702 now",
     [("handle", EVIL_HANDLE, EVIL_TEXT)], []),
    ("@ad-2", "n9", "\tPhoenix", "2026-01-03T10:00:00", f"\r{EVIL_TEXT} again",
     [("handle", EVIL_HANDLE, EVIL_TEXT)], []),
]  # fmt: skip


@pytest.fixture
def hostile(store):
    add_ads(store, HOSTILE)
    store.save_links([Link(EVIL_ID, "@ad-2", "identifier", True, 1.0, {"identifiers": []})])
    with store.db:
        store.db.execute(
            "INSERT INTO networks (id, name, size, risk, first_seen, last_seen, summary, "
            "created_at, updated_at) VALUES ('n9', '-Sunny', 2, 0.7, '', '', '{}', '', '')"
        )
    return store


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("fmt", ["csv", "i2", "maltego"])
def test_no_exported_text_cell_starts_a_formula(hostile, tmp_path, fmt):
    out = tmp_path / f"n9.{fmt}"
    formats.export_network(hostile, "n9", fmt, out)
    cells = _cells(out.read_text(encoding="utf-8"))
    dangerous = [c for c in cells if c.startswith(FORMULA_STARTS) and not _is_number(c)]
    assert dangerous == []
    assert f"'{EVIL_ID}" in cells or any(c.startswith(f"'{EVIL_ID}") for c in cells)


def test_the_escape_is_owasps_leading_quote_and_numbers_stay_numbers():
    assert [safe_cell(v) for v in ("=1+1", "+1", "-1 text", "@SUM(A1)", "\tx", "\rx")] == [
        "'=1+1", "'+1", "'-1 text", "'@SUM(A1)", "'\tx", "'\rx",
    ]  # fmt: skip
    numbers = (-3, -0.5, 7, None, "plain", "")
    assert [safe_cell(v) for v in numbers] == [-3, -0.5, 7, "", "plain", ""]
    out = io.StringIO()
    csv_writer(out).writerow([-3, "-3", "=x"])
    assert out.getvalue() == "-3,'-3,'=x\r\n"


def test_the_web_audit_download_is_escaped_too(tmp_path):
    from fastapi.testclient import TestClient

    from linkboard.cases import audit
    from linkboard.store import open_store
    from linkboard.web import create_app
    from tests.web.conftest import add_accounts, sign_in

    db = tmp_path / "web.db"
    accounts = add_accounts(db)
    with open_store(db) as store:
        audit.record(store, "=evil", "record.view", EVIL_ID, {"q": "@x"}, client="-1")
    app = create_app(db)
    try:
        with TestClient(app, base_url="http://127.0.0.1") as client:
            sign_in(client, accounts.users["admin"], accounts.password)
            response = client.get("/admin/audit.csv")
    finally:
        app.state.database.close()
    assert response.status_code == 200, response.text
    cells = _cells(response.text)
    assert f"'{EVIL_ID}" in cells
    assert "'=evil" in cells
    assert "'-1" in cells
    assert not [c for c in cells if c.startswith(FORMULA_STARTS) and not _is_number(c)]
