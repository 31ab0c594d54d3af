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

from linkboard.store.casework import AccountsStore

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
    """An attempt refused before its password is checked: which key holds it (and whether that
    is the ``address``'s or the ``account``'s), for how long."""

    key: str
    seconds: int
    scope: str


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
    factor: int = 2 ** min(failures - free, 20)
    return min(MAX_DELAY, FIRST_DELAY * factor)


def held(
    store: AccountsStore, username: str, client: str, *, at: datetime, spare_account: bool
) -> Held | None:
    """Whether an attempt now must wait (and which key holds it), or None.

    SPARE_ACCOUNT: the account's own delay does not apply (the caller knows this attempt comes
    from one of the account's origins, or from this machine for the last admin)."""
    keys = [(address_key(client), ADDRESS_FREE, "address")]
    if not spare_account:
        keys.append((account_key(username), ACCOUNT_FREE, "account"))
    for key, free, scope in keys:
        found = store.sign_in_failures(key)
        if found is None:
            continue
        failures, last_at = found
        last = datetime.fromisoformat(last_at)
        if at - last > FORGET:
            continue
        until = last + delay(failures, free)
        if until > at:
            return Held(key, max(1, math.ceil((until - at).total_seconds())), scope)
    return None


def failed(store: AccountsStore, username: str, client: str, *, at: datetime) -> None:
    """Count a failed sign-in against the account and the address (atomically, in the store)."""
    keys = (account_key(username), address_key(client))
    store.count_sign_in_failure(keys, _stamp(at), _stamp(at - FORGET))


def succeeded(store: AccountsStore, username: str, client: str, *, at: datetime) -> None:
    """A right password: the account starts afresh and CLIENT becomes one of its origins. (The
    address keeps its count: signing in to one's own account must not buy more guesses at
    others.)"""
    store.note_sign_in_origin(account_key(username), username, address_key(client), _stamp(at))


def is_origin(store: AccountsStore, username: str, client: str, *, at: datetime) -> bool:
    """Whether USERNAME signed in from CLIENT's address within ORIGIN_DAYS."""
    since = _stamp(at - timedelta(days=ORIGIN_DAYS))
    return store.is_sign_in_origin(username, address_key(client), since)
