"""Social handles with their platform: ``IG: @lola_22``, ``@kitty on snap``, profile URLs."""

from __future__ import annotations

import re
from functools import cache

from linkboard.extract import lexicon
from linkboard.extract.keyed import Keyed, Scanned, finder
from linkboard.extract.normalise import Field
from linkboard.extract.patterns import alternation, words
from linkboard.extract.spans import Spans
from linkboard.model import Mention

_HANDLE = r"@?(?P<handle>[A-Za-z0-9_](?:[A-Za-z0-9_.\-]{0,38}[A-Za-z0-9_])?(?:#[0-9]{4})?)"
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


_NOT_BEFORE_LABEL = r"[\w@./]"
#: A "strict" label (a common word such as "x" or "of") counts only before ":" or "-".
_STRICT = r"(?=\s*[:\-])"


@cache
def _patterns() -> list[tuple[str, str, Keyed | Scanned]]:
    """(platform, rule, pattern) for every platform: URL, label before, label after; keyed by
    their first words where they have them (see ``keyed``)."""
    out = []
    account = alternation(lexicon.load("contact_words")["account_words"])
    for platform, spec in lexicon.platforms().items():
        if spec["urls"]:
            hosts, guarded = words(spec["urls"]), words(spec["urls"], r"[\w.]")
            url = rf"(?:h(?<![\w.].)ttps?://(?:www\.)?(?:{hosts})|w(?<![\w.].)ww\.(?:{hosts})|{guarded})"
            out.append((platform, "handle.url", finder(re.compile(url + _HANDLE))))
        label, bare = words(spec["labels"], _NOT_BEFORE_LABEL), words(spec["labels"])
        if spec["strict"]:
            label += "|" + words(spec["strict"], _NOT_BEFORE_LABEL, then=_STRICT)
            bare += "|" + words(spec["strict"], then=_STRICT)
        before = rf"(?:{label})(?![A-Za-z])(?:\s*(?:{account})(?![A-Za-z]))?"
        sep = r"(?P<sep>\s*[:\-=>~@(]+\s*|\s+(?:(?:is|as)\s+)?)"
        out.append(
            (
                platform,
                "handle.label",
                finder(re.compile(before + sep + _HANDLE + r"(?![\w@/]|\.\w)")),
            )
        )
        after = (
            r"@(?<![\w@.].)" + _HANDLE[2:] + r"\s*(?:(?:on|at|via|in)\s+|\(|-\s*|:\s*)"
            rf"(?:{bare})\b"
        )
        out.append((platform, "handle.after", Scanned(re.compile(after))))
    return out


@cache
def _cues() -> tuple[dict[str, frozenset[str]], re.Pattern[str], dict[str, str], tuple[str, ...]]:
    """(platform -> first words of its labels, a pattern of all profile hosts, host -> platform,
    the endings every host has: ``.com/``, ``.me/``...)."""
    first_words: dict[str, frozenset[str]] = {}
    host_of: dict[str, str] = {}
    for platform, spec in lexicon.platforms().items():
        first_words[platform] = frozenset(
            re.split(r"[^a-z0-9]+", w.lower())[0] for w in (*spec["labels"], *spec["strict"])
        )
        host_of.update((h.lower(), platform) for h in spec["urls"])
    endings = tuple({re.search(r"\.[a-z]+/", h).group() for h in host_of})  # type: ignore[union-attr]
    return first_words, re.compile(words(host_of)), host_of, endings


def platforms_in(field: Field) -> tuple[list[str], set[str]]:
    """(platforms a label word or profile host of which appears in the field, in the order they
    are looked for; platforms a profile host of which appears): a cheap test before their
    patterns run."""
    first_words, host_pattern, host_of, endings = _cues()
    lower = field.lower
    hosts = set()
    if any(ending in lower for ending in endings):
        hosts = {host_of[m.group()] for m in host_pattern.finditer(lower)}
    named = [p for p, cues in first_words.items() if p in hosts or not cues.isdisjoint(field.words)]
    return named, hosts


@cache
def _by_platform() -> dict[str, list[tuple[str, Keyed | Scanned]]]:
    out: dict[str, list[tuple[str, Keyed | Scanned]]] = {}
    for platform, rule, pattern in _patterns():
        out.setdefault(platform, []).append((rule, pattern))
    return out


def find(field: Field) -> list[Mention]:
    view = field.clean
    out: list[Mention] = []
    taken = Spans()
    present, hosts = platforms_in(field)
    has_at = "@" in field.lower
    for platform in present:
        if platform == "whatsapp":
            continue
        for rule, pattern in _by_platform()[platform]:
            if (rule == "handle.url" and platform not in hosts) or (
                rule == "handle.after" and not has_at
            ):
                continue
            for m in pattern.finditer(field.index):
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
    return out + (_whatsapp(field) if "whatsapp" in present else [])


_TAIL = re.compile(r"@\S+\s*(?:on|at|via|in)\s+$")


@cache
def _not_handles() -> frozenset[str]:
    """Words after a platform's label that are no username: "facebook page", "IG account",
    "snapchat story" (see ``contact_words.yaml``)."""
    words = lexicon.load("contact_words")
    return frozenset(str(w).lower() for w in (*words["account_words"], *words["not_handles"]))


@cache
def _platform_words() -> frozenset[str]:
    """Platforms' names and one-word labels: "TWITTER Snapchat: lola" names two platforms, and
    Snapchat is no one's Twitter account."""
    return frozenset(
        w.lower()
        for platform, spec in lexicon.platforms().items()
        for w in (platform, *spec["labels"])
        if " " not in w and "/" not in w
    )


def _plausible(handle: str, rule: str, m: re.Match[str], text: str) -> bool:
    if handle in _RESERVED or handle.isdigit() or handle.lower() in _platform_words():
        return False
    if rule == "handle.label":
        explicit = bool(m.group("sep").strip()) or m.group().find("@") >= 0
        if handle in lexicon.name_stopwords() or (not explicit and len(handle) < 3):
            return False
        if handle in _not_handles() and m.group().find("@") < 0:
            return False
        if not explicit and _TAIL.search(text, max(0, m.start() - 48), m.start()):
            return False  # "@lola on snap deposit": the label closes "@lola on snap"
    return any(c.isalpha() for c in handle)


@cache
def _whatsapp_label() -> re.Pattern[str]:
    labels = words(lexicon.platforms()["whatsapp"]["labels"], r"\w")
    return re.compile(rf"(?:{labels})(?![a-z])|wa\.me/|whatsapp\.com/send")


def _whatsapp(field: Field) -> list[Mention]:
    """A phone right after a WhatsApp label (or in a wa.me link) is also a WhatsApp handle
    (called only when a WhatsApp label or host appears)."""
    phones = field.found.get("phone", [])
    if not phones:
        return []
    out: list[Mention] = []
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
