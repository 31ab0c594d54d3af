"""URLs and bare domains, normalised to ``scheme://host/path?query``."""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from linkboard.extract import lexicon
from linkboard.extract.normalise import Field
from linkboard.extract.spans import Spans
from linkboard.model import Mention

_TRAILING = ".,;:!?)]}'\"*>"
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


@cache
def _pattern() -> re.Pattern[str]:
    tlds = "|".join(re.escape(t) for t in sorted(lexicon.tlds(), key=len, reverse=True))
    return re.compile(
        r"(?:https?://|www\.)[^\s<>\"'\[\]{}|^`]{1,2000}"
        r"|(?<![\w@.\-/])(?:[a-z0-9][a-z0-9\-]{0,62}\.){1,4}"
        rf"(?:{tlds})(?![a-z0-9@\-]|\.[a-z0-9])(?:[/?][^\s<>\"'\[\]{{}}|^`]{{0,2000}})?",
    )


def find(field: Field) -> list[Mention]:
    view = field.web
    if "." not in view.text:
        return []
    out = []
    emails = Spans((e.start, e.end) for e in field.found.get("email", []))
    lower = field.lower if view is field.clean else view.text.translate(_ASCII_LOWER)
    for m in _pattern().finditer(lower):
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
