"""Payment accounts: ``$cashtag``, Venmo, PayPal.me, Zelle/Apple Pay phone or email, gift cards."""

from __future__ import annotations

import re
from functools import cache

from linkboard.extract import lexicon, patterns
from linkboard.extract.keyed import Keyed, Scanned, finder
from linkboard.extract.normalise import Field
from linkboard.extract.spans import Spans
from linkboard.model import Mention

_CASHTAG = re.compile(r"\$(?P<acct>[A-Za-z][A-Za-z0-9_\-]{0,19})(?![\w$])")
_PROFILE = re.compile(
    r"(?<![\w.])(?:https?://)?(?:www\.)?(?P<host>paypal\.me|venmo\.com/(?:u/)?|cash\.app/\$?)/?"
    r"(?P<acct>[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)*)",
)
_PROFILE_SERVICE = {"p": "paypal", "v": "venmo", "c": "cashapp"}
_ACCOUNT = (
    r"(?P<sep>(?:\s*(?:(?:me|at|on|is|id|name|tag|user)\b|[:=@\-(]))*)\s*[@$]?"
    r"(?P<acct>[A-Za-z][A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]+)*)"
)
_NOT_ACCOUNTS = frozenset(
    {
        "app",
        "accepted",
        "accept",
        "only",
        "ok",
        "okay",
        "or",
        "and",
        "also",
        "preferred",
        "welcome",
        "available",
        "payment",
        "payments",
        "pay",
        "card",
        "cards",
        "cash",
        "first",
        "upfront",
        "deposit",
        "please",
    }
)
_BY_CONTACT = ("zelle", "applepay")
_CONTACT_WINDOW = 25


@cache
def _label_words() -> dict[str, frozenset[str]]:
    services = lexicon.payments()["services"].items()
    return {s: frozenset(re.split(r"[^a-z]+", w)[0] for w in labels) for s, labels in services}


@cache
def _labels() -> list[tuple[str, Keyed | Scanned]]:
    out = []
    for service, labels in lexicon.payments()["services"].items():
        label = "(?P<label>" + patterns.words(labels, r"[\w$@.]") + ")(?![a-z.])"
        pattern = re.compile(label + ("" if service in _BY_CONTACT else _ACCOUNT))
        out.append((service, finder(pattern, _label_words()[service])))
    return out


@cache
def _gift_cards() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a list of brands next to "gift card(s)", one brand)."""
    words = [w for ws in lexicon.payments()["gift_cards"].values() for w in ws]
    brand = rf"(?:{patterns.alternation(words)})"
    brands = rf"{brand}(?:\s*(?:,|&|/|\band\b|\bor\b)\s*{brand}){{0,5}}"
    card = r"(?:e[\s\-]?)?(?:gift\s*)?cards?|gc|gift"
    listed = re.compile(
        rf"(?<!\w)(?P<a>{brands})\s*(?:{card})(?!\w)"
        rf"|(?<!\w)gift\s*cards?\s*[:(\-]?\s*(?:like|from|for|only)?\s*(?P<b>{brands})(?!\w)",
    )
    return listed, re.compile(rf"(?<!\w){brand}(?!\w)")


def find(field: Field) -> list[Mention]:
    view = field.clean
    out: list[Mention | None] = []
    for m in _CASHTAG.finditer(view.text) if "$" in view.text else ():
        acct = m.group("acct")
        before = view.text[m.start() - 1 : m.start()]
        if not (acct.isupper() and len(acct) <= 3) and not (
            before and (before.isalnum() or before in "_$")
        ):
            out.append(
                field.mention(
                    view, m.span(), "payment", "cashapp:" + acct.lower(), "payment.cashtag"
                )
            )
    profiles = ("paypal.me", "venmo.com", "cash.app")
    for m in _PROFILE.finditer(field.lower) if any(p in field.lower for p in profiles) else ():
        service = _PROFILE_SERVICE[m.group("host")[0].lower()]
        value = f"{service}:{m.group('acct')}"
        out.append(field.mention(view, m.span("acct"), "payment", value, "payment.url"))
    for service, pattern in _labels():
        for m in pattern.finditer(field.index):
            out += _labelled(field, service, m)
    if not field.words.isdisjoint(("card", "cards", "gc", "gift", "giftcard", "giftcards")):
        out += _cards(field)
    return _dedupe([m for m in out if m is not None])


def _labelled(field: Field, service: str, m: re.Match[str]) -> list[Mention | None]:
    start, end = field.clean.to_original(*m.span("label"))
    contact = _contact_after(field, end)
    if contact is not None and (service in _BY_CONTACT or contact.kind == "email"):
        value = f"{service}:{contact.value}"
        return [
            Mention(
                "payment",
                value,
                field.original[start : contact.end],
                start,
                contact.end,
                f"payment.{service}",
                field.name,
                {},
            )
        ]
    if service in _BY_CONTACT or (service == "cashapp" and "$" in m.group()):
        return []
    acct = m.group("acct").lower().rstrip(".-")
    if acct in _NOT_ACCOUNTS or acct in lexicon.name_stopwords() or "@" in m.group("acct"):
        return []
    return [
        field.mention(
            field.clean, m.span("acct"), "payment", f"{service}:{acct}", f"payment.{service}"
        )
    ]


def _contact_after(field: Field, end: int) -> Mention | None:
    for kind in ("phone", "email"):
        for mention in field.found.get(kind, []):
            if 0 <= mention.start - end <= _CONTACT_WINDOW:
                return mention
    return None


def _cards(field: Field) -> list[Mention | None]:
    brands = {w.lower(): b for b, words in lexicon.payments()["gift_cards"].items() for w in words}
    listed, one = _gift_cards()
    out = []
    for m in listed.finditer(field.lower):
        group = "a" if m.group("a") else "b"
        for b in one.finditer(field.lower, m.start(group), m.end(group)):
            word = " ".join(b.group().lower().split())
            brand = brands.get(word) or brands.get(word.replace(" ", ""))
            if brand:
                value = "giftcard:" + brand
                out.append(
                    field.mention(field.clean, b.span(), "payment", value, "payment.giftcard")
                )
    return out


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """One mention per overlapping (value) span: the first found wins."""
    out: list[Mention] = []
    claimed: dict[str, Spans] = {}
    for m in mentions:
        spans = claimed.setdefault(m.value, Spans())
        if not spans.overlaps(m.start, m.end):
            spans.add(m.start, m.end)
            out.append(m)
    return out
