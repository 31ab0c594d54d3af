"""Issue 20 end to end: a synthetic ad corpus and a financial world tied to it (camt.053 and
Cash App statements with planted typologies, benign look-alikes, customers and confounders),
run through ``linkboard`` as a user runs it, and scored from the export against the truth:

- each FIN_* rule's precision and recall over accounts (the export's ``alerts``);
- the benign look-alikes with no alert;
- the join: every account that holds an identifier an operation's ads print as its own (not a
  generic one) is in that operation's network (recall), and every account in an ad network
  belongs there (precision);
- customer separation: no customer is in the network of an operation it paid;
- throughput: ingest and process (record stage, link stage with the rules) of the statements.

Writes the section "Payments: end to end" of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import table, write_section

from linkboard.engine.local import process
from linkboard.export.records import rows
from linkboard.ingest import ingest
from linkboard.store import open_store
from linkboard.synth import generate, truth_payments
from linkboard.synth.payments import world, write
from linkboard.synth.truth_payments import CODES, Scores, ratio


def build(work: Path, ads: int, accounts: int, seed: int) -> dict[str, Any]:
    generate(work / "ads", ads=ads, seed=seed, images=False)
    t0 = time.perf_counter()
    counts = write(world(seed, accounts=accounts, days=120, ads_dir=work / "ads"), work / "money")
    return {"write_s": time.perf_counter() - t0, **counts}


def run(work: Path, workers: int) -> tuple[list[dict[str, Any]], dict[str, float]]:
    timing: dict[str, float] = {}
    with open_store(work / "bench.db") as store:
        ingest(store, [work / "ads" / "ads.jsonl"])
        process(store, workers=workers, hash_images=False)
        t0 = time.perf_counter()
        added = ingest(store, [work / "money" / "statements"]).added
        timing["ingest_s"] = time.perf_counter() - t0
        report = process(store, workers=workers, hash_images=False)
        timing["record_s"] = report.seconds.get("record stage", 0.0)
        timing["link_s"] = report.seconds.get("link + network stage", 0.0)
        timing["records"] = float(added)
        exported = list(rows(store))
    return exported, timing


def score(exported: list[dict[str, Any]], work: Path) -> Scores:
    truth = json.loads((work / "money" / "truth.json").read_text())
    lines = (work / "ads" / "truth_ads.jsonl").read_text().splitlines()
    return truth_payments.score(
        exported, truth, {t["id"]: t["poster"] for t in map(json.loads, lines)}
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ads", type=int, default=5000)
    ap.add_argument("--accounts", type=int, nargs="+", default=[600])
    ap.add_argument("--seeds", type=int, nargs="+", default=[21, 22])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="keep the worlds and stores under this folder")
    args = ap.parse_args()
    quality, speed = [], []
    for accounts in args.accounts:
        for seed in args.seeds:
            work = args.keep / f"w{accounts}-{seed}" if args.keep else Path(
                tempfile.mkdtemp(prefix="lb-pay-"))  # fmt: skip
            work.mkdir(parents=True, exist_ok=True)
            try:
                built = build(work, args.ads, accounts, seed)
                exported, timing = run(work, args.workers)
                result = score(exported, work)
            finally:
                if not args.keep:
                    shutil.rmtree(work, ignore_errors=True)
            quality.append((accounts, seed, result))
            speed.append((accounts, seed, built, timing))
            print(accounts, seed, result, timing, flush=True)
    write_section("payments", "Payments: end to end (issue 20)", _body(quality, speed, args))


def _body(quality: list[Any], speed: list[Any], args: argparse.Namespace) -> str:
    rule_rows = []
    for code in CODES:
        cells = [code]
        for _, _, r in quality:
            p, rec, n = r.rules[code]
            cells.append(f"{p:.3f} / {rec:.3f} ({n})")
        rule_rows.append(cells)
    heads = ["rule", *[f"seed {s}, {a:,} accounts: P / R (planted)" for a, s, _ in quality]]
    summary = []
    for accounts, seed, r in quality:
        (q, b), (j, s), (rt, pl), (ap, cu) = r.benign, r.join, r.placed, r.customers
        summary.append([seed, f"{accounts:,}", f"{q}/{b} = {ratio(q, b):.3f}",
                        f"{j}/{s} = {ratio(j, s):.3f}", f"{rt}/{pl} = {ratio(rt, pl):.3f}",
                        f"{ap}/{cu} = {ratio(ap, cu):.3f}"])  # fmt: skip
    rates = []
    for accounts, seed, built, t in speed:
        n = t["records"]
        record_rate = f"{n / t['record_s']:,.0f}" if t["record_s"] else "–"
        rates.append([seed, f"{accounts:,}", f"{built.get('transactions', 0):,}", f"{n:,.0f}",
                      f"{n / t['ingest_s']:,.0f}", record_rate, f"{t['link_s']:.1f}"])  # fmt: skip
    return (
        f"{args.ads:,} synthetic ads per world (`linkboard.synth.generate`), a financial world "
        "tied to them (`linkboard.synth.payments`: camt.053 and Cash App statements), read with "
        f"`linkboard ingest` and processed on {args.workers} workers; scored from the JSON Lines "
        "export against the world's truth.\n\n"
        + table(heads, rule_rows)
        + "\n\n"
        + table(
            [
                "seed",
                "accounts",
                "benign look-alikes with no alert",
                "join recall",
                "join precision",
                "customers outside the networks they paid",
            ],
            summary,
        )
        + "\n\n"
        + table(
            [
                "seed",
                "accounts",
                "transactions",
                "records (accounts + transactions)",
                "ingest rec/s",
                "record stage rec/s",
                "link stage + rules s",
            ],
            rates,
        )
    )


if __name__ == "__main__":
    main()
