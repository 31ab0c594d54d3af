"""A network whose template other operations share shows them as leads, not as members."""

from __future__ import annotations

from fastapi.testclient import TestClient

from linkboard.link import update
from linkboard.store import open_store
from linkboard.web import create_app
from tests.link.builders import network
from tests.link.test_templates import OPS, _world
from tests.web.conftest import add_accounts, sign_in


def test_the_network_page_lists_the_networks_that_share_its_template(tmp_path):
    db = tmp_path / "lb.db"
    with open_store(db) as store:
        update(store, _world(store))
        nets = {op: network(store, f"{op}0") for op in OPS}
    accounts = add_accounts(db)
    with TestClient(create_app(db)) as client:
        sign_in(client, accounts.users["analyst"], accounts.password)
        page = client.get(f"/networks/{nets['a']}").text
    assert "Same template as 2 other networks" in page
    for op in ("b", "c"):
        assert f'href="/networks/{nets[op]}"' in page
    assert "a lead, not a merge" in page
