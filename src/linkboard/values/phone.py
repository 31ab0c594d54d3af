"""Phone numbers: E.164 (``+17025550123``), whatever way an analyst or an ad writes them."""

from __future__ import annotations

import re

import phonenumbers

KIND = "phone"
_PHONEISH = re.compile(r"^\+?[\d\s().\-/]{7,24}$")


def clean(text: str, region: str = "US") -> str | None:
    """E.164 for a number typed in any usual way (``(702) 555-0123``, ``+1 702 555 0123``),
    read in ``region`` when it has no country code; None when it is not a possible number."""
    if not _PHONEISH.match(text.strip()):
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display(value: str) -> str:
    """The international form an analyst reads and dials: ``+1 702-555-0123``."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def read(text: str, namespace: str = "", region: str = "US") -> str | None:
    """The value a record's phone field holds (NAMESPACE unused: a number names its country)."""
    return clean(text, region)


def same(a: str, b: str) -> bool:
    """Two clean numbers are one line when their E.164 forms agree."""
    return a == b
