"""The demo corpus, end to end: synth → run → the truth is recovered at the issues' targets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkboard import evaluate
from linkboard.cli import main
from linkboard.store import open_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("demo")
    runner = CliRunner()
    for args in (
        ["synth", "--ads", "800", "--out", work / "corpus", "--seed", "3"],
        ["run", work / "corpus" / "ads.jsonl", "--db", work / "lb.db", "-q", "--workers", "1"],
    ):
        result = runner.invoke(main, [str(a) for a in args])
        assert result.exit_code == 0, result.output
    return work


def test_identifiers_ages_and_cities_are_recovered(demo):
    truth = evaluate.load_truth(demo / "corpus")
    with open_store(demo / "lb.db", readonly=True) as store:
        scores = evaluate.extraction(store, truth)
    for kind in ("phone", "email"):
        assert scores[kind].precision >= 0.98, (kind, scores[kind])
        assert scores[kind].recall >= 0.97, (kind, scores[kind])
    for kind in ("handle", "payment", "age", "city"):
        assert scores[kind].precision >= 0.95, (kind, scores[kind])
        assert scores[kind].recall >= 0.95, (kind, scores[kind])


def test_operations_are_recovered_as_networks(demo):
    truth = evaluate.load_truth(demo / "corpus")
    with open_store(demo / "lb.db", readonly=True) as store:
        pairs, ari = evaluate.networks(store, truth)
    assert pairs.precision >= 0.97, pairs
    assert pairs.recall >= 0.95, pairs
    assert ari >= 0.9


def test_generic_identifiers_are_held_back(demo):
    generic = json.loads((demo / "corpus" / "truth.json").read_text())["generic"]
    with open_store(demo / "lb.db", readonly=True) as store:
        status = store.identifier_status()
        linked = {
            i
            for (e,) in store.execute("SELECT evidence FROM links WHERE kind = 'identifier'")
            for i in json.loads(e)["identifiers"]
        }
    planted = {g["identifier"] if isinstance(g, dict) else g for g in generic}
    assert planted, "the demo corpus plants generic identifiers"
    assert not planted & linked
    assert all(status.get(i) == "suspected" for i in planted)


def test_risk_ranks_operations_first_and_networks_help(demo):
    truth = evaluate.load_truth(demo / "corpus")
    with open_store(demo / "lb.db", readonly=True) as store:
        ranked = evaluate.ranking(store, truth)
    assert ranked.auc is not None
    assert ranked.auc >= 0.95
    assert ranked.auc_records_only is not None
    assert ranked.auc > ranked.auc_records_only


def test_export_carries_every_field_for_every_record(demo, tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["export", "--db", str(demo / "lb.db"), "--out", str(out)])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    truth = evaluate.load_truth(demo / "corpus")
    assert {r["id"] for r in rows} == set(truth)
    assert all(0 <= r["risk"] <= 100 and 0.0 <= r["risk_probability"] <= 1.0 for r in rows)
    linked = [r for r in rows if truth[r["id"]]["is_operation"]]
    assert all(r["network"] for r in linked)
    assert any(r["indicators"] for r in rows)
    assert all({"code", "evidence"} <= set(i) for r in rows for i in r["indicators"])


def test_networks_are_listed_by_risk_and_one_shows_its_edges_and_why(demo):
    db = str(demo / "lb.db")
    listing = CliRunner().invoke(main, ["networks", "--db", db])
    assert listing.exit_code == 0, listing.output
    lines = listing.output.splitlines()
    with open_store(demo / "lb.db", readonly=True) as store:
        top = store.networks(limit=len(lines), min_size=2)
    assert [line.split()[0] for line in lines] == [n.id for n in top]
    risks = [n.risk for n in top if not n.possible_minor]
    assert risks == sorted(risks, reverse=True)
    first = lines[0]
    assert "records" in first
    assert "persons" in first
    assert "phones +1" in first
    assert "→" in first
    shown = CliRunner().invoke(main, ["network", top[0].id, "--db", db])
    assert shown.exit_code == 0, shown.output
    edges = [line for line in shown.output.splitlines() if line.startswith("  ") and "[" in line]
    assert edges
    assert "movement" in shown.output
    identifier_edges = [e for e in edges if "[identifier, hard]" in e]
    assert identifier_edges
    assert all(
        re.search(r"shared (phone|email|handle|payment|crypto) \S", e) for e in identifier_edges
    )
    missing = CliRunner().invoke(main, ["network", "N99999999", "--db", db])
    assert missing.exit_code == 1
    assert missing.output.strip() == "Error: no network N99999999"


def test_running_again_changes_nothing(demo):
    with open_store(demo / "lb.db", readonly=True) as store:
        before = store.stats()
    result = CliRunner().invoke(
        main, ["run", str(demo / "corpus" / "ads.jsonl"), "--db", str(demo / "lb.db"), "-q"]
    )
    assert result.exit_code == 0
    assert "processed: nothing new" in result.output
    with open_store(demo / "lb.db", readonly=True) as store:
        assert store.stats() == before
