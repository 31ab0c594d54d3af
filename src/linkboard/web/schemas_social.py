"""The JSON shapes of the social pages: a social account (its profile, its SOC_RECRUITER alert
with the contacts behind it, its messages, its connections, the ads and accounts that hold its
identifiers), a chat (its messages in order, what they name highlighted), a message (its place in
its chat), a network's connection graph (laid out to draw), and the recruiter alerts of the
triage queue."""

from __future__ import annotations

from pydantic import BaseModel, Field

from linkboard.web.schemas_payments import AdUse
from linkboard.web.schemas_text import Highlight


class Party(BaseModel):
    """One end of a message or an edge: an account, else an identifier, else a name alone."""

    id: str = Field(description="the account's record id, an identifier (kind:value) or a name")
    name: str = Field(description="how the page names it: a display name, the identifier shown")
    href: str = Field("", description="its page: the account's, an identifier's search; '' none")
    member: bool = Field(False, description="one of the network's own (the connection graph)")


class HeldValue(BaseModel):
    """An identifier a social account holds as its own."""

    kind: str
    value: str
    label: str = Field(description="what it is: phone, handle, e-mail, $cashtag")
    identifier: str = Field(description="kind:value")
    shown: str = Field(description="how the page prints it")


class SocialProfile(BaseModel):
    id: str
    display_name: str
    platform: str = ""
    handle: str = ""
    platform_id: str = ""
    held: list[HeldValue] = Field([], description="its own phones, handles, e-mails, $cashtags")
    bio: str = ""
    bio_highlights: list[Highlight] = []
    url: str = ""
    location: str = ""
    created_at: str | None = None
    risk: float | None = None
    network_id: str | None = None
    network_name: str = ""


class RecruiterContact(BaseModel):
    """An account the recruiter wrote to first, and what its pitch to it held."""

    recipient: Party
    chat: str = Field("", description="the chat of the first message")
    chat_title: str = ""
    first_contact: str = Field(description="when the recruiter first wrote (ISO 8601)")
    codes: list[str] = Field([], description="RECRUIT_* indicators that fired on the pitch")
    moves: dict[str, list[str]] = Field(
        {}, description="the recruiter's moves (other_app, photos, age, urgency) and their words"
    )
    professional: list[str] = Field([], description="a real employer's marks found")
    points: float = 0.0
    messages: list[str] = Field([], description="the pitch's messages that hold a code or move")


class RecruiterAlert(BaseModel):
    """A SOC_RECRUITER alert on an account (its ``channel`` hit), with the contacts behind it."""

    rule: str
    name: str = ""
    rule_version: str = ""
    band: str = ""
    strength: float = 0.0
    reason: str
    first_contacts: int = 0
    recruitment: int = Field(0, description="first contacts whose pitch was recruitment")
    window: list[str] = Field([], description="first and last first contact (ISO 8601)")
    codes: dict[str, int] = Field({}, description="RECRUIT_* code -> contacts it fired on")
    moves: dict[str, int] = Field({}, description="move -> contacts it was made to")
    contacts: list[RecruiterContact] = []
    messages: list[str] = Field([], description="every message behind the alert")


class MessageRow(BaseModel):
    """One message as a conversation or an account's messages show it."""

    id: str
    anchor: str = Field(description="its HTML id in its conversation")
    chat: str = ""
    chat_title: str = ""
    sent_at: str | None = None
    sender: Party
    recipients: list[Party] = []
    direction: str = Field("", description="sent or received (an account's messages)")
    text: str = ""
    highlights: list[Highlight] = Field([], description="what it names, its indicators' spans")
    codes: list[str] = Field([], description="the indicators that fired on it")
    reply_to: str = ""
    attachments: int = 0
    alerted: bool = Field(False, description="behind the account's or a sender's alert")


class Connection(BaseModel):
    """Another account or identifier an account wrote to, or was written to by."""

    other: Party
    sent: int = Field(0, description="messages this account wrote to it")
    received: int = Field(0, description="messages it wrote to this account")
    mentions: int = Field(0, description="posts by one that named the other")
    first: str = ""
    last: str = ""
    messages: list[str] = Field([], description="the first few messages between them")


class AccountUse(BaseModel):
    """Another social account holding one of this one's identifiers as its own."""

    identifier: str
    shown: str
    account: Party
    network_id: str | None = None


class SocialAccountView(BaseModel):
    profile: SocialProfile
    alerts: list[RecruiterAlert] = []
    messages: list[MessageRow] = []
    total_messages: int = 0
    page: int = 1
    pages: int = 1
    connections: list[Connection] = []
    ads: list[AdUse] = Field([], description="the ads (not social records) holding its ids")
    accounts: list[AccountUse] = Field([], description="other accounts holding its ids")


class ChatView(BaseModel):
    id: str
    title: str
    platform: str = ""
    chat_type: str = ""
    participants: list[Party] = []
    sent: dict[str, int] = Field({}, description="participant id -> messages they sent")
    messages: list[MessageRow] = []
    total_messages: int = 0
    page: int = 1
    pages: int = 1


class MessageView(BaseModel):
    """A message's place in its conversation."""

    chat: str = ""
    chat_title: str = ""
    href: str = Field("", description="the conversation page at this message")
    position: int = Field(0, description="its number in the conversation (from 1)")
    total: int = 0
    sender: Party
    recipients: list[Party] = []
    reply_to: str = ""


class GraphNode(BaseModel):
    id: str
    label: str
    href: str = ""
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str = Field("middle", description="the label's text-anchor")
    rotate: float = Field(0.0, description="the label's turn in degrees, about its start")
    member: bool = False
    community: int = 0
    degree: int = Field(0, description="messages it sent or got on the graph's edges")


class GraphLine(BaseModel):
    """The edges between two nodes drawn as one line (both directions, both kinds)."""

    a: str
    b: str
    x1: float
    y1: float
    x2: float
    y2: float
    count: int
    width: float
    kind: str = Field("message", description="message, mention or both")
    title: str = ""


class GraphEdge(BaseModel):
    source: Party
    target: Party
    count: int
    first: str
    last: str
    kind: str = "message"
    messages: list[str] = Field([], description="the first few records behind it")


class GraphCommunity(BaseModel):
    id: int
    name: str
    members: list[Party]
    weight: int = Field(0, description="messages inside it")
    edges: int = 0
    cx: float = 0.0
    cy: float = 0.0
    r: float = 0.0


class ConnectionGraph(BaseModel):
    width: float
    height: float
    nodes: list[GraphNode] = []
    lines: list[GraphLine] = []
    edges: list[GraphEdge] = Field([], description="who wrote to whom, the most messages first")
    communities: list[GraphCommunity] = []
    total_edges: int = 0
    hidden_nodes: int = Field(0, description="accounts left off the drawing (too many)")
    members: int = Field(0, description="nodes that are the network's own")
    outside: int = Field(0, description="nodes outside the network")
    messages: int = Field(0, description="messages on the edges")


class RecruiterAccount(BaseModel):
    """An account with a SOC_RECRUITER alert, as the triage queue lists it."""

    id: str
    name: str
    platform: str = ""
    risk: float | None = None
    network_id: str | None = None
    strength: float = 0.0
    alerts: list[RecruiterAlert] = []
