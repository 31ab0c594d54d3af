"""Amounts as statements write them (``-$25.00``, ``+ $1,250.00``, ``(25.00)``, ``9 450,00``)
read into a signed Decimal, and written back as a transaction keeps them: a plain decimal
string, never negative (the direction says which way the money went)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from linkboard.ingest.fields import BadRecord

_SYMBOLS = re.compile(r"^[A-Za-z]{0,3}\s*[$€£¥₿]?\s*")
_PLAIN = re.compile(r"^\d{1,30}(?:\.\d{1,18})?$")
_GROUPS = re.compile(r"[\s'\u00a0\u202f]")
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d{1,3}(?:\.\d{3})+$")


def parse(text: str, name: str = "amount") -> Decimal:
    """The signed amount TEXT writes; BadRecord when it is no amount."""
    value = text.strip()
    negative = value.startswith("(") and value.endswith(")")
    value = value.removeprefix("(").removesuffix(")").strip()
    if value.endswith("-"):
        negative, value = True, value[:-1].strip()
    sign, value = _sign(value)
    if not sign:
        sign, value = _sign(_SYMBOLS.sub("", value, count=1))
    digits = _decimal_point(_GROUPS.sub("", _SYMBOLS.sub("", value, count=1)))
    if digits is None or not _PLAIN.match(digits):
        raise BadRecord(f"bad {name}: {text.strip()[:40]!r}")
    try:
        found = Decimal(digits)
    except InvalidOperation:
        raise BadRecord(f"bad {name}: {text.strip()[:40]!r}") from None
    return -found if negative or sign == "-" else found


def _sign(value: str) -> tuple[str, str]:
    """A leading ``+`` or ``-`` of VALUE, and the rest."""
    if value[:1] in ("+", "-") and value:
        return value[0], value[1:].strip()
    return "", value


def _decimal_point(value: str) -> str | None:
    """VALUE with ``.`` as its decimal point and no group separators, or None when its groups
    are not of three digits: the last of ``,`` and ``.`` is the point when both appear; a lone
    ``,`` is one unless three digits follow it, a lone ``.`` unless it comes more than once."""
    comma, dot = value.rfind(","), value.rfind(".")
    point = max(comma, dot)
    if comma >= 0 and dot >= 0:
        whole, cents = value[:point], value[point + 1 :]
    elif comma >= 0 and value.count(",") == 1 and len(value) - comma - 1 != 3:
        whole, cents = value[:comma], value[comma + 1 :]
    elif dot >= 0 and value.count(".") == 1:
        whole, cents = value[:dot], value[dot + 1 :]
    else:
        whole, cents = value, ""
    if not (whole.isdigit() or _GROUPED.match(whole)):
        return None
    digits = whole.replace(",", "").replace(".", "")
    return f"{digits}.{cents}" if cents else digits


def text(amount: Decimal) -> str:
    """How a transaction keeps AMOUNT: a plain decimal string, never negative."""
    return format(abs(amount), "f")


def optional(value: str, name: str) -> str:
    """A fee or another side amount as a transaction keeps it; "" when blank or zero."""
    if not value.strip():
        return ""
    found = parse(value, name)
    return text(found) if found else ""
