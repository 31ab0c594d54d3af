"""Instructions per ad for ``extract_record`` (callgrind): a cost that does not move with the load.

Wall-clock and CPU time on a shared machine swing by a third from one minute to the next; the
number of instructions executed does not. Each build (the installed, compiled one and a
pure-Python copy) is run twice under ``valgrind --tool=callgrind``: once with the warm-up only,
once with the warm-up and ``--ads`` ads; the difference divided by ``--ads`` is the cost of one ad.
Both the dense ads and the demo-corpus generator's ads of the extraction speed table are counted.
Needs valgrind (``apt-get install valgrind``).

    python benchmarks/extraction_instructions.py [--ads 600] [--no-write]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Run under valgrind: build the ads, warm up on 50, then extract ``ads`` of them (or none).
PROGRAM = """
import sys
sys.path.insert(0, {src!r})
sys.path.insert(0, {bench!r})
from extraction_speed import dense_records, generated_ads, provenance
from linkboard.extract import extract_record
records = generated_ads({n}, provenance()) if {generated} else dense_records({n})
for r in records[:50]:
    extract_record(r)
for r in records[:{run}]:
    extract_record(r)
"""


def instructions(src: Path, ads: int, run: int, generated: bool) -> int:
    code = PROGRAM.format(
        src=str(src), bench=str(ROOT / "benchmarks"), n=ads, run=run, generated=generated
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
        subprocess.run([*command, sys.executable, "-c", code], check=True, capture_output=True)
        totals = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.M)
    if totals is None:
        raise RuntimeError("callgrind wrote no totals")
    return int(totals.group(1))


def per_ad(src: Path, ads: int, generated: bool) -> float:
    """Instructions per ad: (warm-up + ``ads``) - (warm-up alone), both run side by side."""
    with ThreadPoolExecutor(2) as pool:
        base, full = pool.map(lambda run: instructions(src, ads, run, generated), (0, ads))
    return (full - base) / ads


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=600)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: apt-get install valgrind", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from report import table, write_section

    src = ROOT / "src"
    compiled = any((src / "linkboard" / "extract").glob("*.so"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(
            src / "linkboard", Path(tmp) / "linkboard", ignore=shutil.ignore_patterns("*.so")
        )
        builds = [("pure Python", Path(tmp))]
        if compiled:
            builds.insert(0, ("compiled (mypyc)", src))
        for corpus, generated in (("dense ads", False), ("generator ads", True)):
            costs = [per_ad(where, args.ads, generated) / 1e6 for _, where in builds]
            for (label, _), cost in zip(builds, costs, strict=True):
                rows.append([corpus, label, cost, cost / costs[0] if compiled else "–"])
    body = (
        f"{args.ads} ads of each kind in the extraction speed table (dense; the demo-corpus "
        "generator's), `extract_record` on each after a 50-ad warm-up, under "
        "`valgrind --tool=callgrind`: instructions executed per ad, the warm-up subtracted. "
        "Unlike the times above, this does not change with what else the machine is doing.\n\n"
        + table(["ads", "build", "million instructions / ad", "relative to compiled"], rows)
    )
    if args.no_write:
        print(body)
    else:
        write_section("extraction_instructions", "Extraction cost in instructions", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
