"""Who lives in a social world: its accounts (a name, a fictional phone for WhatsApp, a Telegram
id and perhaps a username), the operations whose phones and handles its recruiters and
promoters use (read from an ad corpus's truth when one is given, made up otherwise), and what
they write (:class:`Line`, :class:`Chat`, :class:`Post`).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linkboard.synth.lexicon import City, Lexicon
from linkboard.synth.payments_accounts import FictionPhones
from linkboard.synth.payments_ads import is_fiction
from linkboard.synth.payments_names import FIRST_NAMES, SURNAMES
from linkboard.synth.spelling import unique_tag


@dataclass(slots=True)
class Person:
    """An account: its key (``sa-0001``), display name, WhatsApp phone (E.164, a fictional
    555-01XX line), Telegram id (``user<digits>``) and username, role and planted codes, the
    identifiers it shares with the ads, the operation it serves."""

    key: str
    name: str
    phone: str
    tg_id: str
    handle: str = ""
    role: str = "plain"
    codes: list[str] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)
    operation: str = ""
    contacted_by: str = ""


@dataclass(slots=True)
class Line:
    """One message: who sent it when (unix seconds), its text, the RECRUIT_* codes and the
    recruiter moves planted in it, and the ad identifiers it writes."""

    sender: str
    at: int
    text: str
    codes: tuple[str, ...] = ()
    moves: tuple[str, ...] = ()
    shared: tuple[str, ...] = ()


@dataclass(slots=True)
class Chat:
    """A conversation as one export holds it: ``personal`` (two members) or ``group``, on
    ``telegram`` or ``whatsapp``, exported by ``owner``; ``kind`` says which story wrote it."""

    id: str
    platform: str
    kind: str
    title: str
    owner: str
    members: list[str]
    story: str
    lines: list[Line] = field(default_factory=list)

    def recipients(self, line: Line) -> tuple[str, ...]:
        return tuple(m for m in self.members if m != line.sender)


@dataclass(frozen=True, slots=True)
class Op:
    """An operation's contacts as its ads print them: phones (E.164) and handles
    (``platform:handle``), and its home city."""

    id: str
    phones: tuple[str, ...]
    handles: tuple[str, ...]
    home: str
    from_ads: bool


class Roster:
    """Hands out accounts with names, phones and Telegram ids that never repeat."""

    def __init__(self, rng: random.Random, taken: frozenset[str], lex: Lexicon) -> None:
        self.rng, self.lex = rng, lex
        self.phones = FictionPhones(taken)
        self.people: list[Person] = []
        self._ids: set[str] = set()
        self._names: set[str] = set()

    def person(self, role: str = "plain", name: str = "", phone: str = "") -> Person:
        rng = self.rng
        while not name or name in self._names:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        self._names.add(name)
        tg = ""
        while not tg or tg in self._ids:
            tg = f"user{rng.randrange(10**9, 7 * 10**9)}"
        self._ids.add(tg)
        phone = phone or self._phone()
        p = Person(f"sa-{len(self.people) + 1:04d}", name, phone, tg, role=role)
        self.people.append(p)
        return p

    def _phone(self) -> str:
        for _ in range(len(self.lex.cities)):
            phone = self.phones.allocate(self.rng.choice(self.lex.cities))
            if phone:
                return phone
        raise RuntimeError("no fictional 555-01XX phone left")

    def city(self) -> City:
        return self.lex.pick_city(self.rng)


def read_ops(folder: Path) -> tuple[list[Op], frozenset[str]]:
    """The operations of an ad corpus (``linkboard.synth.generate`` output) with a fictional
    phone or a handle, and every identifier its ads write (``kind:value``)."""
    truth = json.loads((Path(folder) / "truth.json").read_text(encoding="utf-8"))
    ops = []
    for op in truth["operations"]:
        phones = tuple(p["phone"] for p in op["phones"] if is_fiction(p["phone"]))
        handles = tuple(k.removeprefix("handle:") for k in op["identifiers"] if k[:7] == "handle:")
        if phones or handles:
            ops.append(Op(op["id"], phones, handles, op["home"], True))
    taken = {g["identifier"] for g in truth["generic"]}
    with open(Path(folder) / "truth_ads.jsonl", encoding="utf-8") as f:
        for line in f:
            taken.update(f"{kind}:{value}" for kind, value, _ in json.loads(line)["written"])
    return sorted(ops, key=lambda o: o.id), frozenset(taken)


def made_up_op(number: int, roster: Roster) -> Op:
    """An operation with no ads: one phone and a Telegram username."""
    city = roster.city()
    handle = f"telegram:{city.slug.replace('-', '')[:6]}_{unique_tag(number * 131 + 7)}"
    return Op(f"op-s{number:04d}", (roster._phone(),), (handle,), city.label, False)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
