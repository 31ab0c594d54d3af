"""Linking speed and quality on synthetic corpora (linkboard.synth), against the truth posters.

For each size: generate the corpus (``images=False``), load it into a store with mentions
(``--mentions truth``: spans of the identifiers, names and cities the generator wrote, found in
the text; ``--mentions extract``: ``linkboard.extract.extract_record``, slower), then, in a
fresh process on a copy of that store, time ``linkboard.link.update`` over every ad at once and
compare the networks with the truth (pairwise precision/recall/F1 over same-network pairs,
adjusted Rand index), overall and for networks built from one link kind alone. Corpora and
loaded stores are cached in ``--work``; peak memory is the linking process' own and, apart, that
of the engine's pool worker that a multi-increment update uses (linkboard.engine.local).

    python benchmarks/linking.py --sizes 10000 100000 [--mentions extract] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from math import comb
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import table, write_section

from linkboard.link import LinkConfig, update
from linkboard.model import Mention, Provenance, Record, RecordFacts, sha256_text
from linkboard.store import open_store


def records(corpus: Path) -> list[Record]:
    out = []
    for line in (corpus / "ads.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        out.append(
            Record(
                d["id"],
                "ad",
                line,
                Provenance("synth", d["id"], "2024-01-01", sha256_text(line)),
                title=d["title"],
                body=d["body"],
                url=d["url"],
                site=d["site"],
                posted_at=d["posted_at"],
                location=d["location"],
            )
        )
    return out


def truth(corpus: Path) -> dict[str, dict]:
    rows = (json.loads(x) for x in (corpus / "truth_ads.jsonl").read_text().splitlines())
    return {t["id"]: t for t in rows}


def truth_mentions(rec: Record, t: dict) -> list[Mention]:
    out = []
    for field in ("title", "body"):
        text = rec.field_text(field)
        for kind, value, written in t["written"]:
            for m in re.finditer(re.escape(written), text):
                out.append(Mention(kind, value, written, m.start(), m.end(), "truth", field))
        for alias in t["persons"]:
            for m in re.finditer(rf"\b{re.escape(alias)}\b", text, re.I):
                out.append(Mention("name", alias, m.group(), m.start(), m.end(), "truth", field))
        city = t["city"].split(",")[0]
        for m in re.finditer(rf"\b{re.escape(city)}\b", text):
            out.append(Mention("location", t["city"], city, m.start(), m.end(), "truth", field))
    return out


def load(store, recs: list[Record], gold: dict[str, dict], how: str) -> float:
    start = time.perf_counter()
    extract = None
    if how == "extract":
        from linkboard.extract import extract_record as extract
    for i in range(0, len(recs), 5000):
        chunk = recs[i : i + 5000]
        store.add_records(chunk)
        facts = []
        for r in chunk:
            ms = extract(r) if extract else truth_mentions(r, gold[r.id])
            cities = [m.value for m in ms if m.kind == "location"]
            facts.append(
                RecordFacts(
                    r, ms, [], [], None, None, city=cities[0] if cities else gold[r.id]["city"]
                )
            )
        store.save_record_facts(facts)
    return time.perf_counter() - start


def scores(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Pairwise precision/recall/F1 and adjusted Rand index of two labelings of the same ids."""
    ids = list(gold)
    cells = Counter((pred[i], gold[i]) for i in ids)
    a = Counter(pred[i] for i in ids)
    b = Counter(gold[i] for i in ids)
    tp = sum(comb(n, 2) for n in cells.values())
    pp, tt, n = sum(comb(x, 2) for x in a.values()), sum(comb(x, 2) for x in b.values()), len(ids)
    p, r = tp / pp if pp else 1.0, tp / tt if tt else 1.0
    expected = pp * tt / comb(n, 2)
    ari = (tp - expected) / ((pp + tt) / 2 - expected) if pp + tt else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "ari": ari}


def loaded(size: int, how: str, work: Path) -> Path:
    """The store with the corpus of SIZE ads loaded (not linked), cached in WORK."""
    from linkboard.synth import generate

    corpus = work / f"c{size}"
    if not (corpus / "ads.jsonl").exists():
        generate(corpus, size, seed=7, images=False)
    path = work / f"l{size}-{how}.db"
    if not path.exists():
        recs, gold = records(corpus), truth(corpus)
        part = path.with_suffix(".part")
        part.unlink(missing_ok=True)
        store = open_store(part)
        load(store, recs, gold, how)
        store.close()
        part.rename(path)
    return path


def run(size: int, kinds: tuple[str, ...], how: str, work: Path) -> dict:
    """Link a copy of the loaded store in a fresh process; its JSON result."""
    source = loaded(size, how, work)
    db = work / f"s{size}-{'-'.join(kinds)}.db"
    for path in (db, *(db.with_name(db.name + end) for end in ("-wal", "-shm"))):
        path.unlink(missing_ok=True)  # a WAL left by an interrupted run would not fit the copy
    shutil.copy(source, db)
    out = subprocess.run(
        [sys.executable, __file__, "--link-one", str(db), str(work / f"c{size}"), *kinds],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return {"size": size, "kinds": "+".join(kinds), "mentions": how, **json.loads(out)}


class ChildPeak:
    """The largest high-water RSS (``VmHWM``, per process image: not inherited across exec,
    unlike ``ru_maxrss``) among this process' children, polled every half second."""

    def __init__(self) -> None:
        self.peak_kib = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def _poll(self) -> None:
        while not self.done.wait(0.5):
            for children in Path("/proc/self/task").glob("*/children"):
                for pid in children.read_text().split():
                    try:
                        status = Path(f"/proc/{pid}/status").read_text()
                    except OSError:
                        continue
                    found = re.search(r"VmHWM:\s+(\d+)", status)
                    if found:
                        self.peak_kib = max(self.peak_kib, int(found.group(1)))

    def stop(self) -> float:
        """Stop polling; the peak in GB."""
        self.done.set()
        self.thread.join()
        return self.peak_kib / 2**20


def link_one(db: Path, corpus: Path, kinds: tuple[str, ...]) -> dict:
    store = open_store(db)
    ids = [rid for (rid,) in store.execute("SELECT id FROM records")]
    watch = ChildPeak()
    start = time.perf_counter()
    report = update(store, ids, LinkConfig(kinds=kinds))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    second = watch.stop()
    pred = {rid: nid or rid for rid, nid in store.execute("SELECT id, network_id FROM records")}
    store.close()
    gold = truth(corpus)
    result = scores(pred, {i: t["poster"] for i, t in gold.items()})
    ops = {i: t["poster"] for i, t in gold.items() if t["is_operation"]}
    result["op_recall"] = scores({i: pred[i] for i in ops}, ops)["recall"]
    return {
        "link_s": seconds,
        "ms_per_ad": seconds / len(ids) * 1000,
        "peak_gb": peak,
        "second_gb": second,
        "links": report.links,
        "suspected": len(report.suspected),
        "steps": report.seconds,
        **result,
    }


def main() -> None:
    if sys.argv[1:2] == ["--link-one"]:
        db, corpus, *kinds = sys.argv[2:]
        print(json.dumps(link_one(Path(db), Path(corpus), tuple(kinds))))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--mentions", choices=("truth", "extract"), default="truth")
    ap.add_argument(
        "--per-kind-max",
        type=int,
        default=100_000,
        help="also link by each kind alone up to this size",
    )
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="lb-linking-"))
    rows = []
    for size in args.sizes:
        variants = [("identifier", "photo", "text")]
        if size <= args.per_kind_max:
            variants += [("identifier",), ("text",)]
        for kinds in variants:
            res = run(size, kinds, args.mentions, work)
            print(json.dumps(res), flush=True)
            rows.append(
                [
                    f"{res['size']:,}",
                    res["kinds"],
                    res["mentions"],
                    round(res["link_s"], 1),
                    round(res["ms_per_ad"], 3),
                    round(res["peak_gb"], 2),
                    round(res["second_gb"], 2),
                    res["precision"],
                    res["recall"],
                    res["op_recall"],
                    res["f1"],
                    res["ari"],
                    ", ".join(f"{k} {v:,}" for k, v in res["links"].items()),
                    res["suspected"],
                ]
            )
    body = (
        "Synthetic corpora from `linkboard.synth.generate(..., images=False)` (seed 7), all ads "
        "linked in one `update` call on a fresh store. Quality is pairwise over same-network "
        "pairs against the truth posters; unlinked ads count as singletons. Linking runs in its "
        "own process on a copy of the loaded store; peak memory is that process' max RSS "
        "at the end of `update`, and apart the max RSS of the second process that an update of "
        "more than one increment (`chunk`, 50,000) starts to prepare increments and summaries "
        "(both cores). Photos are not in these corpora (see the photos section).\n\n"
        + table(
            [
                "ads",
                "links used",
                "mentions",
                "link s",
                "ms/ad",
                "peak GB",
                "2nd process GB",
                "precision",
                "recall",
                "recall (operation ads)",
                "F1",
                "ARI",
                "links",
                "suspected ids",
            ],
            rows,
        )
    )
    if not args.no_write:
        write_section("linking", "Linking: speed and network quality", body)
    else:
        print(body)


if __name__ == "__main__":
    main()
