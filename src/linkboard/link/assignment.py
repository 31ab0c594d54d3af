"""Network ids for regrouped records: which ids survive, merge, split or dissolve, and the events
that say so. Pure: the caller reads the networks' sizes and the last number given out.

A group keeps the id of the network most of whose records it holds (the larger, then the older,
when it holds the majority of several: those merge into it); a group without one gets a new
number. A network whose records went to several groups is split; one left with no group of two
or more is dissolved.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

#: (event, network id, detail): ``create``, ``grow``, ``merge``, ``merged_into``, ``split``,
#: ``dissolve``.
Event = tuple[str, str, dict[str, Any]]


def assign(
    groups: list[set[str]],
    old: dict[str, str | None],
    sizes: dict[str, tuple[int, str]],
    number: int,
) -> tuple[dict[str, str | None], list[Event], set[str]]:
    """Network ids for GROUPS given each record's previous id (OLD), the SIZES (size,
    created_at) of the networks they were in, and the last network NUMBER given out: record ->
    its network (None: in none), the events, and the ids dissolved."""
    counts = [Counter(n for r in g if (n := old.get(r)) is not None) for g in groups]
    home = _homes(counts)
    assignment: dict[str, str | None] = {}
    events: list[Event] = []
    dissolved: set[str] = set()
    parts: dict[str, dict[str, int]] = defaultdict(dict)  # old id -> new id -> records there
    for gi, group in sorted(enumerate(groups), key=lambda x: min(x[1])):
        mine = sorted(
            (n for n in counts[gi] if home[n][0] == gi),
            key=lambda n: (-sizes.get(n, (0, ""))[0], n),
        )
        if len(group) < 2:
            assignment.update(dict.fromkeys(group))
            dissolved |= set(mine)
            continue
        if mine:
            nid = mine[0]
        else:
            number += 1
            nid = f"N{number:08d}"
        assignment.update(dict.fromkeys(group, nid))
        for n, count in counts[gi].items():
            parts[n][nid] = count
        events += group_events(nid, group, mine, counts[gi], old)
    return assignment, events + _splits(parts) + _dissolutions(dissolved, old), dissolved


def _homes(counts: list[Counter[str]]) -> dict[str, tuple[int, int]]:
    """old id -> (the group holding most of its records, how many)."""
    home: dict[str, tuple[int, int]] = {}
    for gi, c in enumerate(counts):
        for nid, count in c.items():
            if nid not in home or count > home[nid][1]:
                home[nid] = (gi, count)
    return home


def _splits(parts: dict[str, dict[str, int]]) -> list[Event]:
    events: list[Event] = []
    for old_id, into in parts.items():
        if len(into) > 1:
            moved = {n: c for n, c in sorted(into.items()) if n != old_id}
            detail = {"into": sorted(into), "moved": moved, "kept": into.get(old_id, 0)}
            events.append(("split", old_id, detail))
    return events


def _dissolutions(dissolved: set[str], old: dict[str, str | None]) -> list[Event]:
    held: dict[str, list[str]] = defaultdict(list)
    for r, was in old.items():
        if was in dissolved:
            held[was].append(r)
    events: list[Event] = []
    for n in sorted(dissolved):
        records = sorted(held[n])
        reason = "no links left between its records"
        detail = {"reason": reason, "records": records[:50], "size": len(records)}
        events.append(("dissolve", n, detail))
    return events


def group_events(
    nid: str, group: set[str], mine: list[str], count: Counter[str], old: dict[str, str | None]
) -> list[Event]:
    """The events of GROUP, now network NID, that holds the majority of the networks MINE (most
    of it first) and COUNT records of each network it draws from."""
    events: list[Event] = []
    fresh = sorted(r for r in group if not old.get(r))
    if not mine:
        came = sorted(count)
        detail: dict[str, Any] = {"records": len(group)}
        if came:
            detail["split_from"] = came
        return [("create", nid, detail)]
    for other in mine[1:]:
        events.append(("merge", nid, {"absorbed": other, "records": count[other]}))
        events.append(("merged_into", other, {"into": nid, "records": count[other]}))
    moved = sorted(r for r in group if old.get(r) and old[r] not in mine)
    if fresh or moved:
        added = fresh + moved
        detail = {"added": len(added), "size": len(group), "records": added[:50]}
        events.append(("grow", nid, detail))
    return events
