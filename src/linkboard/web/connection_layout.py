"""Where a connection graph's nodes are drawn, worked out on the server so the same graph is
always drawn the same way (no random start, no physics).

Each group (a community, then the nodes in none) is a ring: its busiest node in the middle
(an operation's phone, a recruiter), the others around it, busiest first clockwise from the top,
spaced so that no two touch; each label sits outside its node along the ring's radius.
The rings are shelved left to right, biggest first, a new row when the width is used up.

    placed = layout([["a", "b", "c"], ["d", "e"]], {"a": 9, "b": 3, "c": 2, "d": 1, "e": 1})
    placed.nodes["a"].x, placed.rings[0].r, placed.width
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: The arc between two neighbours on a ring, and the smallest ring's radius.
NODE_GAP = 40.0
MIN_RADIUS = 70.0
#: Room around a ring for its labels, and the width from which rings go on a new row.
LABEL_ROOM = 120.0
WIDTH = 1280.0
#: How far a label sits from its node.
LABEL_GAP = 10.0


@dataclass(frozen=True, slots=True)
class Placed:
    """A node's centre, where its label starts, the label's text-anchor and its turn (degrees,
    about where it starts)."""

    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    rotate: float = 0.0


@dataclass(frozen=True, slots=True)
class Ring:
    cx: float
    cy: float
    r: float


@dataclass(frozen=True, slots=True)
class Layout:
    nodes: dict[str, Placed]
    rings: list[Ring]
    width: float
    height: float


def radius(around: int) -> float:
    """The radius of a ring of AROUND nodes: NODE_GAP between neighbours, at least MIN_RADIUS."""
    return max(MIN_RADIUS, around * NODE_GAP / (2 * math.pi))


def layout(groups: Sequence[Sequence[str]], degree: Mapping[str, int]) -> Layout:
    """GROUPS placed as rings (in that order), each ring's nodes by DEGREE, busiest first."""
    nodes: dict[str, Placed] = {}
    rings: list[Ring] = []
    x = y = row = width = 0.0
    for members in (g for g in groups if g):
        ordered = sorted(members, key=lambda n: (-degree.get(n, 0), n))
        hub, around = (ordered[0], ordered[1:]) if len(ordered) > 2 else (None, ordered)
        r = radius(len(around))
        size = 2 * (r + LABEL_ROOM)
        if x > 0 and x + size > max(WIDTH, width):
            x, y, row = 0.0, y + row, 0.0
        ring = Ring(x + size / 2, y + size / 2, r)
        rings.append(ring)
        if hub is not None:
            nodes[hub] = Placed(ring.cx, ring.cy, ring.cx, ring.cy + 22, "middle")
        for k, node in enumerate(around):
            nodes[node] = _on_ring(ring, k, len(around))
        x, row, width = x + size, max(row, size), max(width, x + size)
    return Layout(nodes, rings, round(width, 1), round(y + row, 1))


def _on_ring(ring: Ring, k: int, count: int) -> Placed:
    """The K-th of COUNT nodes round RING, clockwise from the top, its label outside it along
    the radius (turned to read left to right), so that neighbours' labels never overlap."""
    angle = -math.pi / 2 + 2 * math.pi * k / count
    cos, sin = math.cos(angle), math.sin(angle)
    out = ring.r + LABEL_GAP
    degrees = math.degrees(angle)
    left = cos < -1e-9
    return Placed(
        round(ring.cx + ring.r * cos, 1), round(ring.cy + ring.r * sin, 1),
        round(ring.cx + out * cos, 1), round(ring.cy + out * sin, 1),
        "end" if left else "start", round(degrees - 180 if left else degrees, 1),
    )  # fmt: skip
