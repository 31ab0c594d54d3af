"""One network as its page shows it: summary and reasons, members, identifiers (those marked
generic apart), templates, movement, and its history (``web.history``); its graph is
``web.graph``."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from linkboard.link.summary import person_count
from linkboard.model import LINKABLE_KINDS
from linkboard.web.geo import coordinates
from linkboard.web.history import history, last_split
from linkboard.web.reasons import reasons
from linkboard.web.records import hits_of
from linkboard.web.schemas import (
    CityVisit,
    NetworkDetail,
    SearchHit,
    TemplateView,
)
from linkboard.web.template_slots import template_parts

#: Members read per network page; a bigger network is summarised from its stored summary.
MAX_MEMBERS = 2000
MAX_LISTED = 50


def member_rows(
    db: sqlite3.Connection, network_id: str, limit: int = MAX_MEMBERS
) -> list[sqlite3.Row]:
    return db.execute(
        "SELECT id, title, city, site, posted_at, risk, possible_minor, network_id, body "
        "FROM records WHERE network_id = ? LIMIT ?",
        (network_id, limit),
    ).fetchall()


def mention_rows(db: sqlite3.Connection, ids: list[str]) -> list[sqlite3.Row]:
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


def link_rows(db: sqlite3.Connection, ids: list[str]) -> list[sqlite3.Row]:
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
    members = member_rows(db, network_id)
    ids = [m["id"] for m in members]
    mentions = mention_rows(db, ids)
    generic = suppressed(db)
    identifiers: dict[str, list[str]] = {}
    marked: set[str] = set()
    for m in mentions:
        ident = f"{m['kind']}:{m['value']}"
        if ident in generic:
            marked.add(ident)
            continue
        identifiers.setdefault(m["kind"], [])
        if m["value"] not in identifiers[m["kind"]]:
            identifiers[m["kind"]].append(m["value"])
    summary = json_object(row["summary"])
    hits = hits_of(db, "network", network_id)
    listed = sorted(members, key=priority)[:MAX_LISTED]
    events = [
        {"at": e["at"], "event": e["event"], "detail": json_object(e["detail"])}
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
        history=history(db, network_id), split=last_split(db, network_id), generic=sorted(marked),
        templates=_templates(db, members), movement=movement(db, members),
    )  # fmt: skip


def suppressed(db: sqlite3.Connection) -> set[str]:
    """The identifiers analysts marked generic: they link nothing, so no page cites them."""
    rows = db.execute("SELECT identifier FROM identifier_status WHERE status = 'suppressed'")
    return {r[0] for r in rows}


def json_object(text: str | None) -> dict[str, Any]:
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


def priority(m: sqlite3.Row) -> tuple[bool, float, str]:
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
    text_links = [lk for lk in link_rows(db, ids) if lk["kind"] == "text"]
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    stored: dict[str, Any] = {}
    for lk in text_links:
        parent[find(lk["a"])] = find(lk["b"])
        evidence = json_object(lk["evidence"])
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
