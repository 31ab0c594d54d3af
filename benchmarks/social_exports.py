"""Large WhatsApp and Telegram exports, fast, for the social channel's scale benchmark
(``benchmarks/social_scale.py``): about N messages in chats of plausible sizes, written by the
synthetic world's own writers (``linkboard.synth.social_export``), so the files are the formats
the readers meet.

- Chats: nine in ten personal (two people; a few to a few thousand messages, median about 60),
  one in ten groups (3 to 80 members; median about 400 messages, up to 20,000); half on WhatsApp,
  half on Telegram; each exported by its first member.
- People: WhatsApp users have a fictional 555-01XX phone (there are about 10,000, so the pool
  is capped) and half the chats show them by name (saved contacts); Telegram users have a user id.
- Talk: ordinary lines, near misses of the recruitment words, now and then a typed phone; a few
  recruiters (one per 20,000 messages) open many personal chats with a pitch.
- Posts (for ``lockstep``): N posts by a pool of authors, one in twenty naming a phone or a handle,
  and promotion teams of three to six accounts posting one number minutes apart, again and again.

Everything is synthetic: names drawn at random, phones in the fictional 555-01XX range.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from linkboard.social.promotion import Post
from linkboard.synth.lexicon import lexicon
from linkboard.synth.payments_accounts import FictionPhones
from linkboard.synth.payments_names import FIRST_NAMES, SURNAMES
from linkboard.synth.social_export import write_chat
from linkboard.synth.social_lines import (
    AMOUNTS,
    FRIENDS,
    MOVES,
    NEAR_MISSES,
    OPENERS,
    PITCH,
    REPLIES,
)
from linkboard.synth.social_roster import Chat, Line, Person

START = int(datetime(2025, 1, 1, tzinfo=UTC).timestamp())
YEAR = 365 * 86400
#: Messages per recruiter in the world (one recruiter per this many).
PER_RECRUITER = 20_000
AREAS = ("303", "312", "702", "713", "305", "404", "206", "617")


@dataclass(slots=True)
class Written:
    chats: int = 0
    messages: int = 0
    people: int = 0
    files_mb: float = 0.0


def _texts(rng: random.Random) -> tuple[list[str], list[str]]:
    """Ordinary lines (near misses among them) and pitch lines, their slots filled."""
    slots = {"city": "Denver", "amount": "", "contact": "@blue_fox22", "app": "tele"}

    def fill(t: str) -> str:
        return t.format(**{**slots, "amount": rng.choice(AMOUNTS)}) if "{" in t else t

    ordinary = [fill(t) for t in (*FRIENDS, *REPLIES, *NEAR_MISSES)]
    pitch = [fill(t) for lines in PITCH.values() for t in lines]
    pitch += [fill(t) for lines in MOVES.values() for t in lines]
    return ordinary, pitch


class Population:
    """WhatsApp and Telegram users, handed out at random."""

    def __init__(self, rng: random.Random, whatsapp: int, telegram: int) -> None:
        self.rng = rng
        phones, lex = FictionPhones(frozenset()), lexicon()
        numbers = [p for c in lex.cities for _ in range(200) if (p := phones.allocate(c))]
        self.whatsapp = [self._person(f"wa{i}", phone=n) for i, n in
                         enumerate(numbers[:whatsapp])]  # fmt: skip
        self.telegram = [self._person(f"tg{i}", tg=f"user{5 * 10**9 + i}") for i in range(telegram)]

    def _person(self, key: str, phone: str = "", tg: str = "") -> Person:
        name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"
        return Person(key, name, phone, tg)

    def pick(self, platform: str, n: int) -> list[Person]:
        pool = self.whatsapp if platform == "whatsapp" else self.telegram
        return self.rng.sample(pool, n)


def chat_size(rng: random.Random, group: bool) -> int:
    """A chat's messages: log-normal, median 60 (personal) or 400 (group)."""
    if group:
        return max(10, min(20_000, int(rng.lognormvariate(math.log(400), 1.0))))
    return max(2, min(3_000, int(rng.lognormvariate(math.log(60), 1.1))))


def talk(rng: random.Random, members: list[Person], n: int, texts: list[str]) -> list[Line]:
    """N lines among MEMBERS, minutes apart, sometimes hours or days; now and then a phone."""
    at = START + rng.randrange(YEAR)
    lines = []
    for _ in range(n):
        at += int(rng.expovariate(1 / 600)) + (
            86400 * rng.randint(1, 3) if rng.random() < 0.02 else 0
        )
        text = rng.choice(texts)
        if rng.random() < 0.01:
            text += f" call me at {rng.choice(AREAS)}-555-01{rng.randrange(100):02d}"
        lines.append(Line(rng.choice(members).key, at, text))
    return lines


def recruitment(rng: random.Random, recruiter: Person, stranger: Person, pitch: list[str],
                ordinary: list[str], at: int) -> list[Line]:  # fmt: skip
    """A recruiter's opener and pitch to one stranger, the stranger answering now and then."""
    lines = [Line(recruiter.key, at, rng.choice(OPENERS))]
    for _ in range(rng.randint(2, 5)):
        at += rng.randrange(60, 3600)
        who = recruiter if rng.random() < 0.7 else stranger
        lines.append(Line(who.key, at, rng.choice(pitch if who is recruiter else ordinary)))
    return lines


def chats(
    rng: random.Random, people: Population, messages: int
) -> Iterator[tuple[Chat, list[Person]]]:
    """Chats until MESSAGES are written: ordinary ones, then each recruiter's campaign."""
    ordinary, pitch = _texts(rng)
    count = written = 0
    recruiters = max(1, messages // PER_RECRUITER)
    budget = messages - recruiters * 60
    while written < budget:
        platform = rng.choice(("whatsapp", "telegram"))
        group = rng.random() < 0.1
        members = people.pick(platform, rng.randint(3, 80) if group else 2)
        count += 1
        chat = _chat(count, platform, members, "friends" if rng.random() < 0.5 else "strangers",
                     "Group " + str(count) if group else "")  # fmt: skip
        chat.lines = talk(rng, members, min(chat_size(rng, group), budget - written + 2), ordinary)
        written += len(chat.lines)
        yield chat, members
    for _ in range(recruiters):
        platform = rng.choice(("whatsapp", "telegram"))
        recruiter, at = people.pick(platform, 1)[0], START + rng.randrange(YEAR)
        for stranger in people.pick(platform, 15):
            if stranger is recruiter:
                continue
            count += 1
            chat = _chat(count, platform, [recruiter, stranger], "strangers", "")
            chat.lines = recruitment(rng, recruiter, stranger, pitch, ordinary, at)
            at += rng.randrange(3600, 86400)
            yield chat, [recruiter, stranger]


def _chat(n: int, platform: str, members: list[Person], story: str, title: str) -> Chat:
    keys = [m.key for m in members]
    kind = "group" if len(members) > 2 else "personal"
    return Chat(f"{platform[:2]}-{n:06d}", platform, kind, title, keys[0], keys, story)


def write_exports(out: Path, messages: int, seed: int = 1) -> Written:
    """Write about MESSAGES messages of chats under OUT (``telegram/``, ``whatsapp/``)."""
    rng = random.Random(seed)
    people = Population(rng, min(10_000, max(200, messages // 100)), max(200, messages // 100))
    done = Written(people=len(people.whatsapp) + len(people.telegram))
    for chat, members in chats(rng, people, messages):
        write_chat(out, chat, {m.key: m for m in members})
        done.chats += 1
        done.messages += len(chat.lines)
    done.files_mb = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20
    return done


def posts(n: int, seed: int = 1, teams: int = 50) -> tuple[list[Post], list[set[str]]]:
    """N posts for ``lockstep``, and the promotion teams planted among them (their authors)."""
    rng = random.Random(seed)
    authors = [f"acct{i}" for i in range(max(100, n // 20))]
    idents = [f"phone:+1303555{i:04d}" for i in range(max(50, n // 200))]
    out: list[Post] = []
    planted = []
    for t in range(teams):
        team = rng.sample(authors, rng.randint(3, 6))
        planted.append(set(team))
        ident = f"handle:telegram:promo_{t}"
        for _ in range(rng.randint(4, 8)):
            at = START + rng.randrange(YEAR)
            for a in team:
                out.append(_post(len(out), a, at + rng.randrange(0, 300), {ident}))
    while len(out) < n:
        at = START + rng.randrange(YEAR)
        named = {rng.choice(idents)} if rng.random() < 0.05 else set()
        out.append(_post(len(out), rng.choice(authors), at, named))
    return out, planted


def _post(i: int, author: str, at: int, idents: set[str]) -> Post:
    return Post(f"post-{i}", author, datetime.fromtimestamp(at, UTC), frozenset(idents))
