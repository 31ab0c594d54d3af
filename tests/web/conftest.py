from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from linkboard.web import create_app
from tests.web.store_fixture import Fixture, build_store


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    return build_store(tmp_path_factory.mktemp("webstore"))


@pytest.fixture()
def client(fixture_store: Fixture) -> Iterator[TestClient]:
    app = create_app(fixture_store.path)
    with TestClient(app) as c:
        yield c
    app.state.database.close()
