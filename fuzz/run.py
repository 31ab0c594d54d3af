"""Run the fuzzers: ``python -m fuzz.run [READER ...] --seconds N [--jobs J]`` (``make fuzz``).

Each reader runs in a process of its own: first its hostile seeds (``seeds.HOSTILE`` and the
inputs kept under ``fuzz/regressions/<reader>/``), each timed and measured and bounded
(``SEED_SECONDS``, ``SEED_MB``); then atheris, coverage-guided, over the seed corpus for N
seconds, libFuzzer bounding each input (``-timeout``, ``-rss_limit_mb``). Prints the inputs
tried per reader and exits 1 if a reader broke its property, hung or ran out of memory; the
input that did it is kept under ``<work>/<reader>/crashes/``: fix the reader, add a test, and
copy the input into ``fuzz/regressions/<reader>/``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import pkgutil
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: linkboard's own readers, image decoding, and the payments channel's statement readers
#: (``targets.STATEMENTS``: written out here, as importing ``targets`` imports the readers, and
#: they must first be imported under instrumentation, in ``child``).
STATEMENTS = ("camt053", "cashapp", "venmo", "paypal", "ofx", "mt940", "crypto_csv", "ledger_csv")
#: The social channel's chat export readers (``targets.SOCIAL``).
SOCIAL = ("telegram", "whatsapp", "instagram")
READERS = ("jsonl", "csv", "cdr", "html", "image", *STATEMENTS, *SOCIAL)
#: Modules whose coverage guides the fuzzer (the readers and what they call). atheris
#: instruments whole top-level packages (all of ``linkboard``) imported under it: ``child``
#: imports the modules each reader needs that are imported lazily.
INSTRUMENTED = [
    "linkboard.ingest",
    "linkboard.engine.stages",
    "linkboard.link.photos",
    "linkboard.payments.readers",
    "linkboard.social.readers",
]
SEED_SECONDS = 10.0
SEED_MB = 512
INPUT_SECONDS = 10
RSS_LIMIT_MB = 2048
MAX_LEN = 65536


@dataclass
class Result:
    reader: str
    seconds: int
    seeds: int = 0
    slowest_seed_s: float = 0.0
    largest_seed_mb: int = 0
    inputs: int = 0
    corpus: int = 0
    outcome: str = "ok"
    detail: str = ""
    failures: list[str] = field(default_factory=list)


def measure(run: Any) -> tuple[Any, float, int]:
    """(result, seconds, peak resident growth in MB) of RUN() (Linux: VmHWM reset first)."""
    reset = Path("/proc/self/clear_refs")
    with contextlib.suppress(OSError):
        reset.write_text("5")
    before = _status("VmRSS")
    began = time.perf_counter()
    result = run()
    return result, time.perf_counter() - began, max(0, _status("VmHWM") - before)


def _status(key: str) -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def regressions(reader: str) -> list[tuple[str, bytes, str]]:
    """(name, input, expected reason) of every hostile seed of READER."""
    from fuzz.seeds import HOSTILE

    kept = ROOT / "fuzz" / "regressions" / reader
    found = [(f"regressions/{p.name}", p.read_bytes(), "") for p in sorted(kept.glob("*"))]
    return [(s.name, s.build(), s.expect) for s in HOSTILE if s.reader == reader] + found


def check_seeds(reader: str, target: Any) -> list[dict[str, Any]]:
    """Run READER's hostile seeds through TARGET, one report each (``problem`` when broken)."""
    out = []
    for name, data, expect in regressions(reader):
        try:
            reasons, took, grew = measure(lambda data=data: target(data))
            problem = ""
        except Exception as exc:  # a broken property is the report
            reasons, took, grew, problem = [], 0.0, 0, f"{type(exc).__name__}: {exc}"[:300]
        if not problem and expect and not any(expect in r for r in reasons):
            problem = f"expected a reason with {expect!r}, got {reasons[:3]}"
        if not problem and took > SEED_SECONDS:
            problem = f"took {took:.1f} s (over {SEED_SECONDS:.0f})"
        if not problem and grew > SEED_MB:
            problem = f"grew {grew} MB (over {SEED_MB})"
        out.append({"seed": name, "seconds": round(took, 3), "mb": grew, "problem": problem})
        del data
    return out


def child(reader: str, seconds: int, work: Path, seeds: bool = True) -> None:
    """The fuzzing process for one reader: hostile seeds, then atheris (never returns)."""
    import atheris

    with atheris.instrument_imports(include=INSTRUMENTED):
        from fuzz import targets

        lazy(reader)
    target = targets.TARGETS[reader]
    reports = check_seeds(reader, target) if seeds else []
    for report in reports:
        print("seed\t" + json.dumps(report), flush=True)
    if any(r["problem"] for r in reports):
        sys.exit(3)
    corpus, crashes = work / reader / "corpus", work / reader / "crashes"
    for folder in (corpus, crashes):
        folder.mkdir(parents=True, exist_ok=True)
    kept = ROOT / "fuzz" / "regressions" / reader
    flags = [
        f"-max_total_time={seconds}",
        f"-timeout={INPUT_SECONDS}",
        f"-rss_limit_mb={RSS_LIMIT_MB}",
        f"-max_len={MAX_LEN}",
        "-print_final_stats=1",
        f"-artifact_prefix={crashes}/",
    ]
    tokens = work / "seeds" / f"{reader}.dict"  # the format's own tokens, where it has some
    flags += [f"-dict={tokens}"] if tokens.is_file() else []
    dirs = [str(corpus), str(work / "seeds" / reader)] + ([str(kept)] if kept.is_dir() else [])
    atheris.Setup([sys.argv[0], *flags, *dirs], lambda data: target(data))
    atheris.Fuzz()


def lazy(reader: str) -> None:
    """Import the modules READER needs that are imported when first used (the record stage's for
    images; for a statement, the payments channel and all its readers: detection asks each; for
    a chat export, the social channel's readers)."""
    if reader in SOCIAL:
        import linkboard.social.readers
    elif reader == "image":
        import linkboard.engine.stages
        import linkboard.link.photos  # noqa: F401
    elif reader in STATEMENTS:
        import linkboard.payments.readers as readers

        for module in pkgutil.iter_modules(readers.__path__):
            importlib.import_module(f"{readers.__name__}.{module.name}")


def fuzz(reader: str, seconds: int, work: Path, seeds: bool = True) -> Result:
    """Run READER's fuzzing process and read its report."""
    result = Result(reader, seconds)
    command = [
        sys.executable,
        "-m",
        "fuzz.run",
        "--child",
        reader,
        "--seconds",
        str(seconds),
        "--work",
        str(work),
        *([] if seeds else ["--skip-seeds"]),
    ]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")])}
    try:
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=seconds + 300
        )
    except subprocess.TimeoutExpired:
        result.outcome, result.detail = "hang", "the fuzzing process did not end"
        return result
    seeds = [json.loads(line[5:]) for line in done.stdout.splitlines() if line.startswith("seed\t")]
    result.seeds = len(seeds)
    result.slowest_seed_s = max((s["seconds"] for s in seeds), default=0.0)
    result.largest_seed_mb = max((s["mb"] for s in seeds), default=0)
    result.failures = [f"{s['seed']}: {s['problem']}" for s in seeds if s["problem"]]
    log = done.stderr
    result.inputs = _last_int(r"stat::number_of_executed_units:\s*(\d+)", log) or _last_int(
        r"Done (\d+) runs", log
    )
    result.corpus = _last_int(r"corp: (\d+)/", log)
    if done.returncode != 0:
        result.outcome = "seed broken" if result.failures else _why(log)
        tail = [line for line in log.splitlines() if line.strip()][-12:]
        result.detail = "\n".join(tail)
    return result


def _last_int(pattern: str, text: str) -> int:
    found = re.findall(pattern, text)
    return int(found[-1]) if found else 0


def _why(log: str) -> str:
    for needle, outcome in (
        ("libFuzzer: timeout", "hang"),
        ("out-of-memory", "out of memory"),
        ("Uncaught Python exception", "crash"),
    ):
        if needle in log:
            return outcome
    return "failed"


def table(results: list[Result]) -> str:
    rows = [
        "| reader | hostile seeds | slowest seed | largest seed | inputs tried | corpus | result |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        rows.append(
            f"| {r.reader} | {r.seeds} | {r.slowest_seed_s:.2f} s | {r.largest_seed_mb} MB "
            f"| {r.inputs:,} | {r.corpus:,} | {r.outcome} |"
        )
    return "\n".join(rows)


def _fuzzed(reader: str, args: argparse.Namespace) -> Result:
    result = fuzz(reader, args.seconds, args.work, seeds=not args.skip_seeds)
    said = [f"{reader}: {result.inputs:,} inputs in {args.seconds} s, {result.outcome}"]
    for line in [*result.failures, *([result.detail] if result.detail else [])]:
        said.append("  " + line.replace("\n", "\n  "))
    print("\n".join(said), file=sys.stderr, flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("readers", nargs="*", metavar="READER", help=", ".join(READERS))
    parser.add_argument("--seconds", type=int, default=60, help="fuzzing time per reader")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "fuzz")
    parser.add_argument("--json", type=Path, help="write the results here too")
    parser.add_argument(
        "--skip-seeds",
        action="store_true",
        help="fuzz only (tests/fuzz runs the hostile seeds on their own)",
    )
    parser.add_argument(
        "--jobs", type=int, default=1, help="readers fuzzed at once (each in a process)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    unknown = sorted(set(args.readers) - set(READERS))
    if unknown:
        parser.error(f"no reader {', '.join(unknown)}: use {', '.join(READERS)}")
    if args.child:
        child(args.child, args.seconds, args.work, seeds=not args.skip_seeds)
        return 0
    from fuzz.seeds import write_corpus

    write_corpus(args.work / "seeds")
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:  # each reader fuzzes in a process
        results = list(pool.map(lambda reader: _fuzzed(reader, args), args.readers or READERS))
    print(table(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    return 0 if all(r.outcome == "ok" for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
