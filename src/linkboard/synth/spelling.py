"""How an identifier is written in an ad: plainly, or obfuscated the way posters do it.

Each ``spell_*`` function returns ``(text, value)``: the exact text put in the ad and the
normalised value that extraction must find for it (docs/mentions.md), so truth is always exactly
what was written.
"""

from __future__ import annotations

import random

from linkboard.synth.writing import pick

DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
KEYCAP = "\ufe0f\u20e3"

PLAIN_PHONE = (
    "({a}) {e}-{l}",
    "{a}-{e}-{l}",
    "{a}.{e}.{l}",
    "{a}{e}{l}",
    "{a} {e} {l}",
    "+1 {a}-{e}-{l}",
    "1-{a}-{e}-{l}",
)

#: Obfuscation styles of a phone number, as recorded in truth ``written``.
PHONE_STYLES = ("words", "letters", "fullwidth", "spaced", "dotted", "keycaps")

EMAIL_STYLES = ("{u} (at) {d} (dot) {t}", "{u}[at]{d}[dot]{t}", "{u} at {d} dot {t}")

HANDLE_FORMS = {
    "instagram": ("IG: {h}", "IG: @{h}", "insta @{h}", "instagram.com/{h}"),
    "snapchat": ("sc- {h}", "snap: {h}", "@{h} on snap", "SC: {h}"),
    "telegram": ("telegram: @{h}", "tg @{h}"),
    "kik": ("kik: {h}",),
}

PAYMENT_FORMS = {
    "cashapp": ("${h}", "cashapp ${h}", "deposit via ${h}"),
    "venmo": ("venmo @{h}",),
    "paypal": ("paypal.me/{h}",),
}


def spell_phone(e164: str, rng: random.Random, style: str = "plain") -> str:
    """The text of a US number ``+1NXXNXXXXXX`` in one ``style`` (plain or PHONE_STYLES)."""
    digits = e164[2:]
    a, e, line = digits[:3], digits[3:6], digits[6:]
    if style == "plain":
        return pick(rng, PLAIN_PHONE).format(a=a, e=e, l=line)
    if style == "letters" and ("0" in digits or "1" in digits):
        sub = {"0": "O", "1": pick(rng, "lI")}
        return "-".join("".join(sub.get(c, c) for c in part) for part in (a, e, line))
    if style == "fullwidth":
        wide = "".join(chr(ord(c) + 0xFEE0) for c in digits)
        return wide if rng.random() < 0.5 else f"{wide[:3]}-{wide[3:6]}-{wide[6:]}"
    if style == "spaced":
        return " ".join(digits)
    if style == "dotted":
        return ".".join(digits)
    if style == "keycaps":
        return "".join(c + KEYCAP for c in digits)
    return _words(digits, rng)


def _words(digits: str, rng: random.Random) -> str:
    """Some digits spelled as words: ``seven0two 5five5 01two3``."""
    picks = [rng.random() < 0.4 for _ in digits]
    if not any(picks):
        picks[rng.randrange(len(digits))] = True
    out = [DIGIT_WORDS[int(c)] if p else c for c, p in zip(digits, picks, strict=True)]
    return " ".join("".join(out[i:j]) for i, j in ((0, 3), (3, 6), (6, 10)))


def spell_email(address: str, rng: random.Random, obfuscate: bool) -> str:
    if not obfuscate:
        return address
    user, domain = address.split("@")
    d, t = domain.rsplit(".", 1)
    return pick(rng, EMAIL_STYLES).format(u=user, d=d, t=t)


def spell_handle(platform: str, handle: str, rng: random.Random) -> tuple[str, str]:
    text = pick(rng, HANDLE_FORMS[platform]).format(h=handle)
    return text, f"{platform}:{handle.lower()}"


def spell_payment(service: str, account: str, rng: random.Random) -> tuple[str, str]:
    text = pick(rng, PAYMENT_FORMS[service]).format(h=account)
    return text, f"{service}:{account.lower()}"


def unique_tag(n: int) -> str:
    """A short base-36 tag, different for every ``n`` below 36**5 and not visibly sequential."""
    x = (n * 7919 + 104729) % 36**5
    out = ""
    for _ in range(5):
        x, r = divmod(x, 36)
        out += "0123456789abcdefghijklmnopqrstuvwxyz"[r]
    return out
