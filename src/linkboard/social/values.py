"""The social channel's value type ``social``: an account record's own id
(``social:whatsapp:nathan-acosta``) as a message's sender or recipient. It is how a person an
export knows by a display name alone is still one end of their messages; it links nothing (the
display name is not an identifier: two people may share it), so it never joins a network."""

from __future__ import annotations

import re

from linkboard.values import ValueType

KIND = "social"
_ID = re.compile(r"^social:[a-z0-9_]{1,32}:\S{1,200}$")


def read_account(text: str, namespace: str = "", region: str = "US") -> str | None:
    """The account id TEXT is (``social:<platform>:<key>``), else None."""
    value = text.strip()
    return value if _ID.match(value) else None


def display_account(value: str) -> str:
    return value.removeprefix("social:")


ACCOUNT_REF = ValueType(KIND, read_account, display_account, str.__eq__, linkable=False)
