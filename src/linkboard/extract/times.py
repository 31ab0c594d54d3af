"""Availability times: ``24/7``, ``until 4am``, ``from 10pm``, ``10am-6pm``, ``late night``, and
their Spanish forms (``hasta las 4am``, ``desde las 10pm``, ``de 12pm a 10pm``)."""

from __future__ import annotations

import re

from linkboard.extract.keyed import Keyed, Scanned, leftmost
from linkboard.extract.normalise import Field
from linkboard.extract.patterns import words
from linkboard.model import Mention

_CLOCK_DIGITS = r"(?P<{0}h>[0-9]{{1,2}})(?::(?P<{0}m>[0-5][0-9]))?\s*(?P<{0}p>a\.?m\.?|p\.?m\.?)?"
_CLOCK = "(?:" + _CLOCK_DIGITS + r"|(?P<{0}w>noon|midnight))"
_UNTIL = r"\s*(?:-|–|to|till|til|until|a|hasta)\s*"
#: The ways availability is written; each starts on a literal character (see ``patterns``) and
#: the first to match at a position wins.
#: English and Spanish ("hasta las 4am", "desde las 10pm").
_KEYWORDS = ("until", "till", "til", "untill", "from", "after", "hasta", "desde")
_TIMES: tuple[Keyed | Scanned, ...] = (
    Scanned(re.compile(r"(?P<always>2(?<![\w/].)4(?:\s*/\s*7|-7|\s*hrs?\b|\s*hours))"), "24"),
    Scanned(re.compile(r"(?P<late>late[\s-]*nights?)"), "late"),
    Scanned(
        re.compile(
            r"(?P<range>(?P<ah>[0-9](?<!\w.)[0-9]?)(?::(?P<am>[0-5][0-9]))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)?"
            + _UNTIL
            + _CLOCK.format("b")
            + r")(?!\w)"
        ),
    ),
    Keyed(
        re.compile(
            r"(?P<range>(?P<aw>n(?<!\w.)oon|m(?<!\w.)idnight))"
            + _UNTIL
            + _CLOCK.format("b")
            + r"(?!\w)"
        )
    ),
    Keyed(
        re.compile(
            "(?P<kw>"
            + words(_KEYWORDS, r"\w")
            + r"|s(?<!\w.)tarting(?:\s+at)?)\s+(?:about\s+|las?\s+)?"
            + _CLOCK.format("c")
            + r"(?!\w)"
        )
    ),
)


def find(field: Field) -> list[Mention]:
    if not field.has_digit and not any(w in field.lower for w in ("late", "noon", "midnight")):
        return []
    view = field.clean
    out = []
    for m in leftmost(_TIMES, field.index):
        value = _value(m)
        if value is None:
            continue
        mention = field.mention(view, m.span(), "time", value, "time")
        if mention is not None:
            out.append(mention)
    return out


def _value(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    if g.get("always"):
        return "24/7"
    if g.get("late"):
        return "late night"
    if g.get("range"):
        a, b = _clock(g, "a", None), _clock(g, "b", None)
        clocks = g.get("ap") or g["bp"] or (g.get("am") and g["bm"])
        return f"{a}-{b}" if a and b and (clocks or g.get("aw") or g["bw"]) else None
    kw = g["kw"].lower()
    word = "from" if kw.startswith(("from", "after", "start", "desde")) else "until"
    at = _clock(g, "c", None)
    return f"{word} {at}" if at and (g["cp"] or g["cw"]) else None


def _clock(g: dict[str, str | None], k: str, fallback_period: str | None) -> str | None:
    w = g.get(k + "w")
    if w:
        return "12:00" if w == "noon" else "00:00"
    hour, minute = int(g[k + "h"] or 0), int(g.get(k + "m") or 0)
    period = (g.get(k + "p") or fallback_period or "").lower().replace(".", "")
    if (period and not 1 <= hour <= 12) or hour > 23:
        return None
    if period == "pm" and hour != 12:
        hour += 12
    elif period == "am" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"
