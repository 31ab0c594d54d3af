"""Issue 20's floor, held on a synthetic financial world tied to a synthetic ad corpus and run
through ``linkboard run`` as a user runs it: each FIN_* rule at precision and recall of 0.9 or
more against what the world planted, the benign look-alikes with no alert at 0.9 or more, every
account that holds an identifier its operation's ads print in that operation's network, and no
customer in the network of an operation it paid (``linkboard.synth.truth_payments``)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from linkboard.cli import main
from linkboard.export.records import rows
from linkboard.store import open_store
from linkboard.synth import generate
from linkboard.synth.payments import world, write
from linkboard.synth.truth_payments import CODES, Scores, ratio, score

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> Scores:
    work = tmp_path_factory.mktemp("money-world")
    generate(work / "ads", ads=1500, seed=12, images=False)
    write(world(12, accounts=160, days=120, ads_dir=work / "ads"), work / "money")
    db = work / "lb.db"
    inputs = [str(work / "ads" / "ads.jsonl"), str(work / "money" / "statements")]
    run = CliRunner().invoke(main, ["run", *inputs, "--db", str(db), "--workers", "1", "-q"])
    assert run.exit_code == 0, run.output
    truth = json.loads((work / "money" / "truth.json").read_text())
    lines = (work / "ads" / "truth_ads.jsonl").read_text().splitlines()
    poster = {t["id"]: t["poster"] for t in map(json.loads, lines)}
    with open_store(db) as store:
        assert store.quarantined() == []
        return score(list(rows(store)), truth, poster)


@pytest.mark.parametrize("code", CODES)
def test_each_rule_finds_what_was_planted_and_little_else(scores: Scores, code: str) -> None:
    precision, recall, planted = scores.rules[code]
    assert planted > 0, f"the world planted no {code}"
    assert precision >= 0.9, scores.rules
    assert recall >= 0.9, scores.rules


def test_benign_look_alikes_raise_no_alert(scores: Scores) -> None:
    quiet, benign = scores.benign
    assert benign > 0
    assert ratio(quiet, benign) >= 0.9


def test_accounts_join_their_operations_and_customers_never_do(scores: Scores) -> None:
    joined, should = scores.join
    right, placed = scores.placed
    apart, customers = scores.customers
    assert should > 0
    assert customers > 0
    assert joined == should
    assert right == placed
    assert apart == customers
