"""The shared vocabulary: records, mentions, indicator hits, links, networks.

Records are never edited. Everything derived from them (mentions, hits, links, networks) carries
the pipeline version that made it, so a re-run with a newer pipeline knows what is stale.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import operator
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from linkboard import PIPELINE_VERSION, hooks

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

#: Mention kinds whose normalised value is an identifier: a pivot between records. linkboard's own
#: are here; a plugin's value type adds its kind as it is registered (``hooks.value_types``, when
#: ``ValueType.linkable``): read it through :func:`linkable_kinds`.
LINKABLE_KINDS: set[str] = {"phone", "email", "handle", "payment", "crypto"}


def linkable_kinds() -> frozenset[str]:
    """Every linkable mention kind, the plugins' included (an IBAN, a device serial)."""
    hooks.load_default_plugins()
    return frozenset(LINKABLE_KINDS)


def is_linkable(kind: str) -> bool:
    """Whether a mention of KIND names an identifier (the plugins load on the first miss)."""
    if kind in LINKABLE_KINDS:
        return True
    if hooks.plugins_loaded():
        return False
    hooks.load_default_plugins()
    return kind in LINKABLE_KINDS


#: How a record holds an identifier it mentions (DESIGN.md, "Role"): ``self`` is its own (its
#: phone, its $cashtag, the account's own IBAN, the device that took its photo); ``counterparty``
#: is who paid or was paid; ``sender`` and ``recipient`` are the two ends of a message;
#: ``mentioned`` is named in passing. Only ``self`` identifiers merge records into one network;
#: the others are edges between networks, shown and followed, never merged. Every mention the
#: extractor finds in an ad today is ``self``. ``holder`` is the account a transaction was booked
#: on: the transaction is filed under it and never merged with it (an account's ten thousand
#: transactions are its evidence, not its network's members). ``follower`` and ``followed`` are
#: the two ends of a follow (an Instagram follow list).
ROLES = (
    "self",
    "counterparty",
    "sender",
    "recipient",
    "mentioned",
    "holder",
    "follower",
    "followed",
)

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
        """A field's text: a slot's, or an input field kept in ``extra`` (a list as its items,
        one a line; ``images`` as its refs, one a line), which is what a mention's span indexes
        into."""
        if name in _SLOT_NAMES:
            slot = getattr(self, name)
            return "\n".join(slot) if isinstance(slot, tuple) else str(slot or "")
        value = self.extra.get(name)
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return "" if value is None else str(value)


_SLOT_NAMES = frozenset(f.name for f in dataclasses.fields(Record))


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
        return f"{self.kind}:{self.value}" if is_linkable(self.kind) else None


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
    md5: str = ""
    sha1: str = ""
    #: What the photo's EXIF says (``media.PhotoMeta``'s non-empty fields: make, model, serial,
    #: taken_at, lat, lon); empty when stripped, as on most sites.
    meta: dict[str, Any] = dataclasses.field(default_factory=dict)


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


@_pickled_by_fields
@dataclass(slots=True)
class Span:
    """Where a piece of a record's evidence was quoted: a field (one of :data:`TEXT_FIELDS`) and
    ``[start, end)`` in its text; -1, -1 when the hit has no span. Read-only, as a
    ``Contribution`` is."""

    field: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {"end": self.end, "field": self.field, "start": self.start}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Span:
        field, start, end = data.get("field"), data.get("start"), data.get("end")
        return cls(str(field or ""), _int(start, -1), _int(end, -1))


@_pickled_by_fields
@dataclass(slots=True)
class Contribution:
    """One reason in a breakdown: an indicator that fired (or a network's lift, or a floor), its
    weight, and ``contribution``, the log-odds it adds to the score.

    ``spans`` (record level: where each piece of ``evidence`` was quoted) and ``detail`` (network
    level: each hit's structured detail) are None where the entry has none. A ``NETWORK`` lift
    names its ``network`` and ``network_risk``, a ``STRONGEST_MEMBER`` floor its ``record_id``
    and ``member_risk``. ``as_dict`` gives the JSON the store keeps; ``from_dict`` reads it back,
    from breakdowns older versions wrote too (a key they lack reads as empty).

    Treat it as read-only (a lift or a floor shares the record's own entries): it is not frozen
    only because scoring builds one per indicator of every ad, and frozen, with its spans, it
    doubled the cost of ``score.risk`` (3 to 6 µs an ad) and added a third to sending an ad's
    facts back from an engine worker.
    """

    code: str
    name: str
    level: str
    weight: float
    contribution: float
    evidence: tuple[str, ...] = ()
    spans: tuple[Span, ...] | None = None
    detail: tuple[dict[str, Any], ...] | None = None
    network: str | None = None
    network_risk: float | None = None
    record_id: str | None = None
    member_risk: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """The JSON the store keeps, its keys in the order the store writes them (sorted), so an
        export gives a breakdown the same way whether it was read from the store or just made."""
        out: dict[str, Any] = {"code": self.code, "contribution": self.contribution}
        if self.detail is not None:
            out["detail"] = list(self.detail)
        out["evidence"] = list(self.evidence)
        out["level"] = self.level
        if self.member_risk is not None:
            out["member_risk"] = self.member_risk
        out["name"] = self.name
        for key in ("network", "network_risk", "record_id"):
            if (value := getattr(self, key)) is not None:
                out[key] = value
        if self.spans is not None:
            out["spans"] = [s.as_dict() for s in self.spans]
        out["weight"] = self.weight
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Contribution:
        spans, detail, evidence = data.get("spans"), data.get("detail"), data.get("evidence")
        network, record_id = data.get("network"), data.get("record_id")
        return cls(
            code=str(data.get("code") or ""),
            name=str(data.get("name") or ""),
            level=str(data.get("level") or ""),
            weight=_number(data.get("weight")) or 0.0,
            contribution=_number(data.get("contribution")) or 0.0,
            evidence=(evidence,) if isinstance(evidence, str) else tuple(map(str, _list(evidence))),
            spans=None if spans is None else tuple(map(Span.from_dict, _dicts(spans))),
            detail=None if detail is None else tuple(_dicts(detail)),
            network=None if network is None else str(network),
            network_risk=_number(data.get("network_risk")),
            record_id=None if record_id is None else str(record_id),
            member_risk=_number(data.get("member_risk")),
        )


@_pickled_by_fields
@dataclass(slots=True)
class Breakdown:
    """A risk score and the contributions that add up to it: ``bias + sum(c.contribution for c
    in contributions) == logit(risk)``. ``as_dict`` gives the JSON the store keeps (the shape
    every export and the API show); ``from_json`` reads the stored text back."""

    risk: float
    bias: float
    contributions: list[Contribution]
    version: str = PIPELINE_VERSION

    def as_dict(self) -> dict[str, Any]:
        """The JSON the store keeps, keys sorted as it writes them (see ``Contribution``)."""
        return {
            "bias": self.bias,
            "contributions": [c.as_dict() for c in self.contributions],
            "risk": self.risk,
            "version": self.version,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Breakdown:
        return cls(
            risk=_number(data.get("risk")) or 0.0,
            bias=_number(data.get("bias")) or 0.0,
            contributions=[Contribution.from_dict(c) for c in _dicts(data.get("contributions"))],
            version=str(data.get("version") or ""),
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Breakdown:
        """A stored breakdown read back; ValueError when TEXT is not a JSON object."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError(f"a breakdown is a JSON object, not {type(data).__name__}")
        return cls.from_dict(data)


def _int(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _number(value: object) -> float | None:
    """A stored number as it was stored (an int stays one, so it is written back the same); None
    where there is none (a bool is no number)."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in _list(value) if isinstance(v, dict)]


@_pickled_by_fields
@dataclass(slots=True)
class RecordFacts:
    """Everything the record stage derived from one record."""

    record: Record
    mentions: list[Mention]
    images: list[ImageFact]
    hits: list[Hit]
    risk: float | None
    breakdown: Breakdown | None
    possible_minor: bool = False
    city: str | None = None
