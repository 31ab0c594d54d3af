"""Throughput of ``linkboard.extract``: ads/second on one core, and the local engine on all cores.

Builds dense synthetic ~600-character ads (fictional 555-01XX numbers, all disguised; emails,
handles, prices, cities) with a fixed seed, and as many ads from the demo-corpus generator, warms
up once, then times each stage (CPU time, fastest of ``--repeat`` runs).

    python benchmarks/extraction_speed.py [--ads 3000] [--repeat 5] [--engine-ads N] [--no-write]

``make`` installs the extractor compiled with mypyc (see setup.py); the whole-record rows are also
timed on a pure-Python copy of the package, in a second process, for comparison. The engine rows
run the local engine's record stage (extraction and scoring) with one worker and with one per core.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AREA_CODES = ["702", "213", "305", "212", "404", "713", "312", "206", "617", "415", "503", "416"]
CITIES = [
    "Houston",
    "Las Vegas",
    "Miami",
    "Dallas, TX",
    "Portland, OR",
    "Toronto",
    "Denver",
    "Springfield",
    "Atlanta",
    "Seattle",
]
NAMES = ["Lola", "Mia", "Jasmine", "Bella", "Nina", "Jade", "Ruby", "Sasha"]
SPELLED = {"0": "zero", "1": "one", "2": "two", "5": "five", "7": "seven", "8": "eight"}
FILLER = (
    "Sweet and classy companion, friendly and discreet. Clean private place, easy parking. "
    "No rush, good conversation, respectful gentlemen only. Screening required for new "
    "friends. Text first, no blocked numbers please. "
)


def phone(rng: random.Random) -> str:
    area, line = rng.choice(AREA_CODES), f"01{rng.randrange(100):02d}"
    style = rng.randrange(6)
    digits = f"{area}555{line}"
    if style == 0:
        return f"({area}) 555-{line}"
    if style == 1:
        return f"{area}.555.{line}"
    if style == 2:  # spelled digits mixed in
        return "".join(SPELLED.get(d, d) if rng.random() < 0.4 else d for d in digits)
    if style == 3:  # letters for digits
        return digits.replace("0", "O").replace("1", "l")
    if style == 4:  # fullwidth
        return "".join(chr(0xFF10 + int(d)) for d in digits)
    return " ".join(digits)


def ad(rng: random.Random) -> dict[str, str]:
    name, city = rng.choice(NAMES), rng.choice(CITIES)
    parts = [
        f"Hi, I'm {name}, {rng.randrange(21, 40)}, visiting {city} this week.",
        f"Call or text {phone(rng)}.",
        f"Rates: {rng.randrange(10, 20) * 10}hh {rng.randrange(20, 40) * 10}h, "
        f"${rng.randrange(3, 6)}00/hr outcall.",
        f"IG: @{name.lower()}_{rng.randrange(99)} sc- {name.lower()}.x",
        f"Email {name.lower()}{rng.randrange(99)} (at) example (dot) com. "
        "Available 24/7, until 4am.",
        f"Deposit ${name}Cash{rng.randrange(9)} or zelle {phone(rng)}.",
    ]
    rng.shuffle(parts)
    body = " ".join(parts)
    body = (body + " " + FILLER)[:600]
    slug = city.split(",")[0].lower().replace(" ", "-")
    return {
        "title": f"{name} new in {city.split(',')[0]} - call {phone(rng)}",
        "body": body,
        "location": city,
        "url": f"https://ads.example.com/{slug}/{rng.randrange(10**6)}",
    }


def provenance() -> Any:
    from linkboard.model import Provenance

    return Provenance("synthetic", "-", "2025-01-01T00:00:00Z", "0" * 64)


def dense_records(n: int, seed: int = 7) -> list[Any]:
    """``n`` dense ads (``ad``) as records, from a fixed seed."""
    from linkboard.model import Record

    rng, prov = random.Random(seed), provenance()
    return [Record(id=str(i), kind="ad", raw="", provenance=prov, **ad(rng)) for i in range(n)]


def generated_ads(n: int, prov: Any) -> list[Any]:
    """``n`` ads from ``linkboard.synth`` (seed 7): the demo corpus's mix of plain and disguised
    contacts, site boilerplate, emoji."""
    from linkboard.model import Record
    from linkboard.synth.generate import generate

    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), n, seed=7, images=False)
        rows = [json.loads(line) for line in (Path(tmp) / "ads.jsonl").open(encoding="utf-8")]
    return [
        Record(
            id=d["id"],
            kind="ad",
            raw="",
            provenance=prov,
            title=d["title"],
            body=d["body"],
            url=d["url"],
            location=d.get("location") or "",
        )
        for d in rows
    ]


def compiled() -> bool:
    from linkboard.extract import phones

    return not phones.__file__.endswith(".py")


def whole_records(args: argparse.Namespace) -> list[tuple[str, list[float]]]:
    """``extract_record`` on the dense ads and on the generator's: ads/s, µs/ad, mentions/ad."""
    from linkboard.extract import extract_record

    dense = dense_records(args.ads)
    generated = generated_ads(args.ads, provenance())
    chars = sum(len(r.body) for r in generated) / len(generated)
    for r in dense[:50]:  # warm-up: data files and gazetteer load once
        extract_record(r)
    out = []
    for label, records in (
        ("dense ads (4 fields)", dense),
        (f"generator ads ({chars:.0f}-character body)", generated),
    ):
        found = sum(len(extract_record(r)) for r in records)
        t = best(args.repeat, lambda rs=records: [len(extract_record(r)) for r in rs])
        out.append((label, [len(records) / t, t / len(records) * 1e6, found / len(records)]))
    return out


def pure_python_rows(args: argparse.Namespace) -> list[list[Any]]:
    """The whole-record rows again, on a copy of the package without its compiled modules."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(
            ROOT / "src" / "linkboard",
            Path(tmp) / "linkboard",
            ignore=shutil.ignore_patterns("*.so"),
        )
        command = [sys.executable, __file__, "--src", tmp, "--records-only"]
        command += ["--ads", str(args.ads), "--repeat", str(args.repeat)]
        out = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def engine_rows(args: argparse.Namespace) -> list[list[Any]]:
    """The local engine's record stage (extraction, then scoring) on the dense ads with one worker
    and with one per core: wall-clock ads/s, pool start included, and the speed-up."""
    from linkboard.engine.local import facts_in_batches

    records = dense_records(args.engine_ads, seed=11)
    batches = [records[i : i + 500] for i in range(0, len(records), 500)]
    rows: list[list[Any]] = []
    single = 0.0
    for workers in sorted({1, os.cpu_count() or 1}):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            done = sum(len(f) for f in facts_in_batches(iter(batches), workers, None, False))
            times.append(time.perf_counter() - start)
            assert done == len(records)
        rate = len(records) / min(times)
        single = single or rate
        label = f"local engine record stage (extract + score), {workers} worker"
        rows.append([label + ("s" if workers > 1 else ""), rate, f"{rate / single:.2f}×"])
    return rows


def best(repeat: int, run: Callable[[], object]) -> float:
    """The least CPU time of ``repeat`` runs of ``run``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5, help="runs per stage; the fastest counts")
    parser.add_argument("--engine-ads", type=int, default=24000, help="ads for the engine rows")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help=argparse.SUPPRESS)
    parser.add_argument("--records-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.src))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from report import table, write_section

    from linkboard.extract import FAMILIES, locations
    from linkboard.extract.normalise import Field

    build = "compiled (mypyc)" if compiled() else "pure Python"
    rows = [[f"extract_record, {label}, {build}", *row] for label, row in whole_records(args)]
    if args.records_only:
        print(json.dumps(rows))
        return 0
    if compiled():
        rows += pure_python_rows(args)
    rng = random.Random(7)
    records = [ad(rng) for _ in range(args.ads)]
    for kind, find in {**FAMILIES, "location": locations.find}.items():
        times, n = [], 0
        for _ in range(args.repeat):
            fields = [Field(r["body"], "body", "US") for r in records]
            for f in fields:  # what the families before it found
                for k, fn in FAMILIES.items():
                    if k == kind:
                        break
                    f.found[k] = fn(f)
            start = time.process_time()
            n = sum(len(find(f)) for f in fields)
            times.append(time.process_time() - start)
        t = min(times)
        rows.append([f"{kind} (body only)", args.ads / t, t / args.ads * 1e6, n / args.ads])
    body = (
        f"{args.ads} dense synthetic ads (~600-character body, title, url, location box; every ad "
        "carries three phones in six disguises, an obfuscated email, handles, payments, prices, "
        f"an age, a city and times), and {args.ads} ads from the demo-corpus generator; "
        "one core, CPU time (`time.process_time`), after a 50-ad warm-up; each stage is timed "
        f"{args.repeat} times and the fastest run is reported (the others differ by what else "
        "the machine was doing). The extractor as `make` installs it is compiled with mypyc; the "
        "pure-Python rows time a copy of the package without its compiled modules, in a second "
        "process. The per-family rows time the installed build on the dense bodies and include "
        "building the views each family reads first.\n\n"
        + table(["stage", "ads/second", "µs/ad", "mentions/ad"], rows)
        + f"\n\nScaling with cores: {args.engine_ads} dense ads (another seed) through the local "
        "engine's record stage (`linkboard.engine.local.facts_in_batches`, batches of 500; the "
        "pool of worker processes that `linkboard run` uses), wall-clock, best of 3, the pool's "
        "start included. Scoring runs after extraction on each ad, so these rates are lower than "
        "extraction's alone.\n\n" + table(["stage", "ads/second", "speed-up"], engine_rows(args))
    )
    if args.no_write:
        print(body)
    else:
        write_section("extraction_speed", "Extraction speed", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
