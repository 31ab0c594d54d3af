"""The hand-labelled dev set meets the quality targets (benchmarks/extraction_quality.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "extraction_quality.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("extraction_quality", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_set_meets_targets() -> None:
    scorer = _scorer()
    assert scorer.DEV_SET.exists(), (
        f"the labelled dev set {scorer.DEV_SET} is missing: it is required to check extraction "
        "quality (see tests/data/README.md)"
    )
    stats, errors = scorer.score(scorer.load())
    missed = scorer.missed_targets(stats)
    assert not missed, "targets missed: " + "; ".join(missed) + "\n" + "\n".join(errors[:40])
