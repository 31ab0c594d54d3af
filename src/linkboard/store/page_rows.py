"""The shapes the page queries (``store.pages``) answer with: plain data, whatever the backend."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from linkboard.network import NetworkSummary


def json_object(text: str | None) -> dict[str, Any]:
    """A stored JSON object; {} for nothing, bad JSON or JSON that is not an object."""
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True, slots=True)
class TriageRow:
    """A record or a network in the triage queue (or a list of networks). ``title`` is the
    record's title or the network's name as stored; ``stamp`` when it came in or last changed."""

    subject: str
    id: str
    title: str | None
    risk: float
    possible_minor: bool
    breakdown: str | None
    stamp: str | None = None
    city: str | None = None
    site: str = ""
    posted_at: str | None = None
    network_id: str | None = None
    size: int | None = None
    kind: str = "ad"  # a record's kind (ad, profile, account, transaction)


@dataclass(frozen=True, slots=True)
class Found:
    """A record a search found, with its snippet (matches between \\x02 and \\x03)."""

    id: str
    title: str | None
    city: str | None
    site: str
    posted_at: str | None
    risk: float | None
    possible_minor: bool
    network_id: str | None
    snippet: str


@dataclass(frozen=True, slots=True)
class Member:
    """A record of a network, as the network page and its graph show it."""

    id: str
    title: str | None
    city: str | None
    site: str
    posted_at: str | None
    risk: float | None
    possible_minor: bool
    network_id: str | None
    body: str


@dataclass(frozen=True, slots=True)
class RecordView:
    """A stored record with what the pipeline found out about it, for the record page."""

    id: str
    kind: str
    title: str
    body: str
    url: str
    site: str
    posted_at: str | None
    location: str
    city: str | None
    risk: float | None
    possible_minor: bool
    network_id: str | None
    network_name: str
    source: str
    locator: str
    ingested_at: str
    sha256: str
    breakdown: str | None
    images: list[str] = field(default_factory=list)
    #: the input's fields its kind does not put in a slot (a profile's handle)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RecordRef:
    """A record named by its title, and the network that holds it now."""

    id: str
    title: str | None
    network_id: str | None


@dataclass(frozen=True, slots=True)
class NetworkRow:
    id: str
    name: str
    size: int
    risk: float | None
    possible_minor: bool
    first_seen: str | None
    last_seen: str | None
    summary: NetworkSummary
    breakdown: str | None


@dataclass(frozen=True, slots=True)
class NetworkEvent:
    """One step in a network's history (create, grow, merge, merged_into, split, dissolve...)."""

    id: int
    at: str
    event: str
    network_id: str
    detail: dict[str, Any]


@dataclass(frozen=True, slots=True)
class DayActivity:
    """How many records posted on ``day`` came in on ``ingested`` from one source, site, city."""

    day: str
    ingested: str
    source: str | None
    site: str | None
    city: str | None
    count: int
