"""Crypto addresses, ``coin:address`` (``btc:bc1q…``, ``eth:0x…``); Ethereum and bech32 Bitcoin
addresses are case-free and kept lower-case, base58 Bitcoin addresses as written."""

from __future__ import annotations

import re

KIND = "crypto"
_TYPED = re.compile(r"^(?:crypto:)?(btc|eth):([A-Za-z0-9]{20,100})$", re.I)


def clean(text: str) -> str | None:
    """``coin:address`` for ``btc:…``/``eth:…`` (optionally ``crypto:``-prefixed), else None."""
    typed = _TYPED.match(text.strip())
    if typed is None:
        return None
    coin, address = typed.group(1).lower(), typed.group(2)
    if coin == "eth" or address.lower().startswith("bc1"):
        address = address.lower()
    return f"{coin}:{address}"


def display(value: str) -> str:
    coin, _, address = value.partition(":")
    return f"{coin.upper()} {address}"


def read(text: str, namespace: str = "", region: str = "US") -> str | None:
    """The value a record's address field holds: ``coin:address``, or a bare address after the
    coin NAMESPACE names (``btc``/``eth``)."""
    if namespace and ":" not in text:
        return clean(f"{namespace}:{text}")
    return clean(text)


def same(a: str, b: str) -> bool:
    return a == b
