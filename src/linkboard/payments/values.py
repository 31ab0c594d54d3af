"""The payment channel's value types: an IBAN (``iban:DE89370400440532013000``, checked with
``schwifty``), another account number at its bank (``account:021000021:4400123456``: a number
means nothing without the bank that keeps it) and a card fingerprint (``card:…``, as a processor
or a statement gives it; never a card number). $cashtags, Venmo and PayPal names are the
``payment`` type every ad already uses, and wallets the ``crypto`` one, so an account's $cashtag
and an ad's are one identifier."""

from __future__ import annotations

import re

from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from linkboard.values import ValueType

_SPACES = re.compile(r"[\s\-.]+")
_ACCOUNT = re.compile(r"^[A-Z0-9]{4,34}$")
_BANK = re.compile(r"^[a-z0-9]{2,20}$")
_CARD = re.compile(r"^[a-z0-9_:\-]{8,64}$")


def read_iban(text: str, namespace: str = "", region: str = "US") -> str | None:
    """The compact IBAN TEXT writes (spaces, lower case, an ``IBAN`` prefix allowed) when its
    country, length and check digits hold; else None."""
    compact = _SPACES.sub("", text.strip()).upper().removeprefix("IBAN:").removeprefix("IBAN")
    if not 15 <= len(compact) <= 34 or not compact[:2].isalpha():
        return None
    try:
        return str(IBAN(compact).compact)
    except (SchwiftyException, ValueError):
        return None


def display_iban(value: str) -> str:
    """Grouped by four, as a statement prints it."""
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def masked_iban(value: str) -> str:
    """The country, check digits and last four (``DE89 **** 3000``), for a role without the right
    to see account numbers."""
    return f"{value[:4]} **** {value[-4:]}"


def read_account(text: str, namespace: str = "", region: str = "US") -> str | None:
    """``bank:number`` for an account NUMBER kept by the bank NAMESPACE names (a routing number,
    a sort code, a BIC, a short name), or written out as ``bank:number``; None without a bank."""
    written = text.strip()
    bank, sep, number = written.rpartition(":")
    if not sep:
        bank, number = namespace, written
    bank = _SPACES.sub("", bank).lower().removeprefix("account:")
    number = _SPACES.sub("", number).upper()
    if not _BANK.match(bank) or not _ACCOUNT.match(number) or not any(c.isdigit() for c in number):
        return None
    return f"{bank}:{number}"


def display_account(value: str) -> str:
    bank, _, number = value.partition(":")
    return f"{number} ({bank})"


def masked_account(value: str) -> str:
    bank, _, number = value.partition(":")
    return f"****{number[-4:]} ({bank})"


def read_card(text: str, namespace: str = "", region: str = "US") -> str | None:
    """A card fingerprint (a processor's token for one card), lower case. A card NUMBER is
    refused: sixteen digits are the card itself, not a fingerprint of it."""
    value = text.strip().lower().removeprefix("card:")
    if value.isdigit() or not _CARD.match(value):
        return None
    return value


def display_card(value: str) -> str:
    return f"card {value}"


def _equal(a: str, b: str) -> bool:
    return a == b


IBAN_TYPE = ValueType("iban", read_iban, display_iban, _equal, mask=masked_iban, bare=True)
ACCOUNT_TYPE = ValueType("account", read_account, display_account, _equal, mask=masked_account)
CARD_TYPE = ValueType("card", read_card, display_card, _equal)
TYPES = (IBAN_TYPE, ACCOUNT_TYPE, CARD_TYPE)
