"""What the record stage keeps of a photo's metadata, and what it gives the record.

- ``kept_meta``: the fields of ``PhotoMeta`` an ``ImageFact`` keeps (make, model, body serial,
  capture time, GPS position), only those the photo carries. A stripped photo keeps nothing and
  a corrupt tag is left out: neither is an error of the image.
- ``device_mentions``: each photo whose make and serial read as a device gives its record a
  ``device`` mention in the role ``self`` (the device that took its photo), quoting the photo's
  ref in the record's ``images`` field, so that records whose photos came from one camera link
  through the ordinary identifier linking. A generic serial (``devices.is_generic``) is
  mentioned too; the linker holds it back as a suspected generic identifier.
- ``gps_point``: a kept position with its capture time, for the movement map and the exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from linkboard.model import SELF_ROLE, ImageFact, Mention, Record

#: The ``PhotoMeta`` fields an ``ImageFact.meta`` keeps.
KEPT = ("make", "model", "serial", "taken_at", "lat", "lon")
KIND = "device"
FIELD = "images"
RULE = "photo.exif"
GPS_DIGITS = 7


def kept_meta(data: bytes) -> dict[str, Any]:
    """The metadata fields an image file's bytes carry, by name; {} when stripped."""
    from linkboard.media.exif import read_metadata_bytes

    meta = read_metadata_bytes(data)
    kept = {name: getattr(meta, name) for name in KEPT}
    for name in ("lat", "lon"):  # degrees to 1e-7 (about a centimetre), not to rounding noise
        if kept[name] is not None:
            kept[name] = round(kept[name], GPS_DIGITS)
    return {name: value for name, value in kept.items() if value not in ("", None)}


def device_mentions(record: Record, images: list[ImageFact]) -> list[Mention]:
    """A ``device`` mention for each of IMAGES (RECORD's, hashed) whose metadata names one."""
    from linkboard.media.devices import read_device

    starts: dict[str, int] = {}
    at = 0
    for ref in record.images:
        starts.setdefault(ref, at)
        at += len(ref) + 1
    out = []
    for fact in images:
        make, serial = str(fact.meta.get("make", "")), str(fact.meta.get("serial", ""))
        value = read_device(serial, make) if make and serial else None
        if value is None or fact.ref not in starts:
            continue
        start = starts[fact.ref]
        data = {"image": fact.ref, "make": make, "model": str(fact.meta.get("model", ""))}
        out.append(Mention(KIND, value, fact.ref, start, start + len(fact.ref), RULE, FIELD,
                           data, SELF_ROLE))  # fmt: skip
    return out


@dataclass(frozen=True, slots=True)
class GpsPoint:
    """Where a record's photo was taken, as its metadata says, and when (ISO 8601 or "")."""

    record_id: str
    ref: str
    lat: float
    lon: float
    taken_at: str = ""


def gps_point(record_id: str, ref: str, meta: dict[str, Any]) -> GpsPoint | None:
    """The position META keeps, or None when it keeps none (or not a usable one)."""
    lat, lon = meta.get("lat"), meta.get("lon")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return GpsPoint(record_id, ref, float(lat), float(lon), str(meta.get("taken_at") or ""))
