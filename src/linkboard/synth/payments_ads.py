"""The ad corpus a payments world is tied to: each operation's fictional phones, e-mails,
$cashtags, cities and days, read from the ``truth.json`` and ``truth_ads.jsonl`` that
:func:`linkboard.synth.generate` wrote; and every identifier any ad writes, so that the accounts
not meant to share one with the ads never do by chance.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from linkboard.synth.lexicon import City, Lexicon


@dataclass(frozen=True, slots=True)
class Operation:
    """An operation whose money the world plants: from the ads, or made up (``op-s0001``)."""

    id: str
    home: City
    phones: tuple[str, ...]  # E.164, fictional 555-01XX lines only, most written first
    emails: tuple[str, ...]
    cashtags: tuple[str, ...]  # lower case, without the $
    stops: tuple[tuple[int, int, City], ...]  # (first day, last day, city) of its ads, in order
    from_ads: bool

    def city_on(self, day: int) -> City:
        """Where the operation is on DAY (its last stop before it; home before the first)."""
        here = self.home
        for first, _, city in self.stops:
            if first > day:
                break
            here = city
        return here

    @property
    def ad_days(self) -> list[int]:
        return sorted({d for first, last, _ in self.stops for d in range(first, last + 1)})

    def identifiers(self) -> set[str]:
        """Its own identifiers as the ad truth writes them (``phone:+1…``)."""
        return (
            {f"phone:{p}" for p in self.phones}
            | {f"email:{e}" for e in self.emails}
            | {f"payment:cashapp:{t}" for t in self.cashtags}
        )


@dataclass(frozen=True, slots=True)
class AdCorpus:
    start: date
    days: int
    operations: tuple[Operation, ...]
    #: Identifiers shared by unrelated posters (never linking evidence): (kind:value, reason).
    generic: tuple[tuple[str, str], ...]
    #: Every identifier any ad writes, ``kind:value`` (generic ones included).
    taken: frozenset[str]


def is_fiction(phone: str) -> bool:
    """``+1NNN5550100``–``+1NNN5550199``: the lines reserved for fiction."""
    return (
        len(phone) == 12
        and phone.startswith("+1")
        and phone[5:8] == "555"
        and phone[8:].isdigit()
        and 100 <= int(phone[8:]) <= 199
    )


def read_ads(folder: Path, lex: Lexicon) -> AdCorpus:
    """The corpus FOLDER holds (an output folder of ``linkboard.synth.generate``)."""
    truth = json.loads((Path(folder) / "truth.json").read_text(encoding="utf-8"))
    start = date.fromisoformat(truth["start"])
    by_label = {c.label: c for c in lex.cities}
    operations = tuple(_operation(op, start, by_label) for op in truth["operations"])
    generic = tuple((g["identifier"], g["reason"]) for g in truth["generic"])
    taken = frozenset(_written(Path(folder) / "truth_ads.jsonl")) | {g for g, _ in generic}
    ops = tuple(sorted(operations, key=lambda o: o.id))
    return AdCorpus(start, int(truth["days"]), ops, generic, taken)


def _operation(op: dict[str, Any], start: date, by_label: dict[str, City]) -> Operation:
    ids = sorted(op["identifiers"], key=lambda k: -op["identifiers"][k])  # most written first
    phones = sorted(op["phones"], key=lambda p: -p["ads"])
    stops = tuple(
        (_day(c["from"], start), _day(c["to"], start), by_label[c["city"]]) for c in op["cities"]
    )
    return Operation(
        id=op["id"],
        home=by_label[op["home"]],
        phones=tuple(p["phone"] for p in phones if is_fiction(p["phone"])),
        emails=tuple(k.removeprefix("email:") for k in ids if k.startswith("email:")),
        cashtags=tuple(
            k.removeprefix("payment:cashapp:") for k in ids if k.startswith("payment:cashapp:")
        ),
        stops=stops,
        from_ads=True,
    )


def _day(iso: str, start: date) -> int:
    return (date.fromisoformat(iso[:10]) - start).days


def _written(path: Path) -> Iterator[str]:
    """Every identifier written in any ad, ``kind:value``, streamed from the ad truth."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            for kind, value, _ in json.loads(line)["written"]:
                yield f"{kind}:{value}"
