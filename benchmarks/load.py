"""Load: 20 analysts browsing the workspace while ``linkboard run`` ingests into the same store.

    python benchmarks/load.py [--ads 20000] [--ingest-ads 20000] [--analysts 20] [--seconds 60]

Loopback only. Builds a store of ADS synthetic ads (``linkboard synth``, ``linkboard run``),
adds one analyst account per simulated analyst (``linkboard users add --password-stdin``, a
password generated for this run), serves the store with ``linkboard serve`` on 127.0.0.1 and a
spare port, and signs every analyst in through the login form with its CSRF token. Each analyst
then loops over the triage queue, a search, a record and a network (ids read from the store),
pausing between pages as a reader does (``--think``). Two phases: SECONDS without ingest, then
while ``linkboard run`` ingests INGEST_ADS new ads of the same synthetic world (bounded by
``--limit``). Per page kind: requests, errors (status >= 500, refused connections, timeouts, any
other status a page should not answer), p50, p95 and worst latency; and whether the run
succeeded and linked everything (``linkboard stats --json``: pending 0, unlinked 0), and
whether the audit chain holds. ``--work DIR`` keeps the store, the server's log and every
request's timing (``samples.json``) for a closer look. Synthetic data only.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import secrets
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import table, write_section

BIN = Path(sys.executable).parent / "linkboard"
KINDS = ("triage", "search", "record", "network")
#: What each page kind may answer besides 200: a network that the ingest merged away or
#: dissolved answers 410 (saying where its records went).
EXPECTED = {"triage": {200}, "search": {200}, "record": {200}, "network": {200, 410}}
GOAL_P95_MS, GOAL_WORST_MS = 300.0, 2000.0
TIMEOUT_S = 30.0


def linkboard(*args: object, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN), *map(str, args)], input=stdin, capture_output=True, text=True, check=False
    )


def checked(*args: object, stdin: str | None = None) -> str:
    done = linkboard(*args, stdin=stdin)
    if done.returncode != 0:
        raise SystemExit(f"linkboard {args[0]} failed: {done.stderr.strip()}")
    return done.stdout


# -- the store, the accounts, what the analysts open ------------------------------------------


def prepare(work: Path, ads: int, more: int, images: bool, seed: int) -> tuple[Path, Path]:
    """A store of ADS ingested ads and a file of MORE new ones from the same world."""
    corpus = work / "corpus"
    checked("synth", "--ads", ads + more, "--out", corpus, "--seed", seed,
            "--images" if images else "--no-images")  # fmt: skip
    lines = (corpus / "ads.jsonl").read_text().splitlines(keepends=True)
    first, rest = corpus / "first.jsonl", corpus / "more.jsonl"
    first.write_text("".join(lines[:ads]))
    rest.write_text("".join(lines[ads:]))
    db = work / "load.db"
    checked("run", first, "--db", db, "-q")
    return db, rest


def add_analysts(db: Path, count: int) -> tuple[list[str], str]:
    """COUNT analyst accounts through the CLI, with one password generated for this run."""
    password = secrets.token_urlsafe(18)
    names = [f"load-analyst-{i:02d}" for i in range(count)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda n: checked("users", "add", n, "--role", "analyst",
                                        "--password-stdin", "--db", db, stdin=password + "\n"),
                      names))  # fmt: skip
    return names, password


@dataclass(frozen=True)
class Targets:
    records: list[str]
    networks: list[str]
    queries: list[str]


def targets(db: Path, rng: random.Random, size: int = 2000) -> Targets:
    """Record and network ids and search words, read from the store before the run."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        records = [r for (r,) in con.execute("SELECT id FROM records")]
        networks = [n for (n,) in con.execute("SELECT id FROM networks")]
        words: set[str] = set()
        for (title,) in con.execute("SELECT title FROM records WHERE title IS NOT NULL LIMIT 5000"):
            words.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", title))
        phones = [v for (v,) in con.execute(
            "SELECT DISTINCT value FROM mentions WHERE kind = 'phone' LIMIT 500")]  # fmt: skip
    finally:
        con.close()
    pick = sorted(words)
    queries = [" ".join(rng.sample(pick, rng.choice((1, 2)))) for _ in range(size // 2)] + phones
    return Targets(
        rng.sample(records, min(size, len(records))),
        rng.sample(networks, min(size, len(networks))),
        queries,
    )


# -- the server -------------------------------------------------------------------------------


def spare_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(db: Path, log: Path) -> Iterator[str]:
    """``linkboard serve`` over DB on 127.0.0.1 and a spare port; yields its base URL."""
    port = spare_port()
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(BIN), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/login", timeout=2)
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"linkboard serve did not start: {log.read_text()}") from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# -- the analysts -----------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str
    ms: float
    error: str = ""  # '' when the page answered as it should
    at: float = 0.0  # time.monotonic() when it was asked
    url: str = ""


class Analyst:
    """One signed-in analyst with its own connection and cookies."""

    def __init__(self, base: str, name: str, password: str, seed: int) -> None:
        self.client = httpx.Client(base_url=base, timeout=TIMEOUT_S, follow_redirects=False)
        self.name, self.password = name, password
        self.rng = random.Random(seed)
        self.turn = self.rng.randrange(len(KINDS))

    def sign_in(self) -> float:
        """Through the login form and its CSRF token, as a browser does; seconds taken."""
        start = time.perf_counter()
        page = self.client.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        if not token:
            raise SystemExit(f"no CSRF token on the login page ({page.status_code})")
        form = {"username": self.name, "password": self.password, "csrf_token": token.group(1)}
        done = self.client.post("/login", data=form)
        if done.status_code != 303 or "/login" in done.headers.get("location", "/login"):
            raise SystemExit(f"{self.name} could not sign in: {done.status_code}")
        return time.perf_counter() - start

    def url(self, kind: str, where: Targets) -> tuple[str, dict[str, str]]:
        if kind == "triage":
            return "/", {}
        if kind == "search":
            return "/search", {"q": self.rng.choice(where.queries)}
        if kind == "record":
            return f"/records/{self.rng.choice(where.records)}", {}
        return f"/networks/{self.rng.choice(where.networks)}", {}

    def step(self, where: Targets) -> Sample:
        kind = KINDS[self.turn % len(KINDS)]
        self.turn += 1
        path, query = self.url(kind, where)
        start = time.perf_counter()
        try:
            status = self.client.get(path, params=query).status_code
            error = "" if status in EXPECTED[kind] else str(status)
        except httpx.TimeoutException:
            error = "timeout"
        except httpx.TransportError as exc:
            error = type(exc).__name__
        return Sample(kind, (time.perf_counter() - start) * 1000, error, time.monotonic(), path)


class Crowd:
    """The analysts, each browsing on its own thread until stopped, its first page after a
    random part of one pause (analysts do not click in step). Each sample is filed under the
    phase current when it was asked; ``switch`` starts the next phase."""

    def __init__(self, analysts: list[Analyst], where: Targets, think: float) -> None:
        self.analysts, self.where, self.think = analysts, where, think
        self.samples: dict[str, list[Sample]] = defaultdict(list)
        self.seconds: dict[str, float] = {}
        self.phase, self.since = "warm-up", time.monotonic()
        self.lock, self.stop = threading.Lock(), threading.Event()
        self.threads = [threading.Thread(target=self.loop, args=(a,)) for a in analysts]

    def loop(self, analyst: Analyst) -> None:
        self.stop.wait(analyst.rng.uniform(0, self.think))
        while not self.stop.is_set():
            phase = self.phase
            sample = analyst.step(self.where)
            with self.lock:
                self.samples[phase].append(sample)
            self.stop.wait(analyst.rng.uniform(0.5 * self.think, 1.5 * self.think))

    def __enter__(self) -> Crowd:
        for t in self.threads:
            t.start()
        return self

    def switch(self, phase: str) -> None:
        now = time.monotonic()
        self.seconds[self.phase] = now - self.since
        self.phase, self.since = phase, now

    def __exit__(self, *exc: object) -> None:
        self.switch("after")
        self.stop.set()
        for t in self.threads:
            t.join()


# -- the ingest beside them -------------------------------------------------------------------


@dataclass
class Ingest:
    returncode: int | None = None
    seconds: float = 0.0
    output: str = ""


@contextmanager
def ingesting(db: Path, ads: Path, limit: float) -> Iterator[tuple[Ingest, Callable[[], bool]]]:
    """``linkboard run ADS`` into DB; yields its outcome and a "finished (or over LIMIT)" test."""
    outcome, start = Ingest(), time.monotonic()
    run = subprocess.Popen([str(BIN), "run", str(ads), "--db", str(db), "-q"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # fmt: skip

    def over() -> bool:
        return run.poll() is not None or time.monotonic() - start > limit

    try:
        yield outcome, over
    finally:
        if run.poll() is None:
            run.kill()
        outcome.output = run.communicate()[0]
        outcome.returncode = run.returncode
        outcome.seconds = time.monotonic() - start


# -- the table --------------------------------------------------------------------------------


def percentile(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else 0.0


def rows_of(crowd: Crowd, phase: str) -> list[list[object]]:
    rows: list[list[object]] = []
    for kind in KINDS:
        mine = [s for s in crowd.samples[phase] if s.kind == kind]
        ms = sorted(s.ms for s in mine)
        errors = [s.error for s in mine if s.error]
        p50, p95 = (statistics.median(ms) if ms else 0.0), percentile(ms, 0.95)
        worst = max(ms or [0.0])
        met = not errors and p95 <= GOAL_P95_MS and worst <= GOAL_WORST_MS and bool(mine)
        rows.append([phase, kind, len(mine), f"{len(mine) / crowd.seconds[phase]:.1f}",
                     _errors(errors), round(p50), round(p95), round(worst),
                     "yes" if met else "NO"])  # fmt: skip
    return rows


def _errors(errors: list[str]) -> str:
    if not errors:
        return "0"
    kinds = ", ".join(f"{e} ×{errors.count(e)}" for e in sorted(set(errors)))
    return f"{len(errors)} ({kinds})"


def verdict(db: Path, ingest: Ingest, added: int) -> str:
    """Whether the run succeeded and linked everything, and whether the audit log holds."""
    stats = json.loads(checked("stats", "--db", db, "--json"))
    ok = ingest.returncode == 0 and stats["pending"] == 0 and stats["unlinked"] == 0
    said = ingest.output.strip().splitlines()
    chain = linkboard("audit", "verify", "--db", db)
    return (
        f"`linkboard run` of {added:,} new ads beside them: exit {ingest.returncode} after "
        f"{ingest.seconds:.0f} s; then {stats['records']:,} records, pending {stats['pending']}, "
        f"unlinked {stats['unlinked']}, {stats['networks']:,} networks"
        + ("" if ok else f" — FAILED: {' / '.join(said[-3:])}")
        + f". `linkboard audit verify`: {' '.join(chain.stdout.split()[:5]).rstrip(',;')}"
        + "".join(f"; {line}" for line in chain.stdout.splitlines()[1:])
        + ("" if chain.returncode == 0 else f" — BROKEN: {chain.stderr.strip()}")
    )


# -- main -------------------------------------------------------------------------------------


def measure(args: argparse.Namespace, work: Path) -> str:
    rng = random.Random(args.seed)
    t = time.perf_counter()
    db, more = prepare(work, args.ads, args.ingest_ads, args.images, args.seed)
    names, password = add_analysts(db, args.analysts)
    where = targets(db, rng)
    print(f"store of {args.ads:,} ads and {len(names)} accounts in {time.perf_counter() - t:.0f} s")
    log = work / "serve.log"
    with served(db, log) as base:
        analysts = [Analyst(base, n, password, args.seed + i) for i, n in enumerate(names)]
        with ThreadPoolExecutor(len(analysts)) as pool:
            sign_ins = sorted(pool.map(Analyst.sign_in, analysts))
        with Crowd(analysts, where, args.think) as crowd:
            time.sleep(args.warmup)
            crowd.switch("idle")
            time.sleep(args.seconds)
            crowd.switch("under ingest")
            with ingesting(db, more, args.limit) as (ingest, finished):
                while not finished():
                    time.sleep(0.2)
        for analyst in analysts:
            analyst.client.close()
    (work / "samples.json").write_text(json.dumps(
        {phase: [vars(x) for x in got] for phase, got in crowd.samples.items()}))  # fmt: skip
    said = verdict(db, ingest, args.ingest_ads)
    tracebacks = log.read_text().count("Traceback")
    return (
        f"{args.ads:,} synthetic ads in the store ({'with' if args.images else 'no'} images), "
        f"{len(names)} analysts signed in through the login form (sign-in "
        f"{sign_ins[len(sign_ins) // 2]:.1f} s median, {sign_ins[-1]:.1f} s worst, all at once: "
        "the password hash is slow on purpose), each looping over triage, a search, a record "
        f"and a network with a pause of {args.think:g} s on average between pages; the first "
        f"{args.warmup:g} s not counted, then {args.seconds:g} s idle, then for as long as the "
        f"ingest ran. Goal: 0 errors, p95 ≤ {GOAL_P95_MS:.0f} ms, worst ≤ "
        f"{GOAL_WORST_MS / 1000:.0f} s per page.\n\n"
        + table(HEADER, rows_of(crowd, "idle") + rows_of(crowd, "under ingest"))
        + f"\n\n{said}. Server log: {tracebacks} tracebacks."
    )


HEADER = [
    "phase",
    "page",
    "requests",
    "per s",
    "errors",
    "p50 ms",
    "p95 ms",
    "worst ms",
    "goal met",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ads", type=int, default=20_000, help="ads in the store at the start")
    parser.add_argument("--ingest-ads", type=int, default=20_000, help="new ads run ingests")
    parser.add_argument("--analysts", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60, help="length of the idle phase")
    parser.add_argument("--warmup", type=float, default=5, help="seconds not counted at first")
    parser.add_argument("--think", type=float, default=1.0,
                        help="average pause between an analyst's pages, in seconds")  # fmt: skip
    parser.add_argument("--limit", type=float, default=1800,
                        help="seconds after which the ingest is stopped (and fails)")  # fmt: skip
    parser.add_argument("--images", action="store_true", help="synthesise and hash photos too")
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--work", type=Path, help="keep the store here (default: a temp folder)")
    parser.add_argument("--no-write", action="store_true", help="print, leave the docs alone")
    args = parser.parse_args()
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        body = measure(args, args.work)
    else:
        with tempfile.TemporaryDirectory(prefix="lb-load-") as tmp:
            body = measure(args, Path(tmp))
    if args.no_write:
        print(body)
    else:
        write_section("load", "Load: analysts browsing while a run ingests", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
