"""The ``contact`` and ``web`` views: a clean view with ``(at)``/``[dot]``-style obfuscations
turned into ``@`` and ``.`` and spaced-out letters joined (for emails), or the dot words alone
(for URLs and domains)."""

from __future__ import annotations

import re
from functools import cache

from linkboard.extract import lexicon, patterns
from linkboard.extract.views import View, ascii_lower


@cache
def _contact_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(web, mail, spaced-out letters). Web: a bracketed at/dot word or sign, or a dot word or a
    ``.`` with whitespace before it; mail adds an at word with whitespace before it and ``@``.
    Each alternative starts on the word or sign itself (see ``patterns``); the whitespace before
    it is swallowed by the replacement (see ``_contact``)."""
    words = lexicon.load("contact_words")
    at_words = [w for w in words["at"] if w.isalpha()]
    dot_words = [w for w in words["dot"] if w.isalpha()]
    inside = "|".join(re.escape(w) for w in (*words["at"], *words["dot"]))
    bracketed = "|".join(rf"{re.escape(open_)}\s*(?:{inside})\s*[\)\]\}}>]\s*" for open_ in "([{<")
    dots = (
        patterns.words(dot_words, after=r"[ \t]", then=r"\s+(?=[a-z0-9])")
        + r"|\.(?<=[ \t]\.)\s*(?=[a-z]{2,}\b)"
    )
    ats = patterns.words(at_words, after=r"[ \t]", then=r"\s+(?=[a-z0-9])") + r"|@\s*"
    spaced = r"[A-Za-z0-9._\-@](?<!\S.) (?:[A-Za-z0-9._\-@] ){2,}[A-Za-z0-9._\-@](?!\S)"
    web = re.compile(f"{bracketed}|{dots}")
    mail = re.compile(f"{bracketed}|{dots}|{ats}")
    return web, mail, re.compile(spaced)


def _contact(m: re.Match[str]) -> tuple[str, int] | None:
    """``@`` or ``.`` for an at/dot word or sign, taking the whitespace before it along."""
    text, start = m.string, m.start()
    back = 0
    while start - back > 0 and text[start - back - 1] in " \t":
        back += 1
    first = text[start]
    if first not in "([{<@" and start - back > 0 and not text[start - back - 1].isalnum():
        return None  # a bare word or a lone dot counts only between two words
    word = m.group().strip(" \t\r\n\f\v([{<)]}>")
    sign = "@" if word in lexicon.load("contact_words")["at"] else "."
    return (sign, back) if back or m.group() != sign else None


_SPACED_HINT = re.compile(r" [a-z0-9._\-@] [a-z0-9._\-@] ")


def _unspace(m: re.Match[str]) -> str:
    return m.group().replace(" ", "")


_DOT_HINTS = ("dot", "punto", "ponto", "point", "period", " .", "(.", "[.", "{.", "<.")
_AT_HINTS = ("@", " at ", "(at", "[at", "{at", "<at", "arroba")


def web_view(view: View, lower: str) -> View:
    """``(dot)``, ``[.]``, `` dot `` and a spaced ``.`` as ``.`` (for URLs and domains)."""
    if not any(hint in lower for hint in _DOT_HINTS):
        return view
    return view.rewrite(_contact_patterns()[0], _contact, lower)


def contact_view(view: View, lower: str) -> View | None:
    """``web_view`` plus ``(at)``, `` at ``, a spaced ``@`` as ``@``, and ``l o l a`` joined;
    None when nothing in the text could be an email."""
    if not any(hint in lower for hint in _AT_HINTS):
        return None
    _web, mail, spaced = _contact_patterns()
    if _SPACED_HINT.search(lower) is not None:  # what every spaced-out run holds
        joined = view.rewrite(spaced, _unspace)
        if joined is not view:
            view, lower = joined, ascii_lower(joined.text)
    return view.rewrite(mail, _contact, lower)
