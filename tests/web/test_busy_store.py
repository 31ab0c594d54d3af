"""``linkboard run`` into the store the web app is serving, while analysts browse and mark.

Found by the probe: the run ingested, then failed with "database is locked" (the app wrote on
every page view, and a deferred transaction that read and then wrote failed at once), and its
records were never linked. Write transactions are now taken up front and wait with back-off,
and a page view never waits for the write lock."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from linkboard.web import create_app
from tests.web.conftest import add_accounts, sign_in

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent / "linkboard"


def _linkboard(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN), *map(str, args)], capture_output=True, text=True, timeout=300)


def _browse(client: TestClient, ids: list[str], stop: threading.Event, codes: list[int]) -> None:
    pages = ["/", "/overview", "/search?q=call", "/api/triage", "/alerts"]
    n = 0
    while not stop.is_set():
        rid = ids[n % len(ids)]
        codes.append(client.get(pages[n % len(pages)]).status_code)
        codes.append(client.get(f"/records/{rid}").status_code)
        codes.append(client.post(f"/api/marks/record/{rid}", json={"mark": "seen"}).status_code)
        n += 1


def test_a_run_succeeds_and_links_everything_while_analysts_browse(tmp_path):
    corpus = tmp_path / "corpus"
    assert _linkboard("synth", "--ads", 600, "--out", corpus, "--no-images").returncode == 0
    lines = (corpus / "ads.jsonl").read_text().splitlines(keepends=True)
    first, more = tmp_path / "first.jsonl", tmp_path / "more.jsonl"
    first.write_text("".join(lines[:150]))
    more.write_text("".join(lines[150:]))
    db = tmp_path / "lb.db"
    assert _linkboard("run", first, "--db", db, "-q").returncode == 0
    accounts = add_accounts(db)
    ids = [json.loads(line)["id"] for line in lines[:150]]
    app = create_app(db)
    stop, codes = threading.Event(), []
    browsers = []
    for role in ("analyst", "admin"):
        client = sign_in(TestClient(app), accounts.users[role], accounts.password)
        browsers.append(threading.Thread(target=_browse, args=(client, ids, stop, codes)))
    for thread in browsers:
        thread.start()
    try:
        result = _linkboard("run", more, "--db", db, "-q", "--workers", 1)
    finally:
        stop.set()
        for thread in browsers:
            thread.join()
        app.state.database.close()
    assert result.returncode == 0, result.stderr
    assert "ingested: 450 new" in result.stdout
    stats = json.loads(_linkboard("stats", "--db", db, "--json").stdout)
    assert (stats["records"], stats["pending"], stats["unlinked"]) == (600, 0, 0)
    assert len(codes) > 30, sorted(set(codes))
    assert set(codes) == {200}, sorted(set(codes))
