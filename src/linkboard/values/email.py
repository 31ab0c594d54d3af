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
