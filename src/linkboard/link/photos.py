"""Photo near-duplicates: PDQ + phash hashes, and the links between records that share a photo.

``hash_image`` runs in the record stage (pixels in, hashes out; pixels are never stored). It
hashes the photo the way it is shown: an EXIF Orientation tag is applied first, so a phone that
stores the pixels sideways with a tag (6: rotate 90° clockwise to show) hashes like one that
stores them upright; width and height are those of the upright photo. From the same bytes it
takes the MD5 and SHA-1 that hash lists exchange, and what the photo's metadata still says
(``media.photo_facts``): absent on most sites, and never an error of the image.
Linking works on the stored hashes only. A rotation or mirror of a photo is found by deriving
the 8 dihedral variants of the *query* hash from its bits: both hashes threshold 2-D DCT
coefficients, and a transpose permutes the coefficient grid while a mirror flips the sign of its
odd rows or columns (bits invert there). The derived hash lies within a few bits (≤ 30 of 256,
measured) of the hash of the transformed image, well inside the crop rule below.

Rule (measured in benchmarks/photos.py): PDQ ≤ 31 links; a crop/resize moves PDQ 30-90 bits but
phash only ~6/64, so phash ≤ 10 together with PDQ ≤ 90 also links; unrelated photos sit > 100
PDQ bits and > 20 phash bits apart. Low-quality PDQ hashes (flat images) never link.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from linkboard.link.config import PhotoConfig
from linkboard.link.hamming import HammingIndex
from linkboard.model import ImageFact, Link

MAX_SIDE = 1024

#: The 8 dihedral transforms as (transpose, flip odd rows, flip odd columns) of the DCT grid.
TRANSFORMS: tuple[tuple[str, bool, bool, bool], ...] = (
    ("identity", False, False, False),
    ("rotate90", True, True, False),
    ("rotate180", False, True, True),
    ("rotate270", True, False, True),
    ("flip", False, True, False),
    ("mirror", False, False, True),
    ("transpose", True, False, False),
    ("transverse", True, True, True),
)


def hash_image(source: str | Path | bytes) -> ImageFact:
    """Hash an image file (or its bytes): sha256, md5, sha1, PDQ + quality, phash, size, and
    its metadata (``ImageFact.meta``). Never raises."""
    from PIL import Image, ImageOps

    from linkboard.media.photo_facts import kept_meta

    ref = "" if isinstance(source, bytes) else str(source)
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
    except OSError as exc:
        return ImageFact(ref, "", "", 0, error=f"unreadable: {exc.strerror or exc}")
    sha = hashlib.sha256(data).hexdigest()
    digests: dict[str, Any] = {
        "md5": hashlib.md5(data, usedforsecurity=False).hexdigest(),
        "sha1": hashlib.sha1(data, usedforsecurity=False).hexdigest(),
        "meta": kept_meta(data),  # read apart from the pixels: a photo that fails keeps it
    }
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data))
            upright = ImageOps.exif_transpose(opened) or opened
            width, height = upright.size
            img = upright.convert("RGB")
        img.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.BILINEAR)
        return ImageFact(ref, sha, *_hashes(img), width=width, height=height, **digests)
    except Exception as exc:  # any decoder failure is a fact about this image
        said = _OBJECT_REPR.sub("the file", str(exc))  # no "<_io.BytesIO object at 0x...>"
        error = f"not an image: {type(exc).__name__}: {said}"[:300]
        return ImageFact(ref, sha, "", 0, error=error, **digests)


_OBJECT_REPR = re.compile(r"<[^<>]*? object at 0x[0-9a-fA-F]+>")


def _hashes(img: Any) -> tuple[str, int, str]:
    import imagehash
    import pdqhash

    bits, quality = pdqhash.compute(np.asarray(img))
    pdq = np.packbits(np.asarray(bits, dtype=np.uint8)).tobytes().hex()
    return pdq, int(quality), str(imagehash.phash(img))


def bits_of(hex_hash: str) -> np.ndarray:
    return np.unpackbits(np.frombuffer(bytes.fromhex(hex_hash), dtype=np.uint8))


def dihedral(codes: np.ndarray) -> np.ndarray:
    """(n, bytes) packed hashes -> (n, 8, bytes): the hash of each dihedral transform."""
    n, nbytes = codes.shape
    side = round((nbytes * 8) ** 0.5)
    grid = np.unpackbits(codes, axis=1).reshape(n, side, side)
    odd = (np.arange(side) % 2 == 1).astype(np.uint8)
    out = np.empty((n, len(TRANSFORMS), nbytes), dtype=np.uint8)
    for t, (_, transpose, rows, cols) in enumerate(TRANSFORMS):
        g: np.ndarray = grid.transpose(0, 2, 1) if transpose else grid
        g = g ^ (odd[None, :, None] if rows else 0) ^ (odd[None, None, :] if cols else 0)
        out[:, t] = np.packbits(g.reshape(n, -1), axis=1)
    return out


@dataclass(slots=True)
class PhotoTable:
    """The linkable images in one place: who owns each row, and its packed hashes."""

    records: list[str]
    refs: list[str]
    pdq: np.ndarray  # (n, 32) uint8
    phash: np.ndarray  # (n, 8) uint8

    @classmethod
    def from_rows(cls, rows: list[tuple[str, str, str, str]]) -> PhotoTable:
        """Rows of (record_id, ref, pdq hex, phash hex)."""
        pdq = np.frombuffer(b"".join(bytes.fromhex(r[2]) for r in rows), np.uint8).reshape(-1, 32)
        ph = b"".join(bytes.fromhex(r[3]) if len(r[3]) == 16 else bytes(8) for r in rows)
        return cls(
            [r[0] for r in rows],
            [r[1] for r in rows],
            pdq.copy(),
            np.frombuffer(ph, np.uint8).reshape(-1, 8).copy(),
        )


@dataclass(slots=True)
class Match:
    query: int
    other: int
    pdq: int
    phash: int
    transform: str


def near_duplicates(
    table: PhotoTable, queries: list[int], config: PhotoConfig, chunk: int = 512
) -> list[Match]:
    """Best match (lowest PDQ over the 8 transforms) of each query row with each *earlier* row."""
    pdq_index = HammingIndex(table.pdq, flips=1)
    ph_index = HammingIndex(table.phash, flips=2)
    out: list[Match] = []
    for start in range(0, len(queries), chunk):
        rows = np.array(queries[start : start + chunk], dtype=np.int64)
        out += _search(pdq_index, ph_index, rows, config)
    return out


def _search(
    pdq_index: HammingIndex, ph_index: HammingIndex, rows: np.ndarray, config: PhotoConfig
) -> list[Match]:
    k = len(TRANSFORMS)
    q_pdq = dihedral(pdq_index.codes[rows]).reshape(-1, 32)
    q_ph = dihedral(ph_index.codes[rows]).reshape(-1, 8)
    qa, ia, _ = pdq_index.search(q_pdq, config.pdq_match)
    qb, ib, _ = ph_index.search(q_ph, config.phash_match)
    qi = np.concatenate([qa, qb])
    ids = np.concatenate([ia, ib])
    owner = rows[qi // k]
    keep = ids < owner
    qi, ids, owner = qi[keep], ids[keep], owner[keep]
    d_pdq = pdq_index.distance(q_pdq[qi], ids)
    d_ph = ph_index.distance(q_ph[qi], ids)
    ok = (d_pdq <= config.pdq_match) | (
        (d_ph <= config.phash_match) & (d_pdq <= config.pdq_with_phash)
    )
    best: dict[tuple[int, int], Match] = {}
    for q, other, dp, dh, own in zip(qi[ok], ids[ok], d_pdq[ok], d_ph[ok], owner[ok], strict=True):
        key = (int(own), int(other))
        if key not in best or dp < best[key].pdq:
            best[key] = Match(int(own), int(other), int(dp), int(dh), TRANSFORMS[q % k][0])
    return list(best.values())


def photo_links(
    table: PhotoTable,
    matches: list[Match],
    root: Callable[[str], str],
    union: Callable[[str, str], object],
    config: PhotoConfig,
    blocked: set[str],
) -> tuple[list[Link], dict[str, str]]:
    """Links from matches, one per (image, network it matches); generic photos held back.

    Returns the links and {``image:<pdq>``: reason} for photos matching too many networks.
    """
    by_query: dict[int, list[Match]] = {}
    for m in matches:
        if table.records[m.query] != table.records[m.other]:
            by_query.setdefault(m.query, []).append(m)
    links: list[Link] = []
    generic: dict[str, str] = {}
    for q in sorted(by_query):
        ident = f"image:{table.pdq[q].tobytes().hex()}"
        if ident in blocked:
            continue
        groups: dict[str, Match] = {}
        for m in sorted(by_query[q], key=lambda m: (m.pdq, m.other)):
            groups.setdefault(root(table.records[m.other]), m)
        if len(groups) > config.max_groups:
            generic[ident] = f"photo matches {len(groups)} separate networks"
            continue
        for m in groups.values():
            links.append(_link(table, m, config))
            union(table.records[m.query], table.records[m.other])
    return links, generic


def _link(table: PhotoTable, m: Match, config: PhotoConfig) -> Link:
    a, b = sorted((m.query, m.other), key=lambda i: table.records[i])
    rule = (
        f"pdq<={config.pdq_match}"
        if m.pdq <= config.pdq_match
        else f"phash<={config.phash_match} and pdq<={config.pdq_with_phash}"
    )
    evidence = {
        "a": {
            "record": table.records[a],
            "ref": table.refs[a],
            "pdq": table.pdq[a].tobytes().hex(),
            "phash": table.phash[a].tobytes().hex(),
        },
        "b": {
            "record": table.records[b],
            "ref": table.refs[b],
            "pdq": table.pdq[b].tobytes().hex(),
            "phash": table.phash[b].tobytes().hex(),
        },
        "pdq_distance": m.pdq,
        "phash_distance": m.phash,
        "transform": m.transform,
        "rule": rule,
    }
    return Link(
        table.records[a], table.records[b], "photo", True, round(1 - m.pdq / 256, 4), evidence
    )
