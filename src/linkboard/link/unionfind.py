"""Union-find over record ids (path compression; the smaller id is the root)."""

from __future__ import annotations


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
