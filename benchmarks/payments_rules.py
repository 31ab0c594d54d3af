"""Quality and speed of the FinCEN / FINTRAC payment rules (``linkboard.payments.rules``).

    python benchmarks/payments_rules.py                      # seeds 1-3, held-out 4-6, speed
    python benchmarks/payments_rules.py --seeds 1 --held-out --no-speed --examples 3
    python benchmarks/payments_rules.py --no-quality --sizes 100000 1000000

Quality: for each seed, an ad corpus (``linkboard.synth.generate``, no images) and a payments
world tied to it (``linkboard.synth.payments.world``); every account is evaluated with the ads
that hold its own identifiers (``AdUse``: the ads' true posters stand for the networks linking
would find, their cities and days for the places) and the corpus's generic identifiers. Per rule:
precision and recall of *alerting* results against the codes the world planted; the no-alert rate
of the benign look-alikes and of every account outside an operation. Seeds 1-3 are the ones
looked at while writing the rules; 4-6 are held out, and must keep precision and recall >= 0.9
per rule and the look-alikes' no-alert rate >= 0.9.

Speed: ledgers of about 100k and 1M transactions (world accounts) held in memory, evaluated
once in one process and once split over two (fork), transactions per second of evaluation.
Prints markdown tables to stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import multiprocessing
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import table, write_section

from linkboard.payments.ledger import Account
from linkboard.payments.rules import AdUse, Alert, RulePack, evaluate, load_pack

DEV_SEEDS = (1, 2, 3)
HELD_OUT = (4, 5, 6)
ACCOUNTS = 2000
DAYS = 120
ADS_PER_ACCOUNT = 12  # enough ads that about every operation of the world comes from them
TARGET = 0.9


@dataclass
class Ads:
    """What the ad corpus says about identifiers: the ads holding each, each ad's poster, each
    poster's (city, day) places, the generic identifiers."""

    ads_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    poster: dict[str, str] = field(default_factory=dict)
    places: dict[str, set[tuple[str, date]]] = field(default_factory=lambda: defaultdict(set))
    generic: frozenset[str] = frozenset()

    def uses(self, identifiers: Iterable[str]) -> tuple[AdUse, ...]:
        out = []
        for ident in identifiers:
            ads = self.ads_of.get(ident)
            if not ads:
                continue
            networks = sorted({self.poster[a] for a in ads})
            places = sorted({p for n in networks for p in self.places[n]})
            out.append(AdUse(ident, tuple(ads), tuple(networks), tuple(places)))
        return tuple(out)


def read_ads(folder: Path) -> Ads:
    ads = Ads()
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    ads.generic = frozenset(g["identifier"] for g in truth["generic"])
    with open(folder / "ads.jsonl") as raw, open(folder / "truth_ads.jsonl") as told:
        for line, tline in zip(raw, told, strict=True):
            ad, t = json.loads(line), json.loads(tline)
            ads.poster[ad["id"]] = t["poster"]
            ads.places[t["poster"]].add((t["city"], date.fromisoformat(ad["posted_at"][:10])))
            own = (
                [f"phone:{p}" for p in t["phones"]]
                + [f"email:{e}" for e in t["emails"]]
                + [f"payment:{p}" for p in t["payments"]]
                + list(t["generic"])
            )
            for ident in dict.fromkeys(own):
                ads.ads_of[ident].append(ad["id"])
    return ads


def ledger_account(a: Any) -> Account:
    """The ledger's Account for a world account, with its own identifiers."""
    own = [f"phone:{p}" for p in a.phones] + [f"email:{e}" for e in a.emails]
    if a.cashtag:
        own.append(f"payment:cashapp:{a.cashtag}")
    kind = "bank" if a.kind == "bank" else "p2p"
    return Account(f"account:{a.key}", a.key, a.holder, kind, tuple(own))


def make_world(seed: int, accounts: int, days: int, tmp: Path) -> tuple[Any, Ads]:
    from linkboard.synth import generate
    from linkboard.synth.payments import world

    folder = tmp / f"ads-{seed}"
    generate(folder, accounts * ADS_PER_ACCOUNT, seed=seed, images=False, days=days)
    return world(seed, accounts, days, folder), read_ads(folder)


@dataclass
class Tally:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    quiet: Counter[str] = field(default_factory=Counter)  # role group -> accounts with no alert
    weak: Counter[str] = field(default_factory=Counter)  # role group -> with a weak band only
    roles: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    transactions: int = 0
    seconds: float = 0.0


def score_world(w: Any, ads: Ads, pack: RulePack, tally: Tally, keep: int) -> None:
    codes = [r.code for r in pack.rules]
    for a in w.accounts:
        txs = w.transactions(a)
        account = ledger_account(a)
        began = time.perf_counter()
        alerts = evaluate(account, txs, ads.uses(account.identifiers), pack, ads.generic)
        tally.seconds += time.perf_counter() - began
        tally.transactions += len(txs)
        _count(a, alerts, codes, tally, keep)


def _count(a: Any, alerts: list[Alert], codes: list[str], tally: Tally, keep: int) -> None:
    fired = {x.rule: x for x in alerts if x.alerting}
    group = _group(a.role)
    tally.roles[group] += 1
    tally.quiet[group] += not fired
    tally.weak[group] += bool(alerts) and not fired
    for code in codes:
        planted, raised = code in a.codes, code in fired
        if planted and raised:
            tally.tp[code] += 1
        elif raised:
            tally.fp[code] += 1
            _example(tally, f"FP {code}", f"{a.role}: {fired[code].reason}", keep)
        elif planted:
            tally.fn[code] += 1
            near = next((x for x in alerts if x.rule == code), None)
            why = f"{near.band} {near.strength}: {near.reason}" if near else "no band"
            _example(tally, f"FN {code}", f"{a.key} {sorted(a.codes)}: {why}", keep)


def _group(role: str) -> str:
    if role.startswith("benign:"):
        return role
    return "operation" if role == "operation" else "other (plain, customer, confounder)"


def _example(tally: Tally, key: str, text: str, keep: int) -> None:
    if len(tally.examples[key]) < keep:
        tally.examples[key].append(text)


def _ratio(a: int, b: int) -> float | str:
    return a / b if b else "–"


def quality_table(title: str, tally: Tally, codes: Sequence[str]) -> tuple[str, bool]:
    rows: list[list[object]] = []
    ok = True
    for code in codes:
        tp, fp, fn = tally.tp[code], tally.fp[code], tally.fn[code]
        p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        ok &= all(not isinstance(v, float) or v >= TARGET for v in (p, r))
        rows.append([code, tp + fn, tp, fp, fn, p, r])
    benign = [g for g in tally.roles if g.startswith("benign:")]
    quiet = sum(tally.quiet[g] for g in benign)
    total = sum(tally.roles[g] for g in benign)
    ok &= quiet >= TARGET * total
    out = f"### {title}\n\n" + table(
        ["rule", "planted", "TP", "FP", "FN", "precision", "recall"], rows
    )
    roles = [
        [g, tally.roles[g], tally.quiet[g], _ratio(tally.quiet[g], tally.roles[g]), tally.weak[g]]
        for g in sorted(tally.roles)
    ]
    weak = sum(tally.weak[g] for g in benign)
    roles.append(["all benign look-alikes", total, quiet, _ratio(quiet, total), weak])
    out += "\n\n" + table(["accounts", "n", "no alert", "no-alert rate", "weak band only"], roles)
    speed = tally.transactions / tally.seconds if tally.seconds else 0.0
    out += f"\n\n{tally.transactions:,} transactions evaluated at {speed:,.0f} tx/s.\n"
    return out, ok


def quality(seeds: Sequence[int], title: str, args: argparse.Namespace, tmp: Path) -> bool:
    pack = load_pack()
    tally = Tally()
    for seed in seeds:
        w, ads = make_world(seed, args.accounts, args.days, tmp)
        score_world(w, ads, pack, tally, args.examples)
    text, ok = quality_table(
        f"{title}: seeds {', '.join(map(str, seeds))}", tally, [r.code for r in pack.rules]
    )
    print(text)
    for key in sorted(tally.examples):
        print(f"- {key}:")
        for line in tally.examples[key]:
            print(f"    - {line}")
    print()
    return ok


# ---- speed ------------------------------------------------------------------------------------


def _evaluate_share(job: tuple[int, int, int, int]) -> tuple[int, float]:
    """Evaluate every PARTS-th account (from PART) of a world of N accounts: its own ledgers,
    built here (a forked copy of a million transactions would be copied page by page as its
    reference counts change); returns transactions and seconds of evaluation alone."""
    seed, n, part, parts = job
    from linkboard.synth.payments import world

    w = world(seed, n, DAYS)
    books = [(ledger_account(a), w.transactions(a)) for a in w.accounts[part::parts]]
    pack = load_pack()
    began = time.perf_counter()
    for account, txs in books:
        evaluate(account, txs, (), pack)
    return sum(len(t) for _, t in books), time.perf_counter() - began


def speed(sizes: Sequence[int]) -> None:
    """About SIZE transactions each (a world of SIZE / 82 accounts over 120 days)."""
    rows: list[list[object]] = []
    for size in sizes:
        n = max(300, round(size / 82))
        tx, one = _evaluate_share((11, n, 0, 1))
        with multiprocessing.get_context("spawn").Pool(2) as pool:
            halves = pool.map(_evaluate_share, [(11, n, 0, 2), (11, n, 1, 2)])
        two = max(s for _, s in halves)
        rows.append(
            [
                f"{tx:,}",
                f"{n:,}",
                round(one, 2),
                f"{tx / one:,.0f}",
                round(two, 2),
                f"{tx / two:,.0f}",
            ]
        )
    print("### Evaluation speed\n")
    print(table(["transactions", "accounts", "1 process s", "tx/s", "2 processes s", "tx/s"], rows))
    print(
        f"\n{os.cpu_count()} CPUs. Evaluation alone (ledgers built beforehand, in each process); "
        "two processes: the slower half's time.\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="*", default=list(DEV_SEEDS))
    parser.add_argument("--held-out", type=int, nargs="*", default=list(HELD_OUT))
    parser.add_argument("--accounts", type=int, default=ACCOUNTS)
    parser.add_argument("--days", type=int, default=DAYS)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--examples", type=int, default=0, help="FP/FN reasons to print per rule")
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args(argv)
    ok = True
    out = io.StringIO()
    with tempfile.TemporaryDirectory() as tmp, contextlib.redirect_stdout(out):
        if not args.no_quality:
            if args.seeds:
                quality(args.seeds, "Development", args, Path(tmp))
            if args.held_out:
                ok = quality(args.held_out, "Held out", args, Path(tmp))
                print(f"Held-out target (each >= {TARGET}): {'met' if ok else 'NOT met'}\n")
        if not args.no_speed:
            speed(args.sizes)
    write_section("payments-rules", "Payments: the FinCEN and FINTRAC rules alone", out.getvalue())
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
