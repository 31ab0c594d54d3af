"""Fitting weights to labels: direction of change, bounds, report, round trip through YAML."""

from __future__ import annotations

import random

import pytest

from linkboard.score import fit_weights, load_taxonomy, write_weights

TAXONOMY = load_taxonomy()


def labelled(n: int = 400, seed: int = 7) -> list[tuple[set[str], bool]]:
    """Synthetic labels where CONTROL_CASH_ONLY matters much more than its default weight and
    MOVE_NEW_IN_TOWN not at all."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        codes = {
            c
            for c in ("CONTROL_CASH_ONLY", "MOVE_NEW_IN_TOWN", "THIRD_PARTY_CONTACT")
            if rng.random() < 0.4
        }
        z = -2.0 + 3.0 * ("CONTROL_CASH_ONLY" in codes) + 1.5 * ("THIRD_PARTY_CONTACT" in codes)
        out.append((codes, rng.random() < 1 / (1 + 2.718281828**-z)))
    return out


def test_fit_moves_weights_toward_the_labels():
    report = fit_weights(labelled(), TAXONOMY, l2=1.0)
    w = report.weights
    assert w["CONTROL_CASH_ONLY"] > TAXONOMY["CONTROL_CASH_ONLY"].weight + 1.0
    assert w["MOVE_NEW_IN_TOWN"] < TAXONOMY["MOVE_NEW_IN_TOWN"].weight
    assert all(v >= 0 for v in w.values())
    # an indicator absent from every sample keeps its weight
    assert w["NET_AGE_CHANGES"] == pytest.approx(TAXONOMY["NET_AGE_CHANGES"].weight, abs=1e-6)
    assert report.auc_after >= report.auc_before
    assert report.converged
    assert report.n_samples == 400
    assert -1 <= report.spearman <= 1
    assert 0 <= report.top_k_overlap <= 1
    assert report.changes[0]["code"] == "CONTROL_CASH_ONLY"  # largest change first
    assert "CONTROL_CASH_ONLY" in report.render()


def test_strong_regularisation_keeps_the_prior():
    report = fit_weights(labelled(60), TAXONOMY, l2=1e6)
    for code, w in report.weights.items():
        assert w == pytest.approx(TAXONOMY[code].weight, abs=0.05)


def test_write_weights_round_trips_through_load_taxonomy(tmp_path):
    report = fit_weights(labelled(), TAXONOMY)
    path = tmp_path / "weights.yaml"
    write_weights(report, path)
    t = load_taxonomy([path])
    assert t["CONTROL_CASH_ONLY"].weight == pytest.approx(
        report.weights["CONTROL_CASH_ONLY"], abs=1e-3
    )
    assert t.bias == pytest.approx(report.bias_new, abs=1e-3)
    assert "+fit-" in t.version
    assert path.read_text().startswith("# Indicator weights fitted")


def test_one_class_labels_have_no_auc_and_empty_input_is_an_error():
    report = fit_weights([({"MOVE_NEW_IN_TOWN"}, True)] * 5, TAXONOMY)
    assert report.auc_before is None
    assert report.auc_after is None
    with pytest.raises(ValueError, match="at least one labelled sample"):
        fit_weights([], TAXONOMY)
