"""Turn what an analyst types into the identifiers the store holds (docs/mentions.md).

``(702) 555-0123``, ``7025550123`` and ``+17025550123`` are all ``phone:+17025550123``;
``Jade.R@Gmail.com`` is ``email:jade.r@gmail.com``; ``ig:Lola_22``/``instagram:lola_22`` is
``handle:instagram:lola_22``; a bare ``@lola_22`` is that handle on any platform; ``$CashQueen`` is
``payment:cashapp:cashqueen``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

PLATFORMS = (
    "instagram",
    "snapchat",
    "twitter",
    "tiktok",
    "telegram",
    "whatsapp",
    "kik",
    "facebook",
    "onlyfans",
    "wechat",
    "discord",
)
PLATFORM_ALIASES = {
    "ig": "instagram",
    "insta": "instagram",
    "sc": "snapchat",
    "snap": "snapchat",
    "tw": "twitter",
    "x": "twitter",
    "tt": "tiktok",
    "tg": "telegram",
    "wa": "whatsapp",
    "fb": "facebook",
    "of": "onlyfans",
}
PAYMENT_SERVICES = ("cashapp", "venmo", "paypal", "zelle", "applepay", "giftcard")
KINDS = ("phone", "email", "handle", "payment", "crypto", "image")

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_HANDLE = re.compile(r"^[a-z0-9._-]{1,64}$")
_PHONEISH = re.compile(r"^\+?[\d\s().\-/]{7,24}$")
_HEX = re.compile(r"^[0-9a-f]{64}$")
_CRYPTO = re.compile(r"^(?:crypto:)?(btc|eth):([A-Za-z0-9]{20,100})$", re.I)


@dataclass(frozen=True)
class Identifier:
    """What was typed and the ``kind:value`` identifiers it stands for (one, or a bare
    handle on every platform)."""

    typed: str
    values: tuple[tuple[str, str], ...]

    @property
    def label(self) -> str:
        if len(self.values) == 1:
            kind, value = self.values[0]
            return f"{kind}:{value}"
        return f"handle:*:{self.values[0][1].split(':', 1)[1]}"


def phone_value(text: str, region: str = "US") -> str | None:
    """E.164 for a phone number typed in any usual way, else None."""
    if not _PHONEISH.match(text.strip()):
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise(typed: str) -> Identifier | None:
    """The identifier(s) ``typed`` stands for, or None when it is not one (then it is text)."""
    text = typed.strip().strip(",;")
    if not text:
        return None
    low = text.lower()
    if phone := phone_value(text):
        return Identifier(text, (("phone", phone),))
    if low.startswith("$") and _HANDLE.match(low[1:]):
        return Identifier(text, (("payment", f"cashapp:{low[1:]}"),))
    if low.startswith("@") and _HANDLE.match(low[1:]):
        return Identifier(text, tuple(("handle", f"{p}:{low[1:]}") for p in PLATFORMS))
    if _EMAIL.match(low) and ":" not in low:
        return Identifier(text, (("email", low),))
    if crypto := _CRYPTO.match(text):
        coin, address = crypto.group(1).lower(), crypto.group(2).strip()
        if coin == "eth" or address.lower().startswith("bc1"):
            address = address.lower()
        return Identifier(text, (("crypto", f"{coin}:{address}"),))
    prefix, sep, rest = low.partition(":")
    if not sep or not rest:
        return None
    return _prefixed(text, prefix.strip(), rest.strip())


def _prefixed(typed: str, prefix: str, rest: str) -> Identifier | None:
    if prefix in ("phone", "email"):
        inner = normalise(rest)
        if inner is not None and inner.values[0][0] == prefix:
            return Identifier(typed, inner.values)
        return None
    if prefix == "image":
        return Identifier(typed, (("image", rest),)) if is_image_hash(rest) else None
    if prefix in ("handle", "payment"):
        sub, sep, name = rest.partition(":")
        if not sep:
            return None
        return _prefixed(typed, sub.strip(), name.strip())
    platform = PLATFORM_ALIASES.get(prefix, prefix)
    name = rest.lstrip("@")
    if platform in PLATFORMS and _HANDLE.match(name):
        if platform == "whatsapp" and (phone := phone_value(name)):
            name = phone
        return Identifier(typed, (("handle", f"{platform}:{name}"),))
    if prefix in PAYMENT_SERVICES:
        name = rest.lstrip("$@")
        if prefix in ("zelle", "applepay"):
            name = phone_value(name) or name
        return Identifier(typed, (("payment", f"{prefix}:{name}"),))
    return None


def parse_list(text: str, limit: int = 1000) -> list[str]:
    """Identifiers pasted or uploaded one per line (or separated by commas, semicolons, tabs)."""
    items = [part.strip() for part in re.split(r"[\n\r\t,;]+", text)]
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)[:limit]


def looks_like_identifier(text: str) -> bool:
    return " " not in text.strip() or bool(phone_value(text))


def is_image_hash(value: str) -> bool:
    return bool(_HEX.match(value))
