"""Abstract synthetic "photos" and the edited copies of them that get reposted.

A photo is never a picture of anyone: a smooth random colour field, a few random shapes and a
fine noise texture, all drawn from ``(seed, photo)``, so unrelated photos hash far apart under
PDQ. Variant 0 of a photo is the original; variants 1.. are what reposting does to it: a JPEG
re-encode at another quality, a brightness change, a crop of 2–8 % of the area resized back, a
crop plus re-encode, and now and then a horizontal mirror (which PDQ only matches through its
dihedral hashes). Each (photo, variant) is one file, written the first time an ad uses it.
"""

from __future__ import annotations

import hashlib
import random
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageOps

WIDTH, HEIGHT = 320, 400
VARIANT_KINDS = ("jpeg", "brightness", "crop", "crop+jpeg", "jpeg", "brightness", "crop")


def file_name(seed: int, photo: int, variant: int) -> str:
    """An opaque name: nothing in it tells which photo a file shows."""
    tag = hashlib.blake2b(f"{seed}:{photo}:{variant}".encode(), digest_size=6).hexdigest()
    png = variant == 0 and random.Random(seed * 7 + photo).random() < 0.1
    return f"{tag}.png" if png else f"{tag}.jpg"


def variant_kind(seed: int, photo: int, variant: int) -> str:
    if variant == 0:
        return "original"
    rng = random.Random(f"{seed}:{photo}:{variant}:kind")
    return "mirror" if rng.random() < 0.08 else rng.choice(VARIANT_KINDS)


@lru_cache(maxsize=128)
def synthesize(seed: int, photo: int) -> Image.Image:
    """The original of one photo: a colour field with shapes and texture, 320x400 RGB.

    Cached (the variants of a photo start from it); callers never modify it in place.
    """
    rng = np.random.default_rng([seed, photo])
    ys, xs = np.mgrid[0:1:50j, 0:1:40j]
    field = np.zeros((50, 40, 3))
    angle = rng.uniform(0, 2 * np.pi)
    ramp = np.cos(angle) * xs + np.sin(angle) * ys
    field += ramp[..., None] * rng.uniform(-200, 200, 3) + rng.uniform(30, 220, 3)
    for _ in range(rng.integers(5, 10)):
        cy, cx, s = rng.uniform(0, 1), rng.uniform(0, 1), rng.uniform(0.06, 0.3)
        blob = np.exp(-((ys - cy) ** 2 + (xs - cx) ** 2) / (2 * s * s))
        field += blob[..., None] * rng.uniform(-160, 160, 3)
    base = Image.fromarray(np.clip(field, 0, 255).astype(np.uint8)).resize(
        (WIDTH, HEIGHT), Image.Resampling.BICUBIC
    )
    _shapes(base, rng)
    coarse = rng.integers(0, 21, size=(HEIGHT // 2, WIDTH // 2, 3), dtype=np.uint8)
    grain = coarse.repeat(2, axis=0).repeat(2, axis=1).astype(np.int16) - 10
    pixels = np.asarray(base, dtype=np.int16) + grain
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def _shapes(img: Image.Image, rng: np.random.Generator) -> None:
    draw = ImageDraw.Draw(img)
    for _ in range(rng.integers(2, 6)):
        x0, y0 = int(rng.integers(-40, WIDTH)), int(rng.integers(-40, HEIGHT))
        w, h = int(rng.integers(40, 200)), int(rng.integers(40, 220))
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        box = (x0, y0, x0 + w, y0 + h)
        if rng.random() < 0.5:
            draw.ellipse(box, fill=colour)
        else:
            draw.rectangle(box, fill=colour)


def write_variant(path: Path, seed: int, photo: int, variant: int) -> str:
    """Write one (photo, variant) file at ``path``; return the variant's kind."""
    kind = variant_kind(seed, photo, variant)
    img = synthesize(seed, photo)
    rng = random.Random(f"{seed}:{photo}:{variant}:params")
    quality = 90
    if kind == "brightness":
        factor = rng.choice((rng.uniform(0.75, 0.9), rng.uniform(1.1, 1.3)))
        img = ImageEnhance.Brightness(img).enhance(factor)
    if kind.startswith("crop"):
        img = _crop(img, rng)
    if kind.endswith("jpeg"):
        quality = rng.randrange(35, 75)
    if kind == "mirror":
        img = ImageOps.mirror(img)
    if path.suffix == ".png":
        img.save(path, format="PNG", compress_level=1)
    else:
        img.save(path, format="JPEG", quality=quality)
    return kind


def _crop(img: Image.Image, rng: random.Random) -> Image.Image:
    """Cut 2–8 % of the area, a little more from one side than the other, and resize back."""
    side = 1 - (1 - rng.uniform(0.02, 0.08)) ** 0.5
    dx, dy = round(WIDTH * side), round(HEIGHT * side)
    left, top = round(dx * rng.uniform(0.3, 0.7)), round(dy * rng.uniform(0.3, 0.7))
    box = (left, top, WIDTH - (dx - left), HEIGHT - (dy - top))
    return img.crop(box).resize((WIDTH, HEIGHT), Image.Resampling.BILINEAR)
