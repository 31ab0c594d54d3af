"""What the network rules look at: one network's members, as plain facts the store can build.

The lead builds a ``NetworkFacts`` per network from the store; ``member_from_mentions`` turns one
record and its mentions into a ``Member`` (photo groups and template come from linking).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from linkboard.model import Mention, Record
from linkboard.persons import person_name, person_names
from linkboard.score.market import record_city


@dataclass(frozen=True)
class Member:
    """One record of a network.

    ``city`` is ``City, ST, US`` (or ``City, CC``) and ``lat_lon`` its coordinates when known;
    ``photo_groups`` are ids of a person's photo sets; ``phone_regions`` maps each phone (E.164)
    to the US state of its area code.
    """

    record_id: str
    posted_at: str | None = None
    city: str = ""
    site: str = ""
    phones: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    ages: tuple[int, ...] = ()
    photo_groups: tuple[str, ...] = ()
    template: str | None = None
    phone_regions: Mapping[str, str] = field(default_factory=dict)
    lat_lon: tuple[float, float] | None = None

    @property
    def when(self) -> datetime | None:
        """``posted_at`` parsed (ISO 8601), or None when absent or unreadable."""
        if not self.posted_at:
            return None
        try:
            return datetime.fromisoformat(self.posted_at)
        except ValueError:
            return None

    @property
    def day(self) -> str:
        return (self.posted_at or "")[:10]

    @property
    def person(self) -> str | None:
        """The one person this ad is about: its photo group, else its name; None if several."""
        if len(self.photo_groups) == 1:
            return f"photos {self.photo_groups[0]}"
        names = person_names(self.names)
        if not self.photo_groups and len(names) == 1:
            return f"name {names[0]}"
        return None


@dataclass(frozen=True)
class NetworkFacts:
    """A network: its id and its members."""

    network_id: str
    members: tuple[Member, ...]


def member_from_mentions(
    record: Record,
    mentions: Iterable[Mention],
    *,
    photo_groups: Iterable[str] = (),
    template: str | None = None,
) -> Member:
    """A ``Member`` from a record and its mentions (phones, names, ages, city, phone regions)."""
    mentions = list(mentions)
    phones = _unique(m.value for m in mentions if m.kind == "phone")
    regions = {}
    for m in mentions:
        region = (m.data or {}).get("region") if m.kind == "phone" else None
        if isinstance(region, dict) and region.get("country") == "US" and region.get("region"):
            regions[m.value] = str(region["region"])
    city = record_city(record, mentions)
    return Member(
        record_id=record.id,
        posted_at=record.posted_at,
        city=city,
        site=record.site,
        phones=phones,
        names=_unique(n for m in mentions if m.kind == "name" and (n := person_name(m.value))),
        ages=tuple(int(m.value) for m in mentions if m.kind == "age" and m.value.isdigit()),
        photo_groups=tuple(dict.fromkeys(photo_groups)),
        template=template,
        phone_regions=regions,
        lat_lon=_coords(city, mentions),
    )


def _coords(city: str, mentions: list[Mention]) -> tuple[float, float] | None:
    for m in mentions:
        data = m.data or {}
        if m.kind == "location" and m.value == city and "lat" in data and "lon" in data:
            try:
                return float(data["lat"]), float(data["lon"])
            except (TypeError, ValueError):
                return None
    return None


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
