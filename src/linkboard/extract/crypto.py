"""Crypto wallet addresses with their checksums: BTC base58check and bech32/bech32m, ETH EIP-55."""

from __future__ import annotations

import hashlib
import re

from linkboard.extract.keccak import keccak256
from linkboard.extract.normalise import Field
from linkboard.model import Mention

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(_B58)}
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_INDEX = {c: i for i, c in enumerate(_BECH32)}
_BECH32_CONST, _BECH32M_CONST = 1, 0x2BC830A3

#: BTC base58 (1..., 3...), BTC bech32 (bc1...), ETH (0x...), not inside a longer word; written
#: to start on the address's first character (see ``patterns``).
_ADDRESS = re.compile(
    r"[13bB0](?<![A-Za-z0-9].)(?:"
    r"(?<=[13])[1-9A-HJ-NP-Za-km-z]{25,34}"
    r"|(?<=b)c1[02-9ac-hj-np-zAC-HJ-NP-Z]{6,87}|(?<=B)C1[02-9ac-hj-np-zAC-HJ-NP-Z]{6,87}"
    r"|(?<=0)[xX][0-9a-fA-F]{40}"
    r")(?![A-Za-z0-9])"
)


def find(field: Field) -> list[Mention]:
    if not field.has_digit:  # every address starts with 1, 3, bc1 or 0x
        return []
    view = field.clean
    out = []
    for m in _ADDRESS.finditer(view.text):
        value = _validate(m)
        if value is None:
            continue
        mention = field.mention(view, m.span(), "crypto", value, "crypto." + value[:3])
        if mention is not None:
            out.append(mention)
    return out


def _validate(m: re.Match[str]) -> str | None:
    address = m.group()
    if address[0] in "13":
        return "btc:" + address if base58check(address) else None
    if address[0] in "bB":
        return "btc:" + address.lower() if bech32(address) else None
    body = address[2:]
    return "eth:0x" + body.lower() if eip55(body) else None


def base58check(address: str) -> bool:
    n = 0
    for ch in address:
        n = n * 58 + _B58_INDEX[ch]
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    raw = b"\x00" * (len(address) - len(address.lstrip("1"))) + raw
    if len(raw) != 25 or raw[0] not in (0x00, 0x05):
        return False
    digest = hashlib.sha256(hashlib.sha256(raw[:-4]).digest()).digest()
    return digest[:4] == raw[-4:]


def _polymod(values: list[int]) -> int:
    generator = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= generator[i] if (top >> i) & 1 else 0
    return chk


def bech32(address: str) -> bool:
    """A valid segwit address: bech32 for witness v0, bech32m for v1+ (BIP-173, BIP-350)."""
    if address != address.lower() and address != address.upper():
        return False
    hrp, _, data = address.lower().rpartition("1")
    if hrp != "bc" or len(data) < 7:
        return False
    values = [_BECH32_INDEX[c] for c in data]
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    const = _polymod(expanded + values)
    version = values[0]
    if version > 16:
        return False
    expected = _BECH32_CONST if version == 0 else _BECH32M_CONST
    program_len = (len(values) - 7) * 5 // 8
    if version == 0 and program_len not in (20, 32):
        return False
    return const == expected and 2 <= program_len <= 40


def eip55(body: str) -> bool:
    """All-lower and all-upper hex pass; mixed case must match the EIP-55 checksum."""
    if body == body.lower() or body == body.upper():
        return True
    digest = keccak256(body.lower().encode("ascii")).hex()
    return all(
        (c.isupper() if int(h, 16) >= 8 else c.islower()) if c.isalpha() else True
        for c, h in zip(body, digest, strict=False)
    )
