"""Coordinated promotion: accounts that post the same escort handle or phone in lockstep - within
minutes of each other, again and again. One account reposting a number is an advertiser; a crowd
posting a festival's handle once is news; the same few accounts posting the same number minutes
apart on several occasions are a promotion team.

    posts = [Post(row["id"], row["author"], posted_at, identifiers_of(row)) for row in rows]
    for f in lockstep(posts, window_minutes=10, min_repeats=3, only=ad_identifiers):
        print(f.accounts, f.identifiers, f.reason)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Post:
    """A post as the promotion rule reads it: its author and time, and the identifiers it
    promotes (``phone:+1…``, ``handle:platform:name``)."""

    id: str
    author: str
    posted_at: datetime
    identifiers: frozenset[str]


@dataclass(frozen=True, slots=True)
class Edge:
    """Two posts of one identifier by two accounts, the first at ``posted_at``, the second
    ``gap_seconds`` after it."""

    first: str
    second: str
    identifier: str
    gap_seconds: int
    posted_at: datetime


@dataclass(frozen=True, slots=True)
class Finding:
    """Accounts that posted ``identifiers`` in lockstep: the post pairs behind it (``edges``),
    how many times each pair of accounts did (``repeats``) and a one-line reason."""

    accounts: tuple[str, ...]
    identifiers: tuple[str, ...]
    edges: tuple[Edge, ...]
    repeats: dict[str, int]
    reason: str


def lockstep(
    posts: Sequence[Post],
    window_minutes: float = 10,
    min_repeats: int = 3,
    *,
    only: Collection[str] | None = None,
) -> list[Finding]:
    """Groups of accounts that posted the same identifier within ``window_minutes`` of each
    other on at least ``min_repeats`` occasions (pair by pair; a group is the accounts such
    pairs join). ``only``: the identifiers that count (those of the ads, say); None: all.
    Largest group first. Pure: the same posts give the same findings."""
    window = window_minutes * 60
    by_ident: dict[str, list[Post]] = defaultdict(list)
    for p in posts:
        for ident in p.identifiers:
            if only is None or ident in only:
                by_ident[ident].append(p)
    pairs: dict[Pair, list[Edge]] = defaultdict(list)
    for ident in sorted(by_ident):
        for edge, pair in _close(by_ident[ident], ident, window):
            pairs[pair].append(edge)
    strong = {p: es for p, es in pairs.items() if _occasions(es, window) >= min_repeats}
    strong |= _joining(pairs, strong, window, min_repeats)
    groups = _components(strong)
    found = [_finding(group, strong, window) for group in groups]
    return sorted(found, key=lambda f: (-len(f.accounts), f.accounts))


def _close(posts: list[Post], ident: str, window: float) -> Iterable[tuple[Edge, Pair]]:
    """Each pair of posts of ``ident`` by two different accounts within ``window`` seconds."""
    ordered = sorted(posts, key=lambda p: (p.posted_at, p.id))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            gap = (b.posted_at - a.posted_at).total_seconds()
            if gap > window:
                break
            if a.author != b.author:
                pair = (a.author, b.author) if a.author < b.author else (b.author, a.author)
                yield Edge(a.id, b.id, ident, int(gap), a.posted_at), pair


def _joining(
    pairs: Mapping[Pair, list[Edge]], strong: Mapping[Pair, Any], window: float, min_repeats: int
) -> dict[Pair, list[Edge]]:
    """The pairs that join an account to a team: one of the two is in a team already (its
    pairs reached ``min_repeats``), the other in none, and they posted together on at least
    ``min_repeats - 1`` occasions (and two). A member who skipped a round is still the team's;
    two accounts alone need every repeat."""
    teamed = {a for pair in strong for a in pair}
    need = max(2, min_repeats - 1)
    return {p: es for p, es in pairs.items()
            if p not in strong and (p[0] in teamed) != (p[1] in teamed)
            and _occasions(es, window) >= need}  # fmt: skip


def _occasions(edges: Sequence[Edge], window: float) -> int:
    """On how many separate occasions the pair posted together: its edges in time order, a new
    occasion when one comes more than ``window`` seconds after the one before (a burst of
    reposts is one occasion)."""
    times = sorted(e.posted_at for e in edges)
    return sum(
        1 for i, t in enumerate(times) if i == 0 or (t - times[i - 1]).total_seconds() > window
    )


def _components(pairs: Mapping[Pair, Any]) -> list[list[str]]:
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in sorted(pairs):
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for x in sorted(parent):
        groups[root(x)].append(x)
    return sorted(groups.values())


def _finding(group: list[str], pairs: Mapping[Pair, list[Edge]], window: float) -> Finding:
    members = set(group)
    mine = {pair: edges for pair, edges in sorted(pairs.items()) if pair[0] in members}
    edges = tuple(
        sorted((e for es in mine.values() for e in es), key=lambda e: (e.first, e.second))
    )
    idents = tuple(sorted({e.identifier for e in edges}))
    repeats = {f"{a}|{b}": _occasions(es, window) for (a, b), es in mine.items()}
    gaps = sorted(e.gap_seconds for e in edges)
    reason = (
        f"{len(group)} accounts posted {', '.join(idents)} within {window / 60:g} minutes of each "
        f"other {max(repeats.values())} times (pairs: {len(repeats)}, posts: "
        f"{len({p for e in edges for p in (e.first, e.second)})}, median gap "
        f"{gaps[len(gaps) // 2] / 60:.1f} min)"
    )
    return Finding(tuple(group), idents, edges, repeats, reason)


def identifiers_of(row: Mapping[str, Any]) -> frozenset[str]:
    """The identifiers a ``post`` record promotes: the phones and platform handles its text
    writes (linkboard's extraction) and the handles it tags on its own platform."""
    from linkboard.extract import extract_text

    found = {
        f"{m.kind}:{m.value}"
        for m in extract_text(str(row.get("text") or ""))
        if m.kind in ("phone", "handle")
    }
    platform = str(row.get("platform") or "").lower()
    for handle in row.get("mentions") or ():
        name = str(handle).lstrip("@").lower()
        if name and platform:
            found.add(f"handle:{platform}:{name}")
    return frozenset(found)
