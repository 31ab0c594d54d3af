"""Who the social pages name at a message's ends and a graph's nodes: an account by its display
name, linked to its page; an identifier no account holds as it is shown, linked to its search; a
person an export knows by a name alone (``<chat>/<name>``) by that name, linked nowhere."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from linkboard.store.base import Store
from linkboard.values import Identifier, NotAnIdentifier, display
from linkboard.web.schemas_social import Party

#: The record kind of a social account.
ACCOUNT = "social_account"
#: How a name alone is written at a message's end: ``<chat id>/<name>`` (``social.messages``).
CHAT = "chat:"


def parties(store: Store, ids: Iterable[str]) -> dict[str, Party]:
    """id -> its Party, for account record ids, identifiers (``kind:value``) and names."""
    wanted = sorted(set(ids))
    kinds = store.kinds_of(wanted)
    titles = {r.id: r.title or "" for r in store.record_refs([i for i in wanted if i in kinds])}
    return {i: party(i, kinds.get(i), titles.get(i, "")) for i in wanted}


def party(node: str, kind: str | None = None, title: str = "") -> Party:
    """NODE as a Party: a stored record of KIND titled TITLE, else an identifier or a name."""
    if kind is not None:
        return Party(id=node, name=title or node, href=record_href(node))
    if node.startswith(CHAT) and "/" in node:
        return Party(id=node, name=node.partition("/")[2] or node)
    try:
        ident = Identifier.parse(node)
    except NotAnIdentifier:
        return Party(id=node, name=node)
    return Party(id=node, name=display(ident), href=search_href(str(ident)))


def record_href(record_id: str) -> str:
    return "/records/" + quote(record_id, safe="")


def search_href(identifier: str) -> str:
    return "/search?mode=identifier&q=" + quote(identifier, safe="")
