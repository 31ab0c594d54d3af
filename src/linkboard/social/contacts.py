"""An account's first contacts: the accounts it wrote to before they ever wrote to it, each with
the pitch it sent them (its own messages in the days after) and what that pitch holds - the
RECRUIT_* codes that fired on it, the recruiter's moves (another app, photos, age, urgency) and
the marks of a real employer.

    msg = Msg("tg:7:1", "tg:7", "user1", ("user2",), datetime(2025, 1, 12, 23, 41), "hey ...",
              recruit_codes(text, taxonomy))
    contacts = first_contacts("user1", messages, rule)      # in order of first contact
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from linkboard.score.phrases import lowered
from linkboard.score.taxonomy import Taxonomy
from linkboard.social.rules import Rule

#: The codes of the recruitment indicators (``data/indicators.yaml``).
RECRUIT_PREFIX = "RECRUIT_"
#: A professional mark right after a negation does not count ("no interview, no resume").
_NEGATED = re.compile(
    r"(?:\bno|\bwithout|\bnever|\bskip|n\W?t need|\bforget)\W{1,3}(?:\w+\W{1,3})?$"
)


@dataclass(frozen=True, slots=True)
class Msg:
    """One message as the social rules read it: who sent it to whom, when, its text and the
    RECRUIT_* codes that fired on that text (:func:`recruit_codes`)."""

    id: str
    chat: str
    sender: str
    recipients: tuple[str, ...]
    sent_at: datetime
    text: str
    recruit_codes: frozenset[str] = frozenset()
    #: The id of the message this one answers, when the export says.
    reply_to: str = ""


@dataclass(slots=True)
class Contact:
    """An account the sender wrote to first, and what the sender's pitch to it holds."""

    recipient: str
    first: datetime
    chat: str
    pitch: list[Msg] = field(default_factory=list)
    codes: dict[str, int] = field(default_factory=dict)  # code -> messages it fired on
    signals: dict[str, list[str]] = field(default_factory=dict)  # move -> texts that show it
    professional: list[str] = field(default_factory=list)  # employer marks found
    points: float = 0.0
    recruit: bool = False

    @property
    def evidence(self) -> list[str]:
        """The ids of the pitch messages that hold a code or a move."""
        return [m.id for m in self.pitch if m.recruit_codes or _moves(m, self)]


def recruit_codes(text: str, taxonomy: Taxonomy) -> frozenset[str]:
    """The RECRUIT_* indicators that fire on ``text`` (near misses removed)."""
    if not text:
        return frozenset()
    return frozenset(
        m.code for m in taxonomy.matcher.find(text) if m.code.startswith(RECRUIT_PREFIX)
    )


def first_contacts(sender: str, messages: Sequence[Msg], rule: Rule) -> list[Contact]:
    """The accounts ``sender`` wrote to first (the earliest message between the two, in chats
    of at most ``max_recipients`` recipients, is the sender's), each with its pitch weighed by
    ``rule``'s params; in order of first contact."""
    limit = int(rule.params.get("max_recipients", 1))
    opening = timedelta(days=float(rule.params["opening_days"]))
    ordered = sorted(
        (m for m in messages if 0 < len(m.recipients) <= limit),
        key=lambda m: (m.sent_at, m.id),
    )
    seen: set[str] = set()
    contacts: dict[str, Contact] = {}
    for m in ordered:
        mine = m.sender == sender
        others = [r for r in m.recipients if r != sender] if mine else [m.sender]
        if not mine and sender not in m.recipients:
            continue
        for other in others:
            if other not in seen:
                seen.add(other)
                if mine:
                    contacts[other] = Contact(other, m.sent_at, m.chat)
            c = contacts.get(other)
            if mine and c is not None and m.sent_at < c.first + opening:
                c.pitch.append(m)
    found = sorted(contacts.values(), key=lambda c: (c.first, c.recipient))
    for c in found:
        weigh(c, rule)
    return found


def weigh(contact: Contact, rule: Rule) -> None:
    """Fill in the contact's codes, moves, employer marks and points; a recruitment contact has
    a RECRUIT_* code and at least ``min_points``."""
    params = rule.params
    code_points: Mapping[str, Any] = params.get("codes") or {}
    signals: Mapping[str, Any] = params.get("signals") or {}
    for m in contact.pitch:
        for code in m.recruit_codes:
            contact.codes[code] = contact.codes.get(code, 0) + 1
        low = lowered(m.text)
        for name in signals:
            found = rule.patterns[name].search(low) if name in rule.patterns else None
            if found:
                contact.signals.setdefault(name, []).append(m.text[found.start() : found.end()])
        contact.professional += _marks(low, rule.patterns.get("professional"))
    marks = sorted(set(contact.professional))
    contact.professional = marks
    points = sum(float(code_points.get(c, 0.0)) for c in contact.codes)
    points += sum(float(signals[s].get("points", 0.0)) for s in contact.signals)
    points -= float((params.get("professional") or {}).get("points", 0.0)) * len(marks)
    contact.points = round(points, 3)
    contact.recruit = bool(contact.codes) and points >= float(params["min_points"])


def _marks(low: str, rx: re.Pattern[str] | None) -> list[str]:
    if rx is None:
        return []
    return [
        m.group().strip()
        for m in rx.finditer(low)
        if not _NEGATED.search(low[max(0, m.start() - 25) : m.start()])
    ]


def _moves(m: Msg, contact: Contact) -> bool:
    return any(m.text.find(t) >= 0 for texts in contact.signals.values() for t in texts)


def tally(values: Iterable[str]) -> dict[str, int]:
    """How many times each value occurs, most frequent first (ties by value)."""
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
