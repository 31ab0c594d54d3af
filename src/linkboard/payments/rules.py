"""The FinCEN and FINTRAC human-trafficking red flags on one account: rules as data
(``data/rules.yaml``, merged through the indicator taxonomy), small pure evaluators
(``rules_ads``, ``rules_cash``, ``rules_night``, ``rules_travel``) and their combination.

    pack = load_pack()                                  # or load_pack(load_taxonomy([RULES_PATH,
                                                        #                             mine.yaml]))
    alerts = evaluate(account, transactions, ads, pack, generic=generic_identifiers)
    for a in alerts:
        print(a.rule, a.band, a.alerting, a.reason)     # "FIN_STRUCTURING strong True 5 cash ..."

Each rule measures a strength (1.0 when every threshold of its params is met) and reaches the
strongest of its bands that strength passes. A band with ``alerts: true`` alerts alone; a weak
band alerts when the weak-band rules of one typology together reach its ``alert_threshold`` in
points (as Tazama's typologies and Marble's scenarios combine rules). Weak, non-alerting results
are returned too (``alerting`` False): an analyst sees what almost fired.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from linkboard.payments.ledger import Account, Transaction
from linkboard.payments.rules_facts import AdUse, Facts, Finding
from linkboard.payments.rules_pack import (
    RULES_PATH,
    Band,
    Rule,
    RulePack,
    RulePackError,
    Typology,
    load_pack,
)

__all__ = [
    "RULES_PATH",
    "AdUse",
    "Alert",
    "Band",
    "Rule",
    "RulePack",
    "RulePackError",
    "Typology",
    "evaluate",
    "load_pack",
]


@dataclass(frozen=True, slots=True)
class Alert:
    """One rule's result on an account: its band, a one-line reason with the numbers, the
    transactions that are its evidence, the structured evidence (``detail``, with the rule's
    ``weight`` and the ``typologies`` it alerts through), and whether it counts as an alert."""

    rule: str
    rule_version: str
    band: str
    reason: str
    strength: float
    transactions: tuple[str, ...]
    detail: dict[str, Any]
    alerting: bool = False


def evaluate(
    account: Account,
    transactions: Sequence[Transaction],
    ads: Sequence[AdUse],
    pack: RulePack,
    generic: frozenset[str] = frozenset(),
) -> list[Alert]:
    """Every rule of ``pack`` that reaches a band on ``account`` (its ``transactions``, the
    ``ads`` that hold its identifiers), in the pack's order. Identifiers in ``generic`` never
    count. Pure: the same input gives the same alerts."""
    facts = Facts(account, transactions, ads, generic)
    found: list[tuple[Rule, Finding, Band]] = []
    for rule in pack.rules:
        finding = rule.evaluator(facts, rule.params, rule.lists)
        band = rule.band(finding.strength) if finding is not None else None
        if finding is not None and band is not None:
            found.append((rule, finding, band))
    passed = _typologies(pack.typologies, found)
    return [_alert(pack, r, f, b, passed.get(r.code, [])) for r, f, b in found]


def _typologies(
    typologies: Sequence[Typology], found: Sequence[tuple[Rule, Finding, Band]]
) -> dict[str, list[tuple[Typology, list[str], float]]]:
    """For each weak-band rule, the typologies whose weak-band rules pass their threshold (with
    those rules and the points they make)."""
    weak = {rule.code for rule, _, band in found if not band.alerts}
    passed: dict[str, list[tuple[Typology, list[str], float]]] = {}
    for t in typologies:
        members = [code for code in t.points if code in weak]
        total = sum(t.points[code] for code in members)
        if members and total >= t.alert_threshold:
            for code in members:
                passed.setdefault(code, []).append((t, members, total))
    return passed


def _alert(
    pack: RulePack,
    rule: Rule,
    finding: Finding,
    band: Band,
    passed: Sequence[tuple[Typology, list[str], float]],
) -> Alert:
    reason = band.reason.format_map(_Values(finding.values))
    for t, members, total in passed[:1]:
        others = [code for code in members if code != rule.code]
        joined = f" with {', '.join(others)}" if others else ""
        reason += (
            f"; alerts{joined} as typology {t.code} ({t.name}: {total:g} of "
            f"{t.alert_threshold:g} points)"
        )
    detail = {
        **finding.detail,
        "weight": rule.weight,
        "typologies": [t.code for t, _, _ in passed],
    }
    return Alert(
        rule=rule.code,
        rule_version=pack.version,
        band=band.label,
        reason=reason,
        strength=round(finding.strength, 3),
        transactions=finding.transactions,
        detail=detail,
        alerting=band.alerts or bool(passed),
    )


class _Values(dict[str, Any]):
    """A reason template's values; a placeholder the evidence lacks stays as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
