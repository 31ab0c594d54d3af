"""A Hamming-radius index over binary hashes (multi-index hashing), fast at millions of hashes.

Each hash is cut into 16-bit chunks; each chunk gets a table (ids sorted by chunk value, with
bucket offsets). Two hashes within distance ``r`` share, by pigeonhole, at least one chunk that
differs in at most ``r // chunks`` bits, so probing every chunk's value and its ``flips``-bit
neighbours finds *every* hash within ``chunks * (flips + 1) - 1`` bits: 256-bit PDQ with 16
chunks and 1 flip is exact up to 31; 64-bit phash with 4 chunks and 2 flips up to 11. Candidates
are then verified with an exact popcount. Queries are vectorised across many hashes at once.

faiss' binary indexes do the same job (``IndexBinaryFlat`` scans everything, linear in the
index; ``IndexBinaryMultiHash`` is this scheme); benchmarks/photos.py times both against this.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

CHUNK_BITS = 16


def _masks(flips: int) -> np.ndarray:
    masks = [0]
    for k in range(1, flips + 1):
        masks += [sum(1 << b for b in bits) for bits in combinations(range(CHUNK_BITS), k)]
    return np.array(masks, dtype=np.int64)


def popcount_rows(x: np.ndarray) -> np.ndarray:
    """Bits set per row of a (n, words) uint64 array."""
    counts: np.ndarray = np.bitwise_count(x).sum(axis=1, dtype=np.int64)
    return counts


class HammingIndex:
    """Exact range search on ``nbits``-bit hashes given as rows of uint8 (big-endian bytes)."""

    def __init__(self, codes: np.ndarray, flips: int) -> None:
        codes = np.ascontiguousarray(codes, dtype=np.uint8)
        self.n, nbytes = codes.shape
        self.nbits = nbytes * 8
        self.chunks = self.nbits // CHUNK_BITS
        self.words = codes.view(np.uint64) if nbytes % 8 == 0 else None
        self.codes = codes
        self.masks = _masks(flips)
        self.radius = self.chunks * (flips + 1) - 1
        keys = codes.view(">u2")  # (n, chunks) big-endian 16-bit chunks
        size = 1 << CHUNK_BITS
        self.order = np.empty(self.chunks * self.n, dtype=np.int32)
        self.offsets = np.zeros(self.chunks * size + 1, dtype=np.int64)
        for c in range(self.chunks):
            col = keys[:, c].astype(np.int64)
            self.order[c * self.n : (c + 1) * self.n] = np.argsort(col, kind="stable")
            counts = np.bincount(col, minlength=size)
            self.offsets[c * size + 1 : (c + 1) * size + 1] = np.cumsum(counts) + c * self.n

    def search(
        self, queries: np.ndarray, radius: int, cap: int = 0
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """All (query row, index id, distance) with distance <= RADIUS (exact up to
        ``self.radius``; beyond it, a best-effort subset). Buckets over CAP entries are skipped
        when CAP > 0 (a hash shared by very many images is a placeholder, not evidence)."""
        queries = np.ascontiguousarray(queries, dtype=np.uint8)
        empty = np.empty(0, dtype=np.int64)
        if len(queries) == 0 or self.n == 0:
            return empty, empty, empty
        # bound the candidates held at once (~8M) whatever the index size
        per_query = self.chunks * len(self.masks) * max(1.0, self.n / (1 << CHUNK_BITS))
        block = max(1, int(8e6 / per_query))
        parts = [
            self._search(queries[i : i + block], radius, cap) for i in range(0, len(queries), block)
        ]
        offsets = np.cumsum([0] + [block] * (len(parts) - 1))
        return (
            np.concatenate([p[0] + o for p, o in zip(parts, offsets, strict=True)]),
            np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]),
        )

    def _search(
        self, queries: np.ndarray, radius: int, cap: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        m = len(queries)
        empty = np.empty(0, dtype=np.int64)
        keys = queries.view(">u2").astype(np.int64)  # (m, chunks)
        probes = keys[:, :, None] ^ self.masks[None, None, :]
        buckets = probes + (np.arange(self.chunks) << CHUNK_BITS)[None, :, None]
        starts = self.offsets[buckets].ravel()
        lens = self.offsets[buckets + 1].ravel() - starts
        if cap:
            lens = np.where(lens > cap, 0, lens)
        qrow = np.repeat(np.arange(m), self.chunks * len(self.masks))
        total = int(lens.sum())
        if total == 0:
            return empty, empty, empty
        qi = np.repeat(qrow, lens)
        first = np.repeat(starts - np.concatenate(([0], np.cumsum(lens)[:-1])), lens)
        ids = self.order[first + np.arange(total)].astype(np.int64)
        dist = self.distance(queries[qi], ids)
        keep = dist <= radius
        # a pair found through several chunks is verified more than once: deduplicate survivors
        pair, first_seen = np.unique(qi[keep] * self.n + ids[keep], return_index=True)
        return pair // self.n, pair % self.n, dist[keep][first_seen]

    def distance(self, queries: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """Hamming distance between each query row and the hash at the matching id."""
        if self.words is not None:
            q = np.ascontiguousarray(queries).view(np.uint64)
            return popcount_rows(q ^ self.words[ids])
        bits = np.unpackbits(queries ^ self.codes[ids], axis=1)
        counts: np.ndarray = bits.sum(axis=1, dtype=np.int64)
        return counts
