"""URLs and bare domains, normalised to ``scheme://host/path?query``."""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from linkboard.extract import lexicon
from linkboard.extract.normalise import Field
from linkboard.extract.patterns import leftmost, words
from linkboard.extract.spans import Spans
from linkboard.extract.views import ascii_lower
from linkboard.model import Mention

_TRAILING = ".,;:!?)]}'\"*>"


_PATH = r"[^\s<>\"'\[\]{}|^`]"
#: A URL written with its scheme or with ``www.``: two patterns, each starting with a literal
#: word that ``re`` skips to far faster than to every ``h`` and ``w`` (see ``_matches``).
_WITH_SCHEME = re.compile(rf"https?://{_PATH}{{1,2000}}")
_WITH_WWW = re.compile(rf"www\.{_PATH}{{1,2000}}")
#: Characters a bare domain is made of, before its ending.
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-.")
_LONGEST = 4 * 64  # four labels of up to 63 characters and their dots


@cache
def _domain() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a bare domain with its path, anchored at its first character; a dot and a known ending,
    which a bare domain must hold: the cheap scan that says where to look)."""
    # one alternative per first letter (``patterns.words``): ``re`` tries the alternatives of a
    # group one by one, and would otherwise try all 133 endings at every dot
    ending = rf"(?:{words(lexicon.tlds())})(?![a-z0-9@\-]|\.[a-z0-9])"
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
    return leftmost((_WITH_SCHEME, _WITH_WWW, _BARE_DOMAINS), lower)


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
    parts = _split(raw)
    if parts is None:
        return "", ""
    scheme, host, port, path, query = parts
    if not host or "." not in host:
        return "", ""
    netloc = f"{host}:{port}" if port else host
    value = f"{scheme}://{netloc}{path}".rstrip("/")
    if query:
        value += "?" + query
    return value, host.removeprefix("www.")


def _split(url: str) -> tuple[str, str, int | None, str, str] | None:
    """(scheme, host, port, path, query) as ``urlsplit`` reads them (lower-cased scheme and
    host); None if it cannot. A plain ``scheme://host/path?query`` is read directly: the
    extractor's URLs hold no whitespace, and ``urlsplit`` is slow next to the rest."""
    scheme, _, rest = url.partition("://")
    end = len(rest)
    for sign in "/?#":
        i = rest.find(sign)
        if 0 <= i < end:
            end = i
    netloc = rest[:end]
    if scheme.isascii() and scheme.isalpha() and not any(c in netloc for c in "@:[]%"):
        rest = rest[end:].partition("#")[0]
        path, _, query = rest.partition("?")
        return scheme.lower(), netloc.lower(), None, path, query
    try:
        parts = urlsplit(url)
        return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port, *parts[2:4]
    except ValueError:
        return None
