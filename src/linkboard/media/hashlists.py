"""Hash lists as hash-sharing programmes exchange them, and the images of a corpus matched
against them by hash alone: a match is evidence (list, entry, label, hash kind, distance, record,
image ref) without anyone viewing the image.

Two file forms (``hashfiles`` reads them):

- CSV (comma, tab, semicolon or bar) with a header naming its columns: hashes ``pdq`` (or
  ``pdq_hash``), ``md5``, ``sha1`` (``sha-1``), ``sha256`` (``sha-256``), and optionally
  ``quality`` (PDQ quality 0-100), ``list`` (list name), ``source``, ``id`` (entry id) and
  ``label``. A row may carry several hashes of one item: each is an entry with the row's id.
- one hash a line (optionally ``hash,quality``), the list named by its file. Hash kinds go by
  length (md5 32 hex digits, sha1 40); 64 digits are PDQ or SHA-256, told by ``kind=`` or by
  ``pdq``/``sha256`` in the file name.

Values are lower-case hex of the kind's length. A bad row is kept with its line and reason and
never stops the load.

Matching is exact for MD5, SHA-1 and SHA-256 (sorted arrays, ``searchsorted``) and within
``pdq_distance`` bits for PDQ: multi-index hashing (``link.hamming.HammingIndex``, exact up to
31 bits) over the list's packed hashes, verified by popcount on uint64 words; a wider radius
scans the list tile by tile (XOR + popcount). The packed arrays and the index are built on the
first match and kept with the list. ``tests/media/bench_matching.py`` prints the timings.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from linkboard.link.hamming import HammingIndex
    from linkboard.model import ImageFact

#: Hex digits of each hash kind.
HEX_LENGTHS = {"pdq": 64, "md5": 32, "sha1": 40, "sha256": 64}
EXACT_KINDS = ("sha256", "md5", "sha1")
#: PDQ hashes under this quality (flat, featureless images) match nothing, on either side.
MIN_QUALITY = 50
#: The widest PDQ radius the multi-index search serves exactly (16 chunks x 2 probes - 1); a
#: wider one scans (measured at 1M entries x 10k images: index 8 s, scan 47 s; the 47-bit
#: index, 2-bit probes, took 70 s).
INDEXED_RADIUS = 31


@dataclass(frozen=True, slots=True)
class HashEntry:
    """One hash on a list: ``value`` lower-case hex of ``kind`` (pdq, md5, sha1, sha256)."""

    id: str
    kind: str
    value: str
    label: str = ""
    quality: int | None = None
    list_name: str = ""
    source: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row that gave no entry: its line (1-based; 0 for the file) and why."""

    line: int
    reason: str
    text: str = ""


@dataclass(frozen=True)
class HashList:
    """A loaded list: its entries, its bad rows (the first ``MAX_BAD``) and their count."""

    name: str
    source: str
    entries: tuple[HashEntry, ...]
    bad: tuple[BadRow, ...] = ()
    path: str = ""
    bad_count: int = -1
    _search: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.bad_count < 0:
            object.__setattr__(self, "bad_count", len(self.bad))

    def kinds(self) -> dict[str, int]:
        """Entries per hash kind."""
        counts = dict.fromkeys(HEX_LENGTHS, 0)
        for entry in self.entries:
            counts[entry.kind] += 1
        return {k: n for k, n in counts.items() if n}


@dataclass(frozen=True, slots=True)
class ImageKeys:
    """What matching knows of one image: its record, its ref and its hashes (hex, "" when
    unknown), and its PDQ quality when known."""

    record_id: str
    ref: str
    sha256: str = ""
    md5: str = ""
    sha1: str = ""
    pdq: str = ""
    quality: int | None = None

    @classmethod
    def from_fact(cls, record_id: str, fact: ImageFact, md5: str = "", sha1: str = "") -> ImageKeys:
        return cls(record_id, fact.ref, fact.sha256, md5, sha1, fact.pdq, fact.quality)


@dataclass(frozen=True, slots=True)
class HashMatch:
    """An image found on a list: which list and entry, by which hash, how near (0 = same)."""

    list_name: str
    source: str
    entry_id: str
    label: str
    kind: str
    distance: int
    record_id: str
    ref: str
    listed: str
    found: str


def file_digests(source: Path | bytes) -> tuple[str, str, str]:
    """(md5, sha1, sha256) hex of a file's bytes, read in blocks."""
    digests = hashlib.md5(usedforsecurity=False), hashlib.sha1(usedforsecurity=False)
    sha256 = hashlib.sha256()
    if isinstance(source, bytes):
        blocks: Iterable[bytes] = (source,)
    else:
        blocks = _blocks(Path(source))
    for block in blocks:
        for digest in (*digests, sha256):
            digest.update(block)
    return digests[0].hexdigest(), digests[1].hexdigest(), sha256.hexdigest()


def _blocks(path: Path, size: int = 1 << 20) -> Iterable[bytes]:
    with open(path, "rb") as f:
        while block := f.read(size):
            yield block


def load_hashlist(
    path: Path, name: str | None = None, source: str | None = None, kind: str | None = None
) -> HashList:
    """Read a hash list file (either form, see the module doc). Never raises on its content;
    an unreadable file gives an empty list with one bad row saying why."""
    from linkboard.media.hashfiles import read_hashlist

    return read_hashlist(Path(path), name, source, kind)


def match(
    images: Iterable[ImageKeys],
    lists: Sequence[HashList],
    pdq_distance: int = 31,
    *,
    min_quality: int = MIN_QUALITY,
) -> list[HashMatch]:
    """Every (image, list entry) pair with an equal MD5/SHA-1/SHA-256 or PDQ hashes at most
    PDQ_DISTANCE bits apart, ordered by record, image, list and distance."""
    keys = list(images)
    found: list[HashMatch] = []
    for hash_list in lists:
        for kind in EXACT_KINDS:
            found += _exact(keys, hash_list, kind)
        found += _near(keys, hash_list, pdq_distance, min_quality)
    return sorted(found, key=lambda m: (m.record_id, m.ref, m.list_name, m.distance, m.entry_id))


def clean_hash(value: str, kind: str) -> str:
    """VALUE as lower-case hex when it is a hash of KIND, else ""."""
    value = value.strip().lower()
    if len(value) != HEX_LENGTHS[kind]:
        return ""
    try:
        bytes.fromhex(value)
    except ValueError:
        return ""
    return value


def _sorted_values(hash_list: HashList, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """The list's KIND values as a sorted fixed-width array, and their entry rows."""
    key = ("exact", kind)
    if key not in hash_list._search:
        rows = np.array([i for i, e in enumerate(hash_list.entries) if e.kind == kind], np.int64)
        values = np.array([hash_list.entries[i].value for i in rows], dtype=f"S{HEX_LENGTHS[kind]}")
        order = np.argsort(values, kind="stable")
        hash_list._search[key] = (values[order], rows[order])
    found: tuple[np.ndarray, np.ndarray] = hash_list._search[key]
    return found


def _exact(keys: list[ImageKeys], hash_list: HashList, kind: str) -> list[HashMatch]:
    values, rows = _sorted_values(hash_list, kind)
    queries = [(i, v) for i, k in enumerate(keys) if (v := clean_hash(getattr(k, kind), kind))]
    if not len(values) or not queries:
        return []
    wanted = np.array([v for _, v in queries], dtype=values.dtype)
    left = np.searchsorted(values, wanted, side="left")
    right = np.searchsorted(values, wanted, side="right")
    out = []
    for (i, value), lo, hi in zip(queries, left, right, strict=True):
        for row in rows[lo:hi]:
            out.append(_evidence(hash_list, int(row), keys[i], value, 0))
    return out


def _evidence(hash_list: HashList, row: int, image: ImageKeys, found: str, d: int) -> HashMatch:
    entry = hash_list.entries[row]
    return HashMatch(
        entry.list_name or hash_list.name,
        entry.source or hash_list.source,
        entry.id,
        entry.label,
        entry.kind,
        d,
        image.record_id,
        image.ref,
        entry.value,
        found,
    )


def pdq_codes(hexes: Sequence[str]) -> np.ndarray:
    """(n, 32) uint8 packed PDQ hashes (big-endian, as hex writes them)."""
    packed = b"".join(bytes.fromhex(h) for h in hexes)
    return np.frombuffer(packed, dtype=np.uint8).reshape(-1, 32).copy()


def _pdq_side(hash_list: HashList, min_quality: int) -> tuple[np.ndarray, np.ndarray]:
    """The list's PDQ hashes of enough quality, packed, and their entry rows (cached)."""
    key = ("pdq", min_quality)
    if key not in hash_list._search:
        rows = [
            i
            for i, e in enumerate(hash_list.entries)
            if e.kind == "pdq" and (e.quality is None or e.quality >= min_quality)
        ]
        codes = pdq_codes([hash_list.entries[i].value for i in rows])
        hash_list._search[key] = (codes, np.array(rows, dtype=np.int64))
    found: tuple[np.ndarray, np.ndarray] = hash_list._search[key]
    return found


def _index(hash_list: HashList, min_quality: int) -> HammingIndex:
    from linkboard.link.hamming import HammingIndex

    key = ("index", min_quality)
    if key not in hash_list._search:
        hash_list._search[key] = HammingIndex(_pdq_side(hash_list, min_quality)[0], flips=1)
    index: HammingIndex = hash_list._search[key]
    return index


def _near(
    keys: list[ImageKeys], hash_list: HashList, radius: int, min_quality: int
) -> list[HashMatch]:
    queries = [
        (i, v)
        for i, k in enumerate(keys)
        if (v := clean_hash(k.pdq, "pdq")) and (k.quality is None or k.quality >= min_quality)
    ]
    codes, rows = _pdq_side(hash_list, min_quality)
    if not queries or not len(codes) or radius < 0:
        return []
    wanted = pdq_codes([v for _, v in queries])
    if radius <= INDEXED_RADIUS:
        qi, ids, dist = _index(hash_list, min_quality).search(wanted, radius)
    else:
        qi, ids, dist = scan(wanted, codes, radius)
    return [
        _evidence(hash_list, int(rows[j]), keys[queries[q][0]], queries[q][1], int(d))
        for q, j, d in zip(qi, ids, dist, strict=True)
    ]


def scan(
    queries: np.ndarray, codes: np.ndarray, radius: int, rows: int = 64, cols: int = 8192
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (query row, code row, distance) within RADIUS by brute force: XOR and popcount of
    uint64 words, a tile of ROWS queries by COLS codes at a time into reused buffers. Any
    radius; linear in queries x codes (about 5 ns a pair on one core)."""
    q = np.ascontiguousarray(queries, dtype=np.uint8).view(np.uint64)
    words = np.ascontiguousarray(np.ascontiguousarray(codes, dtype=np.uint8).view(np.uint64).T)
    buffers = (np.empty((rows, cols), np.uint64), np.empty((rows, cols), np.uint8))
    parts = [(np.empty(0, np.int64), np.empty(0, np.int64))]
    for top in range(0, len(q), rows):
        for left in range(0, words.shape[1], cols):
            qi, ci = _tile(q[top : top + rows], words[:, left : left + cols], radius, buffers)
            parts.append((qi + top, ci + left))
    qs, cs = (np.concatenate(p).astype(np.int64) for p in zip(*parts, strict=True))
    # a uint8 sum wraps at 256 (a hash's exact complement): keep what the exact count confirms
    dist = np.bitwise_count(q[qs] ^ words.T[cs]).sum(axis=1, dtype=np.int64)
    keep = dist <= radius
    return qs[keep], cs[keep], dist[keep]


def _tile(
    q: np.ndarray, words: np.ndarray, radius: int, buffers: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """(query, code) index pairs of one tile whose distance (mod 256) is within RADIUS."""
    m, n = len(q), words.shape[1]
    xor, total = buffers[0][:m, :n], np.zeros((m, n), np.uint8)
    count = buffers[1][:m, :n]
    for w in range(words.shape[0]):
        np.bitwise_xor(q[:, w, None], words[w][None, :], out=xor)
        np.bitwise_count(xor, out=count)
        total += count
    qi, ci = np.nonzero(total <= radius)
    return qi, ci
