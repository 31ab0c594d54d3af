"""The risk score: a logistic model over the indicators that fired, and how a network lifts it.

    logit = bias + sum over fired indicators i of weight_i        (each indicator counted once)
    risk  = 1 / (1 + exp(-logit))

Weights are non-negative, so adding a hit never lowers the risk; the contributions of a
``Breakdown`` add up to the logit (``bias + sum(c["contribution"]) == logit(risk)``).

A network lifts its records by a noisy-OR: ``r' = 1 - (1 - r)(1 - lambda * n)`` with ``n`` the
network's risk and ``lambda`` the taxonomy's ``network_lift``; the lift appears as a ``NETWORK``
contribution equal to ``logit(r') - logit(r)``.

The possible-minor flag stands apart from the score (see ``possible_minor``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from linkboard.model import Breakdown, Hit
from linkboard.score.taxonomy import Taxonomy

EPS = 1e-9  # probabilities are kept within [EPS, 1 - EPS] when turned into log-odds
#: Youth signals that set the possible-minor flag when two distinct ones are present.
YOUTH_CODES = frozenset({"YOUTH_NEW_TO_THIS", "YOUTH_CODED_TERM"})
#: Youth indicators whose distinct terms count as distinct signals (each coded term is its own).
PER_TERM_CODES = frozenset({"YOUTH_CODED_TERM"})
MINOR_CODE = "AGE_UNDER_18"
MIN_YOUTH_SIGNALS = 2


def logistic(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def logit(p: float) -> float:
    p = min(max(p, EPS), 1.0 - EPS)
    return math.log(p / (1.0 - p))


def risk(hits: Iterable[Hit], taxonomy: Taxonomy) -> Breakdown:
    """The risk of one record (or network) from its hits, decomposed by indicator.

    The weight is the taxonomy's (not the one stamped on the hit), so re-weighting needs no
    re-scan; hits whose code the taxonomy lacks or has disabled add nothing.
    """
    grouped: dict[str, list[Hit]] = {}
    for h in hits:
        grouped.setdefault(h.code, []).append(h)
    by_code = taxonomy.by_code
    contributions = []
    total = taxonomy.bias
    for code, hs in grouped.items():
        ind = by_code.get(code)
        if ind is None or not ind.enabled:
            continue
        total += ind.weight
        contributions.append(_contribution(code, ind.name, ind.level, ind.weight, hs))
    contributions.sort(key=lambda c: (-c["contribution"], c["code"]))
    return Breakdown(risk=logistic(total), bias=taxonomy.bias, contributions=contributions)


def _contribution(code: str, name: str, level: str, weight: float, hs: list[Hit]) -> dict[str, Any]:
    c: dict[str, Any] = {
        "code": code,
        "name": name,
        "level": level,
        "weight": weight,
        "contribution": weight,
        "evidence": [h.evidence for h in hs],
    }
    if level == "record":
        c["spans"] = [{"field": h.field, "start": h.start, "end": h.end} for h in hs]
    else:
        c["detail"] = [h.detail for h in hs]
    return c


def lift(
    record: Breakdown, network: Breakdown, network_id: str = "", *, strength: float = 0.5
) -> Breakdown:
    """The record's breakdown lifted by its network's risk (noisy-OR with ``strength`` = lambda).

    Pass ``strength=taxonomy.network_lift``. The record's own contributions are kept; a ``NETWORK``
    entry carries the lift in log-odds, the network id, its risk and its top reasons.
    """
    lam = min(max(strength, 0.0), 1.0)
    own = [c for c in record.contributions if c["code"] != "NETWORK"]
    base = record.bias + sum(c["contribution"] for c in own)
    r = logistic(base)
    delta = max(0.0, logit(1.0 - (1.0 - r) * (1.0 - lam * network.risk)) - logit(r))
    top = [c["code"] for c in network.contributions[:3]]
    reasons = f" ({', '.join(top)})" if top else ""
    entry = {
        "code": "NETWORK",
        "name": "Network risk",
        "level": "network",
        "network": network_id,
        "weight": lam,
        "contribution": delta,
        "network_risk": network.risk,
        "evidence": [
            f"network {network_id or '?'} risk {network.risk:.2f} x lift {lam:g}{reasons}"
        ],
    }
    return Breakdown(logistic(base + delta), record.bias, [*own, entry], record.version)


def possible_minor(hits: Iterable[Hit]) -> tuple[bool, str]:
    """Whether a record or network belongs in the possible-minor queue, and why.

    Documented rule: a stated age under 18 (an ``AGE_UNDER_18`` hit, or an ``NET_AGE_CHANGES``
    hit whose lowest age is under 18), or at least two distinct youth signals: YOUTH_NEW_TO_THIS
    counts once, each different coded term of YOUTH_CODED_TERM counts once. Independent of the
    risk score.
    """
    signals: dict[str, str] = {}
    for h in hits:
        if h.code == MINOR_CODE:
            return True, f"stated age under 18: {h.evidence}"
        if h.code == "NET_AGE_CHANGES" and int(h.detail.get("min_age", 99)) < 18:
            return True, f"stated age under 18 in the network: {h.evidence}"
        if h.code in YOUTH_CODES:
            term = str(h.detail.get("term", "")).lower() if h.code in PER_TERM_CODES else ""
            key = f"{h.code}:{term}"
            signals.setdefault(key, h.evidence)
    if len(signals) >= MIN_YOUTH_SIGNALS:
        return True, f"{len(signals)} distinct youth signals: {'; '.join(signals.values())}"
    return False, ""
