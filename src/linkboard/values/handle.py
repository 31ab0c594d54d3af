"""Social handles, ``platform:name`` (``instagram:lola_22``). The platforms and the labels ads
write for them come from ``data/extract/platforms.yaml``, the list the extractor reads."""

from __future__ import annotations

import re
from functools import cache

from linkboard.extract.lexicon import load
from linkboard.values import phone

KIND = "handle"
_NAME = re.compile(r"^[a-z0-9._-]{1,64}$")
_WORD = re.compile(r"^[a-z0-9]+$")


@cache
def platforms() -> tuple[str, ...]:
    return tuple(str(p) for p in load("platforms"))


@cache
def aliases() -> dict[str, str]:
    """Every one-word label an ad or an analyst writes for a platform (``ig``, ``snap``, ``x``)
    -> the platform."""
    found: dict[str, str] = {}
    for platform, entry in load("platforms").items():
        for label in [*entry.get("labels", []), *entry.get("strict", [])]:
            if _WORD.match(str(label)):
                found.setdefault(str(label), str(platform))
    return found


def platform(label: str) -> str | None:
    """The platform ``label`` names (its name or one of its labels), else None."""
    label = label.strip().lower()
    return label if label in platforms() else aliases().get(label)


def is_name(text: str) -> bool:
    return bool(_NAME.match(text))


def clean(label: str, name: str) -> str | None:
    """``platform:name`` for a handle typed after a platform label (``ig:Lola_22``); a WhatsApp
    handle is its phone number. None when the label names no platform or the name is not one."""
    found = platform(label)
    name = name.strip().lstrip("@").lower()
    if found is None or not is_name(name):
        return None
    if found == "whatsapp" and (number := phone.clean(name)):
        name = number
    return f"{found}:{name}"


def on_every_platform(name: str) -> tuple[str, ...]:
    """The values a bare ``@name`` stands for: that name on each platform."""
    return tuple(f"{p}:{name}" for p in platforms())


def display(value: str) -> str:
    where, _, name = value.partition(":")
    return f"@{name} ({where})"


def read(text: str, namespace: str = "", region: str = "US") -> str | None:
    """The value a record's handle field holds: a name on the platform NAMESPACE names (the
    record's own platform), or ``platform:name`` written out."""
    if namespace:
        return clean(namespace, text)
    label, sep, name = text.partition(":")
    return clean(label, name) if sep else None


def same(a: str, b: str) -> bool:
    return a == b
