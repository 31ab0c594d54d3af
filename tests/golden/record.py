"""The golden scenario: the whole pipeline on a fixed synthetic corpus, and what it answers.

``run_scenario(work)`` writes a corpus with photos (``linkboard synth``), runs its first part,
curates (two accounts, a generic phone suppressed, two networks merged, one split, one renamed,
a suppression undone), opens a case and exports it, watches an identifier, a photo, a search and
a network, runs the second part (so that the watches raise alerts and the decisions are applied
again), and returns the answers normalised: no clock times, no paths under WORK, everything in a
stable order.

``python -m tests.golden.record`` (or ``python tests/golden/record.py``) writes those answers to
``tests/golden/fixture/``. Re-record only when an answer is meant to change, and say why in the
commit: ``tests/golden/README.md``.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from linkboard.cases import audit, curation, watches
from linkboard.cases.accounts import get_user
from linkboard.cli import main
from linkboard.store import open_store

FIXTURE = Path(__file__).parent / "fixture"
FILES = ("scenario", "records", "networks", "alerts", "audit", "texts")

ADS, SEED, FIRST_PART = 300, 7, 180
PASSWORD = "golden-fixture-password-1"  # a throwaway store's account; recorded nowhere
ANALYST, VIEWER = "ana", "val"
CLIENT = "golden"

#: Decisions name networks by one of their records, so they do not hang on network numbering.
GENERIC_PHONE = "phone:+14455550100"  # a booking line shared by unrelated posters
GENERIC_EMAIL = "email:support@velvetboard.example"  # suppressed, then the step is undone
MERGE = ("ad-000014", "ad-000026")  # one operation that linking saw as two networks
RENAME = ("ad-000053", "Gulf coast circuit")
SPLIT_RECORD = "ad-000053"  # the split takes the network's latest records out
SPLIT_COUNT = 4
WATCH_PHONE = "phone:+17135550101"
WATCH_SEARCH = '"short notice"'
WATCH_PHOTO_RECORD = "ad-000053"  # a watch on its first photo's PDQ hash
WATCH_NETWORK_RECORD = "ad-000070"
#: Records whose `linkboard explain` text is kept verbatim (the rest keep their breakdowns).
EXPLAIN_TOP = 8


class ScenarioError(AssertionError):
    """A step of the scenario did not do what it must (a command failed...)."""


def cli(*args: object, stdin: str | None = None, ok: bool = True) -> str:
    """Run ``linkboard ARGS`` in this process; return its output (stdout and stderr)."""
    result = CliRunner().invoke(main, [str(a) for a in args], input=stdin)
    if ok and result.exit_code != 0:
        raise ScenarioError(f"linkboard {' '.join(map(str, args))}: {result.output}")
    if not ok and result.exit_code == 0:
        raise ScenarioError(f"linkboard {' '.join(map(str, args))} should have failed")
    return result.output


def run_scenario(work: Path) -> dict[str, Any]:
    """Run the scenario in the empty folder WORK; return {fixture name: answers}."""
    start = datetime.now(UTC).replace(microsecond=0)
    corpus, db = work / "corpus", work / "golden.db"
    steps: list[dict[str, Any]] = []

    def step(name: str, output: str) -> None:
        steps.append({"step": name, "output": _timeless(output)})

    step("synth", cli("synth", "--ads", ADS, "--seed", SEED, "--out", corpus))
    lines = (corpus / "ads.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (corpus / "part1.jsonl").write_text("".join(lines[:FIRST_PART]), encoding="utf-8")
    (corpus / "part2.jsonl").write_text("".join(lines[FIRST_PART:]), encoding="utf-8")
    step("run part1", cli("run", corpus / "part1.jsonl", "--db", db, "-q"))
    for name, role in ((ANALYST, "analyst"), (VIEWER, "viewer")):
        args = ("users", "add", name, "--role", role, "--password-stdin", "--db", db)
        step(f"users add {name}", cli(*args, stdin=PASSWORD + "\n"))
    step("curate", _curate(db))
    case_ftm = _casework(db, work, step)
    step("watch", _watch(db))
    step("run part2", cli("run", corpus / "part2.jsonl", "--db", db, "-q"))
    step("alerts", cli("alerts", "--db", db))
    step("networks", cli("networks", "--limit", 1000, "--db", db))
    stats = json.loads(cli("stats", "--json", "--db", db))
    del stats["schema_version"]  # how the store keeps its answers, not one of them
    scenario = {"corpus": _corpus_digest(corpus), "steps": steps, "stats": stats}
    scenario["case_export"] = _ftm(case_ftm)
    answers = {"scenario": scenario, **_answers(db, work / "export.jsonl")}
    # the case file holds the time of ingest (retrievedAt), so its hash is the run's own
    replace = {_sha256(case_ftm): "<sha256 of case1.ftm.json>", str(work): "<work>"}
    return _normalised(answers, replace, (start, datetime.now(UTC) + timedelta(seconds=1)))


def _answers(db: Path, export: Path) -> dict[str, Any]:
    cli("export", "--db", db, "--out", export)
    return {
        "records": _records(db, export),
        "networks": _networks(db),
        "alerts": _alerts(db),
        "audit": _audit(db),
        "texts": _texts(db),
    }


# -- the scenario's steps -------------------------------------------------------------------------


def _network_of(db: Path, record_id: str) -> str:
    with open_store(db, readonly=True) as store:
        row = store.record_row(record_id)
    if row is None or not row["network_id"]:
        raise ScenarioError(f"{record_id} is in no network")
    return str(row["network_id"])


def _casework(db: Path, work: Path, step: Callable[[str, str], None]) -> Path:
    """A case about the renamed network, exported by the analyst (and refused to the viewer)
    at the command line; returns the case's export."""
    network = _network_of(db, RENAME[0])
    by = ("--by", ANALYST, "--db", db)
    about = "one phone, four cities"
    step("case create", cli("case", "create", RENAME[1], "--description", about, *by))
    step("case add network", cli("case", "add", 1, "--network", network, *by))
    step("case add identifier", cli("case", "add", 1, "--identifier", WATCH_PHONE, *by))
    note = ("case", "note", 1, "same phone in four cities", "--about", f"network:{network}")
    step("case note", cli(*note, *by))
    case_ftm = work / "case1.ftm.json"
    step("export case", cli("export", "--case", 1, "--format", "ftm", "--out", case_ftm, *by))
    refused = ("export", "--network", network, "--format", "ftm", "--out", work / "no.ftm.json")
    step("export refused", cli(*refused, "--by", VIEWER, "--db", db, ok=False))
    return case_ftm


def _curate(db: Path) -> str:
    """The analyst's corrections, through the functions the workspace calls; a line each."""
    done = []
    with open_store(db) as store:
        ana = get_user(store, ANALYST)
        kw: dict[str, Any] = {"actor": ana, "client": CLIENT}
        curation.suppress_identifier(
            store, GENERIC_PHONE, "booking line shared by unrelated posters", **kw
        )
        done.append(f"suppressed {GENERIC_PHONE}")
        keep, other = (_network_of(db, r) for r in MERGE)
        curation.merge_networks(store, keep, other, "same photos, same rota", **kw)
        done.append(f"merged {other} into {keep}")
        network = _network_of(db, SPLIT_RECORD)
        chosen = curation.network_records(store, network)
        chosen = sorted(chosen, key=lambda r: (store.record_row(r)["posted_at"], r))
        chosen = chosen[-SPLIT_COUNT:]
        curation.split_network(store, network, chosen, "a second poster took the phone over", **kw)
        done.append(f"split {', '.join(sorted(chosen))} from {network}")
        network = _network_of(db, RENAME[0])
        curation.rename_network(store, network, RENAME[1], **kw)
        done.append(f"renamed {network} to {RENAME[1]}")
        entry = curation.suppress_identifier(store, GENERIC_EMAIL, "looked generic at first", **kw)
        curation.undo(store, entry, **kw)
        done.append(f"suppressed {GENERIC_EMAIL}, then undid it")
    return "\n".join(done) + "\n"


def _watch(db: Path) -> str:
    """One watch of each kind, by the analyst; a line each with its past matches."""
    with open_store(db) as store:
        ana = get_user(store, ANALYST)
        photo = store.images(WATCH_PHOTO_RECORD)[0].pdq
        made = [
            watches.create_watch(
                store, "identifier", WATCH_PHONE, label="gulf phone", actor=ana, client=CLIENT
            ),
            watches.create_watch(
                store, "image", photo, label="gulf photo", actor=ana, client=CLIENT
            ),
            watches.create_watch(store, "search", WATCH_SEARCH, actor=ana, client=CLIENT),
            watches.create_watch(
                store, "network", _network_of(db, WATCH_NETWORK_RECORD), actor=ana, client=CLIENT
            ),
        ]
    return "".join(
        f"watch {w.id} {w.kind} {w.value}: {len(past)} past matches\n" for w, past in made
    )


# -- the answers ----------------------------------------------------------------------------------


def _records(db: Path, export: Path) -> list[dict[str, Any]]:
    """Each record as the JSON Lines export gives it, with its risk breakdown (what `linkboard
    explain` renders) and its own risk before its network lifted it."""
    out = []
    with open_store(db, readonly=True) as store:
        for line in export.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            del row["provenance"]["ingested_at"]
            stored = store.record_row(row["id"])
            row["breakdown"] = json.loads(stored["breakdown"]) if stored["breakdown"] else None
            row["record_risk"] = stored["record_risk"]
            out.append(row)
    return sorted(out, key=lambda r: r["id"])


def _networks(db: Path) -> list[dict[str, Any]]:
    """Every network: its row (name, size, risk, summary, breakdown), members and events."""
    out = []
    with open_store(db, readonly=True) as store:
        for stored in store.networks(limit=1_000_000, min_size=0):
            net = stored.as_dict()
            net["possible_minor"] = int(stored.possible_minor)  # as the table holds it
            for clock in ("created_at", "updated_at"):
                net.pop(clock)
            net["members"] = store.network_members(net["id"])
            net["events"] = _events(store, net["id"])
            out.append(net)
        gone = store.execute(
            "SELECT DISTINCT network_id FROM network_events "
            "WHERE network_id NOT IN (SELECT id FROM networks)"
        )
        out += [{"id": nid, "gone": True, "events": _events(store, nid)} for (nid,) in gone]
    return sorted(out, key=lambda n: n["id"])


def _events(store: Any, network_id: str) -> list[dict[str, Any]]:
    """The network's history (the web's history page reads the same rows), oldest first."""
    rows = store.execute(
        "SELECT event, detail FROM network_events WHERE network_id = ? ORDER BY id", (network_id,)
    )
    return [{"event": r["event"], "detail": json.loads(r["detail"])} for r in rows]


def _alerts(db: Path) -> list[dict[str, Any]]:
    with open_store(db, readonly=True) as store:
        found = watches.list_alerts(store, limit=1_000_000)
        owners = {w.id: w.owner for w in watches.list_watches(store, active_only=False)}
    return sorted(
        (
            {
                "watch_id": a.watch_id,
                "watch_kind": a.watch_kind,
                "watch_value": a.watch_value,
                "watch_label": a.watch_label,
                "watch_owner": owners[a.watch_id],
                "record_id": a.record_id,
                "retroactive": a.retroactive,
                "seen": a.seen,
                "detail": a.detail,
            }
            for a in found
        ),
        key=lambda a: (a["watch_id"], a["record_id"]),
    )


def _audit(db: Path) -> list[dict[str, Any]]:
    """The audit log, oldest first, without its times and its hash chain."""
    with open_store(db, readonly=True) as store:
        entries = audit.entries(store, limit=1_000_000)
    return [
        {
            "actor": e.actor,
            "action": e.action,
            "target": e.target,
            "outcome": e.outcome,
            "client": e.client,
            "detail": e.detail,
        }
        for e in reversed(entries)
    ]


def _texts(db: Path) -> dict[str, str]:
    """What the terminal shows: `explain` for the riskiest records and every possible minor,
    and `network` for the riskiest networks."""
    with open_store(db, readonly=True) as store:
        rows = [store.record_row(rid) for rid in store.all_record_ids()]
        top = sorted(rows, key=lambda r: (-r["risk"], r["id"]))[:EXPLAIN_TOP]
        chosen = {r["id"] for r in top} | {r["id"] for r in rows if r["possible_minor"]}
        nets = [n.id for n in store.networks(limit=3)]
    texts = {f"explain {rid}": cli("explain", rid, "--db", db) for rid in sorted(chosen)}
    texts |= {f"network {nid}": cli("network", nid, "--db", db) for nid in nets}
    return texts


# -- normalising ----------------------------------------------------------------------------------


def _timeless(output: str) -> str:
    """A command's output without its timings (``record stage 1.9s``)."""
    return re.sub(r"\b\d+\.\d+s\b", "<s>", output)


def _corpus_digest(corpus: Path) -> dict[str, Any]:
    """What the answers are answers to: the ads and each image file, by sha256."""
    images = sorted(p for p in (corpus / "images").iterdir() if p.is_file())
    listing = "".join(f"{p.name} {_sha256(p)}\n" for p in images)
    return {
        "ads": ADS,
        "seed": SEED,
        "first_part": FIRST_PART,
        "ads_sha256": _sha256(corpus / "ads.jsonl"),
        "images": len(images),
        "images_sha256": hashlib.sha256(listing.encode()).hexdigest(),
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ftm(path: Path) -> list[Any]:
    """The case's FollowTheMoney export (one entity per line), in a stable order."""
    entities = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return sorted(entities, key=lambda e: json.dumps(e, sort_keys=True))


#: An ISO date and time as the store writes its clock (``now()``) and the CLI prints it.
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?")


def _normalised(value: Any, replace: dict[str, str], run: tuple[datetime, datetime]) -> Any:
    """VALUE with the strings of REPLACE replaced (the scenario's temporary folder, a hash of a
    file that holds clock times) and every date and time from the scenario's own run (not the
    ads' dates, which are years before) written ``<now>``. RUN: when it started and ended."""
    if isinstance(value, str):
        for old, new in replace.items():
            value = value.replace(old, new)
        return STAMP.sub(lambda m: _clock(m[0], run), value)
    if isinstance(value, list):
        return [_normalised(v, replace, run) for v in value]
    if isinstance(value, dict):
        return {k: _normalised(v, replace, run) for k, v in value.items()}
    return value


def _clock(stamp: str, run: tuple[datetime, datetime]) -> str:
    """``<now>`` for a time within RUN (a naive one is UTC, as the CLI prints the store's)."""
    when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return "<now>" if run[0] <= when <= run[1] else stamp


# -- the fixture ----------------------------------------------------------------------------------


def dumps(value: Any) -> str:
    """A fixture file: one item of a list per line (and of a list under a key), keys sorted, so
    that a change shows as a changed line."""
    if isinstance(value, list):
        return "[\n" + ",\n".join(_one(v) for v in value) + "\n]\n"
    items = []
    for key, item in sorted(value.items()):
        inner = ",\n".join(_one(v) for v in item) if isinstance(item, list) else ""
        text = f"[\n{inner}\n]" if inner else _one(item)
        items.append(f"{json.dumps(key)}: {text}")
    return "{\n" + ",\n".join(items) + "\n}\n"


def _one(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def load_fixture() -> dict[str, Any]:
    return {name: json.loads((FIXTURE / f"{name}.json").read_text("utf-8")) for name in FILES}


def write_fixture(answers: dict[str, Any]) -> None:
    FIXTURE.mkdir(exist_ok=True)
    for name in FILES:
        (FIXTURE / f"{name}.json").write_text(dumps(answers[name]), encoding="utf-8")


def record_fixture() -> None:
    with tempfile.TemporaryDirectory(prefix="linkboard-golden-") as work:
        answers = run_scenario(Path(work))
    write_fixture(answers)
    for name in FILES:
        size = (FIXTURE / f"{name}.json").stat().st_size
        print(f"wrote {FIXTURE / name}.json ({size:,} bytes)")


if __name__ == "__main__":
    record_fixture()
