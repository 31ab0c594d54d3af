"""Issue 20 at scale: a financial world of about N transactions (``linkboard.synth.payments``,
camt.053 and Cash App statements, no ads) read and processed as a user runs it — ``ingest``
(the readers and the store), the record stage (memos through the extractors) and the link stage
(accounts linked, every account's rules evaluated) — with records per second for each, the wall
time, the peak memory and the store's size. Writes the section "Payments at scale"."""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import table, write_section

from linkboard.engine.local import process
from linkboard.ingest import ingest
from linkboard.store import open_store
from linkboard.synth.payments import world, write

#: Transactions an account of the synthetic world books in 120 days, about.
PER_ACCOUNT = 83


def run(transactions: int, workers: int, seed: int) -> list[object]:
    work = Path(tempfile.mkdtemp(prefix="lb-pay-scale-"))
    try:
        t0 = time.perf_counter()
        counts = write(world(seed, accounts=max(60, transactions // PER_ACCOUNT), days=120),
                       work / "money")  # fmt: skip
        t_write = time.perf_counter() - t0
        with open_store(work / "bench.db") as store:
            t0 = time.perf_counter()
            added = ingest(store, [work / "money" / "statements"]).added
            t_ingest = time.perf_counter() - t0
            report = process(store, workers=workers, hash_images=False)
        record_s = report.seconds.get("record stage", 0.0)
        link_s = report.seconds.get("link + network stage", 0.0)
        peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                   resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024  # fmt: skip
        return [f"{counts.get('transactions', 0):,}", f"{added:,}", workers, f"{t_write:.0f}",
                f"{added / t_ingest:,.0f}", f"{added / record_s:,.0f}", f"{link_s:.1f}",
                f"{t_ingest + record_s + link_s:.0f}", f"{peak:,.0f}",
                f"{(work / 'bench.db').stat().st_size / 2**20:,.0f}"]  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--transactions", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    rows = []
    for n in args.transactions:
        rows.append(run(n, args.workers, args.seed))
        print(rows[-1], flush=True)
    head = ["transactions", "records", "workers", "write s", "ingest rec/s", "record stage rec/s",
            "link stage + rules s", "wall s", "peak MB", "store MB"]  # fmt: skip
    write_section("payments-scale", "Payments at scale", table(head, rows))


if __name__ == "__main__":
    main()
