"""The connection graph around a network or a few accounts, from the store: who wrote to whom
(``message`` edges, from the messages at either end of their identifiers), who answered whom
(``reply``), whose posts named whom (``mention``) and who follows whom (``follow``), each with
its count, first and last time and the records behind it, split into Leiden communities
(``communities``).

    graph = network_graph(store, "N00000027")
    for e in graph.edges: print(graph.label(e.source), "->", graph.label(e.target), e.count)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from linkboard.model import Mention
from linkboard.social.communities import Community, Edge, communities, connection_edges
from linkboard.social.contacts import Msg
from linkboard.social.messages import end, stored_messages
from linkboard.social.values import KIND
from linkboard.store.base import Store

#: The most records the graph reads the messages of (a larger network's graph is its first).
MAX_MESSAGES = 20_000
FOLLOW = ("follower", "followed")


@dataclass(frozen=True)
class Graph:
    """Accounts and identifiers (``nodes``: id -> label), the edges between them, which nodes
    are the network's own (``members``) and the communities."""

    nodes: dict[str, str]
    edges: list[Edge]
    members: frozenset[str] = frozenset()
    communities: list[Community] = field(default_factory=list)

    def label(self, node: str) -> str:
        return self.nodes.get(node, node)


def network_graph(store: Store, network_id: str, seed: int = 0) -> Graph:
    """The graph of the messages and posts at the ends of NETWORK_ID's own identifiers."""
    return account_graph(store, store.network_members(network_id), seed)


def account_graph(store: Store, record_ids: Iterable[str], seed: int = 0) -> Graph:
    """The graph of the messages and posts at the ends of RECORD_IDS' own identifiers (their
    accounts' refs among them): an operation's phone and the buyers who wrote to it, a
    recruiter and the strangers it wrote to."""
    ids = list(record_ids)
    kind_of = store.kinds_of(ids)
    mentions = store.mentions_of(ids)
    known = {i: rid for rid, found in mentions.items() if kind_of.get(rid) == "social_account"
             for m in found if m.role == "self" and (i := end(m))}  # fmt: skip
    own = {i for found in mentions.values() for m in found if m.role == "self" and (i := end(m))}
    messages = stored_messages(store, own, known)[:MAX_MESSAGES]
    edges = connection_edges(messages) + replies(messages)
    edges += _mentions(store, ids, kind_of, known) + _follows(store, own)
    nodes = {n for e in edges for n in (e.source, e.target)}
    members = frozenset(n for n in nodes if n in ids or n in own)
    return Graph(_labels(store, nodes), edges, members, communities(edges, seed=seed))


def replies(messages: list[Msg]) -> list[Edge]:
    """An edge from each message's sender to the sender of the message it answers (when both
    are read): who answers whom in a group."""
    by_id = {m.id: m for m in messages}
    found: dict[tuple[str, str], list[Msg]] = {}
    for m in messages:
        answered = by_id.get(m.reply_to)
        if answered is not None and answered.sender != m.sender:
            found.setdefault((m.sender, answered.sender), []).append(m)
    edges = []
    for (source, target), ms in sorted(found.items()):
        ms.sort(key=lambda m: (m.sent_at, m.id))
        ids = tuple(m.id for m in ms)
        edges.append(Edge(source, target, len(ms), ms[0].sent_at, ms[-1].sent_at, ids, "reply"))
    return edges


def _mentions(
    store: Store, ids: list[str], kind_of: dict[str, str], known: dict[str, str]
) -> list[Edge]:
    """An edge from each post's author to each handle or phone it named (role mentioned)."""
    posts = [r for r in ids if kind_of.get(r) == "post"]
    found: dict[tuple[str, str], list[tuple[datetime, str]]] = {}
    for record in store.records(posts):
        if not record.posted_at:
            continue
        at = datetime.fromisoformat(record.posted_at.replace("Z", "+00:00"))
        held = store.mentions(record.id)
        author = next((known.get(i, i) for m in held if m.role == "self" and (i := end(m))), "")
        for m in held:
            if author and m.role == "mentioned" and m.identifier:
                target = known.get(m.identifier, m.identifier)
                found.setdefault((author, target), []).append((at, record.id))
    edges = []
    for (source, target), seen in sorted(found.items()):
        seen.sort()
        posts_ = tuple(r for _, r in seen)
        edges.append(Edge(source, target, len(seen), seen[0][0], seen[-1][0], posts_, "mention"))
    return edges


def _follows(store: Store, own: set[str]) -> list[Edge]:
    """An edge from follower to followed for each follow at either end of OWN."""
    ids: set[str] = set()
    for role in FOLLOW:
        ids |= {r for rs in store.records_with_identifiers(own, role=role).values() for r in rs}
    mentions = store.mentions_of(sorted(ids))
    edges = []
    for record in store.records(sorted(ids)):
        ends = {role: _refs(mentions.get(record.id, []), role) for role in FOLLOW}
        if record.posted_at and all(ends.values()):
            at = datetime.fromisoformat(record.posted_at.replace("Z", "+00:00"))
            source, target = (ends[role][0].removeprefix(f"{KIND}:") for role in FOLLOW)
            edges.append(Edge(source, target, 1, at, at, (record.id,), "follow"))
    return sorted(edges, key=lambda e: (e.source, e.target))


def _refs(mentions: list[Mention], role: str) -> list[str]:
    """The account refs (``social:…``) at one end of a record, sorted."""
    return sorted(i for m in mentions if m.role == role and (i := end(m)) and i.startswith(KIND))


def _labels(store: Store, nodes: set[str]) -> dict[str, str]:
    """An account's display name (and its id), an identifier as written, a display name as
    the export gave it."""
    records = {r.id: r for r in store.records(sorted(n for n in nodes if n.startswith("social:")))}
    labels = {}
    for n in nodes:
        record = records.get(n)
        labels[n] = (record.title or n) if record else n.rpartition("/")[2] if "/" in n else n
    return labels
