"""Shared templates: networks against the true posters where operations copy one template, and
template families against the true templates, with InfoShield (ICDE 2021) on the same ads.

For each size, with and without photos, a shared-template world (``linkboard.synth.templates``)
goes through the whole pipeline (``linkboard run``: extraction, scoring, linking); networks are
scored pairwise against the posters (unlinked ads are singletons), template families against
the templates (ads written from no template are singletons). The same store is linked again
with identifier and photo links only (what the ads' own identities say), and InfoShield's
coarse + fine stages run on the same ads' title and body (text only: photos change nothing for
it), from its authors' repository in its own virtual environment (``--infoshield DIR``, its
``python`` at ``--infoshield-python``). A world of InfoShield's own kind (template clusters whose
phone and name change in every ad, one-off ads around them) is scored the same way.

    python benchmarks/templates.py --sizes 2000 20000 --work /tmp/tw \
        --infoshield /tmp/infoshield --infoshield-python /tmp/infoshield-venv/bin/python
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from linking import scores
from report import table, write_section

from linkboard.synth.templates import write_world

BIN = Path(sys.executable).parent


def world(work: Path, size: int, photos: bool, infoshield: bool = False) -> Path:
    name = f"w{size}" + ("-photos" if photos else "") + ("-infoshield" if infoshield else "")
    out = work / name
    if not (out / "truth.jsonl").exists():
        write_world(out, size, seed=11, photos=photos, infoshield=infoshield)
    return out


def truth(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "truth.jsonl").open()]


def pipeline(folder: Path, work: Path) -> tuple[Path, float]:
    db = work / f"{folder.name}.db"
    if not db.exists():
        start = time.perf_counter()
        subprocess.run(
            [BIN / "linkboard", "run", folder / "ads.jsonl", "--db", db, "-q"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (work / f"{folder.name}.seconds").write_text(str(time.perf_counter() - start))
    return db, float((work / f"{folder.name}.seconds").read_text())


def hard_only(db: Path) -> Path:
    """A copy of DB relinked from scratch with identifier and photo links only."""
    copy = db.with_name(db.stem + "-hard.db")
    if not copy.exists():
        shutil.copy(db, copy)
        code = (
            "import sys; from linkboard.store import open_store; "
            "from linkboard.link import LinkConfig, update\n"
            "with open_store(sys.argv[1]) as s:\n"
            "    for t in ('links', 'networks', 'network_events', 'template_families',"
            " 'template_members', 'text_bands', 'text_sentences'):\n"
            "        s.execute(f'DELETE FROM {t}')\n"
            "    s.execute('UPDATE records SET network_id = NULL'); s.db.commit()\n"
            "    ids = [r[0] for r in s.execute('SELECT id FROM records')]\n"
            "    update(s, ids, LinkConfig(kinds=('identifier', 'photo')))\n"
        )
        subprocess.run([sys.executable, "-c", code, str(copy)], check=True)
    return copy


def labels(db: Path, sql: str) -> dict[str, str]:
    with sqlite3.connect(db) as con:
        return {rid: label for rid, label in con.execute(sql) if label}


def partition(ids: list[str], found: dict[str, str]) -> dict[str, str]:
    return {i: found.get(i) or f"~{i}" for i in ids}


def infoshield(
    folder: Path, tool: Path, python: str, work: Path, limit: float
) -> tuple[dict[str, str] | None, float]:
    """InfoShield's clusters of FOLDER's ads (coarse LSH label, then fine template number) and
    its wall-clock seconds; ads it leaves unclustered are singletons. None when it runs past
    LIMIT seconds (noted, so a re-run does not try again)."""
    cached = work / f"{folder.name}.infoshield.json"
    if cached.exists():
        data = json.loads(cached.read_text())
        if data.get("labels") is None and data["seconds"] < limit:
            cached.unlink()  # a longer limit now: try again
        else:
            return data["labels"], data["seconds"]
    run = Path(tempfile.mkdtemp(dir=work))
    for item in tool.iterdir():
        if item.suffix == ".py":
            shutil.copy(item, run)
    with (run / "ads.csv").open("w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")  # pandas reads "\r" into the header
        out.writerow(["id", "text"])
        for line in (folder / "ads.jsonl").open():
            ad = json.loads(line)
            text = f"{ad['title']} {ad['body']}"
            out.writerow([ad["id"], " ".join(text.split())])
    start = time.perf_counter()
    try:
        subprocess.run(
            [python, "infoshield.py", "ads.csv", "id", "text"],
            cwd=run,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=limit,
        )
    except subprocess.TimeoutExpired:
        cached.write_text(json.dumps({"labels": None, "seconds": limit}))
        shutil.rmtree(run)
        return None, limit
    seconds = time.perf_counter() - start
    found: dict[str, str] = {}
    table_file = run / "template_table.csv"
    if table_file.exists():
        for row in csv.DictReader(table_file.open()):
            found[str(row["ID"])] = f"{row['LSH Label']}/{row['Template #']}"
    cached.write_text(json.dumps({"labels": found, "seconds": seconds}))
    shutil.rmtree(run)
    return found, seconds


def measure(args: argparse.Namespace, size: int, photos: bool, kind: bool) -> list[list[object]]:
    folder = world(args.work, size, photos, kind)
    gold = truth(folder)
    ids = [t["id"] for t in gold]
    posters = {t["id"]: t["poster"] for t in gold}
    templates = {t["id"]: str(t["template"]) if t["template"] else f"~{t['id']}" for t in gold}
    db, seconds = pipeline(folder, args.work)
    nets = partition(ids, labels(db, "SELECT id, network_id FROM records"))
    fams = partition(ids, labels(db, "SELECT record_id, family_id FROM template_members"))
    hard = partition(ids, labels(hard_only(db), "SELECT id, network_id FROM records"))
    world_name = ("InfoShield-kind " if kind else "shared templates ") + (
        "with photos" if photos else "no photos"
    )
    rows = []

    def row(what: str, found: dict[str, str], secs: float | str) -> None:
        p, t = scores(found, posters), scores(found, templates)
        rows.append([f"{size:,}", world_name, what, p["precision"], p["recall"], p["ari"],
                     t["ari"], secs if isinstance(secs, str) else round(secs, 1)])  # fmt: skip

    row("linkboard networks", nets, seconds)
    row("linkboard template families", fams, "(same run)")
    row("identifiers + photos only", hard, "–")
    if args.infoshield and size <= args.infoshield_max and (not photos or kind):
        tool, python, limit = args.infoshield, args.infoshield_python, args.infoshield_timeout
        found, secs = infoshield(folder, tool, python, args.work, limit)
        if found is None:
            rows.append([f"{size:,}", world_name, "InfoShield (coarse + fine)",
                         *["–"] * 4, f"not done in {secs:,.0f}"])  # fmt: skip
        else:
            row("InfoShield (coarse + fine)", partition(ids, found), secs)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    ap.add_argument("--infoshield-kind", type=int, default=10000)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "lb-templates")
    ap.add_argument("--infoshield", type=Path, default=None)
    ap.add_argument("--infoshield-python", default="python3")
    ap.add_argument("--infoshield-max", type=int, default=20000)
    ap.add_argument("--infoshield-timeout", type=float, default=3600.0)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes:
        for photos in (True, False):
            rows += measure(args, size, photos, False)
            print(table(HEADER, rows[-4:]), flush=True)
    if args.infoshield_kind:
        rows += measure(args, args.infoshield_kind, False, True)
    body = DESCRIPTION + "\n" + table(HEADER, rows)
    if args.no_write:
        print(body)
    else:
        write_section("templates", "Shared templates: operations, not templates", body)


HEADER = ["ads", "world", "grouping", "pair precision (posters)", "pair recall (posters)",
          "ARI (posters)", "ARI (templates)", "seconds"]  # fmt: skip
DESCRIPTION = """
Worlds from `linkboard.synth.templates.write_world(seed=11)`: 60 % of the ads by operations that
share a template with up to three others (each with its own phones — one for life, a new one
every few ads that never shares an ad with the last, or a new one every ad — its own photos,
personas from a common pool of 123 names, and a rate card), the rest independents (some copying
a template) and one-off ads, every ad with its site's footer. Rate cards mislead: a quarter of
the templates come from a writing service with its card, which every user copies; a fifth of
the operations raise every price halfway through; 15 % of the ads leave the rates out. The
InfoShield-kind world: template clusters whose phone and name change in every ad, one poster
each, and as many one-off ads. Networks and identifier-only groupings are scored against the
posters (pairwise, unlinked ads singletons), and all against the templates (ARI). `seconds`:
`linkboard run` end to end (ingest, extraction, scoring, photo hashing, linking; compiled
extractor, 2 workers), and InfoShield's `infoshield.py` (coarse + fine) wall clock. InfoShield:
the authors' code (github.com/mengchillee/InfoShield at f5b8052) in its own virtual environment
(numpy 1.23.5 for its `np.int`, pandas 2.0.3, scikit-learn 1.3.2), on title + body.
"""


if __name__ == "__main__":
    main()
