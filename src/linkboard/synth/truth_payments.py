"""A run over a synthetic financial world, scored against its truth (``truth.json`` of
:mod:`linkboard.synth.payments`) from the JSON Lines export (``export.records.rows``): each
FIN_* rule's precision and recall over accounts, the benign look-alikes with no alert, the join
(every account that holds an identifier its operation's ads print as their own is in a network
of that operation's ads; every account in an ad network belongs there) and customer separation (no
customer is in the network of an operation it paid). ``benchmarks/payments.py`` prints these;
``tests/payments/test_world.py`` holds them to the issue's floor."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

CODES = ("FIN_AD_IDENTIFIER", "FIN_STRUCTURING", "FIN_FUNNEL", "FIN_AD_SITE_PAYMENTS",
         "FIN_NIGHT_ACTIVITY", "FIN_TRAVEL_LODGING")  # fmt: skip


@dataclass(slots=True)
class Scores:
    #: code -> (precision, recall, planted accounts)
    rules: dict[str, tuple[float, float, int]] = field(default_factory=dict)
    benign: tuple[int, int] = (0, 0)  # look-alikes with no alert, look-alikes
    join: tuple[int, int] = (0, 0)  # sharing accounts in their operation's network, such accounts
    placed: tuple[int, int] = (0, 0)  # accounts rightly in an ad network, accounts in one
    customers: tuple[int, int] = (0, 0)  # customers outside the networks they paid, customers


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def score(
    exported: Iterable[Mapping[str, Any]], truth: Mapping[str, Any], poster: Mapping[str, str]
) -> Scores:
    """EXPORTED rows against TRUTH; POSTER: ad id -> the poster (operation) that wrote it."""
    by_id = {r["id"]: r for r in exported}
    out = Scores()
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    benign = quiet = 0
    for acct in truth["accounts"]:
        fired = {a["rule"] for a in by_id.get(acct["record"], {}).get("alerts", [])}
        planted = set(acct["codes"])
        for code in CODES:
            hit, meant = code in fired, code in planted
            tally[code][("tp" if meant else "fp") if hit else ("fn" if meant else "tn")] += 1
        if acct["role"].startswith("benign:"):
            benign += 1
            quiet += not fired
    for code in CODES:
        t = tally[code]
        out.rules[code] = (ratio(t["tp"], t["tp"] + t["fp"]), ratio(t["tp"], t["tp"] + t["fn"]),
                           t["tp"] + t["fn"])  # fmt: skip
    out.benign = (quiet, benign)
    _join(out, truth, by_id, operation_networks(by_id.values(), poster))
    return out


def operation_networks(
    exported: Iterable[Mapping[str, Any]], poster: Mapping[str, str]
) -> dict[str, set[str]]:
    """operation -> the networks its ads are in (linking may find one operation as two)."""
    seen: dict[str, set[str]] = defaultdict(set)
    for r in exported:
        if r["kind"] == "ad" and r["network"] and r["id"] in poster:
            seen[poster[r["id"]]].add(r["network"])
    return dict(seen)


def _join(
    out: Scores,
    truth: Mapping[str, Any],
    by_id: Mapping[str, Mapping[str, Any]],
    op_networks: Mapping[str, set[str]],
) -> None:
    ad_networks = {n for ns in op_networks.values() for n in ns}
    should = joined = placed = right = customers = apart = 0
    for acct in truth["accounts"]:
        network = by_id.get(acct["record"], {}).get("network")
        operation, shares = acct.get("operation"), bool(acct.get("shares_with_ads"))
        theirs = op_networks.get(operation or "", set())
        if operation and shares:
            should += 1
            joined += network in theirs
        if network in ad_networks:
            placed += 1
            right += shares and network in theirs
        if acct["role"] == "customer":
            customers += 1
            apart += not any(network in op_networks.get(op, set()) for op in acct.get("paid", []))
    out.join, out.placed, out.customers = (joined, should), (right, placed), (apart, customers)
