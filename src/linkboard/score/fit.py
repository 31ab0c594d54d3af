"""Fit indicator weights to an analyst's labels: a small, explainable logistic regression.

Each sample is the set of indicator codes that fired on a record (or network) and the analyst's
label. The model is the scoring model itself, ``P(label) = logistic(bias + sum of weights of the
codes present)``, fitted by L-BFGS-B with:

- an L2 penalty pulling each weight toward its CURRENT value (not toward 0), so an indicator the
  labels say little about keeps its documented weight, and a handful of labels moves weights
  only a little;
- weights bounded below by 0, so adding evidence never lowers the risk;
- a free bias (labelled sets are rarely a random sample, so the bias is the least portable part).

The report says what changed: old vs new weight per code, AUC on the labels before and after,
the Spearman correlation between the old and new scores of the samples and the overlap of their
top k. ``write_weights`` writes a user YAML that ``load_taxonomy([path])`` merges over the default.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from linkboard.score.metrics import roc_auc, spearman, top_k_overlap
from linkboard.score.taxonomy import Taxonomy

Sample = tuple[set[str], bool]


@dataclass
class FitReport:
    """What a fit found and how it changes the ranking."""

    taxonomy_version: str
    n_samples: int
    n_positive: int
    l2: float
    bias_old: float
    bias_new: float
    weights: dict[str, float]
    changes: list[dict[str, Any]] = field(default_factory=list)
    auc_before: float | None = None
    auc_after: float | None = None
    spearman: float | None = None
    top_k: int = 0
    top_k_overlap: float | None = None
    converged: bool = True

    def render(self) -> str:
        """A terminal table: per code old -> new weight, then the ranking numbers."""
        rows = [
            f"fitted on {self.n_samples} samples ({self.n_positive} positive), l2={self.l2:g}, "
            f"taxonomy {self.taxonomy_version}",
            f"bias {self.bias_old:+.2f} -> {self.bias_new:+.2f}",
            f"{'code':<28} {'old':>6} {'new':>6} {'change':>7} {'present':>8} {'positive':>8}",
        ]
        for c in self.changes:
            rows.append(
                f"{c['code']:<28} {c['old']:6.2f} {c['new']:6.2f} {c['new'] - c['old']:+7.2f} "
                f"{c['present']:8d} {c['positive']:8d}"
            )
        rows.append(
            f"AUC on the labels: {_fmt(self.auc_before)} -> {_fmt(self.auc_after)}; "
            f"Spearman old/new scores {_fmt(self.spearman)}; "
            f"top-{self.top_k} overlap {_fmt(self.top_k_overlap)}"
        )
        return "\n".join(rows)


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def fit_weights(
    samples: Sequence[Sample], taxonomy: Taxonomy, *, l2: float = 1.0, top_k: int = 100
) -> FitReport:
    """Fit the weights of ``taxonomy``'s active indicators to labelled ``samples``."""
    if not samples:
        raise ValueError("fit_weights needs at least one labelled sample")
    codes = [i.code for i in taxonomy.active()]
    x = _design(samples, codes)
    labels = [bool(label) for _, label in samples]
    y = np.array(labels, dtype=float)
    prior = np.array([taxonomy[c].weight for c in codes])
    w, b, ok = _solve(x, y, prior, taxonomy.bias, l2)
    old_scores, new_scores = x @ prior + taxonomy.bias, x @ w + b
    k = min(top_k, len(samples))
    changes = _changes(codes, taxonomy, x, y, prior, w)
    return FitReport(
        taxonomy_version=taxonomy.version,
        n_samples=len(samples),
        n_positive=int(y.sum()),
        l2=l2,
        bias_old=taxonomy.bias,
        bias_new=float(b),
        weights={c: float(w[j]) for j, c in enumerate(codes)},
        changes=changes,
        auc_before=roc_auc(old_scores.tolist(), labels),
        auc_after=roc_auc(new_scores.tolist(), labels),
        spearman=spearman(old_scores.tolist(), new_scores.tolist()),
        top_k=k,
        top_k_overlap=top_k_overlap(old_scores.tolist(), new_scores.tolist(), k),
        converged=ok,
    )


def _design(samples: Sequence[Sample], codes: list[str]) -> np.ndarray:
    """One row per sample, one column per code: 1 where the code fired."""
    col = {c: j for j, c in enumerate(codes)}
    x = np.zeros((len(samples), len(codes)))
    for i, (present, _) in enumerate(samples):
        for c in present:
            if c in col:
                x[i, col[c]] = 1.0
    return x


def _changes(
    codes: list[str],
    taxonomy: Taxonomy,
    x: np.ndarray,
    y: np.ndarray,
    prior: np.ndarray,
    w: np.ndarray,
) -> list[dict[str, Any]]:
    """Per code its old and new weight and how often it fired (on positives), biggest change
    first."""
    changes: list[dict[str, Any]] = [
        {
            "code": c,
            "name": taxonomy[c].name,
            "old": float(prior[j]),
            "new": float(w[j]),
            "present": int(x[:, j].sum()),
            "positive": int((x[:, j] * y).sum()),
        }
        for j, c in enumerate(codes)
    ]
    changes.sort(key=lambda r: (-abs(r["new"] - r["old"]), r["code"]))
    return changes


def _solve(
    x: np.ndarray, y: np.ndarray, prior: np.ndarray, bias: float, l2: float
) -> tuple[np.ndarray, float, bool]:
    """Minimise mean log-loss + l2/(2n) * |w - prior|^2 over w >= 0 and a free bias."""
    n = len(y)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        nll = np.logaddexp(0.0, z) - y * z  # -log p(y | z), stable
        p = np.exp(-np.logaddexp(0.0, -z))
        r = (p - y) / n
        dw = x.T @ r + l2 / n * (w - prior)
        value = nll.mean() + l2 / (2 * n) * float(((w - prior) ** 2).sum())
        return float(value), np.append(dw, r.sum())

    theta0 = np.append(prior, bias)
    bounds = [(0.0, None)] * len(prior) + [(None, None)]
    from scipy.optimize import minimize  # here: scipy takes half a second to import

    res = minimize(loss, theta0, jac=True, method="L-BFGS-B", bounds=bounds)
    return res.x[:-1], float(res.x[-1]), bool(res.success)


def write_weights(report: FitReport, path: Path) -> None:
    """Write the fitted weights as a user taxonomy file (merge it with ``load_taxonomy``)."""
    stamp = datetime.now(UTC).strftime("%Y%m%d")
    header = (
        f"# Indicator weights fitted by linkboard (fit_weights) on {report.n_samples} labelled\n"
        f"# samples ({report.n_positive} positive), l2={report.l2:g}, over taxonomy "
        f"{report.taxonomy_version}.\n"
        f"# AUC on the labels {_fmt(report.auc_before)} -> {_fmt(report.auc_after)}; "
        f"Spearman old/new {_fmt(report.spearman)}.\n"
        "# Load with load_taxonomy([this file]); delete a line to keep the default weight.\n"
    )
    old = {c["code"]: c["old"] for c in report.changes}
    body = {
        "version": f"fit-{stamp}",
        "bias": round(report.bias_new, 4),
        "indicators": [
            {"code": code, "weight": round(w, 4), "weight_before": round(old.get(code, w), 4)}
            for code, w in report.weights.items()
        ],
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True))
