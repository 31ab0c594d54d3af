"""Recruiters: accounts that open conversations with many strangers within days and pitch them
money, paid travel, modelling or romance, then ask them to another app (an operation's phone or
handle, as its ads print them), for photos, for their age, for a decision now.

Each recruiter has a style (which pitches it leans on), a voice, and the platform it writes
from; each stranger gets its own draw of pitch lines and moves, spread over one to three
messages, some a day or two after the opener, with the stranger's replies between.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import NamedTuple

from linkboard.synth.social_compose import compose
from linkboard.synth.social_lines import AMOUNTS, MOVES, OPENERS, PITCH, REPLIES
from linkboard.synth.social_roster import Chat, Op, Person, Roster
from linkboard.synth.social_talk import Talk, new_chat, spoken_phone
from linkboard.synth.social_voice import VOICES, said
from linkboard.synth.writing import pick

DAY = 86400
#: Pitch styles: how likely each RECRUIT_* code is in a pitch to one stranger.
STYLES: dict[str, dict[str, float]] = {
    "job": {
        "RECRUIT_EASY_MONEY": 0.8,
        "RECRUIT_TRAVEL_PAID": 0.7,
        "RECRUIT_MODELING": 0.15,
        "RECRUIT_BOYFRIEND": 0.1,
    },
    "model": {
        "RECRUIT_MODELING": 0.9,
        "RECRUIT_EASY_MONEY": 0.5,
        "RECRUIT_TRAVEL_PAID": 0.35,
        "RECRUIT_BOYFRIEND": 0.1,
    },
    "romeo": {
        "RECRUIT_BOYFRIEND": 0.9,
        "RECRUIT_TRAVEL_PAID": 0.4,
        "RECRUIT_EASY_MONEY": 0.3,
        "RECRUIT_MODELING": 0.1,
    },
    "mixed": {c: 0.45 for c in PITCH},
}
MOVE_ODDS = {"other_app": 0.75, "photos": 0.4, "age": 0.35, "urgency": 0.4}
APPS = {
    "telegram": ("telegram", "tg", "tele"),
    "snapchat": ("snap", "snapchat"),
    "instagram": ("ig", "insta"),
    "kik": ("kik",),
}


@dataclass(slots=True)
class Recruiter:
    person: Person
    op: Op
    platform: str
    style: str
    voice: str
    other: str  # how it writes its other-app contact
    other_id: str  # that contact as an identifier (``phone:+1…``, ``handle:telegram:…``)

    @property
    def apps(self) -> tuple[str, ...]:
        """How it names the app of its other-app contact."""
        kind, _, value = self.other_id.partition(":")
        if kind == "phone":
            return (
                ("whatsapp", "signal", "my other number")
                if self.platform == "telegram"
                else ("signal", "my other number")
            )
        return APPS.get(value.partition(":")[0], (value.partition(":")[0],))


def make_recruiter(op: Op, roster: Roster) -> Recruiter:
    """A recruiter for ``op``: on WhatsApp with the operation's phone, sending strangers to its
    Telegram username; or on Telegram under that username, sending them to the phone."""
    rng = roster.rng
    tg = next((h for h in op.handles if h.startswith("telegram:")), "")
    phone = op.phones[0] if op.phones else ""
    on_whatsapp = bool(phone) and (not tg or rng.random() < 0.6)
    person = roster.person("recruiter", phone=phone if on_whatsapp else "")
    person.operation = op.id
    if on_whatsapp:
        other, other_id = _other(op, tg, phone, rng)
        person.shared.append(f"phone:{phone}")
    else:
        person.handle = (tg or op.handles[0]).partition(":")[2]
        other, other_id = spoken_phone(phone, rng), f"phone:{phone}"
        if not phone:
            other, other_id = "@" + person.handle, f"handle:{tg or op.handles[0]}"
        person.shared.append(f"handle:{tg or op.handles[0]}")
    person.shared.append(other_id)
    person.shared = list(dict.fromkeys(person.shared))
    platform = "whatsapp" if on_whatsapp else "telegram"
    style, voice = pick(rng, tuple(STYLES)), pick(rng, (*VOICES[1:], "clean"))
    return Recruiter(person, op, platform, style, voice, other, other_id)


def _other(op: Op, tg: str, phone: str, rng: random.Random) -> tuple[str, str]:
    """Where a WhatsApp recruiter sends strangers: the operation's Telegram username, another
    handle of its ads, or another of its phones."""
    if tg:
        return "@" + tg.partition(":")[2], f"handle:{tg}"
    if op.handles:
        return op.handles[0].partition(":")[2], f"handle:{op.handles[0]}"
    second = op.phones[1] if len(op.phones) > 1 else phone
    return spoken_phone(second, rng), f"phone:{second}"


class Piece(NamedTuple):
    """A line of a pitch and what it plants: a RECRUIT_* code or a move."""

    text: str
    codes: tuple[str, ...] = ()
    moves: tuple[str, ...] = ()


def recruit(rec: Recruiter, roster: Roster, start: int, days: int, chats: list[Chat]) -> None:
    """The recruiter's campaign: 8 to 22 strangers first contacted within 3 to 12 days; each
    chat exported from the recruiter's phone, or from the stranger's."""
    rng = roster.rng
    n, span = rng.randint(8, 22), rng.randint(3, 12)
    first = start + rng.randrange(max(1, days - span - 8)) * DAY
    codes: set[str] = set()
    for _ in range(n):
        stranger = roster.person("plain")
        stranger.contacted_by = rec.person.key
        owner = rec.person if rng.random() < 0.7 else stranger
        chat = new_chat(chats, rec.platform, owner, [rec.person, stranger], "recruitment")
        talk = Talk(chat, first + int(rng.random() * span * DAY), rng)
        _pitch(rec, stranger, talk, roster)
        codes.update(c for line in chat.lines for c in line.codes)
    rec.person.codes = sorted(codes | {"SOC_RECRUITER"})


def _pitch(rec: Recruiter, stranger: Person, talk: Talk, roster: Roster) -> None:
    """An opener, maybe a reply and a pause, then the pitch lines and moves, one or two to a
    message, the stranger answering now and then."""
    rng = roster.rng
    pieces = _pieces(rec, rng)
    talk.say(rec.person, _said(pick(rng, OPENERS), rec, roster))
    if rng.random() < 0.65:
        talk.say(stranger, pick(rng, REPLIES), voice="texting", gap=1800)
    if rng.random() < 0.12:
        talk.wait(rng.uniform(0.5, 2.5) * DAY)
    while pieces:
        k = rng.randint(1, 2)
        take, pieces = pieces[:k], pieces[k:]
        text = rng.choice((" ", ". ", "\n")).join(_said(p.text, rec, roster) for p in take)
        codes = tuple(c for p in take for c in p.codes)
        moved = tuple(m for p in take for m in p.moves)
        shared = (rec.other_id,) if "other_app" in moved else ()
        talk.say(rec.person, text, codes=codes, moves=moved, shared=shared)
        if rng.random() < 0.4:
            talk.say(stranger, pick(rng, REPLIES), voice="texting", gap=2400)


def _pieces(rec: Recruiter, rng: random.Random) -> list[Piece]:
    """The pitch to one stranger: codes drawn by the recruiter's style (at least one), moves
    by their odds, in a random order."""
    style = STYLES[rec.style]
    cats = [c for c in sorted(style) if rng.random() < style[c]]
    if not cats:
        cats = [max(style, key=lambda c: (style[c], c))]
    moves = [m for m in sorted(MOVE_ODDS) if rng.random() < MOVE_ODDS[m]]
    pieces = [Piece(_line(c, rng), codes=(c,)) for c in cats]
    pieces += [Piece(pick(rng, MOVES[m]), moves=(m,)) for m in moves]
    rng.shuffle(pieces)
    return pieces


def _line(code: str, rng: random.Random) -> str:
    """A pitch line of ``code``: one of the written ones, or one put together from parts."""
    return compose(code, rng) if rng.random() < 0.5 else pick(rng, PITCH[code])


def _said(template: str, rec: Recruiter, roster: Roster) -> str:
    """A line in the recruiter's voice, its city, amount and contact pasted in."""
    rng = roster.rng
    slots = {
        "city": roster.city().name,
        "amount": pick(rng, AMOUNTS),
        "contact": rec.other,
        "app": pick(rng, rec.apps),
    }
    return said(template, rec.voice, rng, **slots)
