"""The sign-in throttle: per account and per address, a growing delay, kept in the store, and never
a hard lockout of the account's owner or of the last admin."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from linkboard.cases import accounts, audit, throttle
from linkboard.cases.accounts import AccountError, LoginFailed, SignInHeld
from linkboard.store import open_store
from linkboard.store.sqlite import SQLiteStore
from tests.cases.fixtures import PASSWORD

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
WRONG = "not the password at all"


def _fail(store: SQLiteStore, name: str, client: str, at: datetime) -> None:
    with pytest.raises(LoginFailed):
        accounts.authenticate(store, name, WRONG, client=client, when=at)


def test_the_delay_grows_and_is_capped() -> None:
    free = throttle.ACCOUNT_FREE
    assert throttle.delay(free - 1, free) == timedelta(0)
    steps = [throttle.delay(free + i, free) for i in range(4)]
    assert steps == [throttle.FIRST_DELAY * 2**i for i in range(4)]
    assert throttle.delay(free + 100, free) == throttle.MAX_DELAY


def test_an_account_waits_whatever_address_the_guesses_come_from(store: SQLiteStore) -> None:
    accounts.add_user(store, "ana", PASSWORD, "analyst")
    for i in range(throttle.ACCOUNT_FREE):
        _fail(store, "ana", f"198.51.100.{i}", T0)
    with pytest.raises(SignInHeld) as held:  # the right password, from yet another address
        accounts.authenticate(store, "ana", PASSWORD, client="198.51.100.99", when=T0)
    assert held.value.seconds == 2
    assert "try again in 2 seconds" in str(held.value)
    assert held.value.reason == "throttled (account)"
    later = T0 + throttle.FIRST_DELAY + timedelta(seconds=1)
    _fail(store, "ana", "198.51.100.98", later)  # one more failure: the wait doubles
    with pytest.raises(SignInHeld) as longer:
        accounts.authenticate(store, "ana", PASSWORD, client="198.51.100.97", when=later)
    assert longer.value.seconds == 4
    after = later + timedelta(seconds=5)
    assert accounts.authenticate(store, "ana", PASSWORD, client="198.51.100.97", when=after)
    reasons = [e.detail["reason"] for e in audit.entries(store, action="login", actor="ana")
               if e.outcome == "refused"]  # fmt: skip
    assert reasons.count("throttled (account)") == 2


def test_an_address_waits_whatever_accounts_it_tries(store: SQLiteStore) -> None:
    accounts.add_user(store, "ana", PASSWORD, "analyst")
    for i in range(throttle.ADDRESS_FREE):
        _fail(store, f"ghost{i}", "203.0.113.5", T0)
    with pytest.raises(SignInHeld) as held:
        accounts.authenticate(store, "ana", PASSWORD, client="203.0.113.5", when=T0)
    assert held.value.reason == "throttled (address)"
    assert accounts.authenticate(store, "ana", PASSWORD, client="203.0.113.6", when=T0)
    # an IPv6 subscriber's /64 is one address; a success does not clear the address's count
    for i in range(throttle.ADDRESS_FREE):
        _fail(store, f"ghost{i}", f"2001:db8:1:2::{i + 1}", T0)
    with pytest.raises(SignInHeld):
        accounts.authenticate(store, "ana", PASSWORD, client="2001:db8:1:2:ffff::9", when=T0)
    assert accounts.authenticate(store, "ana", PASSWORD, client="2001:db8:1:3::1", when=T0)
    with pytest.raises(SignInHeld):
        accounts.authenticate(store, "ana", PASSWORD, client="203.0.113.5", when=T0)


def test_the_owner_is_not_held_where_they_signed_in_before(store: SQLiteStore) -> None:
    accounts.add_user(store, "ana", PASSWORD, "analyst")
    accounts.authenticate(store, "ana", PASSWORD, client="192.0.2.10", when=T0)
    for i in range(30):  # a flood of guesses at ana from everywhere else
        at = T0 + timedelta(seconds=i)
        with contextlib.suppress(LoginFailed):
            accounts.authenticate(store, "ana", WRONG, client=f"198.51.100.{i}", when=at)
    at = T0 + timedelta(seconds=30)
    with pytest.raises(SignInHeld):
        accounts.authenticate(store, "ana", PASSWORD, client="198.51.100.200", when=at)
    assert accounts.authenticate(store, "ana", PASSWORD, client="192.0.2.10", when=at)


def test_the_last_admin_is_never_locked_out(store: SQLiteStore) -> None:
    accounts.add_user(store, "root", PASSWORD, "admin")
    for i in range(40):
        at = T0 + timedelta(seconds=i)
        with contextlib.suppress(LoginFailed):
            accounts.authenticate(store, "root", WRONG, client=f"198.51.100.{i}", when=at)
    at = T0 + timedelta(seconds=40)
    with pytest.raises(SignInHeld):  # a stranger's address waits ...
        accounts.authenticate(store, "root", PASSWORD, client="198.51.100.201", when=at)
    # ... the admin at this machine does not, even never having signed in before
    assert accounts.authenticate(store, "root", PASSWORD, client="127.0.0.1", local=True, when=at)
    with pytest.raises(AccountError, match="last admin"):
        accounts.set_role(store, "root", "viewer")
    with pytest.raises(AccountError, match="last admin"):
        accounts.set_disabled(store, "root", True)
    accounts.add_user(store, "deputy", PASSWORD, "admin")
    assert accounts.set_role(store, "root", "analyst").role == "analyst"


def test_the_counts_are_shared_by_every_process(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    with open_store(db) as store:
        accounts.add_user(store, "ana", PASSWORD, "analyst")
    # another worker process: the failures it sees are in the store, not in its memory
    code = (
        "import sys; from linkboard.cases import accounts, throttle; "
        "from linkboard.store import open_store\n"
        "with open_store(sys.argv[1]) as s:\n"
        "    for i in range(throttle.ACCOUNT_FREE):\n"
        "        try: accounts.authenticate(s, 'ana', 'wrong password', client=f'10.0.0.{i}')\n"
        "        except accounts.LoginFailed: pass\n"
    )
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, timeout=120)
    with open_store(db) as store, pytest.raises(SignInHeld):
        accounts.authenticate(store, "ana", PASSWORD, client="10.0.0.200")
