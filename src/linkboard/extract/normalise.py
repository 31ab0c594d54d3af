"""Normalisation before matching: rewritten views of a field's text that map back to the original.

Every extractor matches on a *view*: the original text after a chain of rewrites (HTML entities,
mojibake, Unicode digits and look-alikes, spelled-out digits, letters for digits, spelled-out
``at``/``dot``). Each view remembers its edits, so a span found in it maps back to a span of the
original field text, and ``original[start:end]`` is what the mention cites.

Views:

- ``clean``: entities decoded, mojibake repaired, Unicode digits/fullwidth/styled letters folded
  to ASCII, zero-width characters dropped. Every family reads this one.
- ``digits``: ``clean`` plus number words (English, Spanish) and letters-for-digits turned into
  digits, for phone matching only.
- ``contact``: ``clean`` plus ``(at)``/``[dot]``-style obfuscations turned into ``@`` and ``.``
  and spaced-out letters joined, for emails.
- ``web``: ``clean`` plus ``(dot)``-style obfuscations turned into ``.``, for URLs.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from typing import Any

from linkboard.extract import keyed, lexicon
from linkboard.extract.contact_view import contact_view, web_view
from linkboard.extract.digit_view import digits_view, has_kanji_digit
from linkboard.extract.views import NON_ASCII_CHAR, View, ascii_lower
from linkboard.model import Mention


class Field:
    """One field's text with its views, built lazily, and the mentions' common constructor."""

    __slots__ = (
        "_contact",
        "_digits",
        "_web",
        "clean",
        "dialing",
        "found",
        "has_capital",
        "has_digit",
        "has_kanji_digit",
        "index",
        "lower",
        "name",
        "original",
        "region",
        "words",
    )

    def __init__(
        self, text: str, name: str = "body", region: str = "US", dialing: tuple[str, ...] = ()
    ):
        self.name = name
        self.region = (region or "US").upper()
        #: The regions whose dialling rules read the field's phones, best first (see ``dialing``).
        self.dialing = dialing or (self.region,)
        self.original = text
        self.clean = clean_view(text)
        #: ``clean`` with A-Z lower-cased: same length, same offsets; keyword patterns search it
        #: case-sensitively, which ``re`` does far faster than with IGNORECASE.
        self.lower = ascii_lower(self.clean.text)
        #: Cheap tests that let a family skip a field: most need a digit or a capital letter.
        self.has_digit = _DIGIT.search(self.clean.text) is not None
        self.has_capital = _CAPITAL.search(self.clean.text) is not None
        self.has_kanji_digit = not self.clean.text.isascii() and has_kanji_digit(self.clean.text)
        self._digits: View | None = None
        self._contact: View | None = None
        self._web: View | None = None
        #: The lower-case words of the text: a cheap test before running a family's patterns,
        #: and where keyword patterns are tried (see ``keyed``).
        self.index = keyed.Words(self.lower)
        self.words = self.index.set
        #: Mentions found so far, by kind, for families that build on others (zelle + phone).
        self.found: dict[str, list[Mention]] = {}

    @property
    def digits(self) -> View:
        if self._digits is None:
            self._digits = digits_view(self.clean, self.lower, self.words)
        return self._digits

    @property
    def contact(self) -> View | None:
        if self._contact is None:
            self._contact = contact_view(self.clean, self.lower) or View("")
        return self._contact if self._contact.text else None

    @property
    def web(self) -> View:
        if self._web is None:
            self._web = web_view(self.clean, self.lower)
        return self._web

    def mention(
        self, view: View, span: tuple[int, int], kind: str, value: str, rule: str, **data: Any
    ) -> Mention | None:
        start, end = view.to_original(*span)
        text = self.original[start:end]
        if not text.strip():
            return None
        return Mention(kind, value, text, start, end, rule, self.name, data)


_DIGIT = re.compile(r"[0-9]")
_CAPITAL = re.compile(r"[A-Z]")


# --- clean ---------------------------------------------------------------------------------

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
#: What a UTF-8 continuation byte looks like once decoded as cp1252 (or latin-1).
_CONT = (
    "[\x80-\xbf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152"
    "\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]"
)
_MOJIBAKE = re.compile(
    f"[\xc2-\xf4](?:(?<=[\xc2-\xdf]){_CONT}|(?<=[\xe0-\xef]){_CONT}{{2}}"
    f"|(?<=[\xf0-\xf4]){_CONT}{{3}})"
)
#: A keycap digit (``7️⃣``) or any other non-ASCII character; without keycaps, the latter only.
_NON_ASCII = re.compile(r"[0-9#*\x80-\U0010ffff](?:(?<=[0-9#*])\ufe0f?\u20e3|(?<=[^\x00-\x7f]))")


def _entity(m: re.Match[str]) -> str | None:
    text = m.group()
    try:
        out = html.unescape(text)
    except (ValueError, OverflowError):
        return None
    return out if out != text and len(out) <= 2 else None


def _mojibake(m: re.Match[str]) -> str | None:
    raw = bytearray()
    for ch in m.group():
        try:
            raw += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            raw.append(ord(ch))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """ASCII for a digit, a styled/fullwidth letter or a look-alike; '' for invisible marks."""
    if len(ch) > 1:  # keycap sequence: the digit itself
        return ch[0] if ch[0].isdigit() else ch
    digit = unicodedata.digit(ch, None)
    if digit is not None:
        return str(digit)
    mapped = lexicon.confusables().get(ch)
    if mapped is not None:
        return mapped
    category = unicodedata.category(ch)
    if category in ("Cf", "Mn", "Me") and not unicodedata.combining(ch):
        return ""
    if category == "Zs":
        return " "
    if category == "Pd":
        return "-"
    nfkc = unicodedata.normalize("NFKC", ch)
    return nfkc if nfkc.isascii() and 0 < len(nfkc) <= 2 and nfkc.strip() else ch


def _fold(m: re.Match[str]) -> str:
    return fold_char(m.group())


#: A literal escape as JSON or a scraper writes it (``\\u00a0``, ``\\u2013``, ``\\U0001f48b``):
#: six (or ten) characters that stand for one; a surrogate pair is taken whole.
_ESCAPE = re.compile(
    r"\\u(?:d[89ab][0-9a-f]{2}\\ud[c-f][0-9a-f]{2}|[0-9a-f]{4})|\\U[0-9a-f]{8}", re.I
)


def _unescape(m: re.Match[str]) -> str | None:
    text = m.group()
    code = int(text[2:6], 16) if text[1] == "u" else int(text[2:], 16)
    if 0xD800 <= code <= 0xDBFF:
        code = 0x10000 + (code - 0xD800) * 0x400 + int(text[8:12], 16) - 0xDC00
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF or code < 0x20:
        return None
    return chr(code)


def clean_view(text: str) -> View:
    view = View(text)
    if "&" in text:
        view = view.rewrite(_ENTITY, _entity)
    if "\\u" in view.text or "\\U" in view.text:
        view = view.rewrite(_ESCAPE, _unescape)
    if not view.text.isascii():
        view = view.rewrite(_MOJIBAKE, _mojibake)
        view = view.rewrite(_NON_ASCII if "\u20e3" in view.text else NON_ASCII_CHAR, _fold)
    return view
