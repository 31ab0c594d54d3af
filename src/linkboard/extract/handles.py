"""Social handles with their platform: ``IG: @lola_22``, ``@kitty on snap``, profile URLs."""

from __future__ import annotations

import re
from functools import cache

from linkboard.extract import lexicon
from linkboard.extract.normalise import Field
from linkboard.extract.spans import Spans
from linkboard.model import Mention

_HANDLE = r"@?(?P<handle>[A-Za-z0-9_](?:[A-Za-z0-9_.\-]{0,38}[A-Za-z0-9_])?(?:#\d{4})?)"
_RESERVED = frozenset(
    {
        "p",
        "explore",
        "reel",
        "reels",
        "stories",
        "share",
        "add",
        "home",
        "login",
        "search",
        "about",
        "help",
        "hashtag",
        "i",
        "intent",
        "watch",
        "joinchat",
    }
)


def _alt(words: list[str]) -> str:
    parts = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s*") for w in parts)


@cache
def _patterns() -> list[tuple[str, str, re.Pattern[str]]]:
    """(platform, rule, pattern) for every platform: URL, label before, label after."""
    out = []
    for platform, spec in lexicon.platforms().items():
        if spec["urls"]:
            hosts = _alt(spec["urls"])
            url = rf"(?<![\w.])(?:https?://)?(?:www\.)?(?:{hosts})" + _HANDLE
            out.append((platform, "handle.url", re.compile(url)))
        label = rf"(?:{_alt(spec['labels'])})"
        if spec["strict"]:
            label = rf"(?:{label}|(?:{_alt(spec['strict'])})(?=\s*[:\-]))"
        before = (
            rf"(?<![\w@./])(?:{label})(?![A-Za-z])"
            r"(?:\s*(?:id|name|user(?:name)?|handle|me|at)(?![A-Za-z]))?"
        )
        sep = r"(?P<sep>\s*[:\-=>~@(]+\s*|\s+(?:is\s+)?)"
        out.append(
            (platform, "handle.label", re.compile(before + sep + _HANDLE + r"(?![\w@/]|\.\w)"))
        )
        after = (
            r"(?<![\w@.])@" + _HANDLE[2:] + rf"\s*(?:(?:on|at|via|in)\s+|\(|-\s*|:\s*)(?:{label})\b"
        )
        out.append((platform, "handle.after", re.compile(after)))
    return out


@cache
def _cues() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """platform -> (first words of its labels, its profile hosts)."""
    out = {}
    for platform, spec in lexicon.platforms().items():
        words = frozenset(
            re.split(r"[^a-z0-9]+", w.lower())[0] for w in (*spec["labels"], *spec["strict"])
        )
        out[platform] = (words, tuple(h.lower() for h in spec["urls"]))
    return out


def platforms_in(field: Field) -> set[str]:
    """Platforms a label word or profile host of which appears in the field (a cheap pre-test)."""
    return {
        platform
        for platform, (words, hosts) in _cues().items()
        if not words.isdisjoint(field.words) or any(h in field.lower for h in hosts)
    }


def find(field: Field) -> list[Mention]:
    view = field.clean
    out: list[Mention] = []
    taken = Spans()
    present = platforms_in(field)
    hosts = {p for p, (_, urls) in _cues().items() if any(h in field.lower for h in urls)}
    for platform, rule, pattern in _patterns():
        if platform == "whatsapp" or platform not in present:
            continue
        if (
            rule == "handle.url"
            and platform not in hosts
            or rule == "handle.after"
            and "@" not in field.lower
        ):
            continue
        for m in pattern.finditer(field.lower):
            handle = m.group("handle").rstrip(".")
            if not _plausible(handle, rule, m, field.lower):
                continue
            span = m.span("handle") if rule != "handle.after" else m.span()
            if taken.overlaps(*span):
                continue
            mention = field.mention(view, span, "handle", f"{platform}:{handle}", rule)
            if mention is not None:
                taken.add(*span)
                out.append(mention)
    return out + _whatsapp(field)


_TAIL = re.compile(r"@\S+\s*(?:on|at|via|in)\s+$")


def _plausible(handle: str, rule: str, m: re.Match[str], text: str) -> bool:
    if handle in _RESERVED or handle.isdigit():
        return False
    if rule == "handle.label":
        explicit = bool(m.group("sep").strip()) or m.group().find("@") >= 0
        if handle in lexicon.name_stopwords() or (not explicit and len(handle) < 3):
            return False
        if not explicit and _TAIL.search(text, max(0, m.start() - 48), m.start()):
            return False  # "@lola on snap deposit": the label closes "@lola on snap"
    return any(c.isalpha() for c in handle)


@cache
def _whatsapp_label() -> re.Pattern[str]:
    labels = _alt(lexicon.platforms()["whatsapp"]["labels"])
    return re.compile(rf"(?<![\w])(?:{labels})(?![a-z])|wa\.me/|whatsapp\.com/send")


def _whatsapp(field: Field) -> list[Mention]:
    """A phone right after a WhatsApp label (or in a wa.me link) is also a WhatsApp handle."""
    phones = field.found.get("phone", [])
    if not phones:
        return []
    out: list[Mention] = []
    if "whatsapp" not in platforms_in(field):
        return out
    for m in _whatsapp_label().finditer(field.lower):
        start, end = field.clean.to_original(*m.span())
        phone = next((p for p in phones if 0 <= p.start - end <= 25), None)
        if phone is not None:
            text = field.original[start : phone.end]
            value = "whatsapp:" + phone.value
            out.append(
                Mention("handle", value, text, start, phone.end, "handle.whatsapp", field.name, {})
            )
    return out
