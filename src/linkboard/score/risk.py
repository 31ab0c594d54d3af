"""The risk score: a logistic model over the indicators that fired, and how a network lifts it.

    logit = bias + sum over fired indicators i of weight_i        (each indicator counted once)
    risk  = 1 / (1 + exp(-logit))

Weights are non-negative, so adding a hit never lowers the risk; the contributions of a
``Breakdown`` add up to the logit (``bias + sum(c.contribution) == logit(risk)``).

A network lifts its records by a noisy-OR: ``r' = 1 - (1 - r)(1 - lambda * n)`` with ``n`` the
network's risk and ``lambda`` the taxonomy's ``network_lift``; the lift appears as a ``NETWORK``
contribution equal to ``logit(r') - logit(r)``.

The possible-minor flag is decided apart from the score (see ``possible_minor``), but a flagged
record or network never scores below what the flag implies: the risk of a record that states an
age under 18 and nothing else (``minor_floor``). A network's risk is never below its strongest
member's own risk either (``score_network``). Each such raise is a contribution of its own
(``POSSIBLE_MINOR``, ``STRONGEST_MEMBER``), so the breakdown still adds up to the logit.

Risks are shown everywhere (pages, CLI, exports) on one scale, by ``risk_label``: whole points
out of 100.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from linkboard.model import Breakdown, Contribution, Hit, Span
from linkboard.score.taxonomy import Taxonomy

EPS = 1e-9  # probabilities are kept within [EPS, 1 - EPS] when turned into log-odds
#: Youth signals that set the possible-minor flag when two distinct ones are present.
YOUTH_CODES = frozenset({"YOUTH_NEW_TO_THIS", "YOUTH_CODED_TERM"})
#: Youth indicators whose distinct terms count as distinct signals (each coded term is its own).
PER_TERM_CODES = frozenset({"YOUTH_CODED_TERM"})
MINOR_CODE = "AGE_UNDER_18"
MIN_YOUTH_SIGNALS = 2
#: Contributions that raise a score to what its strongest reason implies.
FLOOR_MINOR = "POSSIBLE_MINOR"
FLOOR_MEMBER = "STRONGEST_MEMBER"


def risk_label(value: float | None) -> str:
    """A risk as every page, the CLI and every export show it: whole points out of 100 ("74")."""
    return "–" if value is None else f"{value * 100:.0f}"


def minor_floor(taxonomy: Taxonomy) -> float:
    """The least risk the possible-minor flag implies: that of a record stating an age under 18
    and nothing else, ``logistic(bias + weight(AGE_UNDER_18))``."""
    return logistic(taxonomy.bias + taxonomy.weight(MINOR_CODE))


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
    re-scan; hits whose code the taxonomy lacks or has disabled add nothing. Hits that flag a
    possible minor raise the risk to ``minor_floor`` (a ``POSSIBLE_MINOR`` contribution).
    """
    hits = list(hits)
    grouped: dict[str, list[Hit]] = {}
    for h in hits:
        grouped.setdefault(h.code, []).append(h)
    by_code = taxonomy.by_code
    contributions: list[Contribution] = []
    total = taxonomy.bias
    for code, hs in grouped.items():
        ind = by_code.get(code)
        if ind is None or not ind.enabled:
            continue
        total += ind.weight
        contributions.append(_contribution(code, ind.name, ind.level, ind.weight, hs))
    contributions.sort(key=_order)
    breakdown = Breakdown(risk=logistic(total), bias=taxonomy.bias, contributions=contributions)
    flagged, why = possible_minor(hits)
    if not flagged:
        return breakdown
    level = "record" if any(h.level == "record" for h in hits) else "network"
    return _minor_floor(breakdown, why, level, taxonomy)


def _order(c: Contribution) -> tuple[float, str]:
    """Largest contribution first, then by code."""
    return -c.contribution, c.code


def _raised(breakdown: Breakdown, target: float, entry: Contribution) -> Breakdown:
    """BREAKDOWN raised to risk TARGET by ENTRY (its contribution set to the log-odds it adds);
    unchanged when it already scores that much or already holds an entry with ENTRY's code."""
    current = breakdown.bias + sum(c.contribution for c in breakdown.contributions)
    wanted = logit(target)
    if wanted <= current + 1e-12 or any(c.code == entry.code for c in breakdown.contributions):
        return breakdown
    entry = replace(entry, contribution=wanted - current)
    contributions = sorted([*breakdown.contributions, entry], key=_order)
    return Breakdown(logistic(wanted), breakdown.bias, contributions, breakdown.version)


def _minor_floor(breakdown: Breakdown, why: str, level: str, taxonomy: Taxonomy) -> Breakdown:
    floor = minor_floor(taxonomy)
    evidence = f"{why[:1].upper()}{why[1:]}; a possible minor scores at least {risk_label(floor)}."
    record = level == "record"
    entry = Contribution(
        FLOOR_MINOR, "Possible minor", level, 0.0, 0.0, (evidence,),
        spans=() if record else None, detail=None if record else (),
    )  # fmt: skip
    return _raised(breakdown, floor, entry)


def _contribution(code: str, name: str, level: str, weight: float, hs: list[Hit]) -> Contribution:
    """An indicator's contribution: its weight, with each hit's evidence and (record level) its
    span or (network level) its detail."""
    evidence = tuple([h.evidence for h in hs])
    if level == "record":
        spans = tuple([Span(h.field, h.start, h.end) for h in hs])
        return Contribution(code, name, level, weight, weight, evidence, spans)
    return Contribution(
        code, name, level, weight, weight, evidence, None, tuple([h.detail for h in hs])
    )


def lift(
    record: Breakdown,
    network: Breakdown,
    network_id: str = "",
    *,
    strength: float = 0.5,
    without: str = "",
) -> Breakdown:
    """The record's breakdown lifted by its network's risk (noisy-OR with ``strength`` = lambda).

    Pass ``strength=taxonomy.network_lift``. The record's own contributions are kept; a ``NETWORK``
    entry carries the lift in log-odds, the network id, its risk and its top reasons. WITHOUT
    names the record whose own evidence NETWORK's risk leaves out (see ``score_network``).
    """
    lam = min(max(strength, 0.0), 1.0)
    own = [c for c in record.contributions if c.code != "NETWORK"]
    base = record.bias + sum(c.contribution for c in own)
    r = logistic(base)
    delta = max(0.0, logit(1.0 - (1.0 - r) * (1.0 - lam * network.risk)) - logit(r))
    top = [c.code for c in network.contributions[:3]]
    reasons = f" ({', '.join(top)})" if top else ""
    leaving_out = f" without record {without}'s own evidence" if without else ""
    evidence = (
        f"network {network_id or '?'} risk {risk_label(network.risk)}{leaving_out} "
        f"x lift {lam:g}{reasons}"
    )
    entry = Contribution(
        "NETWORK", "Network risk", "network", lam, delta, (evidence,),
        network=network_id, network_risk=network.risk,
    )  # fmt: skip
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


@dataclass(frozen=True, slots=True)
class MemberScore:
    """A network member as its network's score reads it: its own breakdown (before any lift) and
    why it is flagged possible minor ('' when it is not)."""

    record_id: str
    breakdown: Breakdown
    possible_minor: str = ""


@dataclass(frozen=True, slots=True)
class NetworkScore:
    """A network's breakdown, why it is flagged possible minor ('' when not), and each member's
    breakdown lifted by it."""

    breakdown: Breakdown
    possible_minor: str
    members: dict[str, Breakdown]


def score_network(
    network_id: str, hits: Iterable[Hit], members: Sequence[MemberScore], taxonomy: Taxonomy
) -> NetworkScore:
    """A network's risk, never lower than its strongest reason implies, and its members lifted.

    The network's own indicators give the logistic risk; it is raised to its strongest member's
    own risk (``STRONGEST_MEMBER``) and, when the network or a member is flagged possible minor,
    to ``minor_floor`` (``POSSIBLE_MINOR``). A member is lifted by the network's risk WITHOUT its
    own evidence (its own score is not counted twice); the ``NETWORK`` entry says so when that
    differs from the network's risk.
    """
    hits = list(hits)
    own = risk(hits, taxonomy)
    own_why = possible_minor(hits)[1]
    strongest = sorted(members, key=lambda m: (-m.breakdown.risk, m.record_id))[:2]
    minors = [m for m in members if m.possible_minor][:2]

    def leaving_out(record_id: str) -> Breakdown:
        top = next((m for m in strongest if m.record_id != record_id), None)
        why = own_why or next(
            (
                f"record {m.record_id}: {m.possible_minor}"
                for m in minors
                if m.record_id != record_id
            ),
            "",
        )
        raised = own if top is None else _raised(own, top.breakdown.risk, _member_entry(top))
        return _minor_floor(raised, why, "network", taxonomy) if why else raised

    network = leaving_out("")
    lifted = {}
    for m in members:
        other = leaving_out(m.record_id)
        without = m.record_id if other.risk != network.risk else ""
        lifted[m.record_id] = lift(
            m.breakdown, other, network_id, strength=taxonomy.network_lift, without=without
        )
    why = own_why or (f"record {minors[0].record_id}: {minors[0].possible_minor}" if minors else "")
    return NetworkScore(network, why, lifted)


def _member_entry(member: MemberScore) -> Contribution:
    codes = [c.code for c in member.breakdown.contributions if c.code != "NETWORK"][:3]
    reasons = f" ({', '.join(codes)})" if codes else ""
    evidence = (
        f"Record {member.record_id} scores {risk_label(member.breakdown.risk)} on its own"
        f"{reasons}; a network scores at least as much as its strongest record."
    )
    return Contribution(
        FLOOR_MEMBER, "Strongest member", "network", 0.0, 0.0, (evidence,),
        detail=({"record_id": member.record_id},),
        record_id=member.record_id, member_risk=member.breakdown.risk,
    )  # fmt: skip
