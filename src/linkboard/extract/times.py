"""Availability times: ``24/7``, ``until 4am``, ``from 10pm``, ``10am-6pm``, ``late night``."""

from __future__ import annotations

import re

from linkboard.extract.normalise import Field
from linkboard.model import Mention

_CLOCK = (
    r"(?:(?P<{0}h>\d{{1,2}})(?::(?P<{0}m>[0-5]\d))?\s*(?P<{0}p>a\.?m\.?|p\.?m\.?)?"
    r"|(?P<{0}w>noon|midnight))"
)
_TIME = re.compile(
    r"(?<![\w/])(?P<always>24\s*/\s*7|24-7|24\s*hrs?\b|24\s*hours)"
    r"|(?P<late>late[\s-]*nights?)"
    r"|(?<!\w)(?P<range>"
    + _CLOCK.format("a")
    + r")\s*(?:-|–|to|till|til|until)\s*"
    + _CLOCK.format("b")
    + r"(?!\w)"
    r"|\b(?P<kw>until|till|til|untill|from|after|starting(?:\s+at)?)\s+(?:about\s+)?"
    + _CLOCK.format("c")
    + r"(?!\w)",
)


def find(field: Field) -> list[Mention]:
    view = field.clean
    out = []
    for m in _TIME.finditer(field.lower):
        value = _value(m)
        if value is None:
            continue
        mention = field.mention(view, m.span(), "time", value, "time")
        if mention is not None:
            out.append(mention)
    return out


def _value(m: re.Match[str]) -> str | None:
    if m.group("always"):
        return "24/7"
    if m.group("late"):
        return "late night"
    if m.group("range"):
        a, b = _clock(m, "a", None), _clock(m, "b", None)
        clocks = m.group("ap") or m.group("bp") or m.group("am") and m.group("bm")
        return f"{a}-{b}" if a and b and (clocks or m.group("aw") or m.group("bw")) else None
    kw = m.group("kw").lower()
    word = "from" if kw.startswith(("from", "after", "start")) else "until"
    at = _clock(m, "c", None)
    return f"{word} {at}" if at and (m.group("cp") or m.group("cw")) else None


def _clock(m: re.Match[str], k: str, fallback_period: str | None) -> str | None:
    if m.group(k + "w"):
        return "12:00" if m.group(k + "w") == "noon" else "00:00"
    hour, minute = int(m.group(k + "h")), int(m.group(k + "m") or 0)
    period = (m.group(k + "p") or fallback_period or "").lower().replace(".", "")
    if period and not 1 <= hour <= 12 or hour > 23:
        return None
    if period == "pm" and hour != 12:
        hour += 12
    elif period == "am" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"
