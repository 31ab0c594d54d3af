"""Ranking quality: ROC AUC from ranks, precision at k, rank correlation, top-k overlap."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def roc_auc(scores: Sequence[float], labels: Sequence[bool]) -> float | None:
    """Area under the ROC curve (Mann-Whitney U from average ranks; ties count half).

    None when the labels hold only one class.
    """
    s = np.asarray(scores, dtype=float)
    y = np.asarray(labels, dtype=bool)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return None
    from scipy.stats import rankdata  # here: scipy takes half a second to import

    ranks = rankdata(s)
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def precision_at_k(scores: Sequence[float], labels: Sequence[bool], k: int = 100) -> float | None:
    """Share of positives among the ``k`` highest scores (stable order on ties)."""
    if not len(scores):
        return None
    order = np.argsort(-np.asarray(scores, dtype=float), kind="stable")[:k]
    return float(np.asarray(labels, dtype=bool)[order].mean())


def spearman(a: Sequence[float], b: Sequence[float]) -> float | None:
    """Spearman rank correlation; None when either side is constant or shorter than 2."""
    if len(a) < 2:
        return None
    from scipy.stats import rankdata

    ra, rb = rankdata(a), rankdata(b)
    if ra.std() == 0 or rb.std() == 0:
        return None
    return float(np.corrcoef(ra, rb)[0, 1])


def top_k_overlap(a: Sequence[float], b: Sequence[float], k: int) -> float | None:
    """Share of the top ``k`` items under ``a`` that are also in the top ``k`` under ``b``."""
    k = min(k, len(a))
    if k <= 0:
        return None
    ta = set(np.argsort(-np.asarray(a, dtype=float), kind="stable")[:k].tolist())
    tb = set(np.argsort(-np.asarray(b, dtype=float), kind="stable")[:k].tolist())
    return len(ta & tb) / k
