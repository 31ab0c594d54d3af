"""Precision, recall and F1 of ``linkboard.extract`` on the hand-labelled dev set.

Reads ``tests/data/extraction_dev.jsonl`` (one snippet per line: ``id``, ``family``, ``text``,
optional ``region``, ``expect`` = every (kind, value) in the snippet), runs
``extract_text(text, "body", region)`` and compares sets of (kind, value) per snippet.

    python benchmarks/extraction_quality.py            # table, written into docs/benchmarks.md
    python benchmarks/extraction_quality.py --errors   # also every false positive / negative
    python benchmarks/extraction_quality.py --no-write # print the tables only

Below the table by kind, recall by city, the worst-served city first.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import get_args

from linkboard.model import MentionKind

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT / "tests" / "data" / "extraction_dev.jsonl"
KINDS = get_args(MentionKind)
#: Targets the extractor must meet on the dev set: kind -> (precision, recall).
TARGETS = {
    "phone": (0.98, 0.97),
    "email": (0.98, 0.97),
    "handle": (0.95, 0.95),
    "payment": (0.95, 0.95),
    "crypto": (0.95, 0.95),
    "age": (0.95, 0.95),
    "location": (0.95, 0.95),
}


def load(path: Path = DEV_SET) -> list[dict]:
    if not path.exists():
        raise FileNotFoundError(f"dev set missing: {path} (hand-labelled snippets, see tests/data)")
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def score(rows: list[dict]) -> tuple[dict[str, dict[str, float]], list[str]]:
    """Per-kind and overall {tp, fp, fn, precision, recall, f1}, and the error lines."""
    from linkboard.extract import extract_text

    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    errors = []
    for row in rows:
        expected = {(e["kind"], e["value"]) for e in row["expect"]}
        found = {
            (m.kind, m.value) for m in extract_text(row["text"], "body", row.get("region", "US"))
        }
        for kind, _ in found & expected:
            tp[kind] += 1
        for kind, value in sorted(found - expected):
            fp[kind] += 1
            errors.append(f"FP {row['id']:<14} {kind:<9} {value!r:40} in {row['text']!r}")
        for kind, value in sorted(expected - found):
            fn[kind] += 1
            errors.append(f"FN {row['id']:<14} {kind:<9} {value!r:40} in {row['text']!r}")
    stats = {kind: _prf(tp[kind], fp[kind], fn[kind]) for kind in KINDS}
    stats["overall"] = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return stats, errors


def city_recall(rows: list[dict]) -> list[tuple[str, int, int, int]]:
    """(city, expected, found, wrong) for every city the dev set expects, the worst served first:
    recall by city, and the other cities found in the same snippets (``wrong``)."""
    from linkboard.extract import extract_text

    expected: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for row in rows:
        cities = {e["value"] for e in row["expect"] if e["kind"] == "location"}
        found = {
            m.value
            for m in extract_text(row["text"], "body", row.get("region", "US"))
            if m.kind == "location"
        }
        for city in cities:
            expected[city] += 1
            hit[city] += city in found
            wrong[city] += bool(found - cities)
    return sorted(
        ((c, expected[c], hit[c], wrong[c]) for c in expected),
        key=lambda r: (r[2] / r[1], -r[1], r[0]),
    )


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f1}


def missed_targets(stats: dict[str, dict[str, float]]) -> list[str]:
    out = []
    for kind, (p, r) in TARGETS.items():
        s = stats[kind]
        if s["precision"] < p or s["recall"] < r:
            out.append(f"{kind}: P={s['precision']:.3f} (≥{p}) R={s['recall']:.3f} (≥{r})")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print each FP / FN with its id")
    parser.add_argument(
        "--no-write", action="store_true", help="print, do not touch docs/benchmarks.md"
    )
    parser.add_argument("--cities", type=int, default=10, help="rows of the by-city table")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from report import table, write_section

    rows = load()
    stats, errors = score(rows)
    if args.errors:
        print("\n".join(errors))
    header = [
        "kind",
        "expected",
        "found right",
        "false +",
        "false −",
        "precision",
        "recall",
        "F1",
        "target P/R",
    ]
    body_rows = [
        [
            kind,
            int(s["tp"] + s["fn"]),
            int(s["tp"]),
            int(s["fp"]),
            int(s["fn"]),
            s["precision"],
            s["recall"],
            s["f1"],
            "/".join(map(str, TARGETS.get(kind, ("–",)))),
        ]
        for kind, s in stats.items()
    ]
    cities = city_recall(rows)
    worst = [[c, n, k, k / n, w] for c, n, k, w in cities[: args.cities]]
    body = (
        f"{len(rows)} hand-labelled snippets from `tests/data/extraction_dev.jsonl`, "
        "scored as sets of (kind, value) per snippet.\n\n"
        + table(header, body_rows)
        + f"\n\nRecall by city, the {len(worst)} worst served of {len(cities)} "
        "(snippets that expect the city; found; recall; snippets where another city was also "
        "found):\n\n" + table(["city", "expected", "found", "recall", "with another city"], worst)
    )
    if args.no_write:
        print(body)
    else:
        write_section("extraction_quality", "Extraction quality (dev set)", body)
    missed = missed_targets(stats)
    if missed:
        print("targets missed: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
