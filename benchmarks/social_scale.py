"""Issue 21 at scale: about N messages of WhatsApp and Telegram exports
(``benchmarks/social_exports.py``: chats of plausible sizes, the synthetic world's writers) read
and processed as a user runs it, each stage in a process of its own so that its peak memory is
its own:

- ``ingest``: the readers and the store;
- ``record``: the record stage (every message through the extractors and the taxonomy);
- ``link``: the link stage, with the social channel's reaction (SOC_RECRUITER over every
  account at either end of a new message), whose share is timed apart;
- ``graph``: the connection graph over every stored message (``communities.connection_edges``:
  the messages read from the store into ``Msg`` first, timed apart), its Leiden communities
  (``communities.communities``), and ``promotion.lockstep`` over as many synthetic posts with
  planted promotion teams.

A stage that runs past ``--limit`` seconds is stopped and reported as such. Writes the section
"Social at scale" of docs/benchmarks.md.

    python benchmarks/social_scale.py --messages 100000 1000000 --graph 1000000
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import table, write_section
from social_exports import posts, write_exports

STAGES = ("ingest", "record", "link", "graph")


def peak_mb() -> float:
    """This process's peak resident memory, or its workers' if larger (MB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def stage(name: str, work: Path, workers: int) -> dict[str, Any]:
    """Run one stage over the store in WORK (in this process); its numbers."""
    from linkboard.engine.local import process
    from linkboard.ingest import ingest
    from linkboard.store import open_store

    out: dict[str, Any] = {}
    with open_store(work / "bench.db") as store:
        t0 = time.perf_counter()
        if name == "ingest":
            out["records"] = ingest(store, [work / "telegram", work / "whatsapp"]).added
        elif name == "record":
            out["records"] = process(store, workers=workers, hash_images=False, link=False).records
        elif name == "link":
            out.update(_link(store, workers))
        else:
            out.update(graph(store, workers))
        out["seconds"] = time.perf_counter() - t0
    out["peak_mb"] = peak_mb()
    out["store_mb"] = (work / "bench.db").stat().st_size / 2**20
    return out


def _link(store: Any, workers: int) -> dict[str, Any]:
    """The link stage, SOC_RECRUITER's share of it timed by wrapping the social hook."""
    from linkboard.engine.local import process
    from linkboard.social import evaluate

    spent = [0.0]
    inner = evaluate.after_link

    def timed(store: Any, ids: Any) -> set[str]:
        t0 = time.perf_counter()
        try:
            found: set[str] = inner(store, ids)
            return found
        finally:
            spent[0] += time.perf_counter() - t0

    evaluate.after_link = timed
    report = process(store, workers=workers, hash_images=False)
    alerts = len(store.hits_of_level("social_account", "channel", 10**6))
    return {"records": report.records, "soc_s": spent[0], "alerts": alerts}


def graph(store: Any, workers: int) -> dict[str, Any]:
    """The connection graph over every stored message, its communities, and lockstep over as
    many posts."""
    from linkboard.social.communities import communities, connection_edges
    from linkboard.social.promotion import lockstep

    t0 = time.perf_counter()
    msgs = stored_msgs(store)
    out: dict[str, Any] = {"messages": len(msgs), "load_s": time.perf_counter() - t0}
    t0 = time.perf_counter()
    edges = connection_edges(msgs)
    out.update(edges=len(edges), edges_s=time.perf_counter() - t0)
    del msgs
    t0 = time.perf_counter()
    found = communities(edges, seed=1)
    out.update(communities=len(found), leiden_s=time.perf_counter() - t0)
    made, teams = posts(out["messages"], seed=1)
    t0 = time.perf_counter()
    findings = lockstep(made, 10, 3)
    out.update(lockstep_s=time.perf_counter() - t0, posts=len(made))
    got = {a for f in findings for a in f.accounts}
    out["teams_found"] = sum(team <= got for team in teams), len(teams)
    return out


def stored_msgs(store: Any, batch: int = 20_000) -> list[Any]:
    """Every stored message as ``Msg``: its ends by their account ids (what the readers wrote)."""
    from linkboard.social.contacts import Msg

    ids = [i for i, k in store.kinds_of(store.all_record_ids()).items() if k == "message"]
    out = []
    for start in range(0, len(ids), batch):
        for r in store.records(ids[start : start + batch]):
            if not r.posted_at:
                continue
            sent = datetime.fromisoformat(r.posted_at.replace("Z", "+00:00"))
            chat, sender = str(r.extra.get("chat", "")), str(r.extra.get("sender_account", ""))
            recipients = tuple(r.extra.get("recipient_accounts") or ())
            out.append(Msg(r.id, chat, sender or f"{chat}/{r.title}", recipients, sent, r.body))
    return out


def child(name: str, work: Path, workers: int, limit: float) -> dict[str, Any]:
    """Run stage NAME in a process of its own, stopped after LIMIT seconds."""
    cmd = [
        sys.executable,
        __file__,
        "--stage",
        name,
        "--work",
        str(work),
        "--workers",
        str(workers),
    ]
    t0 = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=limit, check=True)
    except subprocess.TimeoutExpired:
        return {"stopped": time.perf_counter() - t0}
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"stage {name} failed:\n{exc.stderr}") from None
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def measure(n: int, args: argparse.Namespace) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="lb-soc-scale-", dir=args.tmp))
    try:
        t0 = time.perf_counter()
        written = write_exports(work, n, seed=args.seed)
        result: dict[str, Any] = {"n": n, "write_s": time.perf_counter() - t0, "made": written}
        print(n, written, flush=True)
        for name in STAGES:
            if name == "graph" and n not in args.graph:
                continue
            result[name] = child(name, work, args.workers, args.limit)
            print(n, name, result[name], flush=True)
            if "stopped" in result[name] and name != "link":
                break  # a store the link stage did not finish still holds every message
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _rate(records: float, seconds: float) -> str:
    return f"{records / seconds:,.0f}" if seconds else "–"


def import_rows(results: list[dict[str, Any]], limit: float) -> list[list[object]]:
    rows: list[list[object]] = []
    for r in results:
        made = r["made"]
        cells: list[object] = [f"{made.messages:,}", f"{made.chats:,}", f"{made.people:,}",
                               f"{made.files_mb:,.0f}"]  # fmt: skip
        for name in ("ingest", "record", "link"):
            s = r.get(name, {})
            if "stopped" in s:
                cells += [f"stopped at {limit:,.0f} s", "–"]
            elif s:
                rate = _rate(s["records"], s["seconds"])
                cells += [f"{s['records']:,} in {s['seconds']:,.0f} s = {rate}/s",
                          f"{s['peak_mb']:,.0f}"]  # fmt: skip
            else:
                cells += ["–", "–"]
        link = r.get("link", {})
        cells.append(f"{link['soc_s']:,.0f}" if "soc_s" in link else "–")
        cells.append(f"{link.get('store_mb', r.get('record', {}).get('store_mb', 0)):,.0f}")
        rows.append(cells)
    return rows


def graph_rows(results: list[dict[str, Any]]) -> list[list[object]]:
    rows: list[list[object]] = []
    for r in results:
        g = r.get("graph")
        if not g or "stopped" in g:
            continue
        found, teams = g["teams_found"]
        rows.append([f"{g['messages']:,}", f"{g['load_s']:,.0f}", f"{g['edges']:,}",
                     f"{g['edges_s']:,.1f}", f"{g['communities']:,}", f"{g['leiden_s']:,.1f}",
                     f"{g['posts']:,}", f"{g['lockstep_s']:,.1f}", f"{found}/{teams}",
                     f"{g['peak_mb']:,.0f}"])  # fmt: skip
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--messages", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--graph", type=int, nargs="*", default=[100_000, 1_000_000],
                    help="the sizes whose graph is measured")  # fmt: skip
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=float, default=3600, help="seconds a stage may run")
    ap.add_argument("--tmp", type=Path, help="where the exports and the store are written")
    ap.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    ap.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stage:
        print(json.dumps(stage(args.stage, args.work, args.workers)))
        return
    results = [measure(n, args) for n in args.messages]
    write_section("social-scale", "Social at scale (issue 21)", body(results, args))


def body(results: list[dict[str, Any]], args: argparse.Namespace) -> str:
    heads = ["messages", "chats", "people", "exports MB", "ingest", "peak MB", "record stage",
             "peak MB", "link stage", "peak MB", "of it SOC_RECRUITER s", "store MB"]  # fmt: skip
    text = (
        "Synthetic WhatsApp and Telegram exports (`benchmarks/social_exports.py`: nine chats in "
        "ten personal, median about 60 messages; one in ten a group of 3 to 80 members, median "
        "about 400 messages), read with `linkboard ingest` and processed on "
        f"{args.workers} workers, each stage in a process of its own (records per second, "
        "peak resident memory of the stage's process or its largest worker). The machine is "
        "shared with other work: timings vary from run to run.\n\n"
        + table(heads, import_rows(results, args.limit))
    )
    rows = graph_rows(results)
    if rows:
        text += "\n\n" + table(
            ["messages", "read from store s", "edges", "connection_edges s", "communities",
             "Leiden s", "posts", "lockstep s", "teams found", "peak MB"],
            rows,
        )  # fmt: skip
    return text


if __name__ == "__main__":
    main()
