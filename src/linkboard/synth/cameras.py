"""The camera metadata of a synthetic corpus's photos, written into its image files afterwards
(``generate(..., exif=True)``, or ``add_cameras`` on a corpus already written). Off by default:
the default corpus, its photos' bytes included, stays as it was.

Who carries metadata, as on the sites the corpus imitates, where stripped photos are the norm:

- an operation (``OPERATION_CAMERA`` of them) has one phone that took every photo of each of its
  persons, so its ads link through the device even where they share no phone and no text;
- an independent poster (``INDEPENDENT_CAMERA``) has a phone of its own, linking nothing new;
- a few independent posters (``GENERIC_CAMERA``) have a budget phone whose serial is the
  factory default (``0123456789ABCDEF``): one device value across unrelated posters, which the
  linker must hold back as generic;
- each file of such a poster keeps the metadata with probability ``KEEP`` (the rest were
  stripped on upload); a poster's phone writes its GPS position (``GPS`` of them): the
  first city the photo is posted in, a few hundred metres off its centre, taken one to
  forty-eight hours before that post, on that city's clock.

The pixels are left as they are (a JPEG gets an APP1 segment spliced in after its start marker;
a PNG is saved again, losslessly, with an eXIf chunk), so photo hashes and photo links do not
move. ``truth_cameras.json`` says which file carries which device and position, and which
device values are generic. Serials are fictional; positions are public city centres.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from linkboard.synth.exif import camera_exif
from linkboard.synth.lexicon import lexicon

OPERATION_CAMERA = 0.5
INDEPENDENT_CAMERA = 0.1
GENERIC_CAMERA = 0.04
KEEP = 0.7
GPS = 0.5
#: Fictional phones: (make as EXIF spells it, model, serial prefix).
PHONES = (
    ("samsung", "SM-A515F", "R58N"),
    ("Google", "Pixel 7a", "GP7A"),
    ("motorola", "moto g power", "ZY22"),
    ("Xiaomi", "Redmi Note 12", "XMRN"),
)
#: A budget phone that reports the factory-default serial.
GENERIC_PHONE = ("Zentro", "ZT-5 Lite", "0123456789ABCDEF")
TRUTH = "truth_cameras.json"


@dataclass(frozen=True, slots=True)
class Camera:
    make: str
    model: str
    serial: str
    gps: bool
    generic: bool = False


def camera_of(seed: int, poster: str, operation: bool) -> Camera | None:
    """POSTER's phone, when its photos keep metadata at all (None: stripped, the common case)."""
    rng = random.Random(f"{seed}:{poster}:camera")
    draw = rng.random()
    gps = rng.random() < GPS
    if operation and draw >= OPERATION_CAMERA:
        return None
    if not operation and draw >= INDEPENDENT_CAMERA + GENERIC_CAMERA:
        return None
    if not operation and draw >= INDEPENDENT_CAMERA:
        return Camera(*GENERIC_PHONE, gps=gps, generic=True)
    make, model, prefix = rng.choice(PHONES)
    tail = hashlib.blake2b(f"{seed}:{poster}".encode(), digest_size=4).hexdigest().upper()
    return Camera(make, model, f"{prefix}{tail}", gps)


def add_cameras(out_dir: Path, seed: int) -> dict[str, Any]:
    """Write camera metadata into the photos of the corpus in OUT_DIR (see the module doc) and
    its truth into ``truth_cameras.json``; returns that truth."""
    from linkboard.media.devices import read_device

    out_dir = Path(out_dir)
    files: dict[str, Any] = {}
    devices: dict[str, Any] = {}
    for name, (poster, operation, city, posted_at) in _first_uses(out_dir).items():
        camera = camera_of(seed, poster, operation)
        rng = random.Random(f"{seed}:{name}:exif")
        if camera is None or rng.random() >= KEEP:
            continue
        taken = datetime.fromisoformat(posted_at) - timedelta(hours=rng.uniform(1, 48))
        lat, lon = _near(city, rng) if camera.gps else (None, None)
        exif = camera_exif(camera.make, camera.model, camera.serial, taken.replace(microsecond=0),
                           lat, lon)  # fmt: skip
        _write(out_dir / "images" / name, exif.tobytes())
        device = read_device(camera.serial, camera.make) or ""
        files[name] = {"device": device, "poster": poster, "lat": lat, "lon": lon,
                       "taken_at": taken.replace(microsecond=0).isoformat()}  # fmt: skip
        entry = devices.setdefault(device, {"make": camera.make, "model": camera.model,
                                            "serial": camera.serial, "generic": camera.generic,
                                            "posters": [], "files": 0})  # fmt: skip
        entry["files"] += 1
        if poster not in entry["posters"]:
            entry["posters"].append(poster)
    truth = {"devices": devices, "files": files}
    with open(out_dir / TRUTH, "w", encoding="utf-8", newline="\n") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    return truth


def _first_uses(out_dir: Path) -> dict[str, tuple[str, bool, str, str]]:
    """Each image file -> (its poster, whether an operation, the city and time of its first
    ad), in the order the ads first use them."""
    out: dict[str, tuple[str, bool, str, str]] = {}
    with (
        open(out_dir / "ads.jsonl", encoding="utf-8") as ads,
        open(out_dir / "truth_ads.jsonl", encoding="utf-8") as truths,
    ):
        for line, truth_line in zip(ads, truths, strict=True):
            ad, truth = json.loads(line), json.loads(truth_line)
            for ref in ad.get("images") or []:
                name = Path(ref).name
                if name not in out:
                    out[name] = (truth["poster"], truth["is_operation"], truth["city"],
                                 ad["posted_at"])  # fmt: skip
    return out


def _near(label: str, rng: random.Random) -> tuple[float | None, float | None]:
    """A point a few hundred metres off the centre of the city LABEL (``City, ST, US``)."""
    city = next((c for c in lexicon().cities if c.label == label), None)
    if city is None:
        return None, None
    return (round(city.lat + rng.uniform(-0.005, 0.005), 6),
            round(city.lon + rng.uniform(-0.005, 0.005), 6))  # fmt: skip


def _write(path: Path, exif: bytes) -> None:
    """Give the image file at PATH the EXIF block EXIF (``Exif\\0\\0`` + TIFF), pixels kept."""
    data = path.read_bytes()
    if data[:2] == b"\xff\xd8":  # JPEG: an APP1 segment right after the start-of-image marker
        segment = b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif
        path.write_bytes(data[:2] + segment + data[2:])
        return
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        img.load()
        img.save(path, format="PNG", compress_level=1, exif=exif)
