"""The camera metadata a photo file may still carry: make, model, body and lens serials, when
and where it was taken, the software that last wrote it.

Read with Pillow: ``getexif()`` for the main directory (Make 0x010F, Model 0x0110, Software
0x0131, the DNG CameraSerialNumber 0xC62F), ``get_ifd(0x8769)`` for the Exif directory
(BodySerialNumber 0xA431, LensSerialNumber 0xA435, DateTimeOriginal 0x9003 with
OffsetTimeOriginal 0x9011, or the Digitized pair 0x9004/0x9012), ``get_ifd(0x8825)`` for GPS
(latitude 2 and longitude 4 as degree/minute/second rationals, refs 1 and 3) and, for Fujifilm,
the maker note's serial (0x0010), the one maker note Pillow decodes.

Sites strip metadata on upload, so an empty ``PhotoMeta`` is the usual answer and no error.
Corrupt metadata (zero denominators, wrong types, out-of-range angles, strings of kilobytes)
leaves its field empty and says what was wrong in ``error``; nothing here raises.
"""

from __future__ import annotations

import io
import math
import numbers
import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import IO, Any

#: Longest tag text kept; a longer one is corrupt (or a payload), not a camera's make or serial.
MAX_TEXT = 120
#: PNGs over this many pixels are not decoded to look for metadata written after the pixels.
MAX_PIXELS = 90_000_000
EXIF_IFD, GPS_IFD, MAKER_NOTE = 0x8769, 0x8825, 0x927C
MAKE, MODEL, SOFTWARE, CAMERA_SERIAL = 0x010F, 0x0110, 0x0131, 0xC62F
BODY_SERIAL, LENS_SERIAL = 0xA431, 0xA435
#: (time tag, its offset tag), best first: when the shutter fired, then when it was digitised.
TIMES = ((0x9003, 0x9011), (0x9004, 0x9012))
TIME_NAMES = ("DateTimeOriginal", "DateTimeDigitized")
FUJIFILM_SERIAL = 0x0010
_TIME = re.compile(r"^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$")
_OFFSET = re.compile(r"^([+-])(\d{2}):?(\d{2})$")


@dataclass(frozen=True, slots=True)
class PhotoMeta:
    """What a photo's metadata says; "" (or None) where it says nothing or nothing usable.

    ``taken_at`` is ISO 8601, with its UTC offset when the camera wrote one, naive otherwise
    (the camera's clock, zone unknown). ``lat``/``lon`` are signed decimal degrees.
    ``error`` says what was corrupt, "; "-separated; "" when nothing was.
    """

    make: str = ""
    model: str = ""
    serial: str = ""
    lens_serial: str = ""
    taken_at: str = ""
    lat: float | None = None
    lon: float | None = None
    software: str = ""
    error: str = ""

    @property
    def empty(self) -> bool:
        """True when the photo carries none of these fields (stripped, the common case)."""
        return self == PhotoMeta(error=self.error)


def read_metadata(path: Path) -> PhotoMeta:
    """The metadata of the image file at PATH. Never raises."""
    try:
        with open(path, "rb") as f:
            return _read(f)
    except OSError as exc:
        return PhotoMeta(error=f"unreadable: {exc.strerror or exc}")


def read_metadata_bytes(data: bytes) -> PhotoMeta:
    """The metadata of an image file's bytes, or of a bare EXIF block (``Exif\\0\\0`` + TIFF)."""
    if data.startswith(b"Exif\x00\x00"):
        return _guarded(lambda: _exif_block(data))
    return _read(io.BytesIO(data))


def _read(f: IO[bytes]) -> PhotoMeta:
    return _guarded(lambda: _from_image(f))


def _guarded(read: Callable[[], PhotoMeta]) -> PhotoMeta:
    """Run READ with Pillow's warnings (corrupt tags) caught and turned into the error text."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            meta = read()
        except Exception as exc:  # a decoder's failure is a fact about this file
            meta = PhotoMeta(error=_said(exc))
    noted = [f"warning: {w.message}"[:200] for w in caught]
    if not noted:
        return meta
    error = "; ".join(([meta.error] if meta.error else []) + noted)
    return replace(meta, error=error[:1000])


def _said(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def _from_image(f: IO[bytes]) -> PhotoMeta:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(f)
    except UnidentifiedImageError:
        return PhotoMeta(error="not an image")
    with image:
        if image.format == "PNG" and "exif" not in image.info and _pixels(image) > MAX_PIXELS:
            # Pillow decodes a PNG to find an eXIf chunk written after its pixels
            return PhotoMeta(error=f"PNG too large to search for metadata ({image.size})")
        exif = image.getexif()
        return _from_exif(exif)


def _pixels(image: Any) -> int:
    width, height = image.size
    return int(width) * int(height)


def _exif_block(data: bytes) -> PhotoMeta:
    from PIL import Image

    exif = Image.Exif()
    exif.load(data)
    return _from_exif(exif)


def _from_exif(exif: Any) -> PhotoMeta:
    if not exif and not exif.get_ifd(EXIF_IFD) and not exif.get_ifd(GPS_IFD):
        return PhotoMeta()
    tags = _Tags()
    main: Mapping[int, Any] = exif
    sub = _ifd(exif, EXIF_IFD, tags)
    gps = _ifd(exif, GPS_IFD, tags)
    serial = (
        tags.text(sub, BODY_SERIAL, "BodySerialNumber")
        or tags.text(main, CAMERA_SERIAL, "CameraSerialNumber")
        or tags.text(sub, CAMERA_SERIAL, "CameraSerialNumber")
        or _maker_serial(exif, sub, tags)
    )
    lat, lon = _position(gps, tags)
    return PhotoMeta(
        make=tags.text(main, MAKE, "Make"),
        model=tags.text(main, MODEL, "Model"),
        serial=serial,
        lens_serial=tags.text(sub, LENS_SERIAL, "LensSerialNumber"),
        taken_at=_taken_at(sub, tags),
        lat=lat,
        lon=lon,
        software=tags.text(main, SOFTWARE, "Software"),
        error="; ".join(tags.problems),
    )


def _ifd(exif: Any, tag: int, tags: _Tags) -> Mapping[int, Any]:
    try:
        found = exif.get_ifd(tag)
    except Exception as exc:  # Pillow reads the directory only when asked
        tags.problems.append(f"{'GPS' if tag == GPS_IFD else 'Exif'} directory: {_said(exc)}")
        return {}
    return found if isinstance(found, Mapping) else {}


def _maker_serial(exif: Any, sub: Mapping[int, Any], tags: _Tags) -> str:
    note = sub.get(MAKER_NOTE)
    if not isinstance(note, bytes) or not note.startswith(b"FUJIFILM"):
        return ""
    try:
        maker = exif.get_ifd(MAKER_NOTE)
    except Exception as exc:
        tags.problems.append(f"Fujifilm maker note: {_said(exc)}")
        return ""
    return tags.text(maker, FUJIFILM_SERIAL, "Fujifilm SerialNumber")


class _Tags:
    """Reads tag values into plain text and numbers, noting each corrupt one in ``problems``."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def text(self, ifd: Mapping[int, Any], tag: int, name: str) -> str:
        value = ifd.get(tag)
        if value is None:
            return ""
        if isinstance(value, bytes):
            try:
                value = value.decode("utf-8")
            except UnicodeDecodeError:
                return self._bad(name, "is bytes that are not text")
        if not isinstance(value, str):
            return self._bad(name, f"is of type {type(value).__name__}, not text")
        text = value.split("\x00", 1)[0].strip()
        if len(text) > MAX_TEXT:
            return self._bad(name, f"is {len(text)} characters long")
        if not text.isprintable():
            return self._bad(name, "has non-printable characters")
        return text

    def number(self, value: Any, name: str) -> float | None:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            self._bad(name, f"is of type {type(value).__name__}, not a number")
            return None
        if getattr(value, "denominator", 1) == 0:
            self._bad(name, "has a zero denominator")
            return None
        number = float(value)
        if not math.isfinite(number) or number < 0:
            self._bad(name, f"is {number}")
            return None
        return number

    def _bad(self, name: str, what: str) -> str:
        self.problems.append(f"{name} {what}")
        return ""


def _taken_at(sub: Mapping[int, Any], tags: _Tags) -> str:
    for (time_tag, offset_tag), name in zip(TIMES, TIME_NAMES, strict=True):
        text = tags.text(sub, time_tag, name)
        if not text.strip("0: -"):
            continue  # absent, or a camera's "0000:00:00 00:00:00" placeholder
        when = _time(text)
        if when is None:
            tags.problems.append(f"{name} {text[:40]!r} is not a date and time")
            continue
        zone = _zone(tags.text(sub, offset_tag, f"{name} offset"), tags)
        return when.replace(tzinfo=zone).isoformat()
    return ""


def _time(text: str) -> datetime | None:
    found = _TIME.match(text)
    if found is None:
        return None
    year, month, day, hour, minute, second = (int(g) for g in found.groups())
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def _zone(text: str, tags: _Tags) -> timezone | None:
    if not text.strip(" :"):
        return None  # absent, or blank "   :  "
    found = _OFFSET.match(text)
    if found:
        sign, hours, minutes = found.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes))
        if delta <= timedelta(hours=14) and int(minutes) < 60:
            return timezone(-delta if sign == "-" else delta)
    tags.problems.append(f"time offset {text[:20]!r} is not ±HH:MM")
    return None


def _position(gps: Mapping[int, Any], tags: _Tags) -> tuple[float | None, float | None]:
    if 2 not in gps and 4 not in gps:
        return None, None
    lat = _coordinate(gps, 2, {"N": 1, "S": -1}, 90.0, "GPS latitude", tags)
    lon = _coordinate(gps, 4, {"E": 1, "W": -1}, 180.0, "GPS longitude", tags)
    if lat is None or lon is None:
        if (lat is None) != (lon is None):
            tags.problems.append("GPS position has only one of latitude and longitude")
        return None, None
    if lat == 0 and lon == 0:
        tags.problems.append("GPS position 0,0 is a placeholder, not a fix")
        return None, None
    return lat, lon


def _coordinate(
    gps: Mapping[int, Any], tag: int, refs: dict[str, int], limit: float, name: str, tags: _Tags
) -> float | None:
    raw = gps.get(tag)
    if raw is None:
        return None
    parts = tuple(raw) if isinstance(raw, tuple | list) else (raw,)
    if not 1 <= len(parts) <= 3:
        tags.problems.append(f"{name} has {len(parts)} parts, not degrees, minutes, seconds")
        return None
    numbers = [tags.number(p, name) for p in parts]
    if any(n is None for n in numbers):
        return None
    degrees, minutes, seconds = ([n or 0.0 for n in numbers] + [0.0, 0.0])[:3]
    value = degrees + minutes / 60 + seconds / 3600
    if minutes >= 60 or seconds >= 60 or value > limit:
        tags.problems.append(f"{name} {degrees:g} {minutes:g} {seconds:g} (d m s) is out of range")
        return None
    sign = refs.get(tags.text(gps, tag - 1, f"{name} reference").upper())
    if sign is None:
        tags.problems.append(f"{name} has no {'/'.join(refs)} reference")
        return None
    return sign * value
