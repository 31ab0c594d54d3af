"""E-mail addresses, lower-cased (``Jade.R@Gmail.com`` is ``jade.r@gmail.com``)."""

from __future__ import annotations

import re

KIND = "email"
_EMAIL = re.compile(r"^[^@\s:]+@[^@\s:]+\.[^@\s:]+$")


def clean(text: str) -> str | None:
    low = text.strip().lower()
    return low if _EMAIL.match(low) else None


def display(value: str) -> str:
    return value


def read(text: str, namespace: str = "", region: str = "US") -> str | None:
    """The value a record's e-mail field holds."""
    return clean(text)


def same(a: str, b: str) -> bool:
    return a == b
