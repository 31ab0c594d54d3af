"""A run over a synthetic social world, scored against its truth (``truth.json`` of
:mod:`linkboard.synth.social`) from the store ``linkboard run`` filled:

- SOC_RECRUITER per person: the stored account records are mapped to the world's people (a
  WhatsApp number by its digits, a Telegram user id, a name-only account by its name's slug); a
  planted recruiter is found when any of its records alerts, a false positive is an alerting
  person who is not a recruiter (or a record that is no person of the world);
- each RECRUIT_* code's precision and recall over the messages (a stored message is the world's
  by its export file and its place in it: a Telegram id, a WhatsApp line);
- what benign things got flagged: the chats that plant no RECRUIT_* code with any RECRUIT_* hit,
  the chats of each look-alike story with any, and the benign look-alike accounts (``benign:*``)
  with SOC_RECRUITER;
- the social↔ad join: every person whose account records show as their own (a WhatsApp
  number, a Telegram username) an identifier its operation's ads print is in a network of those
  ads (recall; how many of the people who hold one the exports show at all is counted apart);
  every social record in an ad network is such a person's, in its operation's network
  (precision); no buyer is in the network of an operation it wrote to; no social record is
  linked to an ad through a generic identifier (suspected or suppressed in the store, or given).

``benchmarks/social.py`` prints these; ``tests/social/test_world.py`` holds them to issue 21's
floor.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from linkboard.social.readers.records import slug
from linkboard.store.base import Store

CODES = ("RECRUIT_MODELING", "RECRUIT_EASY_MONEY", "RECRUIT_TRAVEL_PAID", "RECRUIT_BOYFRIEND")
RECRUITER = "SOC_RECRUITER"
#: The kinds of the social records (a message or a chat links nothing).
SOCIAL_KINDS = ("social_account", "post")

Pair = tuple[int, int]


@dataclass(slots=True)
class Scores:
    recruiters: Pair = (0, 0)  # planted recruiters found, planted recruiters
    alerting: Pair = (0, 0)  # alerting people who are recruiters, alerting people
    #: code -> (precision, recall, planted messages)
    rules: dict[str, tuple[float, float, int]] = field(default_factory=dict)
    quiet_chats: Pair = (0, 0)  # chats planting no RECRUIT_* with such a hit, those chats
    stories: dict[str, Pair] = field(default_factory=dict)  # story -> (flagged chats, chats)
    benign_accounts: Pair = (0, 0)  # benign look-alikes with SOC_RECRUITER, those in the store
    join: Pair = (0, 0)  # people in their operation's network, people whose records show it
    visible: Pair = (0, 0)  # people whose records show it, people holding one (the truth)
    placed: Pair = (0, 0)  # social records rightly in an ad network, social records in one
    counterparties: Pair = (0, 0)  # buyers outside the networks they wrote to, buyers stored
    generic: Pair = (0, 0)  # social↔ad links through a generic identifier, social↔ad links
    #: what went wrong, one line each (missed recruiters, false alerts, misplaced records)
    notes: list[str] = field(default_factory=list)


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def score(
    store: Store,
    truth: Mapping[str, Any],
    poster: Mapping[str, str],
    generic: Collection[str] = (),
) -> Scores:
    """The store of a run against TRUTH; POSTER: ad id -> the poster (operation) that wrote it;
    GENERIC: identifiers known to be generic besides those the store marks."""
    out = Scores()
    people = People(truth)
    ids = store.all_record_ids()
    kind_of = store.kinds_of(ids)
    accounts = [i for i in ids if kind_of.get(i) == "social_account"]
    alerted = {r for r, found in store.record_indicators(accounts).items()
               if any(i.code == RECRUITER for i in found)}  # fmt: skip
    _recruiters(out, people, accounts, alerted)
    messages = [i for i in ids if kind_of.get(i) == "message"]
    _messages(out, truth, store, messages)
    network = dict(store.record_networks())
    social = [i for i in ids if kind_of.get(i) in SOCIAL_KINDS]
    records = _join(out, people, store, social, network, poster)
    _counterparties(out, people, records, network, operation_networks(network, poster), truth)
    status = store.identifier_status()
    marked = {i for i, s in status.items() if s in ("suspected", "suppressed")} | set(generic)
    _generic(out, store, social, {a for a in poster if kind_of.get(a) == "ad"}, marked)
    return out


class People:
    """The world's people by the ids their account records get."""

    def __init__(self, truth: Mapping[str, Any]) -> None:
        self.of: dict[str, dict[str, Any]] = {a["key"]: a for a in truth["accounts"]}
        self.by_ref: dict[str, str] = {}
        for a in truth["accounts"]:
            if a.get("phone"):
                self.by_ref[f"social:whatsapp:{a['phone'].lstrip('+')}"] = a["key"]
                self.by_ref[f"social:whatsapp:{slug(a['name'])}"] = a["key"]
            if a.get("telegram_id"):
                self.by_ref[f"social:telegram:{a['telegram_id']}"] = a["key"]
        self.by_post = {p["id"]: p["author"] for p in truth.get("posts", [])}

    def key(self, record_id: str) -> str | None:
        """The person a record (an account, a post) is, if any."""
        return self.by_ref.get(record_id) or self.by_post.get(record_id)

    def label(self, key: str | None) -> str:
        p = self.of.get(key or "")
        return f"{p['name']} ({p['role']}, {key})" if p else "no person of the world"


def _recruiters(out: Scores, people: People, accounts: list[str], alerted: set[str]) -> None:
    planted = {k for k, p in people.of.items() if p["role"] == "recruiter"}
    hit = {people.key(r) for r in alerted}
    found = planted & hit
    out.recruiters = (len(found), len(planted))
    wrong = sorted(r for r in alerted if people.key(r) not in planted)
    out.alerting = (len(found), len(found) + len({people.key(r) or r for r in wrong}))
    out.notes += [f"SOC_RECRUITER missed {people.label(k)}" for k in sorted(planted - hit)]
    out.notes += [f"SOC_RECRUITER on {r}: {people.label(people.key(r))}" for r in wrong]
    stored = {people.key(r) for r in accounts}
    benign = {k for k, p in people.of.items() if p["role"].startswith("benign:") and k in stored}
    out.benign_accounts = (len(benign & hit), len(benign))


def message_key(record_id: str, locator: str, message_id: str) -> tuple[str, str]:
    """A stored message as the world's truth finds it: its export file (``platform/chat/name``)
    and its place there (a Telegram message's id, a WhatsApp message's first line)."""
    path, _, line = locator.rpartition(":")
    file = "/".join(PurePath(path).parts[-3:])
    return file, message_id if record_id.startswith("msg:telegram:") else line


def truth_key(chat: Mapping[str, Any], key: Any) -> tuple[str, str]:
    return chat["file"], str(key["line"] if isinstance(key, dict) else key)


def _fired(store: Store, ids: list[str]) -> dict[tuple[str, str], set[str]]:
    """The RECRUIT_* codes on each stored message, by its place in its export."""
    fired: dict[tuple[str, str], set[str]] = {}
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        found = store.record_indicators(chunk)
        for record in store.records(chunk):
            where = message_key(record.id, record.provenance.locator,
                                str(record.extra.get("message_id", "")))  # fmt: skip
            fired[where] = {i.code for i in found.get(record.id, []) if i.code in CODES}
    return fired


def _messages(out: Scores, truth: Mapping[str, Any], store: Store, ids: list[str]) -> None:
    """Each code's precision and recall over the messages, and the chats flagged."""
    fired = _fired(store, ids)
    tally: dict[str, list[int]] = {c: [0, 0, 0] for c in CODES}  # tp, fp, fn
    wrong: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)  # (code, fp|fn) -> stories
    stories: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    quiet = [0, 0]
    for chat in truth["chats"]:
        flagged = planting = False
        for m in chat["messages"]:
            got, meant = fired.get(truth_key(chat, m["key"]), set()), set(m["codes"])
            flagged, planting = flagged or bool(got), planting or bool(meant)
            for code in (got | meant) & set(CODES):
                right, said = code in got & meant, code in got
                tally[code][0 if right else 1 if said else 2] += 1
                if not right:
                    wrong[code, "fired unplanted" if said else "missed"][chat["story"]] += 1
        stories[chat["story"]][0] += flagged
        stories[chat["story"]][1] += 1
        if not planting:
            quiet[0] += flagged
            quiet[1] += 1
    for code, (tp, fp, fn) in tally.items():
        out.rules[code] = (ratio(tp, tp + fp), ratio(tp, tp + fn), tp + fn)
    out.stories = {s: (a, b) for s, (a, b) in sorted(stories.items())}
    out.quiet_chats = (quiet[0], quiet[1])
    out.notes += [f"{code} {what} in: " + ", ".join(f"{n} {s}" for s, n in found.most_common())
                  for (code, what), found in sorted(wrong.items())]  # fmt: skip


def operation_networks(
    network: Mapping[str, str | None], poster: Mapping[str, str]
) -> dict[str, set[str]]:
    """operation -> the networks its ads are in (linking may find one operation as two)."""
    seen: dict[str, set[str]] = defaultdict(set)
    for ad, op in poster.items():
        if n := network.get(ad):
            seen[op].add(n)
    return dict(seen)


def owned(person: Mapping[str, Any]) -> set[str]:
    """The identifiers a person holds as their own that its operation's ads print."""
    own = {f"phone:{person['phone']}"} if person.get("phone") else set()
    if person.get("telegram_username"):
        own.add(f"handle:telegram:{person['telegram_username']}")
    return own & set(person.get("shared") or ())


def _join(
    out: Scores,
    people: People,
    store: Store,
    social: list[str],
    network: Mapping[str, str | None],
    poster: Mapping[str, str],
) -> dict[str, list[str]]:
    """Recall (people whose records show an identifier their operation's ads print, in its
    network), what the exports show of those identifiers, and precision; returns each person's
    records."""
    op_networks = operation_networks(network, poster)
    records: dict[str, list[str]] = defaultdict(list)
    holds: dict[str, set[str]] = defaultdict(set)
    for r, found in store.mentions_of(social).items():
        if (k := people.key(r)) is not None:
            records[k].append(r)
            holds[k] |= {i for m in found if m.role == "self" and (i := m.identifier)}
    owning = {k for k, p in people.of.items() if p.get("operation") in op_networks and owned(p)}
    visible = {k for k in owning if owned(people.of[k]) & holds[k]}
    ours = {k: op_networks[people.of[k]["operation"]] for k in visible}
    joined = {k for k in visible if any(network.get(r) in ours[k] for r in records[k])}
    out.join, out.visible = (len(joined), len(visible)), (len(visible), len(owning))
    out.notes += [f"no export shows its own {sorted(owned(people.of[k]))}: {people.label(k)}"
                  for k in sorted(owning - visible)]  # fmt: skip
    out.notes += [f"not in its operation's network: {people.label(k)}, records {records[k]}"
                  for k in sorted(visible - joined)]  # fmt: skip
    ad_networks = {n for ns in op_networks.values() for n in ns}
    placed = [r for r in social if network.get(r) in ad_networks]
    right = [r for r in placed if network.get(r) in ours.get(people.key(r) or "", ())]
    out.placed = (len(right), len(placed))
    out.notes += [f"in ad network {network.get(r)}: {r}, {people.label(people.key(r))}"
                  for r in sorted(set(placed) - set(right))]  # fmt: skip
    return records


def _counterparties(
    out: Scores,
    people: People,
    records: Mapping[str, list[str]],
    network: Mapping[str, str | None],
    op_networks: Mapping[str, set[str]],
    truth: Mapping[str, Any],
) -> None:
    """Buyers (who wrote to an operation's phone) must stay out of that operation's network."""
    op_of = {f"phone:{p}": o["id"] for o in truth["operations"] for p in o["phones"]}
    apart = buyers = 0
    for key, person in people.of.items():
        if person["role"] != "buyer" or not records.get(key):
            continue
        buyers += 1
        theirs = {
            n for i in person.get("shared") or () for n in op_networks.get(op_of.get(i, ""), ())
        }
        inside = [r for r in records[key] if network.get(r) in theirs]
        apart += not inside
        out.notes += [f"buyer in the network it wrote to: {r} {people.label(key)}" for r in inside]
    out.counterparties = (apart, buyers)


def _generic(
    out: Scores, store: Store, social: Iterable[str], ads: set[str], generic: set[str]
) -> None:
    """Social↔ad links, and those through a generic identifier."""
    through = total = 0
    for link in store.links_of(list(social)):
        if not ({link.a, link.b} & ads):
            continue
        total += 1
        used = set(link.evidence.get("identifiers") or ())
        if used & generic:
            through += 1
            out.notes += [
                f"linked through a generic identifier: {link.a} {link.b} {used & generic}"
            ]
    out.generic = (through, total)
