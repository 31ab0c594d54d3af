"""When a statement booked an entry: the time as it wrote it (``booked_local``, ISO-8601 with its
UTC offset where it gave one, the day alone where it gave no time: never an invented midnight)
and the same instant in UTC (the record's ``posted_at``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from linkboard.ingest.fields import BadRecord, timestamp

#: Zone abbreviations statements write after a time (Cash App, PayPal), as hours from UTC.
ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10, "AST": -4, "ADT": -3, "NST": -3.5, "NDT": -2.5,
    "AEST": 10, "AEDT": 11, "JST": 9, "IST": 5.5,
}  # fmt: skip
_ZONED = re.compile(
    r"^(?P<when>\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)\s+"
    r"(?P<zone>[A-Za-z]{1,5}|[A-Za-z]+(?:/[A-Za-z_+\-]+){1,2})$"
)
_SLASHED = re.compile(
    r"^(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})"
    r"(?:[ T,]+(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[AaPp][Mm])?)?$"
)
_EPOCH = re.compile(r"^\d{9,13}(?:\.\d{1,6})?$")
_DAY = re.compile(r"^(?:\d{8}|\d{4}-\d{2}-\d{2}(?:Z|[+-]\d{2}:\d{2})?)$")


@dataclass(frozen=True, slots=True)
class Booked:
    local: str  # as the statement wrote it: "2025-01-12T23:41:10-05:00", or "2025-01-12"
    utc: str  # the same instant in UTC, seconds (midnight UTC for a day)


def of(moment: datetime | date) -> Booked:
    """A time or a day as a statement gives it."""
    if isinstance(moment, datetime):
        local = moment.isoformat(timespec="seconds")
    else:
        local = moment.isoformat()
    return Booked(local, timestamp(local, "booked_at") or "")


def zone(name: str, when: datetime) -> tzinfo | None:
    """The zone an abbreviation (``EST``) or a tz database name (``America/Chicago``) names."""
    hours = ZONES.get(name.upper())
    if hours is not None:
        return timezone(timedelta(hours=hours))
    if "/" not in name:
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, LookupError):
        return None


def parse(text: str, *, dayfirst: bool = False, zone_name: str = "") -> Booked:
    """A statement's date or time: ISO-8601, ``2025-01-12 23:41:10 EST``, ``01/12/2025 23:41``
    (``12/01/2025`` when DAYFIRST), or epoch seconds or milliseconds; ZONE_NAME is the zone a
    separate column gives. BadRecord when it is none of these."""
    value = text.strip()
    try:
        if _EPOCH.match(value):
            seconds = float(value) / (1000 if len(value.partition(".")[0]) > 11 else 1)
            return of(datetime.fromtimestamp(seconds, UTC))
        if _DAY.match(value):
            return of(date.fromisoformat(value[:10]))
        if found := _ZONED.match(value):
            return _zoned(datetime.fromisoformat(found["when"]), found["zone"])
        if found := _SLASHED.match(value):
            moment = _slashed(found, dayfirst)
            return _zoned(moment, zone_name) if isinstance(moment, datetime) else of(moment)
        return _zoned(datetime.fromisoformat(value.replace("Z", "+00:00")), zone_name)
    except (ValueError, OverflowError, OSError):
        raise BadRecord(f"bad date: {value[:40]!r}") from None


def _zoned(moment: datetime, name: str) -> Booked:
    if moment.tzinfo is None and name:
        found = zone(name, moment)
        if found is None:
            raise ValueError(f"unknown time zone {name!r}")
        moment = moment.replace(tzinfo=found)
        moment = moment.replace(tzinfo=timezone(moment.utcoffset() or timedelta(0)))
    return of(moment)


def _slashed(found: re.Match[str], dayfirst: bool) -> datetime | date:
    month, day = int(found["a"]), int(found["b"])
    if dayfirst:
        month, day = day, month
    year = int(found["y"]) + (2000 if len(found["y"]) == 2 else 0)
    hour = int(found["h"] or 0)
    if found["ampm"]:
        hour = hour % 12 + (12 if found["ampm"].lower() == "pm" else 0)
    if found["h"] is None:
        return date(year, month, day)
    return datetime(year, month, day, hour, int(found["m"]), int(found["s"] or 0))
