"""A social account as its record page shows it: its profile (display name, platform, handle,
platform id, its own phones, e-mails and $cashtags, its bio with what it names and its
indicators highlighted), its SOC_RECRUITER alert and the contacts behind it, its messages sent
and received a page at a time (in the order they were sent, each linked to its conversation),
its connections (whom it wrote to, who wrote to it, how often and when), the ads that hold its
identifiers and their networks, and the other accounts that hold them.

What the record page of a chat or a message adds is ``conversations``; all three come from
``social_parts``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from linkboard.model import Mention
from linkboard.payments.evaluate import holding_ads
from linkboard.social import KINDS
from linkboard.social.graph import account_graph
from linkboard.social.messages import ENDS, end
from linkboard.store.base import Store
from linkboard.store.page_rows import RecordView
from linkboard.values import Identifier, display
from linkboard.web.accounts import LABELS
from linkboard.web.conversations import (
    CHAT,
    MESSAGE,
    chat_view,
    message_rows,
    message_view,
    pages,
    text_highlights,
)
from linkboard.web.parties import ACCOUNT, party
from linkboard.web.recruiters import recruiter_alerts
from linkboard.web.schemas_payments import AdUse
from linkboard.web.schemas_social import (
    AccountUse,
    Connection,
    HeldValue,
    SocialAccountView,
    SocialProfile,
)

#: An account's messages a page shows.
PAGE_SIZE = 50
MAX_ADS = 50
#: The messages between two accounts a connection names.
MAX_CITED = 5
#: The value type of an account's own id (``social.values``): it links nothing.
ACCOUNT_REF = "social"


def own_ends(mentions: Sequence[Mention]) -> list[str]:
    """What an account holds as its own, as its messages' ends name it (identifiers, its id)."""
    return sorted({i for m in mentions if m.role == "self" and (i := end(m))})


def account_view(store: Store, row: RecordView, page: int) -> SocialAccountView:
    """The social account ROW's page: PAGE of its messages."""
    mentions = store.mentions(row.id)
    own = own_ends(mentions)
    alerts = recruiter_alerts(store, store.hits("record", row.id))
    ids = message_ids(store, own)
    page, count = pages(len(ids), page, PAGE_SIZE)
    shown = ids[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    behind = frozenset(m for a in alerts for m in a.messages)
    ads, accounts = holders(store, row, [i for i in own if not i.startswith(ACCOUNT_REF + ":")])
    return SocialAccountView(
        profile=profile(store, row, mentions), alerts=alerts,
        messages=message_rows(store, shown, {i: row.id for i in own}, row.id, behind),
        total_messages=len(ids), page=page, pages=count,
        connections=connections(store, row.id), ads=ads, accounts=accounts,
    )  # fmt: skip


def profile(store: Store, row: RecordView, mentions: Sequence[Mention]) -> SocialProfile:
    x = row.extra
    held = sorted({(m.kind, m.value) for m in mentions
                   if m.role == "self" and m.identifier and m.kind != ACCOUNT_REF})  # fmt: skip
    return SocialProfile(
        id=row.id, display_name=row.title or str(x.get("display_name") or row.id),
        platform=row.site, handle=str(x.get("handle") or ""),
        platform_id=str(x.get("platform_id") or ""),
        held=[HeldValue(kind=k, value=v, label=LABELS.get(k, k), identifier=f"{k}:{v}",
                        shown=display(Identifier(k, v))) for k, v in held],
        bio=row.body, bio_highlights=text_highlights(mentions, store.hits("record", row.id)),
        url=row.url, location=row.location, created_at=row.posted_at, risk=row.risk,
        network_id=row.network_id, network_name=row.network_name,
    )  # fmt: skip


def message_ids(store: Store, own: Sequence[str]) -> list[str]:
    """The messages the account holding OWN sent or got, in the order they were sent."""
    found: set[str] = set()
    for role in ENDS:
        found |= {r for rs in store.records_with_identifiers(own, role=role).values() for r in rs}
    kinds = store.kinds_of(found)
    return store.posting_order(r for r in found if kinds.get(r) == MESSAGE)


def connections(store: Store, account_id: str) -> list[Connection]:
    """Whom the account wrote to and who wrote to it (and the posts between them), the most
    messages first."""
    graph = account_graph(store, [account_id])
    mine = [e for e in graph.edges if account_id in (e.source, e.target) and e.source != e.target]
    others = {e.target if e.source == account_id else e.source for e in mine}
    kinds = store.kinds_of(others)
    found = {o: Connection(other=party(o, kinds.get(o), graph.label(o))) for o in others}
    cited: dict[str, list[str]] = {o: [] for o in others}
    for e in mine:
        other = e.target if e.source == account_id else e.source
        c = found[other]
        if e.kind == "mention":
            c.mentions += e.count
        elif e.source == account_id:
            c.sent += e.count
        else:
            c.received += e.count
        c.first = min(filter(None, (c.first, e.first.isoformat())))
        c.last = max(c.last, e.last.isoformat())
        cited[other] += e.messages
    for other, c in found.items():
        c.messages = sorted(cited[other])[:MAX_CITED]
    return sorted(found.values(), key=lambda c: (-(c.sent + c.received + c.mentions), c.first,
                                                 c.other.id))  # fmt: skip


def holders(store: Store, row: RecordView, own: Sequence[str]
            ) -> tuple[list[AdUse], list[AccountUse]]:  # fmt: skip
    """The ads (records of no social kind) and the other social accounts that hold one of OWN
    (none generic) as their own."""
    generic = frozenset(store.suppressed_identifiers(suspected=True))
    found = holding_ads(store, own, generic)
    every = sorted({r for held, _ in found.values() for r in held})
    kinds = store.kinds_of(every)
    refs = {ref.id: ref for ref in store.record_refs(every)}
    ads, accounts = [], []
    for ident, (held, _) in found.items():
        shown = display(Identifier.parse(ident))
        listed = [r for r in held if kinds.get(r) not in KINDS][:MAX_ADS]
        if listed:
            ads.append(AdUse(
                identifier=ident, shown=shown, ads=listed,
                titles={r: refs[r].title or r for r in listed if r in refs},
                networks=sorted({n for r in listed if r in refs and (n := refs[r].network_id)}),
            ))  # fmt: skip
        for r in held:
            if kinds.get(r) == ACCOUNT and r != row.id and r in refs:
                accounts.append(AccountUse(
                    identifier=ident, shown=shown, account=party(r, ACCOUNT, refs[r].title or r),
                    network_id=refs[r].network_id,
                ))  # fmt: skip
    return ads, accounts


def social_parts(store: Store, row: RecordView, page: int) -> dict[str, Any]:
    """What the record page of a social account, a chat or a message shows besides what every
    record page shows; nothing for other kinds."""
    if row.kind == ACCOUNT:
        return {"social_account": account_view(store, row, page)}
    if row.kind == CHAT:
        return {"chat": chat_view(store, row, page)}
    if row.kind == MESSAGE:
        return {"message": message_view(store, row)}
    return {}
