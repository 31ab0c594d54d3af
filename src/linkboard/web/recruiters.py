"""The recruiter alerts the pages show: a social account's ``channel`` hits (SOC_RECRUITER,
``social.evaluate``), each with its rule version, band, strength, reason and the contacts behind
it (whom the account wrote to first, when, the RECRUIT_* codes and the moves of its pitch, the
messages that hold them), strongest first; and the accounts that have one, for the triage
queue."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from linkboard.model import Hit
from linkboard.store.base import Store
from linkboard.web.conversations import chat_titles
from linkboard.web.parties import ACCOUNT, parties
from linkboard.web.red_flags import rule_names
from linkboard.web.schemas_social import Party, RecruiterAccount, RecruiterAlert, RecruiterContact

#: The level of the hits a channel's rules raise on a record (``score.taxonomy.LEVELS``).
LEVEL = "channel"
#: How many alert hits the triage list reads.
MAX_HITS = 5000


def recruiter_alerts(store: Store, hits: Iterable[Hit]) -> list[RecruiterAlert]:
    """The channel hits among HITS as alerts, strongest first, their contacts named."""
    found = [h for h in hits if h.level == LEVEL]
    if not found:
        return []
    contacts = [c for h in found for c in _contacts(h)]
    named = parties(store, {str(c.get("recipient") or "") for c in contacts} - {""})
    titles = chat_titles(store, [c.get("chat") for c in contacts])
    names = rule_names()
    alerts = [_alert(h, names.get(h.code, ""), named, titles) for h in found]
    alerts.sort(key=lambda a: (-a.strength, a.rule))
    return alerts


def _contacts(hit: Hit) -> list[dict[str, Any]]:
    return [c for c in hit.detail.get("contacts") or [] if isinstance(c, dict)]


def _alert(hit: Hit, name: str, named: Mapping[str, Party], titles: Mapping[str, str]
           ) -> RecruiterAlert:  # fmt: skip
    d = hit.detail
    return RecruiterAlert(
        rule=hit.code, name=name, rule_version=str(d.get("rule_version") or ""),
        band=str(d.get("band") or ""), strength=_number(d.get("strength")), reason=hit.evidence,
        first_contacts=int(_number(d.get("first_contacts"))),
        recruitment=int(_number(d.get("recruitment"))),
        window=[str(w) for w in d.get("window") or []], codes=_counts(d.get("codes")),
        moves=_counts(d.get("moves")),
        contacts=[_contact(c, named, titles) for c in _contacts(hit)],
        messages=[str(m) for m in d.get("messages") or []],
    )  # fmt: skip


def _contact(c: dict[str, Any], named: Mapping[str, Party], titles: Mapping[str, str]
             ) -> RecruiterContact:  # fmt: skip
    recipient, chat = str(c.get("recipient") or ""), str(c.get("chat") or "")
    found = c.get("moves")
    moves: dict[str, Any] = found if isinstance(found, dict) else {}
    return RecruiterContact(
        recipient=named.get(recipient) or Party(id=recipient, name=recipient), chat=chat,
        chat_title=titles.get(chat, ""),
        first_contact=str(c.get("first_contact") or ""),
        codes=[str(x) for x in c.get("codes") or []],
        moves={str(k): [str(t) for t in v or []] for k, v in moves.items()},
        professional=[str(x) for x in c.get("professional") or []],
        points=_number(c.get("points")), messages=[str(m) for m in c.get("messages") or []],
    )  # fmt: skip


def _counts(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        return {}
    return {str(k): int(_number(v)) for k, v in value.items()}


def _number(value: Any) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def alerted_recruiters(store: Store, limit: int = 200) -> list[RecruiterAccount]:
    """The social accounts with recruiter alerts, strongest alert first (then riskiest)."""
    by_account: dict[str, list[Hit]] = {}
    for record_id, hit in store.hits_of_level(ACCOUNT, LEVEL, MAX_HITS):
        by_account.setdefault(record_id, []).append(hit)
    out = []
    for record_id, hits in by_account.items():
        row = store.record_view(record_id)
        if row is None:
            continue
        alerts = recruiter_alerts(store, hits)
        out.append(RecruiterAccount(
            id=row.id, name=row.title or row.id, platform=row.site, risk=row.risk,
            network_id=row.network_id, strength=max((a.strength for a in alerts), default=0.0),
            alerts=alerts,
        ))  # fmt: skip
    out.sort(key=lambda a: (-a.strength, -(a.risk or 0), a.id))
    return out[:limit]
