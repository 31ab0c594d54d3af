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
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from linkboard.extract import keyed, lexicon, patterns
from linkboard.model import Mention

#: A replacement for a match: None keeps it; ``(text, back)`` also replaces the ``back``
#: characters before the match (whitespace, look-alike letters) that the pattern could not take.
Rewrite = Callable[[re.Match[str]], str | tuple[str, int] | None]


class View:
    """A text derived from its parent by replacements; spans map back through ``edits``."""

    __slots__ = ("text", "parent", "_edits", "_starts")

    def __init__(self, text: str, parent: View | None = None, edits: list | None = None):
        self.text = text
        self.parent = parent
        #: (start, end) in this view, (start, end) in the parent, in order.
        self._edits: list[tuple[int, int, int, int]] = edits or []
        self._starts = [e[0] for e in self._edits]

    def _up(self, pos: int, is_end: bool) -> int:
        i = (bisect_left(self._starts, pos) if is_end else bisect_right(self._starts, pos)) - 1
        if i < 0:
            return pos
        start, end, p_start, p_end = self._edits[i]
        if is_end and pos <= end:
            return p_end
        if not is_end and pos < end:
            return p_start
        return pos - end + p_end

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        view: View | None = self
        while view is not None and view.parent is not None:
            start, end = view._up(start, False), view._up(end, True)
            view = view.parent
        return start, end

    @property
    def original(self) -> str:
        view = self
        while view.parent is not None:
            view = view.parent
        return view.text

    def rewrite(self, pattern: re.Pattern[str], repl: Rewrite, haystack: str | None = None) -> View:
        """A child view with each match of ``pattern`` replaced by ``repl(match)`` (None: keep).

        ``haystack`` (same length as the text, e.g. its lower-case form) is searched instead.
        """
        out: list[str] = []
        edits: list[tuple[int, int, int, int]] = []
        last = shift = 0
        text = self.text
        for m in pattern.finditer(text if haystack is None else haystack):
            new = repl(m)
            if new is None:
                continue
            new, back = new if isinstance(new, tuple) else (new, 0)
            if new == m.group() and not back:
                continue
            s, e = m.span()
            s -= back
            if s < last:
                continue
            out.append(text[last:s])
            edits.append((s + shift, s + shift + len(new), s, e))
            out.append(new)
            shift += len(new) - (e - s)
            last = e
        if not edits:
            return self
        out.append(text[last:])
        return View("".join(out), self, edits)


class Field:
    """One field's text with its views, built lazily, and the mentions' common constructor."""

    __slots__ = (
        "name",
        "region",
        "dialing",
        "original",
        "clean",
        "lower",
        "_digits",
        "_contact",
        "_web",
        "words",
        "has_digit",
        "has_capital",
        "has_kanji_digit",
        "found",
        "index",
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
        self.has_kanji_digit = not self.clean.text.isascii() and _has_kanji_digit(self.clean.text)
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
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}

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
_NON_ASCII_CHAR = re.compile(r"[^\x00-\x7f]")


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
        view = view.rewrite(_NON_ASCII if "\u20e3" in view.text else _NON_ASCII_CHAR, _fold)
    return view


# --- digits (phones) -------------------------------------------------------------------------


@cache
def _number_words() -> tuple[re.Pattern[str], dict[str, str]]:
    words = lexicon.number_words()
    alt = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(f"(?:{patterns.words(words, '[a-z]')})(?:{alt})*"), words


@cache
def _digit_token() -> re.Pattern[str]:
    """A whole token of digits and look-alike letters (``7O2``, ``Ol23``) that holds a digit;
    the match starts at its first digit (look-alikes before it are taken in by ``_unleet``)."""
    leet = "".join(re.escape(c) for c in lexicon.leet())
    return re.compile(
        rf"[0-9](?:(?<![0-9].)[0-9]*+[{leet}][0-9{leet}]*+|(?<=[{leet}].)[0-9{leet}]*+)"
        r"(?![0-9A-Za-z|!])"
    )


def _spell(m: re.Match[str]) -> str | None:
    text, s, e = m.string, m.start(), m.end()
    if s and "a" <= text[s - 1] <= "z" or e < len(text) and "a" <= text[e] <= "z":
        return None  # inside a word: "someone", "phone"
    return _spelled_digits(m.group())


@lru_cache(maxsize=4096)
def _spelled_digits(run: str) -> str:
    """``fivefivezero`` -> ``550``: the longest number word at each point."""
    words = _number_words()[1]
    keys = sorted(words, key=len, reverse=True)
    out, i = [], 0
    while i < len(run):
        word = next(k for k in keys if run.startswith(k, i))
        out.append(words[word])
        i += len(word)
    return "".join(out)


def _unleet(m: re.Match[str]) -> tuple[str, int] | None:
    """Letters for digits in a token of digits and look-alikes (``7O2``, ``Ol23``).

    The match starts at a digit; look-alike letters just before it are taken in through
    the replacement's ``back``. A ``|`` or ``!`` at either end is a separator and stays as it is.
    """
    leet = lexicon.leet()
    text, s = m.string, m.start()
    start = s
    while start > 0 and text[start - 1] in leet and text[start - 1] not in "|!":
        start -= 1
    if start > 0 and text[start - 1].isalnum():
        return None  # a word with digits in it, not a disguised number
    token = m.group()
    core = token.rstrip("|!")
    if any(c not in leet and not c.isdigit() for c in core):
        return None
    if start == s and core.isdigit():
        return None
    prefix = "".join(leet[c] for c in text[start:s])
    return prefix + "".join(leet.get(c, c) for c in core) + token[len(core) :], s - start


def spells_digits(words: frozenset[str]) -> bool:
    """Whether a digit is spelled out (``seven``, ``5five5``, ``cinco``) among a text's words: a
    spelled run is a whole word made of number words, and every number word has three letters
    or more."""
    pattern, _ = _number_words()
    starts = _number_word_starts()
    return any(pattern.fullmatch(w) for w in [w for w in words if w[:3] in starts])


def _may_spell_digits(words: frozenset[str]) -> bool:
    starts = _number_word_starts()
    return any(w[:3] in starts for w in words)


@cache
def _number_word_starts() -> frozenset[str]:
    return frozenset(w[:3] for w in lexicon.number_words())


@cache
def _letter_group() -> re.Pattern[str]:
    """A whole token of look-alike letters only (``OlOO``), checked by ``_unleet_group``."""
    letters = "".join(re.escape(c) for c in lexicon.leet() if c.isalpha())
    return re.compile(rf"[{letters}](?<![0-9A-Za-z|!].)[{letters}]+(?![0-9A-Za-z|!])")


_SEPARATORS_AROUND = 5
#: Signs that never separate the digit groups of one number (nor do letters and digits).
NOT_SEPARATORS = "$€£¥₹₩₱₽₺₴₦%+@&"


def _unleet_group(m: re.Match[str]) -> str | None:
    """A token of look-alike letters next to a digit group (``9l5-555-OlOO``: the ``OlOO``) as
    digits: it must hold an ``O``, ``o``, ``l`` or ``I`` and sit within five separator
    characters of a digit, so that words stay words; the phone must then validate."""
    token, text = m.group(), m.string
    if not any(c in "OolI" for c in token):
        return None
    if not (_digit_within(text, m.start(), -1) or _digit_within(text, m.end(), 1)):
        return None
    leet = lexicon.leet()
    return "".join(leet[c] for c in token)


def _digit_within(text: str, pos: int, step: int) -> bool:
    """Whether a digit comes within a few separator characters before (-1) or after (+1) pos."""
    i = pos - 1 if step < 0 else pos
    for _ in range(_SEPARATORS_AROUND + 1):
        if not 0 <= i < len(text):
            return False
        c = text[i]
        if c.isdigit():
            return True
        if c.isalnum() or c in NOT_SEPARATORS:
            return False
        i += step
    return False


def digits_view(view: View, lower: str, words: frozenset[str] | None = None) -> View:
    """Spelled-out digits and letters-for-digits as digits (only for phone candidates).

    The number-word pass runs only when one of the text's ``words`` (``Field.words``) starts as
    a number word does: a spelled run starts a word. (That test is cheaper than the
    scan, and than ``spells_digits``; ``_spell`` then keeps only whole words made of number
    words.)"""
    if words is None or _may_spell_digits(words):
        view = view.rewrite(_number_words()[0], _spell, lower)
    if words is None or not words.isdisjoint(_short_words()):
        view = view.rewrite(_short_words_pattern(), _short_word)
    if not view.text.isascii() and _has_kanji_digit(view.text):
        view = view.rewrite(_KANJI_RUN, _kanji)
    view = view.rewrite(_digit_token(), _unleet)
    return view.rewrite(_letter_group(), _unleet_group)


@cache
def _short_words() -> dict[str, str]:
    """Number words of one or two letters ("oh" for zero, French "un"): digits only in a run of
    spelled digits (``short_number_words.yaml``)."""
    return {str(k).lower(): str(v) for k, v in lexicon.load("short_number_words").items()}


@cache
def _short_words_pattern() -> re.Pattern[str]:
    alt = "|".join(sorted(map(re.escape, _short_words()), key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])(?:{alt})(?:[ \t.\-]+(?:{alt}))*(?![A-Za-z])", re.I)


def _short_word(m: re.Match[str]) -> str | None:
    """A run of short number words beside a single spelled digit ("seven oh oh six", "oh
    seven"), each word as its digit; not beside a longer group ("Oh 702...")."""
    text = m.string
    if not (_single_digit_near(text, m.start(), -1) or _single_digit_near(text, m.end(), 1)):
        return None
    words = _short_words()
    return re.sub("[A-Za-z]+", lambda w: words[w.group().lower()], m.group())


def _single_digit_near(text: str, pos: int, step: int) -> bool:
    """Whether a lone digit (no digit beside it) comes within a few separators of ``pos``."""
    i = pos - 1 if step < 0 else pos
    for _ in range(_SEPARATORS_AROUND + 1):
        if not 0 <= i < len(text) or text[i].isalpha():
            return False
        if text[i].isdigit():
            j = i + step
            return not (0 <= j < len(text) and text[j].isdigit())
        i += step
    return False


#: Japanese (and Chinese) digits, read as digits only in a run of three or more (〇九〇): one
#: alone is part of a word (一緒, 三分).
_KANJI_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")}
_KANJI_DIGITS["零"] = "0"
_KANJI_RUN = re.compile("[〇零一二三四五六七八九]{3,}")


def _has_kanji_digit(text: str) -> bool:
    return any(c in text for c in "〇一二三四五六七八九")


def _kanji(m: re.Match[str]) -> str:
    return "".join(_KANJI_DIGITS[c] for c in m.group())


# --- contact (emails, urls) ---------------------------------------------------------------


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


def ascii_lower(text: str) -> str:
    """``text`` with A-Z lower-cased and nothing else changed (same length, same offsets)."""
    if text.isascii():
        return text.lower()
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ")
        return text.translate(_ASCII_LOWER)
    parts: list[str] = []
    last = 0
    for m in _NON_ASCII_CHAR.finditer(text):  # put the non-ASCII characters back as they were
        parts += (lowered[last : m.start()], m.group())
        last = m.end()
    parts.append(lowered[last:])
    return "".join(parts)


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
    web, mail, spaced = _contact_patterns()
    if _SPACED_HINT.search(lower) is not None:  # what every spaced-out run holds
        joined = view.rewrite(spaced, _unspace)
        if joined is not view:
            view, lower = joined, ascii_lower(joined.text)
    return view.rewrite(mail, _contact, lower)
