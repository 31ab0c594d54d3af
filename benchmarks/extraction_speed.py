"""Throughput of ``linkboard.extract`` on one core: ads/second, whole record and per family.

Builds dense synthetic ~600-character ads (fictional 555-01XX numbers, all disguised; emails,
handles, prices, cities) with a fixed seed, and as many ads from the demo-corpus generator, warms
up once, then times each stage (CPU time, fastest of ``--repeat`` runs).

    python benchmarks/extraction_speed.py [--ads 3000] [--repeat 5] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import random
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
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from report import table, write_section

    from linkboard.extract import FAMILIES, extract_record, locations
    from linkboard.extract.normalise import Field
    from linkboard.model import Provenance, Record

    rng = random.Random(7)
    prov = Provenance("synthetic", "-", "2025-01-01T00:00:00Z", "0" * 64)
    records = [
        Record(id=str(i), kind="ad", raw="", provenance=prov, **ad(rng)) for i in range(args.ads)
    ]
    for r in records[:50]:  # warm-up: data files and gazetteer load once
        extract_record(r)
    mentions = sum(len(extract_record(r)) for r in records)
    total = best(args.repeat, lambda: [len(extract_record(r)) for r in records])
    rows = [
        [
            "extract_record, dense ads (4 fields)",
            args.ads / total,
            total / args.ads * 1e6,
            mentions / args.ads,
        ]
    ]
    generated = generated_ads(args.ads, prov)
    chars = sum(len(r.body) for r in generated) / len(generated)
    found = sum(len(extract_record(r)) for r in generated)
    t = best(args.repeat, lambda: [len(extract_record(r)) for r in generated])
    rows.append(
        [
            f"extract_record, generator ads ({chars:.0f}-character body)",
            len(generated) / t,
            t / len(generated) * 1e6,
            found / len(generated),
        ]
    )
    for kind, find in {**FAMILIES, "location": locations.find}.items():
        times, n = [], 0
        for _ in range(args.repeat):
            fields = [Field(r.body, "body", r.region) for r in records]
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
        "the machine was doing). A family's row includes building the views it reads first.\n\n"
        + table(["stage", "ads/second", "µs/ad", "mentions/ad"], rows)
    )
    if args.no_write:
        print(body)
    else:
        write_section("extraction_speed", "Extraction speed", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
