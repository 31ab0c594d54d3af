"""Variants of one photo are near under PDQ; different photos are far."""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np
import pdqhash
from PIL import Image


def pdq(path: Path) -> np.ndarray:
    with Image.open(path) as img:
        bits, _quality = pdqhash.compute(np.asarray(img.convert("RGB")))
    return bits


def distance(a: np.ndarray, b: np.ndarray) -> int:
    return int(np.count_nonzero(a != b))


def test_variants_near_and_photos_far(pictured) -> None:
    out, _ = pictured
    files = json.loads((out / "truth.json").read_text(encoding="utf-8"))["images"]
    by_photo: dict[str, dict[int, tuple[str, np.ndarray]]] = defaultdict(dict)
    for name, entry in files.items():
        by_photo[entry["photo"]][entry["variant"]] = (entry["kind"], pdq(out / "images" / name))
    near = []
    for variants in by_photo.values():
        if 0 not in variants:
            continue
        _, original = variants[0]
        for kind, bits in variants.values():
            if kind not in ("original", "mirror"):
                near.append(distance(original, bits))
    assert near
    assert max(near) <= 80
    assert statistics.median(near) <= 32
    originals = [v[0][1] for v in by_photo.values() if 0 in v][:60]
    far = [distance(a, b) for a, b in combinations(originals, 2)]
    assert min(far) > 64
    assert statistics.median(far) > 100


def test_mirrored_variant_matches_through_dihedral_hashes(pictured) -> None:
    out, _ = pictured
    files = json.loads((out / "truth.json").read_text(encoding="utf-8"))["images"]
    originals = {e["photo"]: n for n, e in files.items() if e["kind"] == "original"}
    mirrors = [(n, e["photo"]) for n, e in files.items() if e["kind"] == "mirror"]
    for name, photo in mirrors:
        if photo not in originals:
            continue
        with Image.open(out / "images" / name) as img:
            hashes, _ = pdqhash.compute_dihedral(np.asarray(img.convert("RGB")))
        original = pdq(out / "images" / originals[photo])
        assert min(distance(original, h) for h in hashes) <= 40


def test_image_files_are_bounded(pictured) -> None:
    out, summary = pictured
    assert summary.image_files == len(list((out / "images").iterdir()))
    assert summary.image_files <= summary.ads * 1.5
