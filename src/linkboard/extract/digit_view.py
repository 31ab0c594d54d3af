"""The ``digits`` view, for phone matching only: a clean view with number words (English,
Spanish and the other languages in ``number_words.yaml``), short number words beside a spelled
digit, kanji digits and letters-for-digits (``7O2``, ``OlOO``) turned into digits."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from linkboard.extract import lexicon, patterns
from linkboard.extract.views import View


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
    if (s and "a" <= text[s - 1] <= "z") or (e < len(text) and "a" <= text[e] <= "z"):
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
    if not view.text.isascii() and has_kanji_digit(view.text):
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


def has_kanji_digit(text: str) -> bool:
    return any(c in text for c in "〇一二三四五六七八九")


def _kanji(m: re.Match[str]) -> str:
    return "".join(_KANJI_DIGITS[c] for c in m.group())
