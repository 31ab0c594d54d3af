"""What a page shows of a photo's metadata: the camera and device it names, when it was taken,
and where (photo GPS, drawn on the movement map apart from the cities). Coordinates and text
only: a photo stays blurred, and no page shows one for its position."""

from __future__ import annotations

from typing import Any

from linkboard.media.photo_facts import gps_point
from linkboard.store.pages import PageQueries
from linkboard.web.schemas import PhotoPoint

#: Photo GPS points one page draws at most (the earliest taken first).
MAX_POINTS = 200


def photo_points(store: PageQueries, record_ids: list[str]) -> list[PhotoPoint]:
    """The photo GPS points of RECORD_IDS, in capture order (undated last)."""
    points = []
    for rid, photos in store.photo_meta_of(record_ids).items():
        named = store.record_image_refs(rid) or []
        for ref, meta in photos:
            found = gps_point(rid, ref, meta)
            if found is None:
                continue
            number = named.index(ref) + 1 if ref in named else 0
            points.append(PhotoPoint(record_id=rid, lat=found.lat, lon=found.lon,
                                     taken_at=found.taken_at, photo=number))  # fmt: skip
    points.sort(key=lambda p: (p.taken_at or "~", p.record_id, p.photo))
    return points[:MAX_POINTS]


def photo_fields(meta: dict[str, Any]) -> dict[str, Any]:
    """The fields of a record page's photo (``ImageOut``) that its metadata META gives."""
    from linkboard.media.devices import read_device

    make, model = str(meta.get("make") or ""), str(meta.get("model") or "")
    serial = str(meta.get("serial") or "")
    point = gps_point("", "", meta)
    return {
        "camera": " ".join(part for part in (make, model) if part),
        "device": (read_device(serial, make) if make and serial else None) or "",
        "taken_at": str(meta.get("taken_at") or ""),
        "lat": point.lat if point else None,
        "lon": point.lon if point else None,
    }
