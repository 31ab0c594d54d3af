"""Proxy headers, end to end: ``linkboard serve`` in a subprocess on 127.0.0.1 and a spare port.

Without ``--trust-proxy`` a forged ``X-Forwarded-For`` changes nothing: the audit log records the
connection's address and the sign-in throttle holds that address. With ``--trust-proxy
127.0.0.1`` the proxy's word is taken, for the audit log and for the throttle alike.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from linkboard.cases import audit, throttle
from linkboard.store import open_store
from tests.web.conftest import add_accounts
from tests.web.store_fixture import build_store
from tests.web.test_browser import _free_port

ATTEMPTS = 30


@contextmanager
def served(db: Path, *options: str) -> Iterator[httpx.Client]:
    """`linkboard serve` over DB with OPTIONS; a client on it, its login cookie set."""
    port = _free_port()
    command = [sys.executable, "-c", "from linkboard.cli import main; main()", "serve",
               "--db", str(db), "--port", str(port), *options]  # fmt: skip
    log = db.with_name("serve.log")
    with log.open("wb") as sink:
        server = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise AssertionError(log.read_text())
            try:
                httpx.get(f"{base}/login", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        with httpx.Client(base_url=base, timeout=30) as client:
            yield client
    finally:
        server.terminate()
        server.wait(15)


def _wrong_passwords(client: httpx.Client, forged: list[str]) -> list[int]:
    """One wrong sign-in per forged address (a new username each time); the statuses."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert found
    statuses = []
    for i, address in enumerate(forged):
        r = client.post("/login", headers={"X-Forwarded-For": address},
                        data={"username": f"ghost{i}", "password": "wrong-password-1",
                              "csrf_token": found.group(1)})  # fmt: skip
        statuses.append(r.status_code)
    return statuses


def _login_clients(db: Path) -> set[str]:
    with open_store(db) as store:
        return {e.client for e in audit.entries(store, action="login")}


def test_forged_forwarded_for_is_ignored_without_trust_proxy(tmp_path: Path) -> None:
    db = build_store(tmp_path).path
    add_accounts(db)
    forged = [f"203.0.113.{i}" for i in range(ATTEMPTS)]
    with served(db) as client:
        statuses = _wrong_passwords(client, forged)
    free = throttle.ADDRESS_FREE
    assert statuses[:free] == [401] * free
    assert statuses[free] == 429, "30 forged addresses must not escape the throttle"
    assert statuses.count(401) < free + 3
    assert _login_clients(db) == {"127.0.0.1"}


def test_forwarded_for_is_honoured_from_a_trusted_proxy(tmp_path: Path) -> None:
    db = build_store(tmp_path).path
    add_accounts(db)
    forged = [f"203.0.113.{i}" for i in range(ATTEMPTS)]
    one_address = ["198.51.100.7"] * (throttle.ADDRESS_FREE + 1)
    with served(db, "--trust-proxy", "127.0.0.1") as client:
        assert _wrong_passwords(client, forged) == [401] * ATTEMPTS  # each its own address
        held = _wrong_passwords(client, one_address)
    assert held[-1] == 429  # the throttle holds the address the proxy named
    assert _login_clients(db) == set(forged) | {"198.51.100.7"}
