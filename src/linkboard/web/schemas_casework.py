"""The JSON shapes of the casework API (``/api/cases``, ``/api/watches``, ``/api/alerts``): one
response model per answer, read from the casework objects (``store.casework``) by attribute, so
that a field of the JSON is a field of the object it shows."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Read(BaseModel):
    """A response model filled from a casework object's attributes (``model_validate(obj)``)."""

    model_config = ConfigDict(from_attributes=True)


class CaseOut(_Read):
    id: int
    title: str
    description: str
    status: str
    created_by: str
    created_at: str
    updated_at: str
    tags: list[str]


class CaseItemOut(_Read):
    kind: str = Field(description="record, network or identifier")
    ref: str = Field(description="a record or network id, or an identifier kind:value")
    added_by: str
    added_at: str


class NoteOut(_Read):
    id: int
    author: str
    at: str
    body: str
    about: str


class TimelineEventOut(_Read):
    """One moment of a case: a post appearing (``kind='post'``) or an analyst action."""

    at: str
    kind: str
    actor: str
    summary: str
    ref: str
    detail: dict[str, object]


class CaseDetail(_Read):
    """A case with its items, notes and timeline (posts and analyst actions)."""

    case: CaseOut
    items: list[CaseItemOut]
    notes: list[NoteOut]
    timeline: list[TimelineEventOut]


class CaseItems(_Read):
    items: list[CaseItemOut]


class CaseNotes(_Read):
    notes: list[NoteOut]


class WatchOut(_Read):
    id: int
    kind: str = Field(description="identifier, image, search or network")
    value: str
    label: str
    owner: str
    webhook: str
    max_distance: int = Field(description="PDQ bits a photo may differ by (image watches)")
    active: bool
    created_at: str


class AlertOut(_Read):
    id: int
    watch_id: int
    record_id: str
    at: str
    retroactive: bool = Field(description="the record was there before the watch was made")
    seen: bool
    detail: dict[str, object] = Field(description="what matched: the identifier, photo, search "
                                   "or network, and a photo's PDQ distance")  # fmt: skip
    watch_kind: str
    watch_value: str
    watch_label: str


class WatchCreated(_Read):
    watch: WatchOut
    alerts: list[AlertOut] = Field(description="the records that already match")
