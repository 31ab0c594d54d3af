"""Grouping records into components: union-find over record ids, the one implementation that
linking, network scoring and the pages use (path compression; the smaller id is the root, so a
component's root is its smallest id)."""

from __future__ import annotations

from collections.abc import Iterable


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


def components(ids: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each of IDS -> the smallest id of its component over EDGES (pairs of ids); an edge with
    an end outside IDS is left out."""
    members = set(ids)
    uf = UnionFind()
    for a, b in edges:
        if a in members and b in members:
            uf.union(a, b)
    return {i: uf.find(i) for i in members}
