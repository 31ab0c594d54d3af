"""How fast a corpus's images are matched against a large hash list: prints a table.

    .venv/bin/python -m tests.media.bench_matching [--entries 1000000] [--images 10000]

A CSV list of ENTRIES rows (each a PDQ hash and an MD5) is written and loaded; IMAGES synthetic
image keys are matched against it, PLANTED of them near (PDQ 1-25 bits away) and half of those
also equal by MD5. Hashes are uniformly random (real PDQ hashes are skewed, which fills some
index buckets more than others). Rows: load, the first match (packs the list and builds the
index), a repeat, a match wider than the index serves (the tile scan) on a slice of the images.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from linkboard.media.hashlists import HashMatch, ImageKeys, load_hashlist, match


def _write_list(path: Path, pdq: np.ndarray, md5: np.ndarray) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write("id,pdq,md5,quality,label\n")
        for i, (p, m) in enumerate(zip(pdq, md5, strict=True)):
            f.write(f"E{i},{p.tobytes().hex()},{m.tobytes().hex()},90,bench\n")


def _images(
    pdq: np.ndarray, md5: np.ndarray, n: int, planted: int, rng: np.random.Generator
) -> list[ImageKeys]:
    codes = rng.integers(0, 256, size=(n, 32), dtype=np.uint8)
    digests = [rng.bytes(16).hex() for _ in range(n)]
    for k in range(planted):
        codes[k] = pdq[k]
        for bit in rng.choice(256, size=1 + k % 25, replace=False):
            codes[k, bit // 8] ^= np.uint8(1 << (7 - bit % 8))
        if k % 2 == 0:
            digests[k] = md5[k].tobytes().hex()
    return [
        ImageKeys(f"r{i}", f"img{i}", md5=digests[i], pdq=codes[i].tobytes().hex(), quality=90)
        for i in range(n)
    ]


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    def time(self, label: str, run: Callable[[], Any], note: Callable[[Any], str]) -> Any:
        start = time.perf_counter()
        out = run()
        self.rows.append((label, f"{time.perf_counter() - start:.2f} s", note(out)))
        return out

    def print(self) -> None:
        width = max(len(r[0]) for r in self.rows)
        print(f"{'step':<{width}}  {'time':>8}  note")
        for label, took, note in self.rows:
            print(f"{label:<{width}}  {took:>8}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--images", type=int, default=10_000)
    parser.add_argument("--planted", type=int, default=200)
    parser.add_argument("--scan-images", type=int, default=1000, help="images for the scan row")
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    pdq = rng.integers(0, 256, size=(args.entries, 32), dtype=np.uint8)
    md5 = rng.integers(0, 256, size=(args.entries, 16), dtype=np.uint8)
    images = _images(pdq, md5, args.images, args.planted, rng)
    table = Table()

    def planted(found: list[HashMatch]) -> str:
        hits = {m.record_id for m in found if int(m.record_id[1:]) < args.planted}
        return f"{len(found)} matches, {len(hits)}/{min(args.planted, len(images))} planted"

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.csv"
        table.time(
            "write CSV", lambda: _write_list(path, pdq, md5), lambda _: f"{args.entries:,} rows"
        )
        hl = table.time(
            "load_hashlist", lambda: load_hashlist(path), lambda h: f"{len(h.entries):,} entries"
        )
    n = f"{args.images:,} images"
    table.time(
        f"match {n}, d<=31 (first: packs, indexes)", lambda: match(images, [hl], 31), planted
    )
    table.time(f"match {n}, d<=31 (again)", lambda: match(images, [hl], 31), planted)
    some = images[: args.scan_images]
    table.time(f"match {len(some):,} images, d<=40 (scan)", lambda: match(some, [hl], 40), planted)
    table.print()


if __name__ == "__main__":
    main()
