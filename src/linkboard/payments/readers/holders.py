"""The statement's own account, by the identifier it goes by: an IBAN, a number at a bank, a P2P
app's name ($cashtag, Venmo or PayPal), or a wallet. Each gives the key its records are filed
under and the fields that name it (``records.Holder``)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from linkboard.payments.readers.records import Holder
from linkboard.payments.values import read_account, read_iban
from linkboard.values import crypto, payment

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_ETH = re.compile(r"^0x[0-9a-fA-F]{40}$")
_BTC = re.compile(r"^(?:bc1[02-9ac-hj-np-z]{6,87}|[13][1-9A-HJ-NP-Za-km-z]{25,34})$", re.I)


@lru_cache(maxsize=4096)
def _compact(written: str) -> str | None:
    return read_iban(written)  # a statement names its counterparties again and again


def iban(written: str) -> Holder | None:
    """The account an IBAN names (spaces and case as written), when its check digits hold."""
    compact = _compact(written)
    if compact is None:
        return None
    value = written.strip()
    return Holder(compact, value, "bank", {"iban": compact}, {"account_iban": value})


def bank(bank_code: str, number: str, account_type: str = "bank") -> Holder:
    """The account NUMBER at the bank BANK_CODE names (a routing number, a BIC, a name)."""
    code, number = bank_code.strip(), number.strip()
    key = read_account(number, code) or f"{_NOT_ALNUM.sub('', code.lower()) or 'bank'}:{number}"
    return Holder(
        key,
        number,
        account_type,
        {"account_number": number, "bank_code": code},
        {"account_number": number, "account_bank": code},
    )


def p2p(service: str, name: str) -> Holder | None:
    """The account NAME at a P2P SERVICE (``$cashtag`` for Cash App); None when it is none."""
    value = payment.clean(service, name)
    if value is None:
        return None
    written = f"${value[len(service) + 1 :]}" if service == "cashapp" else value
    return Holder(
        value,
        name.strip(),
        "p2p",
        {"payments": [written], "service": service},
        {"account_payment": written},
    )


def coin(address: str) -> str | None:
    """``eth`` or ``btc`` for an address of that chain (0x…, bc1…, 1…, 3…), else None."""
    value = address.strip()
    if _ETH.match(value):
        return "eth"
    if _BTC.match(value):
        return "btc"
    return None


def wallet(address: str) -> Holder | None:
    """The wallet at ADDRESS (a Bitcoin or Ethereum address, bare or ``coin:``-typed)."""
    value = address.strip()
    chain = coin(value)
    typed = crypto.clean(f"{chain}:{value}" if chain else value)
    if typed is None:
        return None
    return Holder(typed, value, "crypto", {"wallets": [typed]}, {"account_wallet": typed})


def typed_wallet(address: str) -> str:
    """ADDRESS typed after its chain (``btc:bc1q…``) as a wallet field holds it; "" when it is
    no address."""
    found = wallet(address)
    return found.key if found is not None else ""


def identify(text: str) -> Holder | None:
    """The account TEXT names, typed: an IBAN (``iban:`` optional), ``$tag`` or
    ``service:name``, ``btc:``/``eth:`` or a bare wallet address, ``bank:number``; else None."""
    value = text.strip()
    found = iban(value) or wallet(value)
    if found is not None:
        return found
    typed = payment.read(value)
    if typed is not None:
        service = typed.split(":", 1)[0]
        found = p2p(service, typed[len(service) + 1 :])
        return replace(found, source_id=value) if found is not None else None
    number = read_account(value.removeprefix("account:"))
    if number is None:
        return None
    code, _, digits = number.rpartition(":")
    return bank(code, digits)
