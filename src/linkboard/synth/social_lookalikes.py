"""The accounts a recruiter rule must leave alone, and the chats a recruitment indicator must not
flag: a modelling agency and a staffing recruiter writing professionally to many people (with
the words of recruitment in their messages), a volunteer organiser writing to neighbours,
people dating, couples, friends planning a trip whose flights a parent pays, ordinary chats full
of money, jobs and travel, and buyers who write to an operation's phone.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from linkboard.synth.social_compose import compose
from linkboard.synth.social_lines import (
    AGENCY_FIRST,
    AGENCY_FOLLOW,
    AMOUNTS,
    BUYER,
    COUPLE,
    DATING,
    DATING_RISKY,
    FRIENDS,
    JOB_FIRST,
    JOB_FOLLOW,
    NEAR_MISS_SHARE,
    NEAR_MISSES,
    OPERATOR,
    OUTREACH,
    OUTREACH_URGENT,
    REPLIES,
    TRIP,
)
from linkboard.synth.social_roster import Chat, Person, Roster
from linkboard.synth.social_talk import Talk, new_chat
from linkboard.synth.social_voice import said
from linkboard.synth.writing import pick

DAY = 86400
Pool = tuple[tuple[str, tuple[str, ...]], ...]
AGENCIES = ("Northlight Models", "Harborview Talent", "Silverbirch Model Management")
COMPANIES = ("Brightline Fulfillment", "Tallgrass Logistics", "Kestrel Staffing Group")
STREETS = ("Harbor St", "Commerce Dr", "Pier Rd", "Elm Avenue", "Industrial Blvd")
WAGES = ("$19/hr", "$18.50 an hour", "$21/hour", "$17 per hour")


def campaign(kind: str, roster: Roster, start: int, days: int, chats: list[Chat]) -> Person:
    """An agency (``agency``), a staffing recruiter (``jobs``) or a volunteer organiser
    (``outreach``) writing first to 10 to 30 people within 5 to 15 days."""
    rng = roster.rng
    org = pick(rng, AGENCIES if kind == "agency" else COMPANIES)
    sender = roster.person(f"benign:{kind}", name=org if kind != "outreach" else "")
    first_pool, follow = _pools(kind)
    slots = {
        "agency": org,
        "company": org,
        "scout": pick(rng, ("Mara", "Jon", "Priya", "Luis", "Dana")),
        "address": f"{rng.randint(12, 2400)} {pick(rng, STREETS)}",
        "site": f"{org.split()[0].lower()}.example/apply",
        "wage": pick(rng, WAGES),
    }
    platform = "whatsapp" if rng.random() < 0.7 else "telegram"
    n, span = rng.randint(10, 30), rng.randint(5, 15)
    first = start + rng.randrange(max(1, days - span - 5)) * DAY
    for _ in range(n):
        other = roster.person("plain")
        chat = new_chat(chats, platform, sender, [sender, other], kind)
        talk = Talk(chat, first + int(rng.random() * span * DAY), rng)
        names = {**slots, "name": other.name.split()[0], "city": roster.city().name}
        text, codes = pick(rng, first_pool)
        talk.say(sender, said(text, "clean", rng, **names), codes=codes)
        _follow_up(talk, sender, other, follow, kind)
    sender.codes = sorted(
        {c for ch in chats if ch.owner == sender.key for ln in ch.lines for c in ln.codes}
    )
    return sender


def _pools(kind: str) -> tuple[Pool, Pool]:
    if kind == "agency":
        return AGENCY_FIRST, AGENCY_FOLLOW
    if kind == "jobs":
        return JOB_FIRST, JOB_FOLLOW
    return OUTREACH, tuple((t, ()) for t in OUTREACH_URGENT)


def _follow_up(talk: Talk, sender: Person, other: Person, follow: Pool, kind: str) -> None:
    rng = talk.rng
    if rng.random() < 0.7:
        talk.say(
            other,
            pick(
                rng,
                (
                    "Hi! yes interested",
                    "what are the hours?",
                    "thanks, is this paid?",
                    "sure",
                    "who is this?",
                    "ok thank you",
                ),
            ),
            voice=pick(rng, ("clean", "texting")),
            gap=3 * 3600,
        )
    chance = 0.25 if kind == "outreach" else 0.8
    for _ in range(rng.randint(1, 2)):
        if rng.random() < chance:
            text, codes = pick(rng, follow)
            talk.say(sender, text, voice="clean", codes=codes, gap=3600)


def dater(roster: Roster, start: int, days: int, chats: list[Chat]) -> Person:
    """Someone on the apps: 5 to 12 strangers written to first within two weeks."""
    rng = roster.rng
    me = roster.person("benign:dating")
    first = start + rng.randrange(max(1, days - 16)) * DAY
    for _ in range(rng.randint(5, 12)):
        other = roster.person("plain")
        talk = Talk(
            new_chat(chats, "telegram", me, [me, other], "dating"),
            first + int(rng.random() * 14 * DAY),
            rng,
        )
        for i in range(rng.randint(2, 5)):
            line = pick(rng, DATING_RISKY) if rng.random() < 0.15 else pick(rng, DATING)
            talk.say(me if i % 2 == 0 else other, line, voice="texting", gap=1800)
    return me


def chatter(
    roster: Roster,
    people: Sequence[Person],
    pool: Sequence[str],
    story: str,
    start: int,
    days: int,
    chats: list[Chat],
) -> Chat:
    """A chat of ``people`` (two: a personal chat; more: a group) in lines of ``pool``, over
    a few days, any of them writing."""
    rng = roster.rng
    platform = "whatsapp" if rng.random() < 0.6 else "telegram"
    title = "" if len(people) == 2 else pick(rng, ("Lake trip 🏕", "Road trip!!", "Spring break"))
    chat = new_chat(chats, platform, people[0], list(people), story, title)
    talk = Talk(chat, start + rng.randrange(days - 3) * DAY + rng.randrange(DAY), rng)
    for _ in range(rng.randint(4, 14 if len(people) == 2 else 26)):
        who = pick(rng, people)
        line = _near_miss(rng) if rng.random() < NEAR_MISS_SHARE else pick(rng, pool)
        slots = {"city": roster.city().name, "amount": pick(rng, AMOUNTS)}
        text = said(line, pick(rng, ("clean", "texting")), rng, **slots)
        talk.say(who, text, gap=pick(rng, (300, 3600, 4 * 3600)))
    return chat


def _near_miss(rng: random.Random) -> str:
    return compose("near_miss", rng) if rng.random() < 0.5 else pick(rng, NEAR_MISSES)


def buyers(
    roster: Roster, phones: Sequence[Person], start: int, days: int, chats: list[Chat], n: int
) -> list[Person]:
    """``n`` buyers, each writing first to one or two operation phones (WhatsApp, exported
    from the operation's phone); the operation answers."""
    rng = roster.rng
    out = []
    for _ in range(n if phones else 0):
        buyer = roster.person("buyer")
        for op in rng.sample(list(phones), min(len(phones), rng.randint(1, 2))):
            buyer.shared.append(f"phone:{op.phone}")
            talk = Talk(
                new_chat(chats, "whatsapp", op, [op, buyer], "buyer"),
                start + rng.randrange(days) * DAY + rng.randrange(DAY),
                rng,
            )
            alias = op.name.split()[0].lower()
            for i in range(rng.randint(2, 6)):
                who, pool = (buyer, BUYER) if i % 2 == 0 else (op, OPERATOR)
                talk.say(who, said(pick(rng, pool), "texting", rng, alias=alias), gap=900)
        out.append(buyer)
    return out


def couple(roster: Roster, start: int, days: int, chats: list[Chat]) -> None:
    a, b = roster.person("benign:couple"), roster.person("benign:couple")
    chatter(roster, [a, b], COUPLE, "couple", start, days, chats)


def trip(roster: Roster, start: int, days: int, chats: list[Chat]) -> None:
    people = [roster.person("benign:trip") for _ in range(roster.rng.randint(4, 6))]
    chatter(roster, people, TRIP, "trip", start, days, chats)


def friends(
    roster: Roster, people: Sequence[Person], start: int, days: int, chats: list[Chat]
) -> None:
    """Ordinary chats: each of ``people`` with one to three others of them."""
    rng = roster.rng
    for p in people:
        for q in rng.sample(list(people), rng.randint(1, 3)):
            if q is not p:
                chatter(roster, [p, q], FRIENDS + REPLIES, "friends", start, days, chats)
