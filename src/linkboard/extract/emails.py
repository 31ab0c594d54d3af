"""Email addresses, also with ``(at)``/``[dot]`` spelled out or spaces around ``@`` and ``.``."""

from __future__ import annotations

import re

from linkboard.extract import lexicon
from linkboard.extract.normalise import Field
from linkboard.extract.views import View
from linkboard.model import Mention

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}"
    r"@([A-Za-z0-9][A-Za-z0-9\-]{0,62}(?:\.[A-Za-z0-9\-]{1,63}){1,4})(?![\w/\-]|\.\w)"
)


def find(field: Field) -> list[Mention]:
    view = field.contact
    if view is None or "@" not in view.text:
        return []
    out = []
    text = view.text
    pos = 0
    for start in _starts(text):
        m = _EMAIL.match(text, start) if start >= pos else None
        if m is None:
            continue
        mention = _accept(field, view, m)
        if mention is None:  # "email ME@KITTY.KAT@GMAIL.COM": try again from the next word
            pos = m.start() + 1
            continue
        out.append(mention)
        pos = m.end()
    return out


_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")


def _starts(text: str) -> list[int]:
    """Where an address could start: the first character of the run of local-part characters
    before each ``@`` (an address cannot start inside such a run)."""
    out: list[int] = []
    at = text.find("@")
    while at >= 0:
        start = at
        while start > 0 and text[start - 1] in _LOCAL_CHARS and at - start <= 64:
            start -= 1
        if not out or out[-1] != start:
            out.append(start)
        at = text.find("@", at + 1)
    return out


def _accept(field: Field, view: View, m: re.Match[str]) -> Mention | None:
    domain = m.group(1).lower()
    tld = domain.rsplit(".", 1)[-1]
    if not tld.isalpha() or not 2 <= len(tld) <= 24:
        return None
    mention = field.mention(view, m.span(), "email", m.group().lower(), "email")
    if mention is None:
        return None
    written = "@" in mention.text and not any(c.isspace() for c in mention.text)
    if mention is None or (not written and tld not in lexicon.tlds()):
        return None  # "@" spelled out or spaced: only well-known endings
    return mention
