"""i2 Analyst's Notebook import: one CSV row per link, both ends described in the row.

Columns follow the i2 import wizard's link-per-row layout: for each end its entity type,
identity and label; then the link type, label, date, the evidence, and the provenance of the
record the link comes from (source URL, collection time, sha256, pipeline version), and each
record end's risk (whole points out of 100) and possible-minor flag.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from linkboard.export.cells import csv_writer
from linkboard.export.scope import Scope, split_identifier

HEADER = [
    "Entity1 Type",
    "Entity1 Identity",
    "Entity1 Label",
    "Entity2 Type",
    "Entity2 Identity",
    "Entity2 Label",
    "Link Type",
    "Link Label",
    "Link Date",
    "Link Strength",
    "Evidence",
    "Source",
    "Source URL",
    "Collected",
    "SHA256",
    "Pipeline Version",
    "Entity1 Risk",
    "Entity1 Possible Minor",
    "Entity2 Risk",
    "Entity2 Possible Minor",
]
ENTITY_TYPES = {
    "phone": "Telephone",
    "email": "Email Address",
    "handle": "Online Account",
    "payment": "Payment Account",
    "crypto": "Crypto Wallet",
}


def _record_end(scope: Scope, rid: str) -> list[str]:
    rec = next(r for r in scope.records if r.id == rid)
    return ["Advertisement" if rec.kind == "ad" else rec.kind.title(), rid, rec.title or rid]


def _provenance(scope: Scope, rid: str) -> list[str]:
    p = scope.provenance(rid)
    return [p["source"], p["url"], p["ingested_at"], p["sha256"], p["pipeline_version"]]


def _flags(scope: Scope, rid: str | None) -> list[str]:
    if rid is None:
        return ["", ""]
    points = scope.risk_of(rid)
    return ["" if points is None else str(points), "yes" if scope.minor(rid) else "no"]


def rows(scope: Scope) -> Iterator[list[str]]:
    """A row per mention (record → identifier), then a row per link between records."""
    posted = {r.id: r.posted_at or "" for r in scope.records}
    yield from _mention_rows(scope, posted)
    yield from _link_rows(scope, posted)


def _mention_rows(scope: Scope, posted: dict[str, str]) -> Iterator[list[str]]:
    for identifier, seen in scope.identifiers().items():
        kind, _, name = split_identifier(identifier)
        for rid, m in seen:
            yield [
                *_record_end(scope, rid),
                ENTITY_TYPES.get(kind, "Identifier"),
                identifier,
                name,
                "Mentions",
                m.text,
                posted[rid],
                "Confirmed",
                f"{m.field}[{m.start}:{m.end}] {m.text!r} ({m.rule})",
                *_provenance(scope, rid),
                *_flags(scope, rid),
                *_flags(scope, None),
            ]


def _link_rows(scope: Scope, posted: dict[str, str]) -> Iterator[list[str]]:
    for lk in scope.links:
        yield [
            *_record_end(scope, lk.a),
            *_record_end(scope, lk.b),
            f"Linked ({lk.kind})",
            f"{lk.kind} {lk.score:.2f}",
            max(posted[lk.a], posted[lk.b]),
            "Confirmed" if lk.hard else "Tentative",
            json.dumps(lk.evidence, ensure_ascii=False, sort_keys=True),
            *_provenance(scope, lk.a),
            *_flags(scope, lk.a),
            *_flags(scope, lk.b),
        ]


def write(scope: Scope, out: IO[str]) -> int:
    writer = csv_writer(out)
    writer.writerow(HEADER)
    count = 0
    for row in rows(scope):
        writer.writerow(row)
        count += 1
    return count
