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
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import table, write_section

from linkboard.engine.local import process
from linkboard.export.records import rows
from linkboard.ingest import ingest
from linkboard.store import open_store
from linkboard.synth import generate
from linkboard.synth.payments import world, write

CODES = ("FIN_AD_IDENTIFIER", "FIN_STRUCTURING", "FIN_FUNNEL", "FIN_AD_SITE_PAYMENTS",
         "FIN_NIGHT_ACTIVITY", "FIN_TRAVEL_LODGING")  # fmt: skip


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


def score(exported: list[dict[str, Any]], work: Path) -> dict[str, Any]:
    truth = json.loads((work / "money" / "truth.json").read_text())
    poster = {t["id"]: t["poster"] for t in map(json.loads, (work / "ads" / "truth_ads.jsonl")
                                                 .read_text().splitlines())}  # fmt: skip
    by_id = {r["id"]: r for r in exported}
    op_network = _operation_networks(exported, poster)
    out: dict[str, Any] = {"rules": {}, "accounts": len(truth["accounts"])}
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    benign = quiet = 0
    for acct in truth["accounts"]:
        row = by_id.get(acct["record"], {})
        fired = {a["rule"] for a in row.get("alerts", [])}
        planted = set(acct["codes"])
        for code in CODES:
            key = ("tp" if code in planted else "fp") if code in fired else (
                "fn" if code in planted else "tn")  # fmt: skip
            tally[code][key] += 1
        if acct["role"].startswith("benign:"):
            benign += 1
            quiet += not fired
    for code in CODES:
        t = tally[code]
        planted = t["tp"] + t["fn"]
        out["rules"][code] = (_ratio(t["tp"], t["tp"] + t["fp"]), _ratio(t["tp"], planted), planted)
    out["benign"] = (quiet, benign)
    out.update(_join(truth, by_id, op_network))
    return out


def _operation_networks(exported: list[dict[str, Any]], poster: dict[str, str]) -> dict[str, str]:
    """operation -> the network most of its ads are in."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for r in exported:
        if r["kind"] == "ad" and r["network"] and r["id"] in poster:
            seen[poster[r["id"]]][r["network"]] += 1
    return {op: c.most_common(1)[0][0] for op, c in seen.items()}


def _join(
    truth: dict[str, Any], by_id: dict[str, Any], op_network: dict[str, str]
) -> dict[str, Any]:
    ad_networks = {n: op for op, n in op_network.items()}
    should = joined = placed = right = customers = apart = 0
    for acct in truth["accounts"]:
        network = by_id.get(acct["record"], {}).get("network")
        if acct.get("operation") and acct.get("shares_with_ads"):
            should += 1
            joined += network is not None and network == op_network.get(acct["operation"])
        if network in ad_networks:
            placed += 1
            right += (
                bool(acct.get("shares_with_ads")) and acct.get("operation") == ad_networks[network]
            )
        if acct["role"] == "customer":
            customers += 1
            apart += all(
                network is None or network != op_network.get(op) for op in acct.get("paid", [])
            )
    return {"join": (joined, should), "placed": (right, placed), "customers": (apart, customers)}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


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
            p, rec, n = r["rules"][code]
            cells.append(f"{p:.3f} / {rec:.3f} ({n})")
        rule_rows.append(cells)
    heads = ["rule", *[f"seed {s}, {a:,} accounts: P / R (planted)" for a, s, _ in quality]]
    summary = []
    for accounts, seed, r in quality:
        (q, b), (j, s), (rt, pl), (ap, cu) = r["benign"], r["join"], r["placed"], r["customers"]
        summary.append([seed, f"{accounts:,}", f"{q}/{b} = {_ratio(q, b):.3f}",
                        f"{j}/{s} = {_ratio(j, s):.3f}", f"{rt}/{pl} = {_ratio(rt, pl):.3f}",
                        f"{ap}/{cu} = {_ratio(ap, cu):.3f}"])  # fmt: skip
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
