"""The record export: one object per record (JSON Lines) or one row per record (CSV).

Fields: id, kind, phones (E.164), emails, ages, locations, every other mention kind under its
own key, devices (the cameras its photos' metadata names: make, model, serial), risk, network,
indicators (code + evidence), possible_minor and provenance. A photo's GPS position is a location
too, with ``lat``, ``lon``, ``taken_at`` and ``source: "photo GPS"`` (its city fields empty).
``risk`` is on
the scale every page shows, whole points out of 100 (``risk_probability`` in JSON Lines keeps the
0..1 value it comes from). A value the record holds in a role other than its own (``self``)
is followed by that role: ``+17135550101 (counterparty)``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from linkboard import PIPELINE_VERSION, hooks
from linkboard.export.cells import csv_writer
from linkboard.export.scope import risk_points
from linkboard.media.devices import split_device
from linkboard.media.hashmatch import export_fields as hashlist_fields
from linkboard.media.photo_facts import GpsPoint, gps_point
from linkboard.model import SELF_ROLE, Mention
from linkboard.store.base import Store
from linkboard.store.reports import Indicator, RecordState

LIST_KINDS = (
    "phones",
    "emails",
    "urls",
    "handles",
    "payments",
    "crypto",
    "prices",
    "ages",
    "names",
    "locations",
    "times",
    "devices",
)
KIND_KEY = {
    "phone": "phones",
    "email": "emails",
    "url": "urls",
    "handle": "handles",
    "payment": "payments",
    "crypto": "crypto",
    "price": "prices",
    "age": "ages",
    "name": "names",
    "location": "locations",
    "time": "times",
    "device": "devices",
}
GPS_SOURCE = "photo GPS"


def _location(data: dict[str, Any], value: str) -> dict[str, str]:
    parts = [p.strip() for p in value.split(",")]
    return {
        "city": data.get("city") or parts[0],
        "region": data.get("region") or (parts[1] if len(parts) == 3 else ""),
        "country": data.get("country") or parts[-1],
    }


def _device(m: Mention) -> dict[str, str]:
    make, serial = split_device(m.value)
    return {"make": make, "model": str(m.data.get("model") or ""), "serial": serial}


def _gps(point: GpsPoint) -> dict[str, Any]:
    return {"city": "", "region": "", "country": "", "lat": point.lat, "lon": point.lon,
            "taken_at": point.taken_at, "source": GPS_SOURCE}  # fmt: skip


def rows(store: Store, ids: list[str] | None = None, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Export objects for the given record ids (all records, in id order, when None)."""
    ids = ids if ids is not None else store.all_record_ids()
    for i in range(0, len(ids), batch):
        chunk = ids[i : i + batch]
        meta = store.record_states(chunk)
        mentions = store.mentions_of(chunk)
        hits = store.record_indicators(chunk)
        photos = store.photo_meta_of(chunk)
        added = _kind_fields(store, meta)
        listed = hashlist_fields(store, chunk)
        for rid in chunk:
            if rid in meta:
                row = _row(meta[rid], mentions[rid], hits[rid])
                for ref, found in photos.get(rid, ()):
                    if (point := gps_point(rid, ref, found)) and _gps(point) not in row[
                        "locations"
                    ]:
                        row["locations"].append(_gps(point))
                yield row | listed.get(rid, {}) | added.get(rid, {})


def _kind_fields(store: Store, meta: dict[str, RecordState]) -> dict[str, dict[str, Any]]:
    """The fields each record's kind adds to its row (``hooks.record_fields``)."""
    by_kind: dict[str, list[str]] = {}
    for rid, state in meta.items():
        by_kind.setdefault(state.kind, []).append(rid)
    added: dict[str, dict[str, Any]] = {}
    for kind, ids in by_kind.items():
        fields = hooks.record_fields.get(kind)
        if fields is not None:
            added.update(fields(store, ids))
    return added


def _row(meta: RecordState, mentions: list[Mention], hits: list[Indicator]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": meta.id, "kind": meta.kind}
    out.update({key: [] for key in LIST_KINDS})
    for m in mentions:
        key = KIND_KEY.get(m.kind)
        if key is None:
            continue
        if m.kind == "device":
            value: Any = _device(m)
        elif m.kind == "location":
            value = _location(m.data, m.value)
        elif m.kind == "age":
            value = int(m.value)
        elif m.role != SELF_ROLE:  # a value the record does not hold as its own
            value = f"{m.value} ({m.role})"
        else:
            value = m.value
        if value not in out[key]:
            out[key].append(value)
    out["risk"] = risk_points(meta.risk)
    out["risk_probability"] = meta.risk
    out["network"] = meta.network_id
    out["possible_minor"] = meta.possible_minor
    out["indicators"] = [{"code": h.code, "evidence": h.evidence} for h in hits]
    out["provenance"] = {
        "source": meta.source,
        "locator": meta.locator,
        "url": meta.url,
        "posted_at": meta.posted_at,
        "ingested_at": meta.ingested_at,
        "sha256": meta.sha256,
        "pipeline_version": PIPELINE_VERSION,
    }
    return out


def write_jsonl(store: Store, out: IO[str], ids: list[str] | None = None) -> int:
    count = 0
    for row in rows(store, ids):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(store: Store, out: IO[str], ids: list[str] | None = None) -> int:
    """Lists joined with ``; ``, locations as ``City, Region, Country`` (a photo position as
    ``lat, lon (photo GPS, taken_at)``), devices as ``SERIAL (make model)``, indicators as codes."""
    header = [
        "id",
        "kind",
        *LIST_KINDS,
        "risk",
        "network",
        "possible_minor",
        "indicators",
        "source",
        "url",
        "posted_at",
        "ingested_at",
        "sha256",
        "pipeline_version",
    ]
    writer = csv_writer(out)
    writer.writerow(header)
    count = 0
    for row in rows(store, ids):
        flat = dict(row)
        flat["locations"] = [_location_cell(loc) for loc in row["locations"]]
        flat["devices"] = [f"{d['serial']} ({' '.join(filter(None, (d['make'], d['model'])))})"
                           for d in row["devices"]]  # fmt: skip
        flat["indicators"] = [h["code"] for h in row["indicators"]]
        flat.update({k: v for k, v in row["provenance"].items() if k != "locator"})
        writer.writerow(
            [
                "; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v)
                for v in (flat[h] for h in header)
            ]
        )
        count += 1
    return count


def _location_cell(loc: dict[str, Any]) -> str:
    """``City, Region, Country``; a photo's GPS position as ``lat, lon (photo GPS, taken_at)``."""
    if loc.get("source") == GPS_SOURCE:
        when = f", {loc['taken_at']}" if loc.get("taken_at") else ""
        return f"{loc['lat']:.6f}, {loc['lon']:.6f} ({GPS_SOURCE}{when})"
    return ", ".join(v for v in loc.values() if v)
