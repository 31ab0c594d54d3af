"""A network as the link stage writes it and the store keeps it: its row (id, name, size, first
and last post) and its summary: who (persona names, photo groups), how to reach them, where and
when, its links by kind, and the other networks it shares an ad template with.

``as_dict`` gives the JSON the store writes into ``networks.summary`` and the API answers with;
``NetworkSummary.from_dict`` reads it back, from summaries older versions wrote too (persons as a
bare count or list, no ``count``, no ``shared_template``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from linkboard.model import Breakdown
from linkboard.persons import person_names


@dataclass(frozen=True, slots=True)
class Lead:
    """Another network this one shares an ad template with: the template family, how many text
    links cross between the two, and the best similarity among them."""

    network: str
    family: str
    links: int
    similarity: float

    def __reduce__(self) -> tuple[Any, ...]:
        return Lead, (self.network, self.family, self.links, self.similarity)

    def as_dict(self) -> dict[str, Any]:
        return {
            "network": self.network,
            "family": self.family,
            "links": self.links,
            "similarity": self.similarity,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Lead:
        similarity = data.get("similarity")
        return cls(
            network=str(data.get("network") or ""),
            family=str(data.get("family") or ""),
            links=_int(data.get("links")),
            similarity=float(similarity) if isinstance(similarity, int | float) else 0.0,
        )


@dataclass(frozen=True, slots=True)
class Stop:
    """A city in a network's movement: its first and last post there (None: undated) and how
    many of its records posted there."""

    city: str
    first: str | None
    last: str | None
    records: int

    def __reduce__(self) -> tuple[Any, ...]:
        return Stop, (self.city, self.first, self.last, self.records)

    def as_dict(self) -> dict[str, Any]:
        return {"city": self.city, "first": self.first, "last": self.last, "records": self.records}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Stop:
        return cls(
            city=str(data.get("city") or ""),
            first=_text(data.get("first")),
            last=_text(data.get("last")),
            records=_int(data.get("records")),
        )


@dataclass(frozen=True, slots=True)
class Persons:
    """Who a network's ads name: its persona names (``persons.person_names``), how many persons
    that is, and how many groups of near-duplicate photos its records hold."""

    aliases: tuple[str, ...]
    count: int
    photo_groups: int

    def __reduce__(self) -> tuple[Any, ...]:
        return Persons, (self.aliases, self.count, self.photo_groups)

    def as_dict(self) -> dict[str, Any]:
        return {
            "aliases": list(self.aliases),
            "count": self.count,
            "photo_groups": self.photo_groups,
        }

    @classmethod
    def from_stored(cls, value: object) -> Persons:
        """The persons of a stored summary: ``{aliases, count, photo_groups}``, or, written before
        the count was stored, ``{aliases, photo_groups}`` (the count is its distinct names), a
        bare count or a bare list of names."""
        if isinstance(value, bool):
            return cls((), 0, 0)
        if isinstance(value, int):
            return cls((), value, 0)
        if isinstance(value, list):
            names = tuple(str(p) for p in value)
            return cls(names, len(person_names(names)), 0)
        if not isinstance(value, Mapping):
            return cls((), 0, 0)
        found = value.get("aliases")
        aliases = tuple(str(a) for a in found) if isinstance(found, list) else ()
        count = value.get("count")
        return cls(
            aliases=aliases,
            count=int(count) if isinstance(count, int) else len(person_names(aliases)),
            photo_groups=_int(value.get("photo_groups")),
        )


@dataclass(frozen=True, slots=True)
class NetworkSummary:
    """What a network is, from its records: their number and first and last post date, the
    persons they name, their identifiers by kind (values sorted, at most ``IDENTIFIER_LIMIT``
    each), their sites, the cities in the order the network reached them, its links by kind,
    and the networks it shares a template with (most similar first)."""

    size: int
    first_seen: str | None
    last_seen: str | None
    persons: Persons
    identifiers: dict[str, tuple[str, ...]]
    sites: tuple[str, ...]
    movement: tuple[Stop, ...]
    links: dict[str, int]
    shared_template: tuple[Lead, ...] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        return NetworkSummary, (
            self.size, self.first_seen, self.last_seen, self.persons, self.identifiers,
            self.sites, self.movement, self.links, self.shared_template,
        )  # fmt: skip

    def with_leads(self, leads: tuple[Lead, ...]) -> NetworkSummary:
        """This summary with LEADS as the networks it shares a template with."""
        return NetworkSummary(
            self.size, self.first_seen, self.last_seen, self.persons, self.identifiers,
            self.sites, self.movement, self.links, leads,
        )  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "persons": self.persons.as_dict(),
            "identifiers": {kind: list(values) for kind, values in self.identifiers.items()},
            "sites": list(self.sites),
            "movement": [stop.as_dict() for stop in self.movement],
            "links": dict(self.links),
            "shared_template": [lead.as_dict() for lead in self.shared_template],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NetworkSummary:
        """A stored summary (any missing part empty, persons as ``Persons.from_stored`` reads
        them)."""
        found = data.get("identifiers")
        identifiers = found if isinstance(found, Mapping) else {}
        links = data.get("links")
        return cls(
            size=_int(data.get("size")),
            first_seen=_text(data.get("first_seen")),
            last_seen=_text(data.get("last_seen")),
            persons=Persons.from_stored(data.get("persons")),
            identifiers={
                str(kind): tuple(str(v) for v in values)
                for kind, values in identifiers.items()
                if isinstance(values, list)
            },
            sites=tuple(str(s) for s in _list(data.get("sites"))),
            movement=tuple(Stop.from_dict(m) for m in _list(data.get("movement")) if _map(m)),
            links={str(k): n for k, n in links.items() if _number(n)}
            if isinstance(links, Mapping)
            else {},
            shared_template=tuple(
                Lead.from_dict(x) for x in _list(data.get("shared_template")) if _map(x)
            ),
        )


#: the summary of a network known by its id alone (its stored summary, ``{}``, reads as this)
EMPTY_SUMMARY = NetworkSummary(0, None, None, Persons((), 0, 0), {}, (), (), {})


@dataclass(frozen=True, slots=True)
class Network:
    """A network's row as the link stage writes it: its id, its name (``link.summary.
    network_name`` until an analyst renames it), its size, its first and last post, its
    summary."""

    id: str
    name: str
    size: int
    first_seen: str | None
    last_seen: str | None
    summary: NetworkSummary

    def __reduce__(self) -> tuple[Any, ...]:
        return Network, (
            self.id, self.name, self.size, self.first_seen, self.last_seen, self.summary,
        )  # fmt: skip

    def with_leads(self, leads: tuple[Lead, ...]) -> Network:
        """This network (its row, not a stored network's scores) with LEADS as the networks it
        shares a template with."""
        summary = self.summary.with_leads(leads)
        return Network(self.id, self.name, self.size, self.first_seen, self.last_seen, summary)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "size": self.size,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "summary": self.summary.as_dict(),
        }


@dataclass(frozen=True, slots=True)
class StoredNetwork(Network):
    """A stored network: its row, and what scoring made of it (risk 0..1, None until scored;
    whether it may involve a minor; the score's breakdown, None until scored), and when it was
    made and last changed."""

    risk: float | None
    possible_minor: bool
    breakdown: Breakdown | None
    created_at: str
    updated_at: str

    def __reduce__(self) -> tuple[Any, ...]:
        return StoredNetwork, (
            self.id, self.name, self.size, self.first_seen, self.last_seen, self.summary,
            self.risk, self.possible_minor, self.breakdown, self.created_at, self.updated_at,
        )  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        return {
            **Network.as_dict(self),
            "risk": self.risk,
            "possible_minor": self.possible_minor,
            "breakdown": None if self.breakdown is None else self.breakdown.as_dict(),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _map(value: object) -> bool:
    return isinstance(value, Mapping)
