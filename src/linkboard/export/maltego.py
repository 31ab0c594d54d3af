"""Maltego entity table: one CSV row per (record, identifier) pair, one column per entity type.

Maltego's table import maps each column to an entity type (the header names the type) and links
the entities found on the same row. The ad's risk (whole points out of 100) and possible-minor
flag and the provenance columns ride along as properties.
"""

from __future__ import annotations

from typing import IO

from linkboard.export.cells import csv_writer
from linkboard.export.scope import Scope, split_identifier

COLUMNS = {
    "phone": "maltego.PhoneNumber",
    "email": "maltego.EmailAddress",
    "handle": "maltego.Alias",
    "payment": "maltego.Alias",
    "crypto": "maltego.CryptocurrencyAddress",
    "device": "maltego.Device",  # a camera body serial from a photo's metadata (make:serial)
}
HEADER = [
    "Ad (maltego.Phrase)",
    "Ad URL (maltego.URL)",
    "maltego.PhoneNumber",
    "maltego.EmailAddress",
    "maltego.Alias",
    "maltego.CryptocurrencyAddress",
    "maltego.Device",
    "Service",
    "Network",
    "Risk",
    "Possible Minor",
    "Posted",
    "Source",
    "Collected",
    "SHA256",
    "Pipeline Version",
]


def write(scope: Scope, out: IO[str]) -> int:
    writer = csv_writer(out)
    writer.writerow(HEADER)
    count = 0
    for identifier, seen in scope.identifiers().items():
        kind, service, name = split_identifier(identifier)
        for rid in sorted({rid for rid, _ in seen}):
            p = scope.provenance(rid)
            cells = {column: "" for column in COLUMNS.values()}
            cells[COLUMNS[kind]] = name
            posted = scope.rows[rid].posted_at or ""
            writer.writerow(
                [
                    rid,
                    p["url"],
                    *cells.values(),
                    service,
                    scope.network_of(rid),
                    "" if (points := scope.risk_of(rid)) is None else points,
                    "yes" if scope.minor(rid) else "no",
                    posted,
                    p["source"],
                    p["ingested_at"],
                    p["sha256"],
                    p["pipeline_version"],
                ]
            )
            count += 1
    return count
