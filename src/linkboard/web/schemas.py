"""The JSON shapes of the web API: one response model per page, shared with the templates."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from linkboard.web.schemas_payments import AccountView, NetworkAccount, TransactionView
from linkboard.web.schemas_social import ChatView, ConnectionGraph, MessageView, SocialAccountView
from linkboard.web.schemas_text import Highlight as Highlight  # the pages import it from here


class Reason(BaseModel):
    """One indicator's part of a risk score."""

    code: str
    name: str = ""
    amount: float = Field(description="log-odds this indicator adds to the risk score")
    evidence: str = ""


class TriageItem(BaseModel):
    subject: str = Field(description="'record' or 'network'")
    id: str
    title: str
    risk: float
    possible_minor: bool
    city: str = ""
    site: str = ""
    posted_at: str | None = None
    size: int | None = Field(None, description="records in the network (networks only)")
    network_id: str | None = None
    reasons: list[Reason] = []
    seen: bool = False
    reviewed: bool = False
    new: bool = Field(False, description="ingested since this browser's previous visit")


class TriagePage(BaseModel):
    items: list[TriageItem]
    next_cursor: str | None = Field(None, description="pass as `cursor` for the next page")
    filters: dict[str, Any]


class Hit(BaseModel):
    code: str
    level: str
    weight: float
    evidence: str
    field: str = ""
    start: int = -1
    end: int = -1


class MentionOut(BaseModel):
    kind: str
    value: str
    text: str
    field: str
    start: int
    end: int
    rule: str
    identifier: str | None = None
    shared_with: int = Field(0, description="other records with this identifier (capped)")
    role: str = Field(
        "self",
        description="how the record holds the value: self (its own), counterparty, sender, "
        "recipient or mentioned; only self identifiers link records into one network",
    )


class ErrorOut(BaseModel):
    detail: str = Field(description="what went wrong, in words")


#: The errors every API route may answer, besides FastAPI's 422 for a malformed request.
API_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "a request the workspace cannot do, and why"},
    401: {"model": ErrorOut, "description": "not signed in, or the session has ended"},
    403: {"model": ErrorOut, "description": "the role may not do this, or the CSRF check failed"},
    404: {"model": ErrorOut, "description": "no such record, network, case, photo or mark"},
}


class ImageOut(BaseModel):
    index: int
    ref: str
    sha256: str = ""
    pdq: str = ""
    width: int = 0
    height: int = 0
    url: str = Field(description="route that serves the stored file")
    same_photo: int = Field(0, description="other records with this photo (capped)")
    problem: str = Field("", description="why the photo could not be decoded, in words")
    camera: str = Field("", description="make and model its metadata names; '' when stripped")
    device: str = Field("", description="the device value (make:serial) its metadata names")
    taken_at: str = Field("", description="capture time its metadata gives (ISO 8601)")
    lat: float | None = Field(None, description="GPS latitude its metadata gives")
    lon: float | None = Field(None, description="GPS longitude its metadata gives")


class PhotoPoint(BaseModel):
    """Where a record's photo was taken, as its metadata (EXIF GPS) says; never the photo."""

    record_id: str
    lat: float
    lon: float
    taken_at: str = Field("", description="capture time its metadata gives (ISO 8601)")
    photo: int = Field(0, description="the photo's number on its record page (from 1)")


class KnownImage(BaseModel):
    """One of a record's photos on a hash list an analyst loaded, known by its hash alone."""

    list_name: str
    source: str = ""
    entry: str = Field(description="the entry's id on its list")
    label: str = ""
    hash: str = Field(description="the hash that matched: pdq, md5, sha1 or sha256")
    distance: int = Field(0, description="bits between the PDQ hashes (0: the same)")
    matched_at: str = ""


class Provenance(BaseModel):
    source: str
    locator: str
    ingested_at: str
    sha256: str


class RecordDetail(BaseModel):
    id: str
    kind: str
    title: str
    body: str
    url: str = ""
    site: str = ""
    posted_at: str | None = None
    location: str = ""
    city: str | None = None
    risk: float | None = None
    possible_minor: bool = False
    network_id: str | None = None
    network_name: str = ""
    provenance: Provenance
    breakdown: list[Reason] = []
    bias: float | None = None
    mentions: list[MentionOut] = []
    hits: list[Hit] = []
    images: list[ImageOut] = []
    known_images: list[KnownImage] = Field(
        [], description="its photos on hash lists of known images (by hash, never shown)"
    )
    photo_points: list[PhotoPoint] = Field(
        [], description="where its photos were taken, as their metadata says (photo GPS)"
    )
    highlights: list[Highlight] = []
    other_fields: dict[str, str] = Field(
        {}, description="the input's fields its record kind keeps as they are (a profile's handle)"
    )
    account: AccountView | None = Field(
        None, description="an account's card, alerts, transactions, ads and counterparties"
    )
    transaction: TransactionView | None = Field(
        None, description="a transaction's booking, account and the alerts that cite it"
    )
    social_account: SocialAccountView | None = Field(
        None, description="a social account's profile, alerts, messages and connections"
    )
    chat: ChatView | None = Field(None, description="a chat's messages, in the order sent")
    message: MessageView | None = Field(None, description="a message's place in its chat")


class SearchHit(BaseModel):
    id: str
    title: str
    snippet: str = Field("", description="text with matches between \\u0002 and \\u0003")
    city: str = ""
    site: str = ""
    posted_at: str | None = None
    risk: float | None = None
    possible_minor: bool = False
    network_id: str | None = None
    matched: list[str] = Field([], description="identifiers that matched (identifier search)")


class FacetValue(BaseModel):
    value: str
    count: int


class SearchPage(BaseModel):
    query: str
    mode: str = Field(description="'text' or 'identifier'")
    identifiers: list[str] = Field([], description="what the query was normalised to")
    error: str | None = None
    results: list[SearchHit] = []
    total: int = 0
    total_capped: bool = Field(False, description="total is a lower bound")
    page: int = 1
    has_more: bool = False
    facets: dict[str, list[FacetValue]] = {}
    facets_over: int = Field(0, description="how many leading results the facets count")


class BulkRow(BaseModel):
    input: str
    identifier: str | None
    error: str | None = None
    records: int
    record_ids: list[str]


class BulkResult(BaseModel):
    rows: list[BulkRow]


class GraphElement(BaseModel):
    group: str = Field(description="'nodes' or 'edges'")
    data: dict[str, Any]


class TemplateView(BaseModel):
    parts: list[dict[str, Any]] = Field(
        description="{'text': str} fixed text or {'slot': [values]} a varying slot"
    )
    records: list[str]


class DayCount(BaseModel):
    day: str
    count: int


class CityVisit(BaseModel):
    city: str
    lat: float | None
    lon: float | None
    first: str
    last: str
    posts: int
    payments: int = Field(0, description="transactions the network's accounts booked there")
    record_ids: list[str]


class NetworkChange(BaseModel):
    """One change of a network's records, in words (``network_events``)."""

    at: str
    event: str = Field(description="create, grow, merge, merged_into, split, dissolve, ...")
    headline: str = Field(description="what happened, e.g. 'Network split'")
    records: int = Field(0, description="how many records moved")
    to: list[str] = Field([], description="the networks they moved to")
    why: str = Field("", description="the step that caused it: who, what, why")


class FormerRecord(BaseModel):
    """A record of a network that no longer exists, and where it is now."""

    id: str
    title: str
    network_id: str | None


class NetworkGone(BaseModel):
    """A network id that a regrouping ended: when, why and where its records went."""

    id: str
    fate: NetworkChange
    now: str | None = Field(description="the network its records are in now, when one")
    records: list[FormerRecord] = []
    history: list[NetworkChange] = []


class NetworkDetail(BaseModel):
    id: str
    name: str
    size: int
    risk: float | None
    possible_minor: bool
    first_seen: str | None
    last_seen: str | None
    summary: dict[str, Any]
    reasons: list[Reason]
    hits: list[Hit]
    counts: dict[str, int] = Field(description="persons, phones, handles, sites, cities")
    identifiers: dict[str, list[str]]
    records: list[SearchHit]
    records_shown: int
    events: list[dict[str, Any]] = []
    history: list[NetworkChange] = []
    split: NetworkChange | None = Field(
        None, description="the split that last changed this network: where the others went"
    )
    generic: list[str] = Field([], description="identifiers of its records marked generic")
    templates: list[TemplateView] = []
    movement: list[CityVisit] = []
    photo_points: list[PhotoPoint] = Field(
        [], description="where its records' photos were taken (photo GPS), by capture time"
    )
    payment_days: list[DayCount] = Field(
        [], description="transactions the network's accounts booked, by day"
    )
    accounts: list[NetworkAccount] = Field(
        [], description="its account records, with their financial alerts"
    )
    connections: ConnectionGraph | None = Field(
        None, description="who wrote to whom at its identifiers' ends; none without messages"
    )


class GraphGroup(BaseModel):
    """A box of records in the grouped graph: the identifier that links them, or a link kind."""

    id: str
    label: str
    kind: str
    identifier: str = Field(description="kind:value, or '' for a box of a link kind")
    records: int


class Graph(BaseModel):
    elements: list[GraphElement]
    truncated: bool
    link_kinds: list[str]
    groups: list[GraphGroup] = Field(
        [], description="record boxes; each record node's data.group names its box"
    )
    layout: str = Field("free", description="'grouped' for a big network, else 'free'")


class Overview(BaseModel):
    records: int
    networks: int
    window_days: int
    ingested_by_day: list[DayCount]
    posted_by_day: list[DayCount]
    by_source: list[FacetValue]
    by_site: list[FacetValue]
    city_activity: list[dict[str, Any]] = Field(
        description="{'city': str, 'weeks': [{'week': start day, 'count': n}]}"
    )
    biggest_networks: list[TriageItem]
    riskiest_networks: list[TriageItem]
