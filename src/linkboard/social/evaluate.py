"""The social channel's reaction to the link stage (``hooks.after_link``): every social account
that sent or received a message the run touched is evaluated against SOC_RECRUITER over all the
stored messages it sent or received, and an alert becomes the account's ``channel``-level hit: its
risk reads it, its network's breakdown names it, the export and the pages show it with the
messages and recipients behind it.

Who wrote to whom is read as ``messages`` reads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from linkboard import hooks
from linkboard.model import Hit
from linkboard.score import Taxonomy, load_taxonomy, possible_minor, risk
from linkboard.social.contacts import RECRUIT_PREFIX
from linkboard.social.messages import ENDS, end, stored_messages
from linkboard.social.promote import evaluate_promotion
from linkboard.social.recruiter import CODE, Alert, evaluate_sender
from linkboard.social.rules import RulePack, load_pack
from linkboard.store.base import Store

#: The level of the hits a channel's rules raise (``score.taxonomy.LEVELS``).
LEVEL = "channel"
#: How many messages' mentions are read at once.
CHUNK = 10_000


def after_link(store: Store, record_ids: Sequence[str]) -> set[str]:
    """Evaluate the accounts at either end of the messages among RECORD_IDS, and the accounts
    among them; returns their networks (to be scored again)."""
    kind_of = store.kinds_of(record_ids)
    messages = [i for i, k in kind_of.items() if k == "message"]
    ends: set[str] = set()
    for at in range(0, len(messages), CHUNK):  # a million messages' mentions never at once
        held = store.mentions_of(messages[at : at + CHUNK])
        ends |= {i for ms in held.values() for m in ms if m.role in ENDS and (i := end(m))}
    accounts = {i for i, k in kind_of.items() if k == "social_account"}
    holders = store.records_with_identifiers(ends)
    accounts |= {r for rs in holders.values() for r in rs}
    taxonomy = load_taxonomy(hooks.taxonomy_files(None))
    changed = _evaluate_all(store, recruiting(store, accounts, taxonomy), taxonomy)
    posts = [i for i, k in kind_of.items() if k in ("post", "ad")]
    if posts:
        found = evaluate_promotion(store, posts, load_pack(taxonomy), taxonomy)
        changed |= {n for n in store.network_of(found).values() if n}
    return changed


def recruiting(store: Store, accounts: set[str], taxonomy: Taxonomy) -> set[str]:
    """The accounts among ACCOUNTS SOC_RECRUITER could alert on or clear: those that ever sent
    a message a RECRUIT_* indicator fired on (no pitch, no recruitment contact), and those an
    alert is on already. The others are never read: at a million messages most accounts are
    people talking."""
    codes = [i.code for i in taxonomy.indicators if i.code.startswith(RECRUIT_PREFIX)]
    pitched = store.mentions_of(store.records_with_hits(codes))
    senders = {
        i for found in pitched.values() for m in found if m.role == "sender" and (i := end(m))
    }
    alerted = set(store.records_with_hits([CODE]))
    own = store.mentions_of(sorted(accounts))
    return {a for a in accounts if a in alerted
            or any(m.role == "self" and end(m) in senders for m in own.get(a, []))}  # fmt: skip


def after_regroup(store: Store, network_ids: Sequence[str]) -> set[str]:
    """Curation changes no message: an alert reads only who wrote what to whom. Nothing to do
    but keep the alerts' hits on the accounts (the network score reads them again)."""
    return set()


def _evaluate_all(store: Store, candidates: Iterable[str], taxonomy: Taxonomy) -> set[str]:
    kind_of = store.kinds_of(candidates)
    accounts = sorted(r for r, k in kind_of.items() if k == "social_account")
    if not accounts:
        return set()
    pack = load_pack(taxonomy)
    changed = [a for a in accounts if evaluate_account(store, a, pack, taxonomy)]
    return {n for n in store.network_of(changed).values() if n}


def evaluate_account(store: Store, account_id: str, pack: RulePack, taxonomy: Taxonomy) -> bool:
    """ACCOUNT_ID's SOC_RECRUITER alert, stored as its channel hit beside the hits of its own
    text; True when its hits changed."""
    own = frozenset(i for m in store.mentions(account_id) if m.role == "self" and (i := end(m)))
    alert = recruiter_alert(store, account_id, own, pack) if own else None
    before = store.hits("record", account_id)
    hits = [h for h in before if not (h.level == LEVEL and h.code == CODE)]
    if alert is not None and alert.alerting:
        hits.append(alert_hit(alert, taxonomy))
    if hits == before:
        return False
    breakdown = risk(hits, taxonomy)
    store.replace_record_score(account_id, hits, breakdown.risk, breakdown, possible_minor(hits)[0])
    return True


def recruiter_alert(
    store: Store, account_id: str, own: frozenset[str], pack: RulePack
) -> Alert | None:
    """SOC_RECRUITER over every stored message the account's identifiers OWN sent or got."""
    msgs = stored_messages(store, own, {i: account_id for i in own})
    if not msgs:
        return None
    record = store.record(account_id)
    title = record.title if record is not None else ""
    name = f"{title} ({account_id})" if title and title not in account_id else account_id
    return evaluate_sender(account_id, msgs, pack, name)


def alert_hit(alert: Alert, taxonomy: Taxonomy) -> Hit:
    """ALERT as the account's hit: its reason the evidence; its version, band, strength, the
    messages and recipients behind it and the contacts the detail."""
    detail = {
        **alert.detail,
        "rule_version": alert.rule_version,
        "band": alert.band,
        "strength": alert.strength,
        "messages": list(alert.messages),
        "recipients": list(alert.recipients),
    }
    return Hit(alert.rule, LEVEL, taxonomy.weight(alert.rule), alert.reason, detail=detail)
