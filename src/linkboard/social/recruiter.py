"""SOC_RECRUITER: one account that opens conversations with many strangers within a short window
and pitches them recruitment - money, paid travel, modelling, romance - with the recruiter's
moves and without an employer's marks (``data/rules.yaml`` holds its params and bands).

    pack = load_pack()
    msgs = [Msg(id, chat, sender, recipients, sent_at, text, recruit_codes(text, pack.taxonomy))
            for ... in the messages of the account's chats, both directions]
    alert = evaluate_sender("user1", msgs, pack)
    if alert and alert.alerting:
        print(alert.reason)   # "user1 first contacted 9 accounts within 6 days, 8 of them ..."

The alert names the messages that are its evidence (``messages``) and the accounts they went to
(``recipients``); ``detail`` holds each recruitment contact with its codes, moves and points.
Pure: the same messages give the same alert.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from linkboard.social.contacts import Contact, Msg, first_contacts, recruit_codes, tally
from linkboard.social.rules import RULES_PATH, Band, Rule, RulePack, load_pack, social_taxonomy

__all__ = [
    "RULES_PATH",
    "Alert",
    "Msg",
    "evaluate_sender",
    "load_pack",
    "recruit_codes",
    "social_taxonomy",
]

CODE = "SOC_RECRUITER"
MOVES = {
    "other_app": "asked to move to another app",
    "photos": "asked for photos",
    "age": "asked their age",
    "urgency": "pressed to decide now",
}


@dataclass(frozen=True, slots=True)
class Alert:
    """The rule's result on one account: its band, a one-line reason with the numbers, the
    messages that are its evidence and the accounts they went to, the structured evidence
    (``detail``, with the rule's ``weight``), and whether it counts as an alert."""

    rule: str
    rule_version: str
    band: str
    reason: str
    strength: float
    messages: tuple[str, ...]
    recipients: tuple[str, ...]
    detail: dict[str, Any]
    alerting: bool = False


def evaluate_sender(
    sender: str, messages: Sequence[Msg], pack: RulePack, name: str = ""
) -> Alert | None:
    """SOC_RECRUITER on ``sender``, from the messages of its chats (its own and the replies: a
    contact is a first contact only when the sender wrote before the other did). None when the
    rule is switched off or reaches no band. ``name``: how the reason names the sender (its
    display name and id), else its id."""
    rule = pack.get(CODE)
    if rule is None:
        return None
    contacts = first_contacts(sender, messages, rule)
    best = _best_window(contacts, rule)
    if best is None:
        return None
    strength, window = best
    band = rule.band(strength)
    if band is None:
        return None
    return _alert(name or sender, window, strength, band, rule, pack.version)


def _best_window(contacts: list[Contact], rule: Rule) -> tuple[float, list[Contact]] | None:
    """The window of first contacts (``window_days`` from one of them) where the rule is
    strongest: recruitment contacts against ``min_recipients``, their share of the window's
    first contacts against ``min_share``, whichever falls shorter."""
    if not any(c.recruit for c in contacts):
        return None
    days = timedelta(days=float(rule.params["window_days"]))
    need, share = float(rule.params["min_recipients"]), float(rule.params["min_share"])
    best: tuple[float, list[Contact]] | None = None
    j = 0
    for i, c in enumerate(contacts):
        j = max(j, i)
        while j < len(contacts) and contacts[j].first < c.first + days:
            j += 1
        window = contacts[i:j]
        hits = sum(x.recruit for x in window)
        strength = min(hits / need, (hits / len(window)) / share) if need and share else 1.0
        if best is None or strength > best[0]:
            best = (strength, window)
    return best


def _alert(
    sender: str, window: list[Contact], strength: float, band: Band, rule: Rule, version: str
) -> Alert:
    recruit = [c for c in window if c.recruit]
    values = _values(sender, window, recruit)
    detail = {
        "first_contacts": len(window),
        "recruitment": len(recruit),
        "window": [window[0].first.isoformat(), window[-1].first.isoformat()],
        "codes": tally(code for c in recruit for code in c.codes),
        "moves": tally(move for c in recruit for move in c.signals),
        "contacts": [_contact(c) for c in recruit],
        "weight": rule.weight,
    }
    return Alert(
        rule=rule.code,
        rule_version=version,
        band=band.label,
        reason=band.reason.format_map(_Values(values)),
        strength=round(strength, 3),
        messages=tuple(dict.fromkeys(i for c in recruit for i in c.evidence)),
        recipients=tuple(c.recipient for c in recruit),
        detail=detail,
        alerting=band.alerts,
    )


def _values(sender: str, window: list[Contact], recruit: list[Contact]) -> dict[str, Any]:
    span = (window[-1].first - window[0].first).total_seconds() / 86400
    codes = tally(code for c in recruit for code in c.codes)
    moves = tally(move for c in recruit for move in c.signals)
    said = [f"{n} {MOVES.get(m, m)}" for m, n in moves.items()]
    marked = sum(bool(c.professional) for c in window)
    said.append(f"employer marks in {marked}" if marked else "no employer marks")
    return {
        "sender": sender,
        "contacts": len(window),
        "count": len(recruit),
        "share": f"{len(recruit) / len(window):.0%}",
        "days": max(1, round(span + 0.5)),
        "codes": ", ".join(f"{c} in {n}" for c, n in codes.items()),
        "moves": ", ".join(said),
    }


def _contact(c: Contact) -> dict[str, Any]:
    return {
        "recipient": c.recipient,
        "chat": c.chat,
        "first_contact": c.first.isoformat(),
        "codes": sorted(c.codes),
        "moves": {k: v[:3] for k, v in sorted(c.signals.items())},
        "professional": c.professional,
        "points": c.points,
        "messages": c.evidence,
    }


class _Values(dict[str, Any]):
    """A reason template's values; a placeholder the evidence lacks stays as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
