"""A mention held in a role other than the record's own shows it, on the record page and in the
API; a ``self`` mention looks as it always did."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from linkboard.store import open_store
from linkboard.web import create_app
from tests.link.builders import add
from tests.web.conftest import add_accounts, sign_in

TEXT = "713-555-0101"
PHONE = ("phone", "+17135550101")


def test_the_record_page_names_a_role_other_than_self(tmp_path: Path) -> None:
    db = tmp_path / "roles.db"
    with open_store(db) as store:
        add(store, "own", f"call {TEXT}", {TEXT: PHONE})
        add(store, "paid", f"paid {TEXT}", {TEXT: PHONE}, roles={TEXT: "counterparty"})
    accounts = add_accounts(db)
    app = create_app(db)
    try:
        with TestClient(app) as client:
            sign_in(client, accounts.users["analyst"], accounts.password)
            paid = client.get("/records/paid").text
            own = client.get("/records/own").text
            assert '<span class="muted">(counterparty)</span>' in paid
            assert "(counterparty)" not in own
            assert "(self)" not in own
            api = client.get("/api/records/paid").json()
            assert [m["role"] for m in api["mentions"]] == ["counterparty"]
            assert [m["role"] for m in client.get("/api/records/own").json()["mentions"]] == [
                "self"
            ]
    finally:
        app.state.database.close()
