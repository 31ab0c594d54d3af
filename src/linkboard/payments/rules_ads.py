"""The advertising rules: the account's own identifiers in ads (FIN_AD_IDENTIFIER) and its
payments to classified and adult-ad sites (FIN_AD_SITE_PAYMENTS)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from linkboard.payments.rules_facts import (
    Entry,
    Facts,
    Finding,
    ids,
    joined,
    listed,
    money,
    money_range,
    plural,
    ratio,
    span_days,
    windows,
)
from linkboard.payments.rules_lists import Lists


def ad_identifier(facts: Facts, params: Mapping[str, Any], lists: Lists) -> Finding | None:
    """Ads holding one of the account's identifiers (never a generic one): ``min_ads`` of them
    meet the rule; ads in a network add ``network_bonus``."""
    uses = [u for u in facts.ads if u.ads and u.identifier not in facts.generic]
    if not uses:
        return None
    ads = sorted({a for u in uses for a in u.ads})
    networks = sorted({n for u in uses for n in u.networks})
    strength = min(1.0, ratio(len(ads), float(params["min_ads"])))
    if networks:
        strength += float(params["network_bonus"])
    identifiers = sorted({u.identifier for u in uses})
    network = (
        f", in {plural(len(networks), 'network')} ({listed(networks)})"
        if networks
        else ", in no network"
    )
    values = {
        "identifiers": listed(identifiers),
        "is": "is" if len(identifiers) == 1 else "are",
        "ads": plural(len(ads), "ad"),
        "ad_ids": listed(ads, 3),
        "network": network,
    }
    detail = {"identifiers": identifiers, "ads": ads, "networks": networks}
    return Finding(strength, values, (), detail)


def ad_site_payments(facts: Facts, params: Mapping[str, Any], lists: Lists) -> Finding | None:
    """Payments to listed ad-site merchants (any amount), to listed advertising MCCs or
    processors (posting-fee amounts only) or to attributed wallets, ``min_payments`` in one
    window; small virtual-currency buys count ``crypto_weight`` each, at most
    ``crypto_max_count`` of them. A payment to a mainstream ad platform (a shop boosting its
    posts; the ``mainstream_ad_platforms`` list) never counts."""
    fee = _Fees(params)
    crypto_mccs = {str(m) for m in params["crypto_mccs"]}
    crypto_max = float(params["crypto_max_amount"])
    paid: list[tuple[Entry, bool]] = []  # (debit, is an ad-site payment: else a crypto buy)
    for e in facts.debits():
        if _to_ad_site(e, lists, fee):
            paid.append((e, True))
        elif (e.tx.channel == "crypto" or e.tx.mcc in crypto_mccs) and e.amount <= crypto_max:
            paid.append((e, False))
    if not any(site for _, site in paid):
        return None
    weight, most = float(params["crypto_weight"]), int(params["crypto_max_count"])
    best: tuple[float, list[tuple[Entry, bool]]] | None = None
    for i, j in windows([e for e, _ in paid], float(params["window_days"])):
        sites = sum(1 for _, site in paid[i:j] if site)
        units = sites + weight * min(most, j - i - sites)
        strength = ratio(units, float(params["min_payments"]))
        if sites and (best is None or strength > best[0]):
            best = (strength, paid[i:j])
    assert best is not None
    return _site_finding(best[0], best[1], fee)


def _to_ad_site(e: Entry, lists: Lists, fee: _Fees) -> bool:
    if e.tx.counterparty_id and e.tx.counterparty_id in lists.wallets:
        return True
    name = e.tx.merchant or e.tx.counterparty
    if lists.mainstream is not None and lists.mainstream.search(name):
        return False
    if lists.merchants is not None and lists.merchants.search(name):
        return True
    by_code = e.tx.mcc in lists.mccs
    by_processor = lists.processors is not None and bool(lists.processors.search(name))
    return (by_code or by_processor) and fee.like(e.amount)


class _Fees:
    """Posting-fee amounts: whole multiples of a fee unit, up to ``max_fee``."""

    def __init__(self, params: Mapping[str, Any]) -> None:
        self.units = [float(u) for u in params["fee_units"]]
        self.most = float(params["max_fee"])

    def like(self, amount: float) -> bool:
        return 0 < amount <= self.most and any(amount % u == 0 for u in self.units if u > 0)

    def text(self) -> str:
        return joined([money(u) for u in self.units], "or")


def _site_finding(strength: float, window: list[tuple[Entry, bool]], fee: _Fees) -> Finding:
    sites = [e for e, site in window if site]
    crypto = [e for e, site in window if not site]
    amounts = [e.amount for e in sites]
    fee_like = sum(1 for a in amounts if fee.like(a))
    values = {
        "payments": plural(len(sites), "payment"),
        "merchants": listed((e.tx.merchant or e.tx.counterparty for e in sites), 3),
        "low": money(min(amounts)),
        "high": money(max(amounts)),
        "amounts": money_range(amounts),
        "fee_like": fee_like,
        "units": fee.text(),
        "days": span_days([e for e, _ in window]),
        "crypto": (
            f", plus {plural(len(crypto), 'small virtual-currency buy')} "
            f"({money(sum(e.amount for e in crypto))})"
            if crypto
            else ""
        ),
    }
    detail = {
        "payments": len(sites),
        "fee_like": fee_like,
        "amounts": amounts,
        "merchants": sorted({e.tx.merchant or e.tx.counterparty for e in sites}),
        "crypto_buys": [e.tx.id for e in crypto],
    }
    return Finding(strength, values, ids(e for e, _ in window), detail)
