"""The shared vocabulary: records, mentions, indicator hits, links, networks.

Records are never edited. Everything derived from them (mentions, hits, links, networks) carries
the pipeline version that made it, so a re-run with a newer pipeline knows what is stale.
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from linkboard import PIPELINE_VERSION

MentionKind = Literal[
    "phone",
    "email",
    "url",
    "handle",
    "payment",
    "crypto",
    "price",
    "age",
    "name",
    "location",
    "time",
]

#: Mention kinds whose normalised value is an identifier: a pivot between records.
LINKABLE_KINDS = frozenset({"phone", "email", "handle", "payment", "crypto"})

#: How a record holds an identifier it mentions (DESIGN.md, "Role"): ``self`` is its own (its
#: phone, its $cashtag, the account's own IBAN, the device that took its photo); ``counterparty``
#: is who paid or was paid; ``sender`` and ``recipient`` are the two ends of a message;
#: ``mentioned`` is named in passing. Only ``self`` identifiers merge records into one network;
#: the others are edges between networks, shown and followed, never merged. Every mention the
#: extractor finds in an ad today is ``self``.
ROLES = ("self", "counterparty", "sender", "recipient", "mentioned")

#: The role whose shared identifiers link records into one network.
SELF_ROLE = "self"

#: The text fields of a record that extraction reads, in this order. Spans index into them.
TEXT_FIELDS = ("title", "body", "url", "location")


def sha256_text(raw: str | bytes) -> str:
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    return hashlib.sha256(data).hexdigest()


_T = TypeVar("_T")


def _pickled_by_fields(cls: type[_T]) -> type[_T]:
    """Pickle instances as their constructor's arguments. A slotted dataclass otherwise pickles
    through a ``__getstate__``/``__setstate__`` written in Python, field by field: a dense ad's
    facts, sent from an engine worker and read back, took 169 µs that way and take 97 this way."""
    fields = operator.attrgetter(*(f.name for f in dataclasses.fields(cls)))  # type: ignore[arg-type]
    cls.__reduce__ = lambda self: (cls, fields(self))  # type: ignore[method-assign]
    return cls


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a record came from: source name, locator (file:line or URL), when, what bytes."""

    source: str
    locator: str
    ingested_at: str
    sha256: str


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Record:
    """One thing a source gave us, with its raw content kept unchanged."""

    id: str
    kind: str
    raw: str
    provenance: Provenance
    title: str = ""
    body: str = ""
    url: str = ""
    site: str = ""
    posted_at: str | None = None
    location: str = ""
    images: tuple[str, ...] = ()
    region: str = "US"
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)

    def field_text(self, name: str) -> str:
        return str(getattr(self, name) or "")


@_pickled_by_fields
@dataclass(slots=True)
class Mention:
    """A value found in a record's field, with the exact span it came from.

    ``record.field_text(field)[start:end] == text`` always holds. Treat it as read-only: it is not
    frozen only because extraction builds twenty per ad, and a frozen dataclass is five times
    slower to build. ``role`` says how the record holds the value (one of :data:`ROLES`).
    """

    kind: str
    value: str
    text: str
    start: int
    end: int
    rule: str
    field: str = "body"
    data: dict[str, Any] = dataclasses.field(default_factory=dict)
    role: str = SELF_ROLE  # one of ROLES: how the record holds the value

    @property
    def identifier(self) -> str | None:
        """``kind:value`` for linkable kinds, else None."""
        return f"{self.kind}:{self.value}" if self.kind in LINKABLE_KINDS else None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class ImageFact:
    """An image of a record, known by its hashes (never by its pixels)."""

    ref: str
    sha256: str
    pdq: str
    quality: int
    phash: str = ""
    width: int = 0
    height: int = 0
    error: str = ""


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Hit:
    """An indicator that fired, with the evidence that made it fire.

    ``evidence`` is the quoted text (record level) or a sentence naming identifiers, cities and
    dates (network level); ``detail`` holds the structured form (span, ids, dates).
    """

    code: str
    level: str
    weight: float
    evidence: str
    field: str = ""
    start: int = -1
    end: int = -1
    detail: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Link:
    """An edge between two records (``a < b``) and why it exists."""

    a: str
    b: str
    kind: str  # identifier | photo | text | analyst
    hard: bool
    score: float
    evidence: dict[str, Any]

    def __post_init__(self) -> None:
        if self.a > self.b:
            a, b = self.b, self.a
            object.__setattr__(self, "a", a)
            object.__setattr__(self, "b", b)


@dataclass(frozen=True, slots=True)
class Quarantined:
    """An input that could not become a record, and why."""

    source: str
    locator: str
    reason: str
    sample: str = ""


@dataclass(slots=True)
class Breakdown:
    """A risk score and the contributions that add up to it."""

    risk: float
    bias: float
    contributions: list[dict[str, Any]]
    version: str = PIPELINE_VERSION

    def as_dict(self) -> dict[str, Any]:
        """What ``dataclasses.asdict`` gives, less its deep copy: the contributions are built
        for this breakdown alone (the copy was the costliest step of scoring a record)."""
        return {
            "risk": self.risk,
            "bias": self.bias,
            "contributions": self.contributions,
            "version": self.version,
        }


@_pickled_by_fields
@dataclass(slots=True)
class RecordFacts:
    """Everything the record stage derived from one record."""

    record: Record
    mentions: list[Mention]
    images: list[ImageFact]
    hits: list[Hit]
    risk: float | None
    breakdown: dict[str, Any] | None
    possible_minor: bool = False
    city: str | None = None
