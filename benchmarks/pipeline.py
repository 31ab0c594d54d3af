"""The whole pipeline on generated corpora of growing size: records/second per stage, wall time,
peak memory. ``python benchmarks/pipeline.py --sizes 10000 100000``."""

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
from linkboard.synth import generate


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def run(size: int, workers: int, images: bool, stages: list[str]) -> list[object]:
    work = Path(tempfile.mkdtemp(prefix=f"lb-bench-{size}-"))
    try:
        t0 = time.perf_counter()
        generate(work / "corpus", ads=size, seed=11, images=images)
        t_synth = time.perf_counter() - t0
        with open_store(work / "bench.db") as store:
            t0 = time.perf_counter()
            counts = ingest(store, [work / "corpus" / "ads.jsonl"])
            t_ingest = time.perf_counter() - t0
            rates = [f"{counts.added / t_ingest:,.0f}"]
            if "process" in stages:
                report = process(store, workers=workers, hash_images=images)
                rates.append(f"{report.rate('record stage'):,.0f}")
                link_s = report.seconds.get("link + network stage", 0.0)
                rates.append(f"{size / link_s:,.0f}" if link_s else "–")
                wall = t_ingest + sum(report.seconds.values())
            else:
                rates += ["–", "–"]
                wall = t_ingest
            db_mb = (work / "bench.db").stat().st_size / 2**20
        return [
            f"{size:,}",
            workers,
            f"{t_synth:.1f}",
            *rates,
            f"{wall:.1f}",
            f"{peak_mb():,.0f}",
            f"{db_mb:,.0f}",
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--images", action="store_true", help="generate and hash images too")
    parser.add_argument("--stages", nargs="+", default=["ingest", "process"])
    args = parser.parse_args()
    rows = [run(n, args.workers, args.images, args.stages) for n in args.sizes]
    header = [
        "ads",
        "workers",
        "synth s",
        "ingest rec/s",
        "extract+score rec/s",
        "link+networks rec/s",
        "wall s (ingest→networks)",
        "peak RSS MB",
        "store MB",
    ]
    note = (
        "Synthetic ads from `linkboard synth` (≈ 600 characters each"
        f"{', with images' if args.images else ', no images'}); one process for ingest, "
        "the record stage on a process pool."
    )
    write_section("pipeline", "Pipeline throughput", note + "\n\n" + table(header, rows))


if __name__ == "__main__":
    main()
