"""A self-contained HTML case report: summary, possible minors, networks, movement (table and
SVG chart), identifiers, links and the evidence table with each record's provenance.

Risks are printed as the pages print them, whole points out of 100; every possible-minor network
and record is named first, with why, and flagged again wherever it appears.

Images are blurred by default (CSS; a checkbox in the page reveals them). They are embedded as
data URIs only when the report is asked to include them and the image file exists; otherwise the
report shows the image's hashes, never its pixels.
"""

from __future__ import annotations

import base64
import mimetypes
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

import jinja2

from linkboard import PIPELINE_VERSION
from linkboard.export.report_template import TEMPLATE
from linkboard.export.scope import Scope, minor_reason
from linkboard.link.summary import person_count
from linkboard.model import Record
from linkboard.score.risk import possible_minor, risk_label

CHART_WIDTH, ROW_HEIGHT, LEFT, TOP = 640, 28, 150, 20

_env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


def movement_chart(scope: Scope) -> dict[str, Any]:
    """Layout of the movement chart: one row per city (in order of first post), a dot per post."""
    posts = []
    for rec in scope.records:
        day = _day(rec.posted_at or "")
        city = scope.rows[rec.id].city or rec.location
        if day and city:
            posts.append((day, city, rec.id))
    if not posts:
        return {"rows": [], "dots": [], "width": CHART_WIDTH, "height": 0, "ticks": []}
    posts.sort()
    cities = list(dict.fromkeys(city for _, city, _ in posts))
    first, last = posts[0][0], posts[-1][0]
    span = max((last - first).days, 1)
    plot = CHART_WIDTH - LEFT - 20

    def x(day: date) -> float:
        return round(LEFT + plot * (day - first).days / span, 1)

    def y(city: str) -> int:
        return TOP + ROW_HEIGHT * cities.index(city)

    return {
        "rows": [{"city": c, "y": y(c)} for c in cities],
        "dots": [{"x": x(d), "y": y(c), "title": f"{rid} · {c} · {d}"} for d, c, rid in posts],
        "ticks": [{"x": x(d), "label": d.isoformat()} for d in sorted({first, last})],
        "width": CHART_WIDTH,
        "height": TOP + ROW_HEIGHT * len(cities) + 24,
    }


def _image(ref: str, include: bool) -> str:
    """A data URI for an image file, when asked for and present; else ''."""
    if not include or "://" in ref or ref.startswith("data:"):
        return ""
    path = Path(ref)
    if not path.is_file():
        return ""
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"


def _networks(scope: Scope) -> list[dict[str, Any]]:
    """The networks as the report lists them: possible minors first, risk out of 100, persons."""
    out = []
    for n in scope.minors_first():
        members = [r.id for r in scope.records if scope.network_of(r.id) == n.id]
        flagged = [rid for rid in members if scope.minor(rid)]
        hits = scope.network_hits.get(n.id, [])
        why = minor_reason(n.breakdown) or possible_minor(hits)[1]
        if n.possible_minor and not why and flagged:
            why = f"record {flagged[0]}: {possible_minor(scope.hits[flagged[0]])[1]}"
        out.append(
            {
                "id": n.id,
                "name": n.name,
                "size": n.size or "",
                "first_seen": n.first_seen,
                "last_seen": n.last_seen,
                "possible_minor": n.possible_minor,
                "hits": hits,
                "risk_label": risk_label(n.risk),
                "persons": person_count(n.summary),
                "minor_why": why if n.possible_minor else "",
            }
        )
    return out


def _evidence(scope: Scope, rec: Record, include_images: bool) -> dict[str, Any]:
    """One record as the evidence table shows it: risk, flag and why, provenance, facts."""
    facts = {f.ref: f for f in scope.images[rec.id]}
    refs = list(dict.fromkeys([*rec.images, *facts]))
    return {
        "record": rec,
        "row": scope.rows[rec.id],
        "risk": risk_label(scope.rows[rec.id].risk),
        "minor": scope.minor(rec.id),
        "minor_why": possible_minor(scope.hits[rec.id])[1] if scope.minor(rec.id) else "",
        "provenance": scope.provenance(rec.id),
        "hits": scope.hits[rec.id],
        "mentions": [m for m in scope.mentions[rec.id] if m.kind not in ("time",)],
        "images": [
            {"ref": ref, "fact": facts.get(ref), "src": _image(ref, include_images)} for ref in refs
        ],
    }


def context(scope: Scope, *, include_images: bool = False, actor: str = "") -> dict[str, Any]:
    evidence = [_evidence(scope, rec, include_images) for rec in scope.records]
    identifiers = [
        {
            "identifier": ident,
            "status": scope.identifier_status.get(ident, ""),
            "records": sorted({rid for rid, _ in seen}),
        }
        for ident, seen in sorted(scope.identifiers().items())
    ]
    posted = sorted(r.posted_at for r in scope.records if r.posted_at)
    networks = _networks(scope)
    return {
        "scope": scope,
        "networks": networks,
        "minor_networks": [n for n in networks if n["possible_minor"]],
        "minor_records": [e for e in evidence if e["minor"]],
        "evidence": evidence,
        "identifiers": identifiers,
        "movement": scope.movement(),
        "chart": movement_chart(scope),
        "first_seen": posted[0] if posted else "",
        "last_seen": posted[-1] if posted else "",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "generated_by": actor,
        "pipeline_version": PIPELINE_VERSION,
        "include_images": include_images,
    }


def render(scope: Scope, *, include_images: bool = False, actor: str = "") -> str:
    return _env.from_string(TEMPLATE).render(
        **context(scope, include_images=include_images, actor=actor)
    )


def write(scope: Scope, out: IO[str], *, include_images: bool = False, actor: str = "") -> int:
    out.write(render(scope, include_images=include_images, actor=actor))
    return len(scope.records)
