"""The fuzzers in the test suite: every hostile seed within its bounds, and a short
coverage-guided run of every reader (``make fuzz`` runs them for longer)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fuzz import run, targets
from fuzz.seeds import HOSTILE

ROOT = Path(__file__).resolve().parents[2]
#: Seconds of fuzzing per reader here: enough for CI to exercise each harness end to end; two
#: readers at a time, so that the sixteen take about a minute.
SECONDS = 2
JOBS = 2
KEPT = sorted((ROOT / "fuzz" / "regressions").glob("*/*"))
#: Registered input formats deliberately left unfuzzed, each with the reason: none so far
#: (``ledger_csv`` is fuzzed through the sample ledger's column mapping, ``targets.LEDGER``).
NOT_FUZZED: dict[str, str] = {}


@pytest.mark.parametrize("seed", HOSTILE, ids=lambda s: f"{s.reader}-{s.name}")
def test_each_hostile_seed_is_handled_in_bounded_time_and_memory(seed) -> None:
    data = seed.build()
    reasons, took, grew = run.measure(lambda: targets.TARGETS[seed.reader](data))
    assert not seed.expect or any(seed.expect in r for r in reasons), reasons
    assert took < run.SEED_SECONDS, f"{took:.1f} s"
    assert grew < run.SEED_MB, f"{grew} MB"


@pytest.mark.parametrize("path", KEPT, ids=lambda p: f"{p.parent.name}-{p.name}")
def test_each_input_the_fuzzer_found_is_kept_and_passes(path: Path) -> None:
    targets.TARGETS[path.parent.name](path.read_bytes())


def test_every_reader_has_a_target_hostile_seeds_and_a_seed_corpus() -> None:
    from fuzz.seeds import corpus
    from linkboard.ingest import formats

    fuzzed = set(formats()) - set(NOT_FUZZED) | {"image"}
    assert fuzzed == set(targets.TARGETS) == set(run.READERS)
    assert {s.reader for s in HOSTILE} == set(run.READERS)
    assert {reader for reader, seeds in corpus().items() if len(seeds) >= 5} == set(run.READERS)


def test_a_short_coverage_guided_run_of_every_reader(tmp_path: Path) -> None:
    pytest.importorskip("atheris", reason="atheris (the fuzzing engine) is in the test extra")
    out = tmp_path / "results.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "fuzz.run",
            "--seconds",
            str(SECONDS),
            "--skip-seeds",
            "--jobs",
            str(JOBS),
            "--work",
            str(tmp_path),
            "--json",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = {r["reader"]: r for r in json.loads(out.read_text())}
    assert set(results) == set(run.READERS)
    assert all(r["outcome"] == "ok" and r["inputs"] > 0 for r in results.values()), results
