"""Local time of an ad: US standard offsets plus daylight saving time, written as ISO-8601.

The rule is computed here (second Sunday of March to first Sunday of November, 02:00 local) so
that the output never depends on the machine's time-zone database.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from functools import cache

from linkboard.synth.lexicon import City


@cache
def _zone(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


@cache
def _dst_window(year: int, offset: int) -> tuple[float, float]:
    """UTC timestamps when DST starts and ends in ``year`` for a zone of standard ``offset``."""
    march = datetime(year, 3, 1, 2, tzinfo=UTC)
    start = march + timedelta(days=(6 - march.weekday()) % 7 + 7)
    november = datetime(year, 11, 1, 1, tzinfo=UTC)  # 02:00 daylight time is 01:00 standard
    end = november + timedelta(days=(6 - november.weekday()) % 7)
    return start.timestamp() - offset * 3600, end.timestamp() - offset * 3600


def utc_offset(ts: int, city: City) -> int:
    """Hours from UTC of ``city``'s clock at UTC timestamp ``ts``."""
    if not city.dst:
        return city.utc_offset
    year = datetime.fromtimestamp(ts, UTC).year
    start, end = _dst_window(year, city.utc_offset)
    return city.utc_offset + 1 if start <= ts < end else city.utc_offset


def local_iso(ts: int, city: City) -> str:
    """``2024-03-09T21:14:05-06:00``: the ad's time on its city's clock."""
    return datetime.fromtimestamp(ts, _zone(utc_offset(ts, city))).isoformat()
