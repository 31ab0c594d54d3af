"""Quality of the social channel's rules on synthetic social worlds (``linkboard.synth.social``).

    python benchmarks/social_rules.py                       # seeds 1-3, held-out 4-6
    python benchmarks/social_rules.py --seeds 1 --held-out --examples 5

For each seed: an ad corpus (``linkboard.synth.generate``, no images) and a social world tied to
it. Then:

- RECRUIT_* (message level): every message's text goes through the social taxonomy as
  ``linkboard.score.record_hits`` applies it to a record (a ``message`` record, its text as the
  body); precision and recall per code against the codes the world planted in that message.
  Chats flagged: the share of chats of each story with any RECRUIT_* hit. Ordinary chats
  (friends, trip, couple, dating, buyer) plant no code; the look-alikes' campaigns (agency,
  jobs, outreach) do - a casting call is a modelling offer - and must be left to SOC_RECRUITER.
- SOC_RECRUITER (account level): every account that sent a message is evaluated on the messages
  of its chats; precision and recall of *alerting* results against the recruiters planted, and
  what every other role got.
- Lockstep promotion (account level): ``lockstep`` over the posts (identifiers by extraction and
  tags), with every identifier and with only those the ads write.

Seeds 1-3 are the ones looked at while writing the rules; 4-6 are held out. Targets on the held
out: SOC_RECRUITER precision and recall >= 0.9, RECRUIT_* recall >= 0.9, ordinary chats flagged
<= 10 %. Prints markdown tables to stdout.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import table

from linkboard.model import Provenance, Record
from linkboard.score import record_hits
from linkboard.score.taxonomy import Taxonomy
from linkboard.social.promotion import Post, identifiers_of, lockstep
from linkboard.social.recruiter import Msg, evaluate_sender, load_pack, social_taxonomy

DEV_SEEDS = (1, 2, 3)
HELD_OUT = (4, 5, 6)
ADS = 3000
TARGET = 0.9
FLAG_TARGET = 0.10
CODES = ("RECRUIT_MODELING", "RECRUIT_EASY_MONEY", "RECRUIT_TRAVEL_PAID", "RECRUIT_BOYFRIEND")
ORDINARY = ("friends", "trip", "couple", "dating", "buyer")
PROV = Provenance("bench", "bench:1", "2026-01-01T00:00:00Z", "0" * 64)


@dataclass
class Tally:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    chats: Counter[str] = field(default_factory=Counter)
    flagged: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    alerted: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def make_world(seed: int, tmp: Path) -> tuple[Any, frozenset[str]]:
    from linkboard.synth import generate
    from linkboard.synth.social import social_world
    from linkboard.synth.social_roster import read_ops

    folder = tmp / f"ads-{seed}"
    generate(folder, ADS, seed=seed, images=False)
    _, written = read_ops(folder)
    return social_world(seed, folder), written


def fired(text: str, taxonomy: Taxonomy) -> frozenset[str]:
    record = Record(id="m", kind="message", raw=text, provenance=PROV, body=text)
    return frozenset(h.code for h in record_hits(record, [], taxonomy) if h.code in CODES)


def score_messages(world: Any, taxonomy: Taxonomy, tally: Tally, keep: int) -> dict[str, Any]:
    codes_of: dict[str, frozenset[str]] = {}
    flagged: dict[str, bool] = defaultdict(bool)
    for chat, n, line in world.lines():
        got = fired(line.text, taxonomy)
        codes_of[f"{chat.id}:{n}"] = got
        flagged[chat.id] |= bool(got)
        planted = set(line.codes)
        for code in CODES:
            if code in planted and code in got:
                tally.tp[code] += 1
            elif code in got:
                tally.fp[code] += 1
                _example(tally, f"FP {code} ({chat.story})", line.text, keep)
            elif code in planted:
                tally.fn[code] += 1
                _example(tally, f"FN {code}", line.text, keep)
    for chat in world.chats:
        tally.chats[chat.story] += 1
        tally.flagged[chat.story] += flagged[chat.id]
    return codes_of


def score_recruiters(world: Any, codes_of: dict[str, Any], tally: Tally, keep: int) -> None:
    pack = load_pack(social_taxonomy())
    of: dict[str, list[Msg]] = defaultdict(list)
    for chat, n, line in world.lines():
        msg = Msg(
            f"{chat.id}:{n}",
            chat.id,
            line.sender,
            chat.recipients(line),
            datetime.fromtimestamp(line.at, UTC),
            line.text,
            codes_of[f"{chat.id}:{n}"],
        )
        for member in chat.members:
            of[member].append(msg)
    senders = {line.sender for _, _, line in world.lines()}
    for person in world.people:
        if person.key not in senders:
            continue
        alert = evaluate_sender(person.key, of[person.key], pack)
        hit = alert is not None and alert.alerting
        tally.roles[person.role] += 1
        tally.alerted[person.role] += hit
        if hit and person.role != "recruiter":
            _example(tally, f"FP SOC_RECRUITER ({person.role})", alert.reason, keep)  # type: ignore[union-attr]
        if not hit and person.role == "recruiter":
            why = f"{alert.band} {alert.strength}: {alert.reason}" if alert else "no band"
            _example(tally, "FN SOC_RECRUITER", f"{person.key} {person.operation}: {why}", keep)


def score_promotion(world: Any, written: frozenset[str], tally: Tally) -> None:
    posts = [
        Post(p.id, p.author.key, datetime.fromtimestamp(p.at, UTC), identifiers_of(p.record()))
        for p in world.posts
    ]
    roles = {p.key: p.role for p in world.people}
    for label, only in (("lockstep, all identifiers", None), ("lockstep, ad identifiers", written)):
        found = {a for f in lockstep(posts, 10, 3, only=only) for a in f.accounts}
        for author in sorted({p.author for p in posts}):
            truth, got = roles[author] == "promoter", author in found
            tally.tp[label] += truth and got
            tally.fp[label] += got and not truth
            tally.fn[label] += truth and not got


def _example(tally: Tally, key: str, text: str, keep: int) -> None:
    if len(tally.examples[key]) < keep:
        tally.examples[key].append(text.replace("\n", " / "))


def _ratio(a: int, b: int) -> float | str:
    return a / b if b else "-"


def report(title: str, tally: Tally) -> bool:
    ok = True
    rows: list[list[object]] = []
    for code in (*CODES, "SOC_RECRUITER", "lockstep, all identifiers", "lockstep, ad identifiers"):
        if code == "SOC_RECRUITER":
            tp = tally.alerted["recruiter"]
            fp = sum(n for r, n in tally.alerted.items() if r != "recruiter")
            fn = tally.roles["recruiter"] - tp
        else:
            tp, fp, fn = tally.tp[code], tally.fp[code], tally.fn[code]
        p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        if code.startswith("RECRUIT_"):
            ok &= isinstance(r, float) and r >= TARGET
        if code == "SOC_RECRUITER":
            ok &= all(isinstance(v, float) and v >= TARGET for v in (p, r))
        rows.append([code, tp + fn, tp, fp, fn, p, r])
    print(f"### {title}\n")
    print(table(["rule", "planted", "TP", "FP", "FN", "precision", "recall"], rows))
    chats = [
        [s, tally.chats[s], tally.flagged[s], _ratio(tally.flagged[s], tally.chats[s])]
        for s in sorted(tally.chats)
    ]
    n = sum(tally.chats[s] for s in ORDINARY)
    k = sum(tally.flagged[s] for s in ORDINARY)
    chats.append(["ordinary chats (" + ", ".join(ORDINARY) + ")", n, k, _ratio(k, n)])
    ok &= n > 0 and k / n <= FLAG_TARGET
    print("\n" + table(["chats", "n", "flagged (any RECRUIT_*)", "share"], chats))
    roles = [
        [r, tally.roles[r], tally.alerted[r], _ratio(tally.alerted[r], tally.roles[r])]
        for r in sorted(tally.roles)
    ]
    print("\n" + table(["senders by role", "n", "SOC_RECRUITER alerts", "share"], roles) + "\n")
    return ok


def quality(seeds: Sequence[int], title: str, keep: int, tmp: Path) -> bool:
    taxonomy = social_taxonomy()
    tally = Tally()
    for seed in seeds:
        world, written = make_world(seed, tmp)
        codes_of = score_messages(world, taxonomy, tally, keep)
        score_recruiters(world, codes_of, tally, keep)
        score_promotion(world, written, tally)
    ok = report(f"{title}: seeds {', '.join(map(str, seeds))}", tally)
    for key in sorted(tally.examples):
        print(f"- {key}:")
        for line in tally.examples[key]:
            print(f"    - {line}")
    print()
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="*", default=list(DEV_SEEDS))
    parser.add_argument("--held-out", type=int, nargs="*", default=list(HELD_OUT))
    parser.add_argument("--examples", type=int, default=0, help="FP/FN texts to print per key")
    args = parser.parse_args(argv)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        if args.seeds:
            quality(args.seeds, "Development", args.examples, Path(tmp))
        if args.held_out:
            ok = quality(args.held_out, "Held out", args.examples, Path(tmp))
            print(f"Held-out targets: {'met' if ok else 'NOT met'}\n")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
