"""The financial alerts the pages show: an account's ``channel`` hits (the payments rules' red
flags, ``payments.evaluate``), each with its rule, rule version, band, strength, reason and the
transactions behind it, strongest first; and the accounts that have any, for the triage queue."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from linkboard import hooks
from linkboard.model import Hit
from linkboard.score import load_taxonomy
from linkboard.store.base import Store
from linkboard.web.schemas_payments import AlertedAccount, FinancialAlert

#: The level of the hits a channel's rules raise on a record (``score.taxonomy.LEVELS``).
LEVEL = "channel"
#: How many alert hits the triage list reads (accounts with several alerts share them).
MAX_HITS = 5000


def financial_alerts(hits: Iterable[Hit]) -> list[FinancialAlert]:
    """The channel hits among HITS as alerts, strongest first."""
    names = rule_names()
    found = [_alert(h, names.get(h.code, "")) for h in hits if h.level == LEVEL]
    found.sort(key=lambda a: (-a.strength, a.rule))
    return found


def _alert(hit: Hit, name: str) -> FinancialAlert:
    d = hit.detail
    return FinancialAlert(
        rule=hit.code, name=name, rule_version=str(d.get("rule_version") or ""),
        band=str(d.get("band") or ""), strength=_number(d.get("strength")), reason=hit.evidence,
        transactions=[str(t) for t in d.get("transactions") or []],
    )  # fmt: skip


def _number(value: Any) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def rule_names() -> dict[str, str]:
    """code -> name of the indicators of every taxonomy file registered (the rule pack's)."""
    hooks.load_default_plugins()
    return _names(tuple(hooks.taxonomy_files(None) or ()))


@lru_cache(maxsize=4)
def _names(files: tuple[Any, ...]) -> dict[str, str]:
    try:
        taxonomy = load_taxonomy(list(files) or None)
    except ValueError:
        return {}
    return {i.code: i.name for i in taxonomy.indicators}


def citing(alerts: Iterable[FinancialAlert]) -> dict[str, list[str]]:
    """transaction id -> the rules of ALERTS that cite it."""
    out: dict[str, list[str]] = {}
    for alert in alerts:
        for tid in alert.transactions:
            out.setdefault(tid, []).append(alert.rule)
    return out


def alerted_accounts(store: Store, limit: int = 200) -> list[AlertedAccount]:
    """The accounts with financial alerts, strongest alert first (then riskiest)."""
    by_account: dict[str, list[Hit]] = {}
    for record_id, hit in store.hits_of_level("account", LEVEL, MAX_HITS):
        by_account.setdefault(record_id, []).append(hit)
    out = []
    for record_id, hits in by_account.items():
        row = store.record_view(record_id)
        if row is None:
            continue
        alerts = financial_alerts(hits)
        out.append(AlertedAccount(
            id=row.id, holder=row.title or row.id, account_type=str(row.extra.get("account_type")
            or ""), institution=row.site, risk=row.risk, network_id=row.network_id,
            strength=max((a.strength for a in alerts), default=0.0), alerts=alerts,
        ))  # fmt: skip
    out.sort(key=lambda a: (-a.strength, -(a.risk or 0), a.id))
    return out[:limit]
