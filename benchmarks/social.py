"""Issue 21 end to end: a synthetic ad corpus and a social world tied to it
(``linkboard.synth.social``: Telegram and WhatsApp exports, posts, recruiters, promoters, buyers
and benign look-alikes), run through ``linkboard`` as a user runs it, and scored from the store
against the world's truth (``linkboard.synth.truth_social``):

- SOC_RECRUITER per person (precision, recall), each RECRUIT_* code per message;
- what benign things got flagged: chats that plant no recruitment with any RECRUIT_* hit, the
  benign look-alike accounts with SOC_RECRUITER, and each story's chats with any RECRUIT_* hit;
- the social↔ad join: people whose records show an identifier their operation's ads print in
  that operation's network (recall), social records in ad networks rightly there (precision),
  buyers outside the networks they wrote to, links through a generic identifier.

Two ways of reading the WhatsApp exports: ``run``, the folder as it is (a phone's owner writes
their own messages under their display name, an account apart from their number's), and
``owners``, each phone's exports read with ``--account`` its owner's number, as an analyst who
knows whose phone each export came from would.

Writes the section "Social: end to end" of docs/benchmarks.md; ``benchmarks/social_scale.py``
measures throughput.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import table, write_section

from linkboard.engine.local import process
from linkboard.ingest import ingest
from linkboard.ingest.options import ReadOptions
from linkboard.store import open_store
from linkboard.store.base import Store
from linkboard.synth import generate
from linkboard.synth.social import write_social
from linkboard.synth.truth_social import CODES, Scores, ratio, score

MODES = ("run", "owners")


def build(work: Path, ads: int, seed: int) -> dict[str, Any]:
    generate(work / "ads", ads=ads, seed=seed, images=False)
    made = write_social(work / "social", seed=seed, ads_dir=work / "ads")
    return {"accounts": made.accounts, "chats": made.chats, "messages": made.messages,
            "posts": made.posts}  # fmt: skip


def read_social(store: Store, social: Path, mode: str, truth: dict[str, Any]) -> int:
    """Ingest the world's exports and posts; WhatsApp's folder whole (``run``) or phone by
    phone with its owner's number (``owners``). Returns the records added."""
    added: int = ingest(store, [social / "telegram", social / "posts.jsonl"]).added
    if mode == "run":
        return added + int(ingest(store, [social / "whatsapp"]).added)
    phone = {a["key"]: a["phone"] for a in truth["accounts"]}
    by_owner: dict[str, list[Path]] = defaultdict(list)
    for chat in truth["chats"]:
        if chat["platform"] == "whatsapp":
            by_owner[chat["owner"]].append(social / chat["file"])
    for owner, files in sorted(by_owner.items()):
        added += int(ingest(store, files, options=ReadOptions(account=phone[owner])).added)
    return added


def run(work: Path, mode: str, workers: int) -> tuple[Scores, dict[str, float]]:
    truth = json.loads((work / "social" / "truth.json").read_text())
    ads_truth = json.loads((work / "ads" / "truth.json").read_text())
    lines = (work / "ads" / "truth_ads.jsonl").read_text().splitlines()
    poster = {t["id"]: t["poster"] for t in map(json.loads, lines)}
    timing: dict[str, float] = {}
    with open_store(work / f"{mode}.db") as store:
        ingest(store, [work / "ads" / "ads.jsonl"])
        process(store, workers=workers, hash_images=False)
        t0 = time.perf_counter()
        timing["records"] = read_social(store, work / "social", mode, truth)
        timing["ingest_s"] = time.perf_counter() - t0
        report = process(store, workers=workers, hash_images=False)
        timing["record_s"] = report.seconds.get("record stage", 0.0)
        timing["link_s"] = report.seconds.get("link + network stage", 0.0)
        generic = {g["identifier"] for g in ads_truth["generic"]}
        return score(store, truth, poster, generic), timing


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ads", type=int, default=2000)
    ap.add_argument("--seeds", type=int, nargs="+", default=[4, 5, 6])
    ap.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="keep the worlds and stores under this folder")
    args = ap.parse_args()
    results = []
    for seed in args.seeds:
        work = args.keep / f"s{seed}" if args.keep else Path(tempfile.mkdtemp(prefix="lb-soc-"))
        work.mkdir(parents=True, exist_ok=True)
        try:
            built = build(work, args.ads, seed)
            for mode in args.modes:
                scores, timing = run(work, mode, args.workers)
                results.append((seed, mode, built, scores, timing))
                print(seed, mode, scores, timing, flush=True)
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
    write_section("social", "Social: end to end (issue 21)", body(results, args))


def body(results: list[Any], args: argparse.Namespace) -> str:
    heads = ["measure", "floor", *[f"seed {s}, {m}" for s, m, *_ in results]]
    return (
        f"{args.ads:,} synthetic ads per world (`linkboard.synth.generate`) and a social world "
        "tied to them (`linkboard.synth.social`), read with `linkboard ingest` and processed on "
        f"{args.workers} workers; scored from the store against the world's truth "
        "(`linkboard.synth.truth_social`). `run`: the WhatsApp folder read as it is; `owners`: "
        "each phone's exports read with `--account` its owner's number.\n\n"
        + table(heads, quality_rows(results))
        + "\n\n"
        + table(["seed", "mode", "flagged chats by story (any RECRUIT_*)"], story_rows(results))
        + "\n\n"
        + table(
            [
                "seed",
                "mode",
                "accounts",
                "chats",
                "messages",
                "posts",
                "records",
                "ingest rec/s",
                "record stage rec/s",
                "link stage + rules s",
            ],
            speed_rows(results),
        )
        + "\n\nWhat the scorer found wrong:\n\n"
        + "\n".join(f"- seed {s}, {m}: {note}" for s, m, _, r, _ in results for note in r.notes)
        + "\n"
    )


def _share(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]} = {ratio(*pair):.3f}"


def quality_rows(results: list[Any]) -> list[list[object]]:
    def row(name: str, floor: str, cell: Any) -> list[object]:
        return [name, floor, *[cell(r) for *_, r, _ in results]]

    rows = [
        row("SOC_RECRUITER recall (people)", "≥ 0.9", lambda r: _share(r.recruiters)),
        row("SOC_RECRUITER precision (people)", "≥ 0.9", lambda r: _share(r.alerting)),
    ]
    for code in CODES:
        rows.append(row(f"{code} P / R (planted)", "R ≥ 0.9",
                        lambda r, c=code: "{:.3f} / {:.3f} ({})".format(*r.rules[c])))  # fmt: skip
    rows += [
        row("chats planting nothing, flagged", "≤ 0.1", lambda r: _share(r.quiet_chats)),
        row("benign look-alikes with SOC_RECRUITER", "≤ 0.1", lambda r: _share(r.benign_accounts)),
        row(
            "join recall (shown identifier → its ads' network)", "≥ 0.95", lambda r: _share(r.join)
        ),
        row("people whose identifier an export shows", "", lambda r: _share(r.visible)),
        row("join precision (social records in ad networks)", "1", lambda r: _share(r.placed)),
        row("buyers outside the networks they wrote to", "1", lambda r: _share(r.counterparties)),
        row("social↔ad links through a generic identifier", "0", lambda r: _share(r.generic)),
    ]
    return rows


def story_rows(results: list[Any]) -> list[list[object]]:
    return [
        [seed, mode, ", ".join(f"{s} {a}/{b}" for s, (a, b) in r.stories.items())]
        for seed, mode, _, r, _ in results
    ]


def speed_rows(results: list[Any]) -> list[list[object]]:
    rows: list[list[object]] = []
    for seed, mode, built, _, t in results:
        n = t["records"]
        rate = f"{n / t['record_s']:,.0f}" if t["record_s"] else "–"
        rows.append([seed, mode, built["accounts"], built["chats"], built["messages"],
                     built["posts"], f"{n:,.0f}", f"{n / t['ingest_s']:,.0f}", rate,
                     f"{t['link_s']:.1f}"])  # fmt: skip
    return rows


if __name__ == "__main__":
    main()
