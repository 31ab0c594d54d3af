"""The connection graph is laid out on the server, the same way every time: each community a
ring round its busiest node, no two nodes touching, the rings apart, a new row of rings when the
width is used up, and every label turned along its radius so that it reads left to right."""

from __future__ import annotations

import math
from itertools import combinations

from linkboard.web.connection_layout import NODE_GAP, WIDTH, layout, radius


def _groups() -> tuple[list[list[str]], dict[str, int]]:
    groups = [[f"c{c}-{i}" for i in range(size)] for c, size in enumerate((40, 12, 7, 3, 2, 1))]
    degree = {n: 100 - i for g in groups for i, n in enumerate(g)}
    return groups, degree


def test_the_same_groups_are_laid_out_the_same_way() -> None:
    groups, degree = _groups()
    assert layout(groups, degree) == layout([list(reversed(g)) for g in groups], degree)


def test_no_two_nodes_touch_and_rings_stay_apart() -> None:
    groups, degree = _groups()
    placed = layout(groups, degree)
    assert set(placed.nodes) == {n for g in groups for n in g}
    for a, b in combinations(placed.nodes.values(), 2):
        assert math.dist((a.x, a.y), (b.x, b.y)) >= NODE_GAP * 0.95
    for a, b in combinations(placed.rings, 2):
        assert math.dist((a.cx, a.cy), (b.cx, b.cy)) > a.r + b.r


def test_the_busiest_node_is_in_the_middle_of_its_ring() -> None:
    groups, degree = _groups()
    placed = layout(groups, degree)
    hub, ring = placed.nodes["c1-0"], placed.rings[1]
    assert (hub.x, hub.y) == (ring.cx, ring.cy)
    assert math.isclose(ring.r, radius(11))
    on_ring = placed.nodes["c1-1"]
    assert math.isclose(math.dist((on_ring.x, on_ring.y), (ring.cx, ring.cy)), ring.r, abs_tol=0.2)


def test_rings_go_on_a_new_row_when_the_width_is_used_up() -> None:
    groups, degree = _groups()
    placed = layout(groups, degree)
    assert placed.width <= max(WIDTH, 2 * (radius(39) + 120)) + 1
    assert len({round(r.cy) for r in placed.rings}) > 1
    assert all(0 <= p.x <= placed.width and 0 <= p.y <= placed.height
               for p in placed.nodes.values())  # fmt: skip


def test_labels_read_left_to_right_along_the_radius() -> None:
    groups, degree = _groups()
    placed = layout(groups, degree)
    for p in placed.nodes.values():
        assert -90 <= p.rotate <= 90 or p.rotate == 0
        if p.anchor == "end":
            assert p.label_x < p.x
        elif p.anchor == "start" and p.rotate not in (-90.0, 90.0):
            assert p.label_x > p.x


def test_nothing_to_lay_out() -> None:
    placed = layout([[], []], {})
    assert placed.nodes == {}
    assert placed.rings == []
    assert placed.width == 0
