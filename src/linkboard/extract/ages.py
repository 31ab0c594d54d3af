"""Ages stated for a person: ``I'm 24``, ``24 yo``, ``age: 24``, ``Mia, 24``.

Only a number in an age's context is an age: not "18+", years of experience, a date ("June 16,
2016", "6/16/2016"), a time ("16:30", "16h"), a measurement ("36-24-36", "5'6", "34C"), a price
("$160", "160 roses"), the digits of a phone, a client's age limit ("men over 30 yrs") or a
service ("Massage, 69, GFE").
"""

from __future__ import annotations

import re

from linkboard.extract import lexicon
from linkboard.extract.keyed import Keyed, Scanned, leftmost
from linkboard.extract.normalise import Field
from linkboard.extract.patterns import words
from linkboard.extract.spans import Spans
from linkboard.model import Mention

MIN_AGE, MAX_AGE = 12, 79
_NOT_AGE_AFTER = (
    r"(?!\s*(?:[+%'\"$€£/.,:][0-9]|[+%'\"$€£]|ft|feet|foot|inch|in\b|lbs?|kg|cm|min|mins|minutes"
    r"|hours?|hrs?\b|h\b|hh|qv|qs|ss\b|miles|mi\b|k\b|dd|[a-h]{1,3}\b|x\b|am\b|pm\b|percent"
    r"|years?\s+(?:of|in|exp)|yrs?\s+(?:of|in|exp)|roses|dollars|usd|bucks|%|-\s*[0-9]))"
)
_AFTER_NAMED_AGE = (
    r"(?=\s*\)|\s*,|\s*[.!;](?![0-9])|\s*$|\s+(?:and|visiting|new|here|available|in|from|yrs?"
    r"|years?\s+old|y/?o)\b)"
)
_NOT_AFTER = r"[\w$]"
#: The ways an age is stated, each starting on a literal character (see ``patterns``); the first
#: to match at a position wins.
_AGES: tuple[Keyed | Scanned, ...] = (
    Keyed(
        re.compile(
            "(?:"
            + words([r"i'?m", r"i\s+am", "im", "edad", "tengo"], _NOT_AFTER, raw=True)
            + r")\s*:?\s*(?P<a>[0-9]{2})\b"
            + _NOT_AGE_AFTER
        )
    ),
    Keyed(
        re.compile(
            "(?:"
            + words(["age", "aged", "edad"], _NOT_AFTER)
            + r")\s*(?:is|of)?\s*[:\-=]?\s*(?P<b>[0-9]{2})\b"
            r"(?![/.:][0-9]|\s*[+\-]|\s*(?:and|&)\s*up)"
        )
    ),
    Scanned(
        re.compile(
            r"(?P<c>[0-9](?<![\w$].)(?<!for .)(?<![0-9][\-/:.].)"
            r"(?<!over .)(?<!under .)(?<!above .)(?<!below .)[0-9])"
            r"\s*(?:yo|y/o|y\.o\.?|yrs?\s*old|years?\s*old|years?\s*young|a[ñn]os|yrs?(?!\s*(?:of|in|exp)))\b"
        ),
        frozenset({"yo", "y", "yr", "yrs", "year", "years", "anos", "os"}),
    ),
    Scanned(  # a range stated as ages: "18-35 years of age" (both ends)
        re.compile(
            r"(?P<g>[0-9](?<![\w$.\-/].)[0-9])\s*(?:-|–|to)\s*(?P<h>[0-9]{2})\s*"
            r"(?:yo|y/o|yrs?\s*old|years?\s*old|years?\s*of\s*age)\b"
        ),
        frozenset({"yo", "y", "yrs", "yr", "years", "year"}),
    ),
    Scanned(  # a range after an age label: "Age: 25-29" (not a client's: "men ages 30-60")
        re.compile(
            r"a(?<![\w].)(?<!men .)(?<!for .)ges?\s*[:\-]?\s*(?P<i>[0-9]{2})\s*(?:-|–|to)\s*"
            r"(?P<j>[0-9]{2})(?![0-9])"
        ),
        frozenset({"age", "ages"}),
    ),
    Keyed(
        re.compile(
            "(?:"
            + words(
                [r"we\s+are", "we're", "both", r"just\s+turn(?:ed|ing)", r"turn(?:ed|ing)"],
                _NOT_AFTER,
                raw=True,
            )
            + r")\s+(?:both\s+)?(?P<e>[0-9]{2})\b"
            + _NOT_AGE_AFTER
            + r"(?:\s+(?:and|&)\s+(?P<f>[0-9]{2})\b)?"
        )
    ),
)
#: "Mia, 26," / "Sophie (23)" / "Lola is 25": searched as written (names are capitalised). The
#: name's letters are matched possessively: what follows a name never starts with a letter.
_NAMED_AGE = re.compile(
    r"(?P<name>[A-Z](?<![\w$].)[a-z]{1,15}+)(?P<sep>\s*[,!]\s*|\s*\(\s*|\s+is\s+|\s+)(?P<d>[0-9]{2})"
    + _AFTER_NAMED_AGE
)
#: The age field a classifieds site writes after each title ("Sweet and new - 23", also after
#: the phone a title ends with), at the end of a line or before the ad's next words ("... - 23
#: Location: Houston"), not before a counted noun ("- 52 Ads"). The field is 18 or more
#: (``ADULT``), so it never flags a minor; after a rate ("1/2hr - 35") it is a price.
_SUFFIX = re.compile(
    r"(?:(?<=[A-Za-z!?.)*_'])|(?<=[0-9]{3}[-. ][0-9]{4})|(?<=[^0-9][0-9]{10}))"
    r"[ \t]+[-–][ \t]+(?P<s>[1-9][0-9])"
    r"(?=[ \t]*(?:[\r\n]|$)|[ \t]+(?!(?:Min|Mins|Hr|Hrs|Hours?|Roses|Am|AM|Pm|PM|St|Street|Ave"
    r"|Ads?|Pics?|Pictures?|Photos?|Reviews?|Posts?|Days?|Weeks?|Years?)\b)[A-Z][A-Za-z]*:?(?:\s|$))"
)
ADULT = 18
_RATE_WORD = re.compile(r"(?:hr|hrs|hh|qv|qs|min|mins|h|hour|hours|roses|special|half|full)\s*$")


def _rate_before(text: str, at: int) -> bool:
    return _RATE_WORD.search(text[max(0, at - 12) : at].lower()) is not None


#: Month names and their short forms, April, May, June and August among them (also names): a
#: month and a number with only a space between is a date ("June 16", "Thursday, June 16, 2016").
#: The months that are no one's name are name stopwords as well.
MONTHS = frozenset(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_YEAR_AFTER = re.compile(r"\s*,?\s*(?:19|20)[0-9]{2}(?![0-9])")


def dated(name: str, sep: str, text: str, end: int) -> bool:
    """Whether ``name``, ``sep`` and the number ending at ``end`` in ``text`` write a date: a month
    then the day with only a space between, or any month and a day then a year."""
    if name.lower() not in MONTHS:
        return False
    return not sep.strip() or _YEAR_AFTER.match(text, end) is not None


def find(field: Field) -> list[Mention]:
    if not field.has_digit:
        return []
    view = field.clean
    out: list[Mention] = []
    # a phone's digits are never an age ("702-555-23 yo" is no 23-year-old)
    claimed = Spans((m.start, m.end) for m in field.found.get("phone", []))
    for m in leftmost(_AGES, field.index):
        _add(field, m, tuple(m.groupdict()), out, claimed)
    for m in _SUFFIX.finditer(view.text):
        if int(m.group("s")) >= ADULT and not _rate_before(view.text, m.start()):
            _add(field, m, ("s",), out, claimed)
    for m in _NAMED_AGE.finditer(view.text):
        name = m.group("name")
        if name.lower() in lexicon.name_stopwords() | _NOT_NAMES or m.group("d") in _SERVICES:
            continue
        if not dated(name, m.group("sep"), view.text, m.end("d")):
            _add(field, m, ("d",), out, claimed)
    return out


def _add(
    field: Field, m: re.Match[str], groups: tuple[str, ...], out: list[Mention], claimed: Spans
) -> None:
    view = field.clean
    for group in groups:
        if m.group(group) and MIN_AGE <= int(m.group(group)) <= MAX_AGE:
            span = m.span() if group in "abc" else m.span(group)
            value = str(int(m.group(group)))
            mention = field.mention(view, span, "age", value, f"age.{group}")
            if mention is not None and not claimed.overlaps(mention.start, mention.end):
                claimed.add(mention.start, mention.end)
                out.append(mention)


#: Numbers that name a service, not an age, after a capitalised word: "Massage, 69, GFE".
_SERVICES = frozenset({"69"})
#: Capitalised words that come before a two-digit number without being a person's name.
_NOT_NAMES = frozenset(
    {
        "suite",
        "room",
        "apt",
        "unit",
        "age",
        "ages",
        "size",
        "top",
        "vol",
        "chapter",
        "page",
        "day",
        "days",
        "week",
        "weeks",
        "hh",
        "qv",
        "hr",
        "hour",
        "hours",
        "min",
        "mins",
        "only",
        "over",
        "under",
        "bus",
        "route",
        "highway",
        "exit",
        "interstate",
        "floor",
        "level",
        "gate",
        "booth",
        "table",
        "number",
        "no",
        "just",
        "about",
        "around",
        "since",
    }
)
