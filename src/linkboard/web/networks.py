"""One network as its page shows it: summary and reasons, members, identifiers, templates,
movement, and the graph of records and identifiers with the reason for every edge."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import Any

from linkboard.link.reasons import link_reason
from linkboard.link.summary import person_count
from linkboard.model import LINKABLE_KINDS
from linkboard.web.geo import coordinates
from linkboard.web.reasons import reasons
from linkboard.web.records import hits_of
from linkboard.web.schemas import (
    CityVisit,
    Graph,
    GraphElement,
    NetworkDetail,
    SearchHit,
    TemplateView,
)
from linkboard.web.template_slots import template_parts

#: Members read per network page; a bigger network is summarised from its stored summary.
MAX_MEMBERS = 2000
MAX_GRAPH_RECORDS = 300
MAX_LISTED = 50
LINK_KINDS = ("identifier", "photo", "text", "analyst")


def _members(
    db: sqlite3.Connection, network_id: str, limit: int = MAX_MEMBERS
) -> list[sqlite3.Row]:
    return db.execute(
        "SELECT id, title, city, site, posted_at, risk, possible_minor, network_id, body "
        "FROM records WHERE network_id = ? LIMIT ?",
        (network_id, limit),
    ).fetchall()


def _mentions(db: sqlite3.Connection, ids: list[str]) -> list[sqlite3.Row]:
    out: list[sqlite3.Row] = []
    kinds = sorted(LINKABLE_KINDS)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        out += db.execute(
            f"SELECT DISTINCT record_id, kind, value FROM mentions "
            f"WHERE record_id IN ({','.join('?' * len(chunk))}) "
            f"AND kind IN ({','.join('?' * len(kinds))})",
            [*chunk, *kinds],
        ).fetchall()
    return out


def _links(db: sqlite3.Connection, ids: list[str]) -> list[sqlite3.Row]:
    members = set(ids)
    seen: dict[tuple[str, str, str], sqlite3.Row] = {}
    for i in range(0, len(ids), 400):
        chunk = ids[i : i + 400]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            f"SELECT * FROM links WHERE a IN ({marks}) "
            f"UNION SELECT * FROM links WHERE b IN ({marks})",
            [*chunk, *chunk],
        )
        for r in rows:
            if r["a"] in members and r["b"] in members:
                seen[(r["a"], r["b"], r["kind"])] = r
    return list(seen.values())


def network_detail(db: sqlite3.Connection, network_id: str) -> NetworkDetail | None:
    row = db.execute("SELECT * FROM networks WHERE id = ?", (network_id,)).fetchone()
    if row is None:
        return None
    members = _members(db, network_id)
    ids = [m["id"] for m in members]
    mentions = _mentions(db, ids)
    identifiers: dict[str, list[str]] = {}
    for m in mentions:
        identifiers.setdefault(m["kind"], [])
        if m["value"] not in identifiers[m["kind"]]:
            identifiers[m["kind"]].append(m["value"])
    summary = _json(row["summary"])
    hits = hits_of(db, "network", network_id)
    listed = sorted(members, key=_priority)[:MAX_LISTED]
    events = [
        {"at": e["at"], "event": e["event"], "detail": _json(e["detail"])}
        for e in db.execute(
            "SELECT at, event, detail FROM network_events WHERE network_id = ? "
            "ORDER BY id DESC LIMIT 50",
            (network_id,),
        )
    ]
    return NetworkDetail(
        id=row["id"], name=row["name"] or f"Network {row['id']}", size=row["size"],
        risk=row["risk"], possible_minor=bool(row["possible_minor"]),
        first_seen=row["first_seen"], last_seen=row["last_seen"], summary=summary,
        reasons=reasons(row["breakdown"]), hits=hits,
        counts=_counts(summary, members, identifiers), identifiers=identifiers,
        records=[_member_hit(m) for m in listed], records_shown=len(listed), events=events,
        templates=_templates(db, members), movement=movement(db, members),
    )  # fmt: skip


def _json(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _counts(summary: dict[str, Any], members: list[sqlite3.Row],
            identifiers: dict[str, list[str]]) -> dict[str, int]:  # fmt: skip
    def stored(key: str, fallback: int) -> int:
        value = summary.get(key)
        if isinstance(value, int):
            return value
        if isinstance(value, list | dict):
            return len(value)
        return fallback

    return {
        "persons": person_count(summary),
        "phones": stored("phones", len(identifiers.get("phone", []))),
        "handles": stored("handles", len(identifiers.get("handle", []))),
        "sites": stored("sites", len({m["site"] for m in members if m["site"]})),
        "cities": stored("cities", len({m["city"] for m in members if m["city"]})),
    }


def _priority(m: sqlite3.Row) -> tuple[bool, float, str]:
    """Possible minors first, then riskiest first (the triage queue's order)."""
    return (not m["possible_minor"], -(m["risk"] or 0), m["id"])


def _member_hit(m: sqlite3.Row) -> SearchHit:
    return SearchHit(
        id=m["id"], title=m["title"] or m["id"], city=m["city"] or "", site=m["site"],
        posted_at=m["posted_at"], risk=m["risk"], possible_minor=bool(m["possible_minor"]),
        network_id=m["network_id"],
    )  # fmt: skip


def _templates(db: sqlite3.Connection, members: list[sqlite3.Row]) -> list[TemplateView]:
    """One template per group of records joined by text links (largest groups first)."""
    ids = [m["id"] for m in members]
    text_links = [lk for lk in _links(db, ids) if lk["kind"] == "text"]
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    stored: dict[str, Any] = {}
    for lk in text_links:
        parent[find(lk["a"])] = find(lk["b"])
        evidence = _json(lk["evidence"])
        if isinstance(evidence.get("template"), str):
            stored[find(lk["a"])] = evidence
    groups: dict[str, list[str]] = {}
    for lk in text_links:
        for rid in (lk["a"], lk["b"]):
            group = groups.setdefault(find(rid), [])
            if rid not in group:
                group.append(rid)
    bodies = {m["id"]: m["body"] for m in members}
    out = []
    for root, group in sorted(groups.items(), key=lambda kv: -len(kv[1]))[:5]:
        group.sort()
        found = stored.get(root)
        if found and isinstance(found.get("slots"), list):
            parts = [{"text": found["template"]}, {"slot": [str(s) for s in found["slots"]]}]
        else:
            parts = template_parts([bodies[r] for r in group])
        out.append(TemplateView(parts=parts, records=group))
    return out


def movement(db: sqlite3.Connection, members: list[sqlite3.Row]) -> list[CityVisit]:
    """Stays in each city in time order: consecutive posts in one city are one visit."""
    posts = sorted(
        (m for m in members if m["city"] and m["posted_at"]), key=lambda m: m["posted_at"]
    )
    visits: list[dict[str, Any]] = []
    for m in posts:
        if visits and visits[-1]["city"] == m["city"]:
            visits[-1]["last"] = m["posted_at"]
            visits[-1]["record_ids"].append(m["id"])
        else:
            visits.append({"city": m["city"], "first": m["posted_at"], "last": m["posted_at"],
                           "record_ids": [m["id"]]})  # fmt: skip
    where = coordinates(db, [m["id"] for m in posts], {v["city"] for v in visits})
    return [
        CityVisit(
            city=v["city"],
            lat=where.get(v["city"], (None, None))[0],
            lon=where.get(v["city"], (None, None))[1],
            first=v["first"],
            last=v["last"],
            posts=len(v["record_ids"]),
            record_ids=v["record_ids"][:50],
        )  # fmt: skip
        for v in visits
    ]


def graph(db: sqlite3.Connection, network_id: str) -> Graph | None:
    """Cytoscape elements: records, the identifiers they hold, and the links between them."""
    if db.execute("SELECT 1 FROM networks WHERE id = ?", (network_id,)).fetchone() is None:
        return None
    members = sorted(_members(db, network_id), key=_priority)
    truncated = len(members) > MAX_GRAPH_RECORDS
    members = members[:MAX_GRAPH_RECORDS]
    ids = [m["id"] for m in members]
    elements = [
        GraphElement(
            group="nodes",
            data={
                "id": f"r:{m['id']}",
                "type": "record",
                "record": m["id"],
                "label": (m["title"] or m["id"])[:40],
                "risk": round(m["risk"] or 0, 3),
                "city": m["city"] or "",
                "minor": bool(m["possible_minor"]),
            },
        )  # fmt: skip
        for m in members
    ]
    holders: Counter[tuple[str, str]] = Counter()
    mentions = _mentions(db, ids)
    for m in mentions:
        holders[(m["kind"], m["value"])] += 1
    for (kind, value), count in holders.items():
        elements.append(GraphElement(group="nodes", data={
            "id": f"i:{kind}:{value}", "type": "identifier", "kind": kind, "label": value,
            "count": count,
        }))  # fmt: skip
    for m in mentions:
        elements.append(GraphElement(group="edges", data={
            "id": f"h:{m['record_id']}:{m['kind']}:{m['value']}", "source": f"r:{m['record_id']}",
            "target": f"i:{m['kind']}:{m['value']}", "kind": "holds",
            "reason": f"posts {m['kind']} {m['value']}",
        }))  # fmt: skip
    kinds = set()
    for lk in _links(db, ids):
        kinds.add(lk["kind"])
        elements.append(GraphElement(group="edges", data={
            "id": f"l:{lk['a']}:{lk['b']}:{lk['kind']}", "source": f"r:{lk['a']}",
            "target": f"r:{lk['b']}", "kind": lk["kind"], "hard": bool(lk["hard"]),
            "score": round(lk["score"], 3),
            "reason": link_reason(lk["kind"], lk["score"], _json(lk["evidence"])),
        }))  # fmt: skip
    ordered = [k for k in LINK_KINDS if k in kinds] + sorted(kinds - set(LINK_KINDS))
    return Graph(elements=elements, truncated=truncated, link_kinds=ordered)
