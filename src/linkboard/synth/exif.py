"""Synthetic camera metadata written into synthetic photos: the EXIF a phone would leave
(make, model, body serial, local time with its UTC offset, GPS position), or none at all, as
sites that strip metadata leave it. Deterministic: the same arguments give the same bytes.

Serials are fictional; positions are public city centres. Nothing here is a real device.
"""

from __future__ import annotations

import io
from datetime import datetime

from PIL import Image
from PIL.TiffImagePlugin import IFDRational

EXIF_IFD, GPS_IFD = 0x8769, 0x8825
#: Seconds of arc are written with this denominator (1e-6 s, far below a metre).
SECONDS_SCALE = 1_000_000
QUALITY = 90


def dms(degrees: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    """|DEGREES| as (degrees, minutes, seconds) rationals, as GPS tags hold them."""
    micro = round(abs(degrees) * 3600 * SECONDS_SCALE)  # whole micro-seconds of arc
    whole, rest = divmod(micro, 3600 * SECONDS_SCALE)
    minutes, seconds = divmod(rest, 60 * SECONDS_SCALE)
    return IFDRational(whole, 1), IFDRational(minutes, 1), IFDRational(seconds, SECONDS_SCALE)


def camera_exif(
    make: str,
    model: str,
    serial: str,
    taken_at: datetime,
    lat: float | None = None,
    lon: float | None = None,
    *,
    lens_serial: str = "",
    software: str = "",
) -> Image.Exif:
    """An EXIF block as a camera writes it; the offset only when TAKEN_AT is aware."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = make, model
    if software:
        exif[0x0131] = software
    sub = exif.get_ifd(EXIF_IFD)
    sub[0x9003] = taken_at.strftime("%Y:%m:%d %H:%M:%S")
    offset = taken_at.strftime("%z")
    if offset:
        sub[0x9011] = f"{offset[:3]}:{offset[3:5]}"
    if serial:
        sub[0xA431] = serial
    if lens_serial:
        sub[0xA435] = lens_serial
    if lat is not None and lon is not None:
        gps = exif.get_ifd(GPS_IFD)
        gps[0x0000] = b"\x02\x03\x00\x00"  # GPSVersionID 2.3.0.0
        gps[0x0001], gps[0x0002] = ("N" if lat >= 0 else "S"), dms(lat)
        gps[0x0003], gps[0x0004] = ("E" if lon >= 0 else "W"), dms(lon)
    return exif


def with_exif(
    image: Image.Image,
    make: str,
    model: str,
    serial: str,
    taken_at: datetime,
    lat: float | None = None,
    lon: float | None = None,
    *,
    lens_serial: str = "",
    software: str = "",
) -> bytes:
    """IMAGE as JPEG bytes carrying that metadata."""
    exif = camera_exif(
        make, model, serial, taken_at, lat, lon, lens_serial=lens_serial, software=software
    )
    return jpeg(image, exif)


def jpeg(image: Image.Image, exif: Image.Exif | bytes = b"", quality: int = QUALITY) -> bytes:
    """IMAGE as JPEG bytes with the EXIF block given (none by default)."""
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=quality, exif=exif)
    return out.getvalue()


def stripped(image: Image.Image) -> bytes:
    """IMAGE as JPEG bytes with no metadata at all, as a site re-encodes an upload."""
    return jpeg(image)
