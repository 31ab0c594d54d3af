"""Union-find and the joining rule: which links hold records together in one network.

Hard links (shared identifier, near-identical photo) join. A soft (text) link joins on its own
at ``text.join`` similarity; below that, only when confirmed — its two records share a
confirmation key (the same ``name`` mention in the same city, ``text.confirm_by_name_in_city``;
a phone area code, ``text.confirm_by_area_code``) — or with support when configured
(``text.support`` independent soft links between the two groups), applied in rounds until
nothing changes, so support accumulates as groups grow.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from linkboard.link.config import LinkConfig

LightLink = tuple[str, str, str, bool, float]  # a, b, kind, hard, score


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:
            parent[x], x = root, parent.get(x, x)
        return root

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True

    def seed(self, networks: dict[str, str | None]) -> None:
        """Put each record already in a network into that network's group."""
        for rid, nid in networks.items():
            if nid and rid not in self.parent:
                self.union(f"~{nid}", rid)


def joining_links(
    ids: Iterable[str], links: list[LightLink], config: LinkConfig, confirm: dict[str, set[str]]
) -> tuple[list[set[str]], list[LightLink]]:
    """The groups (components) of IDS under the joining rule, and the links that joined them.
    CONFIRM: record -> its confirmation keys (:func:`confirmation_keys`)."""
    uf = UnionFind()
    joined: list[LightLink] = []
    pending = []
    for lk in links:
        if lk[3] or lk[4] >= config.text.join:
            uf.union(lk[0], lk[1])
            joined.append(lk)
        else:
            pending.append(lk)
    changed = True
    while changed and pending:
        changed = False
        between: dict[tuple[str, str], list[LightLink]] = defaultdict(list)
        for lk in pending:
            ra, rb = uf.find(lk[0]), uf.find(lk[1])
            if ra != rb:
                between[(min(ra, rb), max(ra, rb))].append(lk)
        rest = []
        for group in between.values():
            confirmed = any(confirm.get(lk[0], NONE) & confirm.get(lk[1], NONE) for lk in group)
            if (config.text.support and len(group) >= config.text.support) or confirmed:
                if uf.union(group[0][0], group[0][1]):
                    changed = True
                joined += group
            else:
                rest += group
        pending = rest
    groups: dict[str, set[str]] = defaultdict(set)
    for rid in ids:
        groups[uf.find(rid)].add(rid)
    return list(groups.values()), joined


NONE: frozenset[str] = frozenset()


def confirmation_keys(
    config: LinkConfig,
    names: dict[str, set[str]],
    cities: dict[str, str | None],
    phones: dict[str, set[str]],
) -> dict[str, set[str]]:
    """record -> the keys by which a weak text link between two records is confirmed when they
    share one: ``name:<alias>@<city>`` (``text.confirm_by_name_in_city``), ``area:<code>``
    (``text.confirm_by_area_code``)."""
    out: dict[str, set[str]] = defaultdict(set)
    if config.text.confirm_by_name_in_city:
        for rid, aliases in names.items():
            if city := cities.get(rid):
                out[rid] |= {f"name:{a}@{city}" for a in aliases}
    if config.text.confirm_by_area_code:
        for rid, codes in area_codes(phones).items():
            out[rid] |= {f"area:{c}" for c in codes}
    return out


def area_codes(phones: dict[str, set[str]]) -> dict[str, set[str]]:
    """record -> area codes (``+1NXX``, or the first 5 characters of other E.164 numbers)."""
    return {rid: {p[:5] for p in values if p.startswith("+")} for rid, values in phones.items()}
