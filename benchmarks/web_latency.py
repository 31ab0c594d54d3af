"""Server time of the web pages on a large store: p50/p95 per page, written to docs/benchmarks.md.

    python benchmarks/web_latency.py [--records 1000000] [--db .bench/web.db] [--samples 100]

Loads N synthetic ads straight into a store with bulk SQL (records, mentions, hits, images,
links, networks), then times requests through
FastAPI's TestClient. Synthetic data only: phones NXX-555-01XX, neutral text.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import table, write_section

from linkboard.store import open_store

CITIES = [("Houston", "TX", 713), ("Dallas", "TX", 214), ("Austin", "TX", 512),
          ("Phoenix", "AZ", 602), ("Las Vegas", "NV", 702), ("Denver", "CO", 303),
          ("Atlanta", "GA", 404), ("Miami", "FL", 305), ("Chicago", "IL", 312),
          ("Seattle", "WA", 206), ("Portland", "OR", 503), ("Boston", "MA", 617),
          ("Nashville", "TN", 615), ("Memphis", "TN", 901), ("Orlando", "FL", 407),
          ("Tampa", "FL", 813), ("San Diego", "CA", 619), ("Oakland", "CA", 510),
          ("Sacramento", "CA", 916), ("Reno", "NV", 775)]  # fmt: skip
SITES = ["listcrawl", "skipthe", "classy", "boardly", "adzone", "postit"]
WORDS = (
    "quiet relaxing company evening downtown visiting friendly new town week call text "
    "available today weekend sweet classy fun upscale discreet clean private studio "
    "appointment booking only serious inquiries arrive leaving soon"
).split()
SYLLABLES = "ka lo mi ra te su vi no pe da ri zo ba le".split()
#: A Zipf-like vocabulary: the common words above, then 4,000 rarer made-up ones.
VOCAB = WORDS + [a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES][:4000]


def word(rng: random.Random) -> str:
    return VOCAB[min(len(VOCAB) - 1, int(rng.paretovariate(0.9)) - 1 + rng.randrange(3))]


CODES = ["MOVE_NEW_IN_TOWN", "CONTROL_CASH_ONLY", "AVAIL_24_7", "MOVE_TOURING",
         "THIRD_PARTY_CONTACT", "YOUTH_NEW_TO_THIS", "PRICE_BELOW_MARKET"]  # fmt: skip
NETWORK_SIZE = 10
COLUMNS = (
    "id, kind, source, locator, ingested_at, sha256, raw, title, body, url, site, posted_at, "
    "location, images, region, extra, processed_sha, processed_version, risk, record_risk, "
    "breakdown, possible_minor, city, network_id"
)


def phone(n: int) -> tuple[str, str]:
    _city, _state, area = CITIES[n % len(CITIES)]
    last = f"01{n // len(CITIES) % 100:02d}"
    return f"+1{area}555{last}", f"({area}) 555-{last}"


def build(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(path)
    db = store.db
    db.execute("PRAGMA synchronous=OFF")
    # bulk load: drop secondary indexes and the FTS insert trigger, rebuild them at the end
    saved = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
        "AND sql IS NOT NULL AND tbl_name IN ('records', 'mentions', 'hits', 'images', 'links')"
    ).fetchall()
    for name, sql in saved:
        kind = "TRIGGER" if sql.upper().startswith("CREATE TRIGGER") else "INDEX"
        db.execute(f"DROP {kind} {name}")
    batch = 20_000
    t0 = time.perf_counter()
    for lo in range(0, n, batch):
        recs, ments, hits, imgs, links = [], [], [], [], []
        for i in range(lo, min(n, lo + batch)):
            net = i // NETWORK_SIZE
            city, state, _ = CITIES[(net + i % 3) % len(CITIES)]
            e164, typed = phone(net % 2000)
            words = " ".join(word(rng) for _ in range(rng.randint(12, 30)))
            body = f"Hi, {words}. Call {typed} now."
            title = " ".join(rng.choice(WORDS) for _ in range(4)).capitalize()
            day = 1 + (net * 3 + i % NETWORK_SIZE) % 365
            posted = (
                f"2024-{1 + (day - 1) // 31 % 12:02d}-{1 + (day - 1) % 28:02d}T{i % 24:02d}:00:00"
            )
            codes = rng.sample(CODES, rng.randint(0, 3))
            minor = 1 if rng.random() < 0.01 else 0
            risk = round(min(0.99, 0.05 + 0.2 * len(codes) + rng.random() * 0.2 + 0.3 * minor), 4)
            breakdown = {
                "risk": risk,
                "bias": -3.0,
                "contributions": [
                    {"code": c, "name": c, "contribution": 0.8, "evidence": [c.lower()]}
                    for c in codes
                ],
            }
            has_img = rng.random() < 0.3
            rid = f"ad-{i:07d}"
            recs.append((rid, "ad", "bench", f"bench.jsonl:{i}", "2024-12-31T00:00:00", f"{i:064x}",
                         "{}", title, body, f"https://{SITES[i % 6]}.example/{i}", SITES[i % 6],
                         posted, city, json.dumps([f"img/{net}.jpg"] if has_img else []), "US",
                         "{}", f"{i:064x}", "0.1.0", risk, risk, json.dumps(breakdown), minor,
                         f"{city}, {state}, US", f"net-{net:06d}"))  # fmt: skip
            start = body.index(typed)
            ments.append(
                (
                    rid,
                    "phone",
                    e164,
                    typed,
                    "body",
                    start,
                    start + len(typed),
                    "bench",
                    "{}",
                    "0.1.0",
                )
            )
            ments.append(
                (
                    rid,
                    "location",
                    f"{city}, {state}, US",
                    city,
                    "location",
                    0,
                    len(city),
                    "bench",
                    "{}",
                    "0.1.0",
                )
            )
            for c in codes:
                hits.append(("record", rid, c, "record", 0.8, c.lower(), "", -1, -1, "{}", "0.1.0"))
            if has_img:
                imgs.append(
                    (
                        rid,
                        f"img/{net}.jpg",
                        f"{net:064x}",
                        f"{net:064x}",
                        90,
                        "",
                        200,
                        200,
                        "",
                        "0.1.0",
                    )
                )
            if i % NETWORK_SIZE:
                links.append(
                    (
                        f"ad-{i - 1:07d}",
                        rid,
                        "identifier",
                        1,
                        1.0,
                        json.dumps({"identifier": f"phone:{e164}"}),
                        "0.1.0",
                    )
                )
        with db:
            db.executemany(
                f"INSERT INTO records ({COLUMNS}) VALUES ({','.join('?' * 24)})",
                recs,
            )
            db.executemany(
                'INSERT INTO mentions (record_id, kind, value, text, field, start, "end", rule, '
                "data, version) VALUES (?,?,?,?,?,?,?,?,?,?)",
                ments,
            )
            db.executemany("INSERT INTO hits VALUES (?,?,?,?,?,?,?,?,?,?,?)", hits)
            db.executemany("INSERT INTO images VALUES (?,?,?,?,?,?,?,?,?,?)", imgs)
            db.executemany("INSERT OR IGNORE INTO links VALUES (?,?,?,?,?,?,?)", links)
        print(
            f"\r{min(n, lo + batch):,} records, {time.perf_counter() - t0:.0f} s",
            end="",
            flush=True,
        )
    nets = []
    for net in range((n + NETWORK_SIZE - 1) // NETWORK_SIZE):
        risk = round(rng.random(), 4)
        nets.append((f"net-{net:06d}", "", NETWORK_SIZE, risk, 1 if rng.random() < 0.01 else 0,
                     "2024-01-01T00:00:00", "2024-12-01T00:00:00", json.dumps({"persons": 2}),
                     json.dumps({"risk": risk, "contributions": [
                         {"code": "NET_FAST_MOVEMENT", "contribution": 1.0}]}),
                     "2024-12-31T00:00:00", "2024-12-31T00:00:00"))  # fmt: skip
    with db:
        db.executemany("INSERT INTO networks VALUES (?,?,?,?,?,?,?,?,?,?,?)", nets)
    print("\nrebuilding indexes and full-text index")
    with db:
        for _name, sql in saved:
            db.execute(sql)
        db.execute("INSERT INTO records_fts(records_fts) VALUES ('rebuild')")
    finish(db)
    store.close()


def finish(db) -> None:
    db.execute("ANALYZE")
    db.commit()


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return statistics.median(ordered), p95, ordered[-1]


def analyst_session(path: Path) -> str:
    """A signed-in analyst's session token (pages are timed as a signed-in user sees them)."""
    import secrets

    from linkboard.cases.accounts import add_user, get_user
    from linkboard.cases.sessions import issue_session

    with open_store(path) as store:
        user = get_user(store, "bench-analyst") or add_user(
            store, "bench-analyst", secrets.token_urlsafe(18), "analyst"
        )
        return issue_session(store, user)


def measure(path: Path, n: int, samples: int, seed: int = 11) -> list[list[object]]:
    from fastapi.testclient import TestClient

    from linkboard.cases.sessions import COOKIE_NAME
    from linkboard.web import create_app

    rng = random.Random(seed)
    app = create_app(path)
    client = TestClient(app)
    client.cookies.set(COOKIE_NAME, analyst_session(path))
    nets = max(1, n // NETWORK_SIZE)
    cities = [f"{c}, {s}, US" for c, s, _ in CITIES]
    pages = {
        "triage": lambda: "/",
        "triage, city filter": lambda: f"/?city={rng.choice(cities)}",
        "triage, indicator + band": lambda: f"/?indicator={rng.choice(CODES)}&band=high",
        "triage API, page 2": lambda: "/api/triage?cursor=0:0.5:ad-0500000",
        "search text": lambda: f"/search?q={word(rng)}+{word(rng)}&mode=text",
        "search phrase": lambda: f"/search?q=%22{word(rng)}+{word(rng)}%22&mode=text",
        "search prefix": lambda: f"/search?q={word(rng)[:3]}*&mode=text",
        "search identifier": lambda: f"/search?q={phone(rng.randrange(min(2000, nets)))[1]}",
        "record": lambda: f"/records/ad-{rng.randrange(n):07d}",
        "network": lambda: f"/networks/net-{rng.randrange(nets):06d}",
        "network graph API": lambda: f"/api/networks/net-{rng.randrange(nets):06d}/graph",
        "overview (cached)": lambda: "/overview",
    }
    rows = []
    for name, url in pages.items():
        client.get(url())  # warm caches
        times = []
        for _ in range(samples):
            target = url()
            t = time.perf_counter()
            r = client.get(target)
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200, (target, r.status_code)
        p50, p95, worst = percentiles(times)
        rows.append([name, round(p50, 1), round(p95, 1), round(worst, 1),
                     "yes" if p95 < 200 else "NO"])  # fmt: skip
        print(f"{name:28s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  max {worst:7.1f} ms")
    t = time.perf_counter()
    from linkboard.web import overview

    overview.clear()
    client.get("/overview")
    rows.append(
        ["overview (cold)", round((time.perf_counter() - t) * 1000, 1), "", "", "once a minute"]
    )
    app.state.database.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path(".bench/web.db"))
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--reuse", action="store_true", help="reuse --db if it exists")
    args = parser.parse_args()
    if not (args.reuse and args.db.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        t = time.perf_counter()
        build(args.db, args.records)
        print(f"built {args.records:,} records in {time.perf_counter() - t:.0f} s")
    rows = measure(args.db, args.records, args.samples)
    body = (
        f"{args.records:,} synthetic ads ({args.records // NETWORK_SIZE:,} networks, 2 mentions "
        f"each, 0-3 hits, 30% with a photo), {args.samples} requests per page through FastAPI's "
        "TestClient (server time plus in-process transport), with the store's own indexes "
        ". Target: p95 < 200 ms.\n\n"
        + table(["page", "p50 ms", "p95 ms", "max ms", "p95 < 200 ms"], rows)
    )
    write_section("web_latency", "Web page latency", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
