"""Issue 18's before and after, side by side in one run: the old checkout (cf77257, before the
back half's refactor) and this one, on the same machine, the same corpus and the same
dependency versions.

    python benchmarks/side_by_side.py                      # everything, full sizes (about an hour)
    python benchmarks/side_by_side.py --parts pipeline --sizes 100000 --repeats 3
    python benchmarks/side_by_side.py --parts workers growth web --web-records 1000000

Each checkout runs in its own virtual environment (each compiles its own ``linkboard.extract``
with mypyc at install), through its own Python API, in a subprocess: this script never imports
linkboard itself. The old checkout is a ``git worktree`` (default /tmp/lb-old) with its venv
made once and reused. Parts:

- pipeline: ingest → record stage → link + networks (``engine.local.process``) at --sizes;
  records/s per stage, wall, peak RSS (largest process, and all the run's processes together,
  sampled from /proc). Runs alternate old, new, old, new... so that noise hits both alike.
- workers: the record stage alone with 1 and with 2 workers: the speed-up per checkout.
- growth: the whole pipeline at --growth-sizes: the exponent k of wall ∝ N^k.
- web: each checkout's own ``benchmarks/web_latency.py`` (its ``build`` and ``measure``) on a
  store of --web-records records that checkout built; the stores are kept and reused.

The corpus is generated once per size by the old checkout's ``linkboard.synth`` (fixed seed, no
images) and kept, so both checkouts ingest the same bytes. The tables go into their own section
of docs/benchmarks.md; the raw figures into --json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import DOC, table, write_section

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OLD_REV = "cf77257"
PARTS = ["pipeline", "workers", "growth", "web"]
INSTALLED = ".side_by_side-installed"


@dataclass
class Checkout:
    name: str
    path: Path
    python: Path
    info: dict[str, Any] = field(default_factory=dict)


# --- setting up the old checkout ------------------------------------------------------------


def sh(*cmd: object, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, check=True, text=True, capture_output=True
    )
    return done.stdout.strip()


def prepare_old(path: Path, rev: str, new: Checkout) -> Checkout:
    """The worktree at REV and its venv, made once: the same dependency versions as NEW's venv
    (its ``pip freeze`` as constraints), so that only linkboard's own code differs."""
    want = sh("git", "-C", ROOT, "rev-parse", f"{rev}^{{commit}}")
    if not (path / ".git").exists():
        print(f"side_by_side: git worktree add {path} {rev}", file=sys.stderr)
        sh("git", "-C", ROOT, "worktree", "add", "--detach", path, want)
    have = sh("git", "-C", path, "rev-parse", "HEAD")
    if have != want:
        raise SystemExit(f"side_by_side: {path} is at {have[:10]}, not {rev}; remove it first")
    venv = path / ".venv"
    stamp = venv / INSTALLED
    if not (stamp.exists() and stamp.read_text().strip() == want):
        print(f"side_by_side: installing {path} into {venv} (minutes)", file=sys.stderr)
        if not (venv / "bin" / "python").exists():
            base = getattr(sys, "_base_executable", sys.executable)
            subprocess.run([base, "-m", "venv", str(venv)], check=True)
        frozen = sh(new.python, "-m", "pip", "freeze", "--exclude-editable")
        constraints = venv / "constraints.txt"
        constraints.write_text(
            "\n".join(line for line in frozen.splitlines() if " @ " not in line) + "\n"
        )
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
        # httpx, httpx2: FastAPI's TestClient, which web_latency.py times pages through (the
        # new venv has both from the test extra; Starlette takes httpx2 when it is there)
        # PIP_CONSTRAINT reaches the isolated build too: the same mypy(c) compiles the extractor
        env = {**os.environ, "PIP_CONSTRAINT": str(constraints)}
        subprocess.run([*pip, "-e", str(path), "httpx", "httpx2"], check=True, env=env)
        stamp.write_text(want + "\n")
    return Checkout("old", path, venv / "bin" / "python")


# --- running a checkout's code in its own venv ----------------------------------------------


PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def descendants(root: int) -> list[int]:
    """ROOT and every process below it, from /proc (a scan costs ~10 ms: done seldom)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def rss_kb(pids: list[int]) -> tuple[int, int]:
    """(sum, largest) resident set of PIDS in kB (those that have ended count 0)."""
    sizes = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm") as f:
                sizes.append(int(f.read().split()[1]) * PAGE_KB)
        except (OSError, IndexError, ValueError):
            continue
    return sum(sizes), max(sizes, default=0)


def in_checkout(checkout: Checkout, op: dict[str, Any]) -> dict[str, Any]:
    """Run OP (see ``child``) with CHECKOUT's Python, in its folder; its result, with the peak
    RSS of its whole process tree sampled every 0.25 s and its wall time."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = Path(f.name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    cmd = [str(checkout.python), str(Path(__file__).resolve()), "--child", json.dumps(op), str(out)]
    peak = [0, 0]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=checkout.path, env=env)

    def sample() -> None:
        tick = 0
        while proc.poll() is None:
            if tick % 8 == 0:  # the process tree every 2 s, its memory every 0.25 s
                pids = descendants(proc.pid)
            total, largest = rss_kb(pids)
            peak[0], peak[1] = max(peak[0], total), max(peak[1], largest)
            tick += 1
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    rc = proc.wait()
    sampler.join()
    wall = time.perf_counter() - t0
    try:
        if rc:
            raise SystemExit(f"side_by_side: {checkout.name}: {op['op']} failed (exit {rc})")
        result: dict[str, Any] = json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)
    result.update(tree_peak_mb=peak[0] / 1024, sampled_largest_mb=peak[1] / 1024, run_s=wall)
    return result


def child(op: dict[str, Any], out: Path) -> None:
    """In a checkout's venv, with its folder as the working directory: do OP, write JSON."""
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    result = CHILD_OPS[op["op"]](op)
    out.write_text(json.dumps(result, default=str))


def op_info(op: dict[str, Any]) -> dict[str, Any]:
    import platform

    import linkboard
    import linkboard.extract

    folder = Path(linkboard.extract.__file__).parent
    so = [p.stat().st_mtime for p in folder.glob("*.so")]
    stale = sorted(p.name for p in folder.glob("*.py") if so and p.stat().st_mtime > min(so))
    return {
        "linkboard": str(Path(linkboard.__file__).resolve().parent),
        "compiled": bool(so),
        "stale": stale,
        "python": platform.python_version(),
    }


def op_synth(op: dict[str, Any]) -> dict[str, Any]:
    from linkboard.synth import generate

    t0 = time.perf_counter()
    generate(Path(op["out"]), ads=op["ads"], seed=op["seed"], images=False)
    return {"synth_s": time.perf_counter() - t0}


def op_pipeline(op: dict[str, Any]) -> dict[str, Any]:
    import resource

    from linkboard.engine.local import process
    from linkboard.ingest import ingest
    from linkboard.store import open_store

    work = Path(tempfile.mkdtemp(prefix="lb-side-", dir=op.get("tmp")))
    try:
        with open_store(work / "bench.db") as store:
            t0 = time.perf_counter()
            counts = ingest(store, [Path(op["corpus"])])
            ingest_s = time.perf_counter() - t0
            report = process(
                store, workers=op["workers"], hash_images=False, link=op["link"], batch=2000
            )
        db_mb = (work / "bench.db").stat().st_size / 2**20
    finally:
        shutil.rmtree(work, ignore_errors=True)
    usage = resource.getrusage
    return {
        "added": counts.added,
        "ingest_s": ingest_s,
        "seconds": dict(report.seconds),
        "records": report.records,
        "linking": dict(report.linking),
        "main_peak_mb": usage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_peak_mb": usage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "store_mb": db_mb,
    }


def web_module(op: dict[str, Any]) -> Any:
    sys.path.insert(0, str(Path.cwd() / "benchmarks"))
    sys.modules.pop("report", None)  # this checkout's own, not the one this script imported
    import web_latency

    return web_latency


def op_web_build(op: dict[str, Any]) -> dict[str, Any]:
    web = web_module(op)
    db = Path(op["db"])
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    t0 = time.perf_counter()
    web.build(db, op["records"])
    return {"build_s": time.perf_counter() - t0}


def op_web_measure(op: dict[str, Any]) -> dict[str, Any]:
    rows = web_module(op).measure(Path(op["db"]), op["records"], op["samples"])
    return {"rows": [[str(c) for c in row] for row in rows]}


CHILD_OPS = {
    "info": op_info,
    "synth": op_synth,
    "pipeline": op_pipeline,
    "web-build": op_web_build,
    "web-measure": op_web_measure,
}


# --- the parts ----------------------------------------------------------------------------


class Bench:
    def __init__(self, args: argparse.Namespace, checkouts: list[Checkout]) -> None:
        self.args = args
        self.checkouts = checkouts
        self.work: Path = args.work
        self.runs: dict[str, list[dict[str, Any]]] = {}
        self.web: dict[str, Any] = {}

    def corpus(self, ads: int) -> Path:
        """The corpus of ADS ads, generated once by the old checkout and kept."""
        folder = self.work / f"corpus-{ads}-seed{self.args.seed}"
        done = folder / "done.json"
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            print(f"side_by_side: generating {ads:,} ads (old checkout's synth)", file=sys.stderr)
            op = {"op": "synth", "out": str(folder), "ads": ads, "seed": self.args.seed}
            done.parent.mkdir(parents=True, exist_ok=True)
            done.write_text(json.dumps(in_checkout(self.checkouts[0], op)))
        return folder / "ads.jsonl"

    def pipeline(self, ads: int, workers: int, link: bool, repeats: int) -> dict[str, list[Any]]:
        """At least REPEATS runs per checkout of this configuration, alternating checkouts;
        runs made earlier in this invocation count."""
        key = f"{ads}/{workers}/{'link' if link else 'records'}"
        runs = self.runs.setdefault(key, [])
        corpus = self.corpus(ads)
        op = {"op": "pipeline", "corpus": str(corpus), "workers": workers, "link": link}
        op["tmp"] = str(self.args.tmp) if self.args.tmp else None
        while len(runs) < repeats * len(self.checkouts):
            for c in self.checkouts:
                result = in_checkout(c, op)
                result["checkout"] = c.name
                result["wall_s"] = result["ingest_s"] + sum(result["seconds"].values())
                runs.append(result)
                print(
                    f"side_by_side: {ads:,} ads, {workers} worker(s), {c.name}: "
                    + ", ".join(f"{k} {v:.1f} s" for k, v in result["seconds"].items())
                    + f", ingest {result['ingest_s']:.1f} s, wall {result['wall_s']:.1f} s, "
                    f"peak {result['tree_peak_mb']:,.0f} MB",
                    file=sys.stderr,
                )
        return {c.name: [r for r in runs if r["checkout"] == c.name] for c in self.checkouts}

    def web_store(self, c: Checkout) -> Path:
        """C's web-latency store of --web-records records, built by C unless a finished one is
        there (a build that did not finish is redone)."""
        n = self.args.web_records
        db = self.work / f"web-{c.name}-{n}.db"
        done = Path(f"{db}.done.json")
        if not (db.exists() and done.exists()):
            done.unlink(missing_ok=True)
            print(f"side_by_side: building {db} ({c.name})", file=sys.stderr)
            result = in_checkout(c, {"op": "web-build", "db": str(db), "records": n})
            done.write_text(json.dumps(result))
        return db


# --- figures into tables ------------------------------------------------------------------


def median_range(values: list[float], digits: int = 1) -> str:
    mid = f"{statistics.median(values):,.{digits}f}"
    if len(values) < 2:
        return mid
    return f"{mid} ({min(values):,.{digits}f}–{max(values):,.{digits}f})"


def rate(runs: list[dict[str, Any]], ads: int, stage: str) -> list[float]:
    if stage == "ingest":
        return [ads / r["ingest_s"] for r in runs]
    return [ads / r["seconds"][stage] for r in runs if r["seconds"].get(stage)]


def peak_mb(r: dict[str, Any]) -> float:
    return max(r["main_peak_mb"], r["sampled_largest_mb"])


def pipeline_part(bench: Bench) -> str:
    args = bench.args
    rows = []
    for ads in args.sizes:
        by = bench.pipeline(ads, args.workers, True, args.repeats)
        old_wall = statistics.median(r["wall_s"] for r in by["old"])
        for name, runs in by.items():
            wall = statistics.median(r["wall_s"] for r in runs)
            rows.append(
                [
                    f"{ads:,}",
                    name,
                    len(runs),
                    median_range(rate(runs, ads, "ingest"), 0),
                    median_range(rate(runs, ads, "record stage"), 0),
                    median_range(rate(runs, ads, "link + network stage"), 0),
                    median_range([r["wall_s"] for r in runs]),
                    "" if name == "old" else f"{wall / old_wall:.2f}",
                    f"{max(peak_mb(r) for r in runs):,.0f}",
                    f"{max(r['tree_peak_mb'] for r in runs):,.0f}",
                    f"{statistics.median(r['store_mb'] for r in runs):,.0f}",
                    runs[0]["linking"].get("networks scored", "–"),
                ]
            )
    header = ["ads", "checkout", "runs", "ingest rec/s", "record stage rec/s",
              "link+networks rec/s", "wall s (ingest→networks)", "new ÷ old wall",
              "peak RSS MB, largest process", "peak RSS MB, all processes", "store MB",
              "networks scored"]  # fmt: skip
    return (
        f"### Pipeline, {args.workers} workers\n\n"
        "Median of the runs (lowest–highest); peak RSS is the highest of the runs.\n\n"
        + table(header, rows)
    )


def workers_part(bench: Bench) -> str:
    args = bench.args
    ads = args.workers_size
    one = bench.pipeline(ads, 1, False, args.workers_repeats)
    two = bench.pipeline(ads, 2, False, args.workers_repeats)
    rows = []
    for c in bench.checkouts:
        r1 = rate(one[c.name], ads, "record stage")
        r2 = rate(two[c.name], ads, "record stage")
        speedup = statistics.median(r2) / statistics.median(r1)
        rows.append([c.name, f"{ads:,}", median_range(r1, 0), median_range(r2, 0),
                     f"{speedup:.2f}×"])  # fmt: skip
    header = ["checkout", "ads", "record stage rec/s, 1 worker", "2 workers",
              "speed-up (target ≥ 1.8×)"]  # fmt: skip
    return (
        "### Record stage, one worker and two\n\n"
        f"The record stage alone (no linking), {args.workers_repeats} run(s) each; the speed-up "
        "is the ratio of the medians. Both checkouts run their pool's workers at nice 10 (one "
        "worker runs in the main process, not niced): anything else busy on the machine slows "
        "the two-worker runs most.\n\n" + table(header, rows)
    )


def exponent(sizes: list[int], walls: list[float]) -> float:
    """k of wall ∝ N^k, least squares on the logs (exact for two sizes)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(w) for w in walls]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def growth_part(bench: Bench) -> str:
    args = bench.args
    sizes = sorted(args.growth_sizes)
    by_size = {n: bench.pipeline(n, args.workers, True, args.growth_repeats) for n in sizes}
    rows = []
    for c in bench.checkouts:
        walls = [statistics.median(r["wall_s"] for r in by_size[n][c.name]) for n in sizes]
        peaks = [max(r["tree_peak_mb"] for r in by_size[n][c.name]) for n in sizes]
        k = exponent(sizes, walls) if len(sizes) > 1 else float("nan")
        rows.append([c.name, *(f"{w:,.1f}" for w in walls), f"N^{k:.2f}",
                     *(f"{p:,.0f}" for p in peaks)])  # fmt: skip
    header = ["checkout", *(f"wall s, {n:,} ads" for n in sizes), "growth (target ≤ N^1.05)",
              *(f"peak RSS MB (all processes), {n:,}" for n in sizes)]  # fmt: skip
    return (
        f"### Growth of the whole pipeline, {args.workers} workers\n\n"
        "Wall time ingest → networks, median of the runs at each size (--growth-repeats "
        f"{args.growth_repeats}, with the pipeline part's runs at the same size); the "
        "exponent k of wall ∝ N^k is fitted on the logs (log(t₂/t₁)/log(N₂/N₁) for two "
        "sizes).\n\n" + table(header, rows)
    )


def web_part(bench: Bench) -> str:
    args = bench.args
    n = args.web_records
    dbs = {c.name: bench.web_store(c) for c in bench.checkouts}
    samples: dict[str, list[list[list[str]]]] = {c.name: [] for c in bench.checkouts}
    for _ in range(args.web_repeats):
        for c in bench.checkouts:
            op = {"op": "web-measure", "db": str(dbs[c.name]), "records": n,
                  "samples": args.web_samples}  # fmt: skip
            samples[c.name].append(in_checkout(c, op)["rows"])
    bench.web = samples
    builds = {
        c.name: json.loads(Path(f"{dbs[c.name]}.done.json").read_text())["build_s"]
        for c in bench.checkouts
    }

    def figure(name: str, page: str, column: int) -> list[float]:
        return [float(row[column]) for rows in samples[name] for row in rows
                if row[0] == page and row[column]]  # fmt: skip

    pages = [row[0] for row in samples["old"][0]]
    pages += [row[0] for row in samples["new"][0] if row[0] not in pages]
    rows = []
    for page in pages:
        cells: list[object] = [page]
        for column in (1, 2):
            for name in ("old", "new"):
                got = figure(name, page, column)
                cells.append(median_range(got) if got else "–")
        old95, new95 = figure("old", page, 2), figure("new", page, 2)
        ratio = statistics.median(new95) / statistics.median(old95) if old95 and new95 else None
        cells.append(f"{ratio:.2f}" if ratio else "")
        rows.append(cells)
    header = ["page", "old p50 ms", "new p50 ms", "old p95 ms", "new p95 ms", "new ÷ old p95"]
    return (
        f"### Web pages on {n:,} records\n\n"
        f"Each checkout's own `benchmarks/web_latency.py` (`build`, then `measure`: "
        f"{args.web_samples} requests per page through FastAPI's TestClient), on a store that "
        f"checkout built (old {builds['old']:,.0f} s, new {builds['new']:,.0f} s to build); "
        f"{args.web_repeats} round(s), old then new; median (lowest–highest) over rounds.\n\n"
        + table(header, rows)
    )


# --- the command ----------------------------------------------------------------------------


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--parts", nargs="+", choices=PARTS, default=PARTS)
    p.add_argument("--sizes", type=int, nargs="+", default=[100_000], help="pipeline part")
    p.add_argument("--repeats", type=int, default=3, help="pipeline runs per checkout and size")
    p.add_argument("--workers", type=int, default=2, help="record-stage workers (pipeline, growth)")
    p.add_argument("--workers-size", type=int, default=20_000)
    p.add_argument("--workers-repeats", type=int, default=3)
    p.add_argument("--growth-sizes", type=int, nargs="+", default=[20_000, 200_000])
    p.add_argument("--growth-repeats", type=int, default=1)
    p.add_argument("--web-records", type=int, default=1_000_000)
    p.add_argument("--web-samples", type=int, default=100)
    p.add_argument("--web-repeats", type=int, default=1)
    p.add_argument("--seed", type=int, default=11, help="the corpus's seed")
    p.add_argument("--old-rev", default=OLD_REV)
    p.add_argument("--old", type=Path, default=Path("/tmp/lb-old"), help="old worktree")
    p.add_argument("--new", type=Path, default=ROOT, help="new checkout (default: this one)")
    p.add_argument("--new-python", type=Path, help="default: NEW/.venv/bin/python")
    p.add_argument("--work", type=Path, default=ROOT / ".bench" / "side_by_side",
                   help="corpora and web stores, kept between runs")  # fmt: skip
    p.add_argument("--tmp", type=Path, help="where each run's store goes (default: system tmp)")
    p.add_argument("--json", type=Path, help="raw figures (default: WORK/last-run.json)")
    p.add_argument("--no-doc", action="store_true", help="do not write docs/benchmarks.md")
    p.add_argument(
        "--drop-other-parts",
        action="store_true",
        help="leave out of the section the parts this run does not measure (by default they "
        "stay as an earlier run wrote them, each saying which run)",
    )
    return p.parse_args(argv)


def checkouts(args: argparse.Namespace) -> list[Checkout]:
    new_path = args.new.resolve()
    new = Checkout("new", new_path, args.new_python or new_path / ".venv" / "bin" / "python")
    old = prepare_old(args.old.resolve(), args.old_rev, new)
    both = [old, new]
    for c in both:
        c.info = in_checkout(c, {"op": "info"})
        if Path(c.info["linkboard"]) != (c.path / "src" / "linkboard").resolve():
            raise SystemExit(f"side_by_side: {c.python} imports linkboard from elsewhere: {c.info}")
        if c.info["stale"]:
            raise SystemExit(
                f"side_by_side: {c.name}'s compiled extractor is older than its sources "
                f"({', '.join(c.info['stale'])}): run `{c.python} -m pip install -e {c.path}`"
            )
    if both[0].info["compiled"] != both[1].info["compiled"]:
        print("side_by_side: WARNING only one checkout's extractor is compiled", file=sys.stderr)
    return both


def new_revision(both: list[Checkout]) -> str:
    rev = sh("git", "-C", both[1].path, "rev-parse", "--short", "HEAD")
    dirty = sh("git", "-C", both[1].path, "status", "--porcelain", "--untracked-files=no")
    return rev + (" with uncommitted changes" if dirty else "")


def describe_run(args: argparse.Namespace, both: list[Checkout], load: float) -> str:
    """The line under each part: which run measured it (a part this run leaves out keeps the
    line of the run that measured it)."""
    command = " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])
    return (
        f"_Measured {time.strftime('%Y-%m-%d')}, old at {args.old_rev}, new at "
        f"{new_revision(both)}, load average {load:.1f} at the start: `{command}`._"
    )


def describe(args: argparse.Namespace, both: list[Checkout]) -> str:
    return (
        f"Old: {args.old_rev} (before issue 18's refactor); new: {new_revision(both)}. "
        "Each in its own venv with the same "
        "dependency versions, extractor compiled with mypyc: "
        + ", ".join(f"{c.name} {'yes' if c.info['compiled'] else 'no'}" for c in both)
        + f". Corpus: the old checkout's `linkboard synth`, seed {args.seed}, no images, the "
        "same file for both; each run ingests it into a fresh store and runs "
        "`engine.local.process` (hash_images off). Runs alternate old, new, old, new.\n"
    )


def earlier_parts(names: list[str]) -> dict[str, str]:
    """The parts NAMES as the side-by-side section of docs/benchmarks.md has them now."""
    text = DOC.read_text() if DOC.exists() else ""
    found = re.search(r"<!-- bench:side_by_side -->(.*?)<!-- /bench:side_by_side -->", text, re.S)
    parts = re.split(r"(?=<!-- part:)", found.group(1)) if found else []
    kept = {}
    for chunk in parts:
        name = re.match(r"<!-- part:(\w+) -->", chunk)
        if name and name.group(1) in names:
            kept[name.group(1)] = chunk.strip()
    return kept


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        child(json.loads(argv[1]), Path(argv[2]))
        return 0
    args = parse(argv)
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    both = checkouts(args)
    load = os.getloadavg()[1]
    if load > 0.5:
        print(f"side_by_side: WARNING the machine is busy (load {load:.1f}): figures will be "
              "noisy, the two-worker ones most", file=sys.stderr)  # fmt: skip
    bench = Bench(args, both)
    parts = {"pipeline": pipeline_part, "workers": workers_part, "growth": growth_part,
             "web": web_part}  # fmt: skip
    t0 = time.perf_counter()
    stamp = describe_run(args, both, load)
    sections = {
        name: f"<!-- part:{name} -->\n{parts[name](bench)}\n\n{stamp}"
        for name in PARTS
        if name in args.parts
    }
    took = time.perf_counter() - t0
    raw = {"args": {k: str(v) for k, v in vars(args).items()}, "checkouts": {c.name: c.info
           for c in both}, "pipeline": bench.runs, "web": bench.web, "seconds": took}  # fmt: skip
    out = args.json or args.work / "last-run.json"
    out.write_text(json.dumps(raw, indent=1, default=str))
    if not args.drop_other_parts:
        sections = {**earlier_parts([p for p in PARTS if p not in sections]), **sections}
    body = (
        describe(args, both)
        + f"\nThis run took {took / 60:,.0f} min; the machine's load average (5 min) was "
        f"{load:.1f} at its start, {os.getloadavg()[1]:.1f} at its end.\n\n"
        + "\n\n".join(sections[name] for name in PARTS if name in sections)
    )
    if args.no_doc:
        print(body)
    else:
        write_section("side_by_side", "Issue 18: before and after, side by side", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
