"""The fuzzers' seeds: a corpus made from the synthetic ads and the sample statements, and
hostile inputs kept as regression seeds.

``write_corpus(folder)`` writes, per reader, small inputs made from ``linkboard.synth``'s corpus:
its ads as JSON Lines, CSV, Memex CDR and saved pages, its abstract pictures shrunk and saved as
PNG, JPEG, GIF and WebP; and, for the statement readers and the chat export readers, the sample
statements and exports whole, cut short and compressed (``statement_seeds``, ``social_seeds``,
which gives the chat readers' dictionaries of tokens too). ``HOSTILE`` lists inputs that broke a
reader, or that a reader must survive (the statement readers' from ``statement_seeds``, the chat
readers' from ``social_seeds``); each is built on demand
(some are 30 MB, too large for a fuzzing corpus) and runs, with its time and memory measured, in
tests/fuzz and before every fuzzing run. A line-format or statement seed starts with the byte
that picks its compression (``targets.SUFFIXES``).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
import struct
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import zstandard

from fuzz import social_seeds, statement_seeds
from fuzz.targets import GZ, PLAIN, ZST

MB = 1024 * 1024
GOOD = b'{"id": "ok-1", "body": "Call 702-555-0101"}\n'


@dataclass(frozen=True, slots=True)
class Seed:
    """A hostile input: for READER, built by BUILD; EXPECT is in one of the reasons it gives
    (quarantine or image error), "" where it must give records."""

    reader: str
    name: str
    build: Callable[[], bytes]
    expect: str = ""


def png(width: int, height: int, color: int, idat: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, color, 0, 0, 0)
    signature = b"\x89PNG\r\n\x1a\n"
    return signature + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _zeros(rows: int, row: int) -> bytes:
    """zlib data of ROWS unfiltered rows of ROW zero bytes, compressed row by row."""
    comp = zlib.compressobj(9)
    line = bytes(row + 1)
    return b"".join(comp.compress(line) for _ in range(rows)) + comp.flush()


def png_bomb() -> bytes:
    """344 kB of PNG that decodes to 9400 x 9400 RGBA: 88 megapixels, just under Pillow's own
    limit, a gigabyte of memory once decoded and converted."""
    return png(9400, 9400, 6, _zeros(9400, 9400 * 4))


def _gzip_bomb() -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing
    block = bytes(MB)
    return GZ + b"".join(comp.compress(block) for _ in range(256)) + comp.flush()


def _deep_tags(page: bool) -> bytes:
    text = "<div>" * 100_000 + "Ask for Sunny 702-555-0101"  # left open: a page cut short
    if page:
        return f"<html><body>{text}</body></html>".encode()
    return PLAIN + json.dumps({"_id": "deep", "raw_content": text}).encode() + b"\n"


def _open_tag(page: bool) -> bytes:
    """Nesting past libxml2's limit, then a tag left open over 2 MB of letters: the markup
    reader's tag pattern took time quadratic in the run (a quarter of an hour for this one)."""
    text = "<div>" * 300 + "Ask for Sunny <a" + "a" * 600_000
    if page:
        return text.encode()
    return PLAIN + json.dumps({"_id": "open", "raw_content": text}).encode() + b"\n"


HOSTILE: list[Seed] = [
    Seed(
        "jsonl",
        "line-30mb",
        lambda: PLAIN + GOOD + b'{"id": "big", "body": "' + b"x" * 30 * MB + b'"}\n' + GOOD,
        "record too large",
    ),
    Seed(
        "jsonl",
        "nesting-100000",
        lambda: PLAIN + b'{"id": "d", "body": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
        "too deeply nested",
    ),
    Seed(
        "jsonl",
        "integer-5000-digits",
        lambda: PLAIN + b'{"id": "n", "body": "x", "n": ' + b"7" * 5000 + b"}\n" + GOOD,
        "a number of over 4,300 digits",
    ),
    Seed(
        "jsonl",
        "lone-surrogate",
        lambda: PLAIN + b'{"id": "s", "body": "a \\ud800 b"}\n' + GOOD,
        "lone surrogate",
    ),
    Seed("jsonl", "gzip-bomb-256mb", _gzip_bomb, "record too large"),
    Seed(
        "jsonl", "truncated-gzip", lambda: GZ + gzip.compress(GOOD * 50)[:-30], "unreadable input"
    ),
    Seed(
        "csv",
        "line-30mb",
        lambda: PLAIN + b"id,body\nok-1,first\nbig," + b"x" * 30 * MB + b"\nok-2,third\n",
        "record too large",
    ),
    Seed(
        "csv",
        "quoted-field-30mb",
        lambda: PLAIN + b'id,body\nbig,"' + (b"x" * 1023 + b"\n") * 30_000 + b'"\nok-2,third\n',
        "unreadable CSV row",
    ),
    Seed(
        "csv",
        "corrupt-zstd",
        lambda: (
            ZST
            + zstandard.ZstdCompressor().compress(b"id,body\n" + b"ok,an ad\n" * 500)[:-40]
            + b"\xff" * 40
        ),
        "unreadable input",
    ),
    Seed("cdr", "nested-tags-100000", lambda: _deep_tags(False)),
    Seed("cdr", "open-tag-after-deep-nesting", lambda: _open_tag(False)),
    Seed(
        "cdr",
        "integer-5000-digits",
        lambda: PLAIN + b'{"_id": "n", "extracted_text": "x", "timestamp": ' + b"9" * 5000 + b"}\n",
        "a number of over 4,300 digits",
    ),
    Seed("html", "nested-tags-100000", lambda: _deep_tags(True)),
    Seed("html", "open-tag-after-deep-nesting", lambda: _open_tag(True)),
    Seed("html", "page-30mb", lambda: b"<p>" + b"x" * 30 * MB, "record too large"),
    Seed(
        "image",
        "png-claims-60000x60000",
        lambda: png(60000, 60000, 2, zlib.compress(b"")),
        "decompression bomb",
    ),
    Seed("image", "png-bomb-88-megapixels", png_bomb, "an image of 9,400 x 9,400 pixels"),
    Seed(
        "image",
        "png-bomb-400-megapixels",
        lambda: png(20000, 20000, 0, _zeros(64, 20000)),
        "decompression bomb",
    ),
    Seed("image", "truncated-jpeg", lambda: truncated_jpeg(), "not an image"),
    *(Seed(*fields) for fields in statement_seeds.HOSTILE),
    *(Seed(*fields) for fields in social_seeds.HOSTILE),
]


# -- the seed corpus ---------------------------------------------------------------------------


def _ads(count: int = 12) -> tuple[list[dict[str, Any]], Path]:
    from linkboard.synth import generate

    out = Path(tempfile.mkdtemp(prefix="linkboard-seeds-"))
    generate(out, ads=count, seed=7, images=True)
    ads = [json.loads(line) for line in (out / "ads.jsonl").read_text().splitlines()]
    return ads, out


def _page(ad: dict[str, Any]) -> str:
    images = "".join(f'<img src="{src}">' for src in ad.get("images", []))
    return (
        f'<html><head><title>{ad["title"]}</title><link rel=canonical href="{ad["url"]}">'
        f'<meta name="geo.placename" content="{ad["location"]}"></head><body>'
        f"<h1>{ad['title']}</h1><p>{ad['body'].replace(chr(10), '<br>')}</p>{images}"
        f'<time datetime="{ad["posted_at"]}">posted</time><script>var x = 1;</script>'
        "</body></html>"
    )


def _csv(ads: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    fields = ["id", "url", "site", "posted_at", "title", "body", "location", "images"]
    writer = csv.DictWriter(out, fields, extrasaction="ignore")
    writer.writeheader()
    for ad in ads:
        writer.writerow({**ad, "images": "|".join(ad.get("images", []))})
    return out.getvalue().encode()


def _cdr(ad: dict[str, Any], extracted: bool) -> bytes:
    line = {
        "_id": ad["id"],
        "url": ad["url"],
        "timestamp": 1_704_067_200_000,
        "raw_content": _page(ad),
        "content_type": "text/html",
        "team": "synthetic",
        "crawler": "fuzz-seeds",
    }
    if extracted:
        line["extracted_text"] = ad["body"]
        line["extracted_metadata"] = {"title": ad["title"]}
    return json.dumps(line).encode() + b"\n"


def _compressed(content: bytes) -> Iterator[bytes]:
    yield PLAIN + content
    yield GZ + gzip.compress(content, mtime=0)
    yield ZST + zstandard.ZstdCompressor().compress(content)


def _small(path: Path) -> Iterator[bytes]:
    """A synthetic picture shrunk to a few hundred bytes, in each format the store keeps."""
    from PIL import Image

    with Image.open(path) as img:
        small = img.convert("RGB").resize((24, 30))
    for fmt in ("PNG", "JPEG", "GIF", "WEBP"):
        out = io.BytesIO()
        small.save(out, fmt)
        yield out.getvalue()
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to show
    out = io.BytesIO()
    small.save(out, "JPEG", exif=exif.tobytes())
    yield out.getvalue()


def corpus() -> dict[str, dict[str, bytes]]:
    """reader -> {name: input}: the seed corpus, all from the synthetic ads."""
    ads, folder = _ads()
    seeds: dict[str, dict[str, bytes]] = {name: {} for name in ("jsonl", "csv", "cdr", "html")}
    lines = [json.dumps(ad).encode() + b"\n" for ad in ads]
    for i, line in enumerate(lines[:6]):
        seeds["jsonl"][f"ad-{i}"] = PLAIN + line
        seeds["cdr"][f"ad-{i}"] = PLAIN + _cdr(ads[i], extracted=i % 2 == 0)
        seeds["html"][f"ad-{i}"] = _page(ads[i]).encode()
        seeds["csv"][f"ad-{i}"] = PLAIN + _csv([ads[i]])
    for kind, content in (
        ("jsonl", b"".join(lines)),
        ("csv", _csv(ads)),
        ("cdr", b"".join(_cdr(ad, False) for ad in ads)),
    ):
        for n, data in enumerate(_compressed(content)):
            seeds[kind][f"all-{n}"] = data
    pictures = sorted((folder / "images").iterdir())[:3]
    seeds["image"] = {f"{p.stem}-{n}": data for p in pictures for n, data in enumerate(_small(p))}
    shutil.rmtree(folder, ignore_errors=True)
    return {**seeds, **statement_seeds.corpus(), **social_seeds.corpus()}


def write_corpus(folder: Path) -> dict[str, int]:
    """Write the seed corpus under FOLDER/<reader>/, and a reader's tokens (a libFuzzer
    dictionary) as FOLDER/<reader>.dict; return how many seeds each reader got."""
    counts = {}
    for reader, seeds in corpus().items():
        (folder / reader).mkdir(parents=True, exist_ok=True)
        for name, data in seeds.items():
            (folder / reader / name).write_bytes(data)
        counts[reader] = len(seeds)
        if tokens := social_seeds.dictionary(reader):
            (folder / f"{reader}.dict").write_text(tokens)
    return counts


def truncated_jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.linear_gradient("L").convert("RGB").save(out, "JPEG")
    return out.getvalue()[:600]
