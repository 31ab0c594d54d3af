"""Union-find and the joining rule: which links hold records together in one network.

Hard links (shared identifier, near-identical photo) join. A soft (text) link joins on its own
at ``text.join`` similarity; below that, only with support when configured (``text.support``
independent soft links between the two groups, or ``text.confirm_by_area_code``), applied in
rounds until nothing changes, so support accumulates as groups grow.
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
    ids: Iterable[str], links: list[LightLink], config: LinkConfig, area: dict[str, set[str]]
) -> tuple[list[set[str]], list[LightLink]]:
    """The groups (components) of IDS under the joining rule, and the links that joined them."""
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
            confirmed = config.text.confirm_by_area_code and any(
                area.get(lk[0], set()) & area.get(lk[1], set()) for lk in group
            )
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


def area_codes(phones: dict[str, set[str]]) -> dict[str, set[str]]:
    """record -> area codes (``+1NXX``, or the first 5 characters of other E.164 numbers)."""
    return {rid: {p[:5] for p in values if p.startswith("+")} for rid, values in phones.items()}
