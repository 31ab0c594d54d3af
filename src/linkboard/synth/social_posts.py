"""Posts: promoters who post one operation's handle or phone in lockstep (a few accounts within
minutes of each other, round after round), and their look-alikes - a shop's staff posting the
shop's own handle every morning, a crowd posting a festival's handle once, ordinary posts.

A post is a record of kind ``post``: ``{id, kind, platform, author, author_name, posted_at,
text, mentions}``; ``mentions`` are the handles it tags on its own platform.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from linkboard.synth.social_roster import Op, Person, Roster
from linkboard.synth.social_talk import spoken_phone
from linkboard.synth.spelling import HANDLE_FORMS, spell_handle
from linkboard.synth.writing import pick

DAY = 86400
PLATFORMS = ("instagram", "x", "facebook")
PROMO = (
    "✨ back in {city} this week ✨ {contact}",
    "new pics up!! book thru {contact}",
    "don't miss her this weekend 📲 {contact}",
    "{contact} ← the only real one, ask for {alias}",
    "she's in {city} till sunday. {contact}",
    "reposting for a friend 💕 {contact}",
)
PLAIN = (
    "sunset hits different tonight 🌅",
    "finally tried that ramen place, 10/10",
    "monday again huh",
    "new haircut who dis",
    "game night was chaos lol",
    "can't believe it's already {month}",
    "coffee first, then everything else ☕",
)
SHOP = (
    "today's special at @{h}: cinnamon buns 🍥",
    "fresh bread out at 7! @{h}",
    "come say hi at @{h} ☀️",
)
VIRAL = (
    "who's going to @{h} this weekend?!",
    "tickets for @{h} just dropped 🎉",
    "@{h} lineup is insane",
)


@dataclass(slots=True)
class Post:
    id: str
    platform: str
    author: Person
    handle: str
    at: int
    text: str
    mentions: list[str] = field(default_factory=list)
    promoted: list[str] = field(default_factory=list)
    story: str = "plain"
    group: str = ""

    def record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": "post",
            "platform": self.platform,
            "author": self.handle,
            "author_name": self.author.name,
            "posted_at": datetime.fromtimestamp(self.at, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "text": self.text,
            "mentions": self.mentions,
        }


def handle_of(person: Person) -> str:
    first, _, last = person.name.lower().partition(" ")
    return f"{first}.{last}{int(person.key[3:]) % 97}"


def promoters(op: Op, roster: Roster, start: int, days: int, posts: list[Post], group: str) -> None:
    """Two to five accounts posting ``op``'s handle or phone within minutes of a leader, in
    three to eight rounds on different days; each posts in most rounds."""
    rng = roster.rng
    team = [roster.person("promoter") for _ in range(rng.randint(2, 5))]
    platform = pick(rng, PLATFORMS)
    ident = pick(rng, [f"handle:{h}" for h in op.handles] + [f"phone:{p}" for p in op.phones])
    alias = pick(rng, ("lola", "mia", "jade", "nina", "candy"))
    for person in team:
        person.operation, person.codes, person.shared = op.id, ["PROMOTION"], [ident]
    for day in sorted(rng.sample(range(days), min(days, rng.randint(3, 8)))):
        at = start + day * DAY + rng.randrange(DAY)
        for i, person in enumerate(team):
            if i and rng.random() > 0.85:
                continue
            when = at + (int(rng.uniform(30, 480)) if i else 0)
            text, mentions = _promo(ident, platform, alias, roster)
            posts.append(
                Post(
                    f"post-{len(posts) + 1:06d}",
                    platform,
                    person,
                    handle_of(person),
                    when,
                    text,
                    mentions,
                    [ident],
                    "promotion",
                    group,
                )
            )


def _promo(ident: str, platform: str, alias: str, roster: Roster) -> tuple[str, list[str]]:
    rng = roster.rng
    kind, _, value = ident.partition(":")
    mentions: list[str] = []
    if kind == "phone":
        contact = spoken_phone(value, rng)
    else:
        where, _, handle = value.partition(":")
        if where == platform:
            contact, mentions = f"@{handle}", [handle]
        elif where in HANDLE_FORMS:
            contact = spell_handle(where, handle, rng)[0]
        else:
            contact = f"{where}: {handle}"
    template = pick(rng, PROMO)
    return template.format(contact=contact, city=roster.city().name, alias=alias), mentions


def lookalike_posts(roster: Roster, start: int, days: int, posts: list[Post]) -> None:
    """A shop's staff posting its handle each morning, minutes apart; a crowd posting a
    festival's handle once each within minutes."""
    rng = roster.rng
    shop = pick(rng, ("bluefern_bakery", "corner_crumb", "maplebean_cafe"))
    staff = [roster.person("benign:shop") for _ in range(rng.randint(2, 3))]
    for day in sorted(rng.sample(range(days), min(days, rng.randint(5, 10)))):
        at = start + day * DAY + 7 * 3600 + rng.randrange(3600)
        for i, person in enumerate(staff):
            when = at + (int(rng.uniform(120, 1500)) if i else 0)
            posts.append(_tagged(rng, posts, person, "instagram", when, SHOP, shop, "shop"))
    fest = pick(rng, ("cityfoodfest", "riverlights_fest", "summerjam_live"))
    crowd = [roster.person("benign:viral") for _ in range(rng.randint(8, 15))]
    at = start + rng.randrange(days) * DAY + rng.randrange(DAY)
    for person in crowd:
        when = at + int(rng.uniform(0, 1200))
        posts.append(_tagged(rng, posts, person, "instagram", when, VIRAL, fest, "viral"))


def _tagged(
    rng: random.Random,
    posts: list[Post],
    person: Person,
    platform: str,
    at: int,
    pool: tuple[str, ...],
    handle: str,
    story: str,
) -> Post:
    text = pick(rng, pool).format(h=handle)
    return Post(
        f"post-{len(posts) + 1:06d}",
        platform,
        person,
        handle_of(person),
        at,
        text,
        [handle],
        [f"handle:{platform}:{handle}"],
        story,
    )


def plain_posts(
    people: list[Person], roster: Roster, start: int, days: int, posts: list[Post]
) -> None:
    rng = roster.rng
    for person in people:
        for _ in range(rng.randint(1, 3)):
            at = start + rng.randrange(days) * DAY + rng.randrange(DAY)
            month = datetime.fromtimestamp(at, UTC).strftime("%B")
            posts.append(
                Post(
                    f"post-{len(posts) + 1:06d}",
                    pick(rng, PLATFORMS),
                    person,
                    handle_of(person),
                    at,
                    pick(rng, PLAIN).format(month=month),
                )
            )
