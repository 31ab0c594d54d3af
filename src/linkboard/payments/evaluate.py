"""The payments channel's reaction to the link stage (``hooks.after_link``): every account the run
touched — a new or changed account, an account with new transactions, an account in a network
that new records joined — is evaluated against the rule pack (``rules``), and its alerts become
its ``channel``-level hits: its risk reads them, its network's breakdown names them, the export
and the pages show them with their rule version and reason."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from linkboard import hooks
from linkboard.model import Hit
from linkboard.payments.ledger import Account, Transaction
from linkboard.payments.rules import AdUse, Alert, RulePack, evaluate, load_pack
from linkboard.score import Taxonomy, load_taxonomy, possible_minor, risk
from linkboard.store.base import Store

#: The record kinds of this channel: what is not an ad to FIN_AD_IDENTIFIER.
KINDS = ("account", "transaction")
#: The rules that read the ads and networks an account's identifiers are in.
NETWORK_READING = ("FIN_AD_IDENTIFIER", "FIN_TRAVEL_LODGING")
#: The level of the hits a channel's rules raise (``score.taxonomy.LEVELS``).
LEVEL = "channel"
#: The codes of this channel's rules and typologies (``data/rules.yaml``).
PREFIXES = ("FIN_", "HT_")


def after_link(store: Store, record_ids: Sequence[str]) -> set[str]:
    """Evaluate the accounts RECORD_IDS touch; returns their networks (to be scored again)."""
    return _evaluate_all(store, touched_accounts(store, record_ids))


def _evaluate_all(store: Store, accounts: set[str]) -> set[str]:
    if not accounts:
        return set()
    taxonomy = load_taxonomy(hooks.taxonomy_files(None))
    pack = load_pack(taxonomy)
    generic = frozenset(store.suppressed_identifiers(suspected=True))
    for account_id in sorted(accounts):
        evaluate_account(store, account_id, pack, taxonomy, generic)
    return {n for n in store.network_of(accounts).values() if n}


def after_regroup(store: Store, network_ids: Sequence[str]) -> set[str]:
    """A curation step regrouped NETWORK_IDS: their accounts, and every account whose alerts
    read the networks (an identifier now generic, a network split) are evaluated again."""
    members = [r for rs in store.members_of_networks(network_ids).values() for r in rs]
    kind_of = store.kinds_of([*members, *store.records_with_hits(NETWORK_READING)])
    accounts = {r for r, k in kind_of.items() if k == "account"}
    return _evaluate_all(store, accounts)


def touched_accounts(store: Store, record_ids: Iterable[str]) -> set[str]:
    """The accounts among RECORD_IDS, those their transactions are booked on, and those in the
    networks the other records are in."""
    kind_of = store.kinds_of(record_ids)
    accounts = {i for i, k in kind_of.items() if k == "account"}
    booked = [i for i, k in kind_of.items() if k == "transaction"]
    holders = {
        m.identifier
        for found in store.mentions_of(booked).values()
        for m in found
        if m.role == "holder" and m.identifier
    }
    accounts |= {r for rs in store.records_with_identifiers(holders).values() for r in rs}
    others = [i for i, k in kind_of.items() if k != "transaction"]
    networks = {n for n in store.network_of(others).values() if n}
    members = [r for rs in store.members_of_networks(networks).values() for r in rs]
    kinds = store.kinds_of(accounts | set(members))
    return {r for r, k in kinds.items() if k == "account"}


def evaluate_account(
    store: Store, account_id: str, pack: RulePack, taxonomy: Taxonomy, generic: frozenset[str]
) -> list[Alert]:
    """ACCOUNT_ID's alerts, stored as its channel hits beside the hits of its own text."""
    record = store.record(account_id)
    if record is None:
        return []
    own = sorted({m.identifier for m in store.mentions(account_id)
                  if m.role == "self" and m.identifier})  # fmt: skip
    booked = store.records_with_identifiers(own, role="holder")
    ids = sorted({r for rs in booked.values() for r in rs})
    transactions = [Transaction.of(r) for r in store.records(ids)]
    uses = ad_uses(store, own, generic)
    alerts = evaluate(Account.of(record, tuple(own)), transactions, uses, pack, generic)
    hits = [h for h in store.hits("record", account_id) if not _own(h)]
    hits += [alert_hit(a, taxonomy) for a in alerts if a.alerting]
    breakdown = risk(hits, taxonomy)
    store.replace_record_score(account_id, hits, breakdown.risk, breakdown, possible_minor(hits)[0])
    return alerts


def _own(hit: Hit) -> bool:
    """A hit this channel's rules raised (another channel's, a hash-list match, stays)."""
    return hit.level == LEVEL and hit.code.startswith(PREFIXES)


def ad_uses(store: Store, identifiers: Sequence[str], generic: frozenset[str]) -> list[AdUse]:
    """Each of IDENTIFIERS (none generic) that records outside this channel hold as their own:
    those records, their networks, and the cities and days of those networks' records."""
    return [AdUse(i, ads, networks, places(store, ads, networks))
            for i, (ads, networks) in holding_ads(store, identifiers, generic).items()]  # fmt: skip


def holding_ads(
    store: Store, identifiers: Iterable[str], generic: frozenset[str]
) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """identifier -> the records outside this channel that hold it as their own and their
    networks, for each of IDENTIFIERS that GENERIC leaves out and any record holds."""
    holders = store.records_with_identifiers(i for i in identifiers if i not in generic)
    every = {r for rs in holders.values() for r in rs}
    kind_of = store.kinds_of(every)
    network_of = store.network_of(every)
    out = {}
    for identifier in sorted(holders):
        ads = tuple(sorted(r for r in holders[identifier] if kind_of.get(r) not in KINDS))
        if ads:
            out[identifier] = (ads, tuple(sorted({n for r in ads if (n := network_of.get(r))})))
    return out


def places(
    store: Store, ads: Sequence[str], networks: Sequence[str]
) -> tuple[tuple[str, date], ...]:
    """The (city, day) pairs of ADS and of the ads of NETWORKS."""
    members = {r for rs in store.members_of_networks(networks).values() for r in rs}
    context = store.record_context(members | set(ads))
    kind_of = store.kinds_of(context)
    found = set()
    for rid, c in context.items():
        posted, city = c.get("posted_at"), c.get("city")
        if kind_of.get(rid) not in KINDS and posted and city:
            found.add((str(city), date.fromisoformat(str(posted)[:10])))
    return tuple(sorted(found))


def alert_hit(alert: Alert, taxonomy: Taxonomy) -> Hit:
    """ALERT as the account's hit: its reason the evidence, its version, band, strength and
    the transactions behind it the detail."""
    detail = {
        **alert.detail,
        "rule_version": alert.rule_version,
        "band": alert.band,
        "strength": alert.strength,
        "transactions": list(alert.transactions),
    }
    return Hit(alert.rule, LEVEL, taxonomy.weight(alert.rule), alert.reason, detail=detail)
