"""A synthetic social world with ground truth: chats exported as Telegram Desktop and WhatsApp
export them, posts as records of kind ``post``, and who everyone really is.

``write_social(out_dir, seed=7, ads_dir=None, days=60)`` writes, in ``out_dir`` (same arguments
→ byte-identical files):

``telegram/<chat>/result.json``, ``whatsapp/<chat>/WhatsApp Chat with <name>.txt``
    One export per chat (formats: :mod:`linkboard.synth.social_export`).
``posts.jsonl``
    One post per line: ``{id, kind: "post", platform, author, author_name, posted_at, text,
    mentions}``.
``truth.json``
    ``accounts``: per account its ``key``, ``name``, ``role`` (``recruiter``, ``promoter``,
    ``buyer``, ``plain`` or ``benign:<kind>`` - agency, jobs, outreach, dating, couple, trip,
    shop, viral), ``phone``, ``telegram_id``, ``telegram_username``, ``operation``, ``codes``
    (planted: SOC_RECRUITER, PROMOTION and the RECRUIT_* its messages hold), ``shared`` (its
    identifiers that an operation's ads write, ``phone:+1…`` / ``handle:platform:name``),
    ``contacted_by`` (the recruiter who wrote to it first). ``chats``: per chat its ``id``,
    ``file``, ``platform``, ``type``, ``story``, ``owner`` (who exported it), ``members`` (key →
    how the export writes it) and ``messages`` (per message in file order: its ``key`` in the
    export, ``sender``, ``sent_at``, planted ``codes`` and ``moves``, ``shared`` identifiers).
    ``posts``: per post its author, story, promotion ``group`` and ``promoted`` identifiers.
    ``operations``: the operations used, with their phones and handles.

Tied to an ad corpus (``ads_dir``, an output folder of :func:`linkboard.synth.generate`): its
operations' phones and handles are the recruiters' and promoters', buyers write to those
phones, and no other account uses any identifier an ad writes. Phones are fictional 555-01XX
lines; names are drawn at random; nothing is explicit and nobody described is a minor.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from linkboard.synth import social_lookalikes as look
from linkboard.synth.lexicon import lexicon
from linkboard.synth.social_export import write_chat
from linkboard.synth.social_lines import FRIENDS
from linkboard.synth.social_posts import Post, lookalike_posts, plain_posts, promoters
from linkboard.synth.social_recruiters import Recruiter, make_recruiter, recruit
from linkboard.synth.social_roster import (
    Chat,
    Line,
    Op,
    Person,
    Roster,
    dumps,
    made_up_op,
    read_ops,
)

FORMAT = 1
START = date(2025, 1, 1)


@dataclass(frozen=True, slots=True)
class Sizes:
    """How many of each: recruiters, promoter groups and every look-alike."""

    recruiters: int = 6
    promoter_groups: int = 4
    agencies: int = 2
    jobs: int = 2
    outreach: int = 2
    daters: int = 3
    couples: int = 3
    trips: int = 3
    friends: int = 40
    buyers: int = 15
    posters: int = 30


@dataclass(slots=True)
class SocialWorld:
    seed: int
    start: date
    days: int
    people: list[Person]
    chats: list[Chat]
    posts: list[Post]
    ops: list[Op]

    def person(self, key: str) -> Person:
        return next(p for p in self.people if p.key == key)

    def lines(self) -> Iterator[tuple[Chat, int, Line]]:
        """Every message: its chat, its number in the chat (from 1) and the line."""
        for chat in self.chats:
            for n, line in enumerate(chat.lines, 1):
                yield chat, n, line


def social_world(
    seed: int = 7, ads_dir: Path | None = None, days: int = 60, sizes: Sizes | None = None
) -> SocialWorld:
    """The world of ``seed`` over ``days`` days, tied to the ad corpus in ``ads_dir`` if given."""
    sizes = sizes or Sizes()
    rng = random.Random(seed)
    ops, taken, start = _ads(ads_dir)
    roster = Roster(rng, taken, lexicon())
    ts = int(datetime(start.year, start.month, start.day, tzinfo=UTC).timestamp())
    need = max(sizes.recruiters, sizes.promoter_groups)
    ops = rng.sample(ops, min(len(ops), need))
    ops += [made_up_op(i + 1, roster) for i in range(need - len(ops))]
    chats: list[Chat] = []
    recruiters = _recruiters(ops, roster, ts, days, chats, sizes)
    _lookalikes(roster, ts, days, chats, sizes)
    whatsapp = [r.person for r in recruiters if r.platform == "whatsapp"]
    look.buyers(roster, whatsapp, ts, days, chats, sizes.buyers)
    posts: list[Post] = []
    for i, op in enumerate(rng.sample(ops, sizes.promoter_groups)):
        promoters(op, roster, ts, days, posts, f"promo-{i + 1}")
    lookalike_posts(roster, ts, days, posts)
    plain_posts(
        rng.sample(roster.people, min(sizes.posters, len(roster.people))), roster, ts, days, posts
    )
    chats.sort(key=lambda c: (c.lines[0].at if c.lines else 0, c.id))
    posts.sort(key=lambda p: (p.at, p.id))
    return SocialWorld(seed, start, days, roster.people, chats, posts, ops)


def _ads(ads_dir: Path | None) -> tuple[list[Op], frozenset[str], date]:
    if ads_dir is None:
        return [], frozenset(), START
    ops, taken = read_ops(Path(ads_dir))
    truth = Path(ads_dir) / "truth.json"
    start = date.fromisoformat(json.loads(truth.read_text("utf-8"))["start"])
    return ops, taken, start


def _recruiters(
    ops: list[Op], roster: Roster, ts: int, days: int, chats: list[Chat], sizes: Sizes
) -> list[Recruiter]:
    out = []
    for op in ops[: sizes.recruiters]:
        rec = make_recruiter(op, roster)
        recruit(rec, roster, ts, days, chats)
        for _ in range(roster.rng.randint(0, 2)):
            friend = roster.person("plain")
            look.chatter(roster, [rec.person, friend], FRIENDS, "friends", ts, days, chats)
        out.append(rec)
    return out


def _lookalikes(roster: Roster, ts: int, days: int, chats: list[Chat], sizes: Sizes) -> None:
    for kind, n in (("agency", sizes.agencies), ("jobs", sizes.jobs), ("outreach", sizes.outreach)):
        for _ in range(n):
            look.campaign(kind, roster, ts, days, chats)
    for _ in range(sizes.daters):
        look.dater(roster, ts, days, chats)
    for _ in range(sizes.couples):
        look.couple(roster, ts, days, chats)
    for _ in range(sizes.trips):
        look.trip(roster, ts, days, chats)
    people = [roster.person("plain") for _ in range(sizes.friends)]
    look.friends(roster, people, ts, days, chats)


@dataclass(frozen=True, slots=True)
class SocialSummary:
    out_dir: Path
    accounts: int
    chats: int
    messages: int
    posts: int


def write_social(
    out_dir: Path,
    seed: int = 7,
    ads_dir: Path | None = None,
    days: int = 60,
    sizes: Sizes | None = None,
) -> SocialSummary:
    """Write the world of :func:`social_world` and its truth into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    world = social_world(seed, ads_dir, days, sizes)
    people = {p.key: p for p in world.people}
    chats = [_chat_truth(c, *write_chat(out, c, people)) for c in world.chats]
    with open(out / "posts.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for post in world.posts:
            f.write(dumps(post.record()) + "\n")
    truth = {
        "format": FORMAT,
        "seed": seed,
        "start": world.start.isoformat(),
        "days": days,
        "ads": ads_dir is not None,
        "accounts": [_account_truth(p) for p in world.people],
        "chats": chats,
        "posts_file": "posts.jsonl",
        "posts": [_post_truth(p) for p in world.posts],
        "operations": [
            {
                "id": o.id,
                "from_ads": o.from_ads,
                "phones": list(o.phones),
                "handles": list(o.handles),
            }
            for o in world.ops
        ],
    }
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", "utf-8")
    lines = sum(len(c.lines) for c in world.chats)
    return SocialSummary(out, len(world.people), len(world.chats), lines, len(world.posts))


def _account_truth(p: Person) -> dict[str, Any]:
    return {
        "key": p.key,
        "name": p.name,
        "role": p.role,
        "phone": p.phone,
        "telegram_id": p.tg_id,
        "telegram_username": p.handle,
        "operation": p.operation,
        "codes": p.codes,
        "shared": p.shared,
        "contacted_by": p.contacted_by,
    }


def _chat_truth(chat: Chat, file: str, keys: list[Any], written: dict[str, str]) -> dict[str, Any]:
    return {
        "id": chat.id,
        "file": file,
        "platform": chat.platform,
        "type": chat.kind,
        "story": chat.story,
        "owner": chat.owner,
        "members": written,
        "messages": [
            {
                "key": key,
                "sender": line.sender,
                "sent_at": datetime.fromtimestamp(line.at, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "codes": list(line.codes),
                "moves": list(line.moves),
                "shared": list(line.shared),
            }
            for key, line in zip(keys, chat.lines, strict=True)
        ],
    }


def _post_truth(p: Post) -> dict[str, Any]:
    return {
        "id": p.id,
        "author": p.author.key,
        "role": p.author.role,
        "story": p.story,
        "group": p.group,
        "promoted": p.promoted,
    }
