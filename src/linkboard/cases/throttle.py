"""The sign-in throttle: failed sign-ins counted per account and per client address, in the store.

Each key (``account:NAME``, ``address:IP``) may fail a few times freely; after that every failure
makes the next attempt wait a growing delay (``FIRST_DELAY``, doubling, at most ``MAX_DELAY``),
and an attempt that comes too early is refused without its password being checked. A key with no
failure for ``FORGET`` starts afresh. The counts live in the store, so every worker process of
the web app, and every restart, sees the same ones.

Nothing here is a hard lockout. The account's delay holds back attempts from anywhere *except*
the addresses this account has signed in from before (``sign_in_origins``) and, for the last
admin, this machine: whoever floods an account with wrong passwords delays strangers, not the
account's owner at the desk they use. The address's delay holds back every attempt from that
address, whatever the account. IPv6 addresses count by their /64 network (one subscriber).
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from linkboard.store.sqlite import SQLiteStore

#: Failures allowed before a key has to wait: an address (an office may share one) and an account.
ADDRESS_FREE = 10
ACCOUNT_FREE = 5
FIRST_DELAY = timedelta(seconds=2)
MAX_DELAY = timedelta(minutes=15)
#: A key with no failure for this long starts afresh.
FORGET = timedelta(hours=1)
#: An address a user signed in from stays theirs for this long.
ORIGIN_DAYS = 90


@dataclass(frozen=True, slots=True)
class Held:
    """An attempt refused before its password is checked: which key holds it, for how long."""

    key: str
    seconds: int


def address_key(client: str) -> str:
    """The throttle key of a client address: the address, or its /64 for IPv6."""
    try:
        ip = ipaddress.ip_address(client)
    except ValueError:
        return f"address:{client}"
    if ip.version == 6 and not ip.is_loopback:
        return f"address:{ipaddress.ip_network(f'{ip}/64', strict=False)}"
    return f"address:{ip}"


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def account_key(username: str) -> str:
    return f"account:{username}"


def delay(failures: int, free: int) -> timedelta:
    """How long a key waits after its FAILURES-th failure."""
    if failures < free:
        return timedelta(0)
    doublings = min(failures - free, 20)
    return min(MAX_DELAY, FIRST_DELAY * 2**doublings)


def held(
    store: SQLiteStore, username: str, client: str, *, at: datetime, spare_account: bool
) -> Held | None:
    """Whether an attempt now must wait (and which key holds it), or None.

    SPARE_ACCOUNT: the account's own delay does not apply (the caller knows this attempt comes
    from one of the account's origins, or from this machine for the last admin)."""
    keys = [(address_key(client), ADDRESS_FREE)]
    if not spare_account:
        keys.append((account_key(username), ACCOUNT_FREE))
    for key, free in keys:
        row = store.execute(
            "SELECT failures, last_at FROM sign_in_failures WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            continue
        last = datetime.fromisoformat(row["last_at"])
        if at - last > FORGET:
            continue
        until = last + delay(row["failures"], free)
        if until > at:
            return Held(key, max(1, math.ceil((until - at).total_seconds())))
    return None


def failed(store: SQLiteStore, username: str, client: str, *, at: datetime) -> None:
    """Count a failed sign-in against the account and the address (atomically, in the store)."""
    stamp, forget = _stamp(at), _stamp(at - FORGET)
    with store.db:
        for key in (account_key(username), address_key(client)):
            store.db.execute(
                "INSERT INTO sign_in_failures (key, failures, last_at) VALUES (?, 1, ?) "
                "ON CONFLICT (key) DO UPDATE SET last_at = excluded.last_at, failures = CASE "
                "WHEN sign_in_failures.last_at < ? THEN 1 ELSE sign_in_failures.failures + 1 END",
                (key, stamp, forget),
            )
        store.db.execute("DELETE FROM sign_in_failures WHERE last_at < ?", (forget,))


def succeeded(store: SQLiteStore, username: str, client: str, *, at: datetime) -> None:
    """A right password: the account starts afresh and CLIENT becomes one of its origins. (The
    address keeps its count: signing in to one's own account must not buy more guesses at
    others.)"""
    with store.db:
        store.db.execute("DELETE FROM sign_in_failures WHERE key = ?", (account_key(username),))
        store.db.execute(
            "INSERT OR REPLACE INTO sign_in_origins (username, address, last_at) VALUES (?, ?, ?)",
            (username, address_key(client), _stamp(at)),
        )


def is_origin(store: SQLiteStore, username: str, client: str, *, at: datetime) -> bool:
    """Whether USERNAME signed in from CLIENT's address within ORIGIN_DAYS."""
    since = _stamp(at - timedelta(days=ORIGIN_DAYS))
    row = store.execute(
        "SELECT 1 FROM sign_in_origins WHERE username = ? AND address = ? AND last_at >= ?",
        (username, address_key(client), since),
    ).fetchone()
    return row is not None
