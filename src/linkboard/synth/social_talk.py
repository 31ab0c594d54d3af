"""A conversation as it is written: :func:`new_chat` opens a chat, :class:`Talk` adds its lines,
each a little after the one before (minutes, sometimes hours), and :func:`spoken_phone` types a
phone number the way people do in a message."""

from __future__ import annotations

import random

from linkboard.synth.social_roster import Chat, Line, Person
from linkboard.synth.social_voice import speak


def new_chat(
    chats: list[Chat],
    platform: str,
    owner: Person,
    members: list[Person],
    story: str,
    title: str = "",
) -> Chat:
    """A new chat of ``members`` (two: personal; more: a group), exported by ``owner``,
    added to ``chats`` (its id numbers it: ``wh-00012``, ``te-00013``)."""
    kind = "personal" if len(members) == 2 else "group"
    chat = Chat(
        f"{platform[:2]}-{len(chats) + 1:05d}",
        platform,
        kind,
        title,
        owner.key,
        [m.key for m in members],
        story,
    )
    chats.append(chat)
    return chat


class Talk:
    """Writes the lines of ``chat`` from ``at`` (unix seconds) on."""

    def __init__(self, chat: Chat, at: int, rng: random.Random) -> None:
        self.chat, self.at, self.rng = chat, at, rng

    def say(
        self,
        who: Person,
        text: str,
        *,
        voice: str = "",
        codes: tuple[str, ...] = (),
        moves: tuple[str, ...] = (),
        shared: tuple[str, ...] = (),
        gap: float = 600,
    ) -> None:
        """``who`` writes ``text`` (typed in ``voice`` when given) about ``gap`` seconds after
        the last line (the first line at the start)."""
        if self.chat.lines:
            self.at += 20 + int(self.rng.expovariate(1 / gap))
        if voice:
            text = speak(text, voice, self.rng)
        self.chat.lines.append(Line(who.key, self.at, text, codes, moves, shared))

    def wait(self, seconds: float) -> None:
        self.at += int(seconds)


def spoken_phone(e164: str, rng: random.Random) -> str:
    """A US number as people type it in a message: ``612-555-0101``, ``(612) 555 0101``..."""
    a, e, line = e164[2:5], e164[5:8], e164[8:]
    forms = (f"{a}-{e}-{line}", f"({a}) {e}-{line}", f"{a}.{e}.{line}", f"{a}{e}{line}")
    return forms[rng.randrange(len(forms))]
