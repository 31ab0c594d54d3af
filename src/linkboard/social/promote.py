"""SOC_PROMOTION in the pipeline: the posts that name an ad's own phone or handle (as
``mentioned``), read for accounts that post them in lockstep (``promotion.lockstep``). A finding
becomes a ``channel``-level hit on each of its posts and on its authors' accounts, with its
reason and the post pairs behind it.

Only the identifiers an ad (a record outside this channel) holds as its own count: a bakery's
handle posted by its friends is no promotion of an ad.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from linkboard.model import Hit
from linkboard.score import Taxonomy, possible_minor, risk
from linkboard.social.promotion import Finding, Post, lockstep
from linkboard.social.rules import RulePack
from linkboard.store.base import Store

CODE = "SOC_PROMOTION"
LEVEL = "channel"
KINDS = ("social_account", "post", "chat", "message")
PROMOTED = ("phone", "handle")


def promoted_identifiers(store: Store, post_ids: Iterable[str]) -> set[str]:
    """The phones and handles POST_IDS name that an ad holds as its own."""
    named = {m.identifier for found in store.mentions_of(list(post_ids)).values() for m in found
             if m.role == "mentioned" and m.kind in PROMOTED and m.identifier}  # fmt: skip
    holders = store.records_with_identifiers(named)
    kind_of = store.kinds_of({r for rs in holders.values() for r in rs})
    return {i for i, rs in holders.items() if any(kind_of.get(r) not in KINDS for r in rs)}


def evaluate_promotion(
    store: Store, post_ids: Iterable[str], pack: RulePack, taxonomy: Taxonomy
) -> set[str]:
    """SOC_PROMOTION over every post that names an ad identifier POST_IDS name; returns the
    records whose hits changed."""
    rule = pack.get(CODE)
    identifiers = promoted_identifiers(store, post_ids)
    if rule is None or not identifiers:
        return set()
    named = store.records_with_identifiers(identifiers, role="mentioned")
    ids = sorted({r for rs in named.values() for r in rs})
    posts = [p for r in store.records(ids) if r.kind == "post" and r.posted_at
             and (p := _post(store, r.id, r.posted_at, identifiers))]  # fmt: skip
    window, repeats = float(rule.params["window_minutes"]), int(rule.params["min_repeats"])
    findings = lockstep(posts, window, repeats, only=identifiers)
    version = pack.version
    hits: dict[str, list[Hit]] = defaultdict(list)
    authors = {p.id: p.author for p in posts}
    for f in findings:
        hit = _hit(f, version, taxonomy)
        for record_id in sorted({p for e in f.edges for p in (e.first, e.second)}):
            hits[record_id].append(hit)
        for account in _accounts(store, f.accounts):
            hits[account].append(hit)
    touched = {p.id for p in posts} | set(hits) | set(authors.values())
    return {r for r in touched if _replace(store, r, hits.get(r, []), taxonomy)}


def _post(store: Store, record_id: str, posted_at: str, only: set[str]) -> Post | None:
    held = store.mentions(record_id)
    author = next((m.identifier for m in held if m.role == "self" and m.identifier), None)
    named = frozenset(i for m in held if m.role == "mentioned" and (i := m.identifier) in only)
    if author is None or not named:
        return None
    return Post(record_id, author, datetime.fromisoformat(posted_at.replace("Z", "+00:00")), named)


def _accounts(store: Store, authors: Iterable[str]) -> list[str]:
    """The social accounts holding the authors' handles as their own."""
    holders = store.records_with_identifiers(authors)
    kind_of = store.kinds_of({r for rs in holders.values() for r in rs})
    return sorted({r for rs in holders.values() for r in rs if kind_of.get(r) == "social_account"})


def _hit(f: Finding, version: str, taxonomy: Taxonomy) -> Hit:
    detail = {
        "rule_version": version,
        "band": "strong",
        "strength": 1.0,
        "accounts": list(f.accounts),
        "identifiers": list(f.identifiers),
        "repeats": f.repeats,
        "edges": [
            {
                "first": e.first,
                "second": e.second,
                "identifier": e.identifier,
                "gap_seconds": e.gap_seconds,
                "posted_at": e.posted_at.isoformat(),
            }
            for e in f.edges
        ],
    }
    return Hit(CODE, LEVEL, taxonomy.weight(CODE), f.reason, detail=detail)


def _replace(store: Store, record_id: str, found: list[Hit], taxonomy: Taxonomy) -> bool:
    """RECORD_ID's SOC_PROMOTION hits become FOUND (one per finding); True when they changed."""
    before = store.hits("record", record_id)
    hits = [h for h in before if h.code != CODE] + found[:1]
    if hits == before:
        return False
    breakdown = risk(hits, taxonomy)
    store.replace_record_score(record_id, hits, breakdown.risk, breakdown, possible_minor(hits)[0])
    return True
