"""URLs and bare domains, normalised to ``scheme://host/path?query``."""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from linkboard.extract import lexicon
from linkboard.extract.normalise import Field, ascii_lower
from linkboard.extract.patterns import leftmost
from linkboard.extract.spans import Spans
from linkboard.model import Mention

_TRAILING = ".,;:!?)]}'\"*>"


_PATH = r"[^\s<>\"'\[\]{}|^`]"
#: A URL written with its scheme or ``www.``: starts on the ``h`` or the ``w``.
_WITH_PREFIX = re.compile(rf"h(?:ttps?://){_PATH}{{1,2000}}|w(?:ww\.){_PATH}{{1,2000}}")
#: Characters a bare domain is made of, before its ending.
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-.")
_LONGEST = 4 * 64  # four labels of up to 63 characters and their dots


@cache
def _domain() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a bare domain with its path, anchored at its first character; a dot and a known ending,
    which a bare domain must hold: the cheap scan that says where to look)."""
    tlds = "|".join(re.escape(t) for t in sorted(lexicon.tlds(), key=len, reverse=True))
    ending = rf"(?:{tlds})(?![a-z0-9@\-]|\.[a-z0-9])"
    domain = re.compile(
        r"(?<![\w@.\-/])(?:[a-z0-9][a-z0-9\-]{0,62}\.){1,4}"
        rf"{ending}(?:[/?]{_PATH}{{0,2000}})?"
    )
    return domain, re.compile(rf"\.{ending}")


def find(field: Field) -> list[Mention]:
    view = field.web
    if "." not in view.text:
        return []
    out = []
    emails = Spans((e.start, e.end) for e in field.found.get("email", []))
    lower = field.lower if view is field.clean else ascii_lower(view.text)
    for m in _matches(lower):
        raw = view.text[m.start() : m.end()].rstrip(_TRAILING)
        value, domain = normalise(raw)
        if not value:
            continue
        mention = field.mention(
            view, (m.start(), m.start() + len(raw)), "url", value, "url", domain=domain
        )
        if mention is not None and not emails.overlaps(mention.start, mention.end):
            out.append(mention)
    return out


def _matches(lower: str) -> list[re.Match[str]]:
    """URLs left to right, none overlapping: those with a scheme or ``www.``, and bare domains,
    looked for only where a known ending follows a dot (a domain starts where the run of
    domain characters before that dot starts)."""
    return leftmost((_WITH_PREFIX, _BARE_DOMAINS), lower)


class _BareDomains:
    """Finds bare domains as their pattern would, looking only where a known ending follows a
    dot: a domain starts where the run of domain characters before that dot starts."""

    def search(self, lower: str, pos: int = 0) -> re.Match[str] | None:
        domain, ending = _domain()
        tried = -1
        for e in ending.finditer(lower, pos):
            start = e.start()
            while (
                start > pos and lower[start - 1] in _DOMAIN_CHARS and e.start() - start < _LONGEST
            ):
                start -= 1
            if start != tried:
                tried = start
                m = domain.match(lower, start)
                if m is not None:
                    return m
        return None


_BARE_DOMAINS = _BareDomains()


def normalise(raw: str) -> tuple[str, str]:
    """``(value, domain)`` of a URL as written; ``("", "")`` if it does not parse."""
    if "://" not in raw[:10]:
        raw = "http://" + raw
    try:
        parts = urlsplit(raw)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return "", ""
    if not host or "." not in host:
        return "", ""
    netloc = f"{host}:{port}" if port else host
    value = f"{parts.scheme.lower()}://{netloc}{parts.path}".rstrip("/")
    if parts.query:
        value += "?" + parts.query
    return value, host.removeprefix("www.")
