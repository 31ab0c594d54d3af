"""Scoring a processed store against a synthetic corpus's ground truth.

Used by the tests that check the demo corpus is recovered and by the benchmarks that print the
numbers: extraction precision/recall per kind, pairwise precision/recall/F1 and adjusted Rand
index of networks, and ROC AUC / precision@k of the risk ranking.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from math import comb
from pathlib import Path
from typing import Any

from linkboard.score.metrics import precision_at_k, roc_auc
from linkboard.store.reports import ReportQueries

#: truth key -> mention kind, for the identifiers the ads wrote
WRITTEN_KINDS = ("phone", "email", "handle", "payment")


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_truth(corpus: Path) -> dict[str, dict[str, Any]]:
    with (corpus / "truth_ads.jsonl").open() as fh:
        return {row["id"]: row for row in map(json.loads, fh)}


def _expected(ad: dict[str, Any]) -> set[tuple[str, str]]:
    out = {(kind, value) for kind, value, _ in ad["written"] if kind in WRITTEN_KINDS}
    out |= {("age", str(a)) for a in ad["ages"]}
    out |= {("city", ad["city"])} if ad.get("city") else set()
    return out


def extraction(store: ReportQueries, truth: dict[str, dict[str, Any]]) -> dict[str, PRF]:
    """Per kind: the identifiers, ages and city each ad wrote vs what was extracted."""
    found: dict[str, set[tuple[str, str]]] = {rid: set() for rid in truth}
    for rid, kind, value in store.mention_values((*WRITTEN_KINDS, "age")):
        if rid in found:
            found[rid].add((kind, value))
    for rid, city in store.record_cities():
        if rid in found:
            found[rid].add(("city", city))
    counts: dict[str, Counter[str]] = {}
    for rid, ad in truth.items():
        expected = _expected(ad)
        for item in expected | found[rid]:
            outcome = (
                "tp"
                if item in expected and item in found[rid]
                else ("fn" if item in expected else "fp")
            )
            counts.setdefault(item[0], Counter())[outcome] += 1
    return {k: PRF(c["tp"], c["fp"], c["fn"]) for k, c in sorted(counts.items())}


def pairwise(predicted: dict[str, str], gold: dict[str, str]) -> tuple[PRF, float]:
    """Pairwise precision/recall over same-cluster pairs, and the adjusted Rand index."""
    both: Counter[tuple[str, str]] = Counter((predicted[i], gold[i]) for i in gold)
    pred_sizes = Counter(predicted[i] for i in gold)
    gold_sizes = Counter(gold.values())
    same_both = sum(comb(n, 2) for n in both.values())
    same_pred = sum(comb(n, 2) for n in pred_sizes.values())
    same_gold = sum(comb(n, 2) for n in gold_sizes.values())
    prf = PRF(same_both, same_pred - same_both, same_gold - same_both)
    total = comb(len(gold), 2)
    expected = same_pred * same_gold / total if total else 0.0
    top = (same_pred + same_gold) / 2 - expected
    ari = (same_both - expected) / top if top else 1.0
    return prf, ari


def networks(store: ReportQueries, truth: dict[str, dict[str, Any]]) -> tuple[PRF, float]:
    """The store's networks (a record outside any network is alone) against the true posters."""
    predicted = {rid: nid or f"alone:{rid}" for rid, nid in store.record_networks()}
    gold = {rid: ad["poster"] for rid, ad in truth.items() if rid in predicted}
    return pairwise(predicted, gold)


@dataclass(frozen=True, slots=True)
class Ranking:
    auc: float | None
    precision_at_100: float | None
    auc_records_only: float | None
    precision_at_100_records_only: float | None


def ranking(store: ReportQueries, truth: dict[str, dict[str, Any]]) -> Ranking:
    """How well risk separates operations' ads from independents', with and without networks."""
    rows = [
        (rid, risk or 0.0, own or 0.0) for rid, risk, own in store.record_risks() if rid in truth
    ]
    labels = [bool(truth[rid]["is_operation"]) for rid, _, _ in rows]
    lifted = [r for _, r, _ in rows]
    own = [o for _, _, o in rows]
    return Ranking(
        roc_auc(lifted, labels),
        precision_at_k(lifted, labels, 100),
        roc_auc(own, labels),
        precision_at_k(own, labels, 100),
    )
