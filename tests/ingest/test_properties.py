"""Every input reader under property-based tests: the fuzzers' own property (``fuzz.targets``:
records or quarantined items with reasons, nothing dropped in silence, every record storable)
over inputs hypothesis builds, both well-formed in structure and arbitrary bytes."""

from __future__ import annotations

import csv
import gzip
import io
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from fuzz import targets
from fuzz.seeds import GZ, PLAIN, ZST

PROPERTY = settings(max_examples=100, deadline=None)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
markup = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<br>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<img src='a.png'>",
            "<title>",
            "</title>",
            "<h1>",
            "&amp;",
            "&#0;",
            "<time datetime='2026-01-02'>",
            "<a",
            ">",
            "<",
            "\x00",
            "\r",
        ]
    )
    | st.text(max_size=20),
    max_size=30,
).map("".join)
fields = {
    "id": st.text(max_size=12) | st.integers(),
    "body": st.text(max_size=60) | json_values,
    "title": st.text(max_size=20),
    "url": st.text(max_size=30),
    "posted_at": st.text(max_size=25) | st.integers() | st.floats(),
    "images": st.lists(st.text(max_size=20), max_size=3) | json_values,
    "extra": json_values,
}
ads = st.fixed_dictionaries({}, optional=fields)


def compressed(content: bytes, how: int) -> bytes:
    import zstandard

    if how == 1:
        return GZ + gzip.compress(content, mtime=0)
    if how == 2:
        return ZST + zstandard.ZstdCompressor().compress(content)
    return PLAIN + content


@PROPERTY
@given(lines=st.lists(ads | json_values, max_size=6), how=st.integers(0, 2))
def test_json_lines_of_any_objects(lines: list[Any], how: int) -> None:
    content = "".join(json.dumps(line) + "\n" for line in lines).encode()
    targets.json_lines(compressed(content, how))


@PROPERTY
@given(data=st.binary(max_size=400))
def test_json_lines_and_cdr_of_any_bytes(data: bytes) -> None:
    targets.json_lines(data)
    targets.cdr(data)


cdr_lines = st.fixed_dictionaries(
    {"_id": st.text(max_size=10) | st.integers()},
    optional={
        "raw_content": markup,
        "extracted_text": st.text(max_size=40) | json_values,
        "content_type": st.sampled_from(["text/html", "text/plain", "image/png", ""]),
        "timestamp": st.integers() | st.floats() | st.text(max_size=25),
        "crawl_data": st.dictionaries(
            st.sampled_from(["timestamp", "crawl_time"]), st.integers() | st.text(max_size=25)
        ),
        "extracted_metadata": json_values,
        "url": st.text(max_size=30),
    },
)


@PROPERTY
@given(lines=st.lists(cdr_lines, max_size=5), how=st.integers(0, 2))
def test_cdr_lines_of_any_pages(lines: list[dict[str, Any]], how: int) -> None:
    content = "".join(json.dumps(line) + "\n" for line in lines).encode()
    targets.cdr(compressed(content, how))


@PROPERTY
@given(
    header=st.lists(
        st.sampled_from(["id", "body", "title", "url", "posted_at", "images", "x"]),
        min_size=1,
        max_size=6,
        unique=True,
    ),
    rows=st.lists(st.lists(st.text(max_size=30), max_size=7), max_size=6),
    how=st.integers(0, 2),
)
def test_csv_of_any_rows(header: list[str], rows: list[list[str]], how: int) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    targets.csv(compressed(out.getvalue().encode("utf-8", "surrogatepass"), how))


@PROPERTY
@given(data=st.binary(max_size=400))
def test_csv_of_any_bytes(data: bytes) -> None:
    targets.csv(PLAIN + b"id,body,images\n" + data)
    targets.csv(data)


@PROPERTY
@given(page=markup, raw=st.binary(max_size=200))
def test_html_pages_of_any_markup_or_bytes(page: str, raw: bytes) -> None:
    targets.html(page.encode("utf-8", "surrogatepass"))
    targets.html(raw)


@st.composite
def pictures(draw: st.DrawFn) -> bytes:
    """An abstract picture of any size, mode and format, perhaps cut short or with a byte
    changed."""
    size = (draw(st.integers(1, 48)), draw(st.integers(1, 48)))
    mode = draw(st.sampled_from(["RGB", "L", "RGBA", "P", "1", "CMYK", "I;16"]))
    fmt = draw(st.sampled_from(["PNG", "JPEG", "GIF", "WEBP", "BMP", "TIFF"]))
    img = Image.linear_gradient("L").resize(size).convert(mode if mode != "I;16" else "I")
    out = io.BytesIO()
    try:
        img.save(out, fmt, **({"exif": _rotated()} if fmt == "JPEG" else {}))
    except (OSError, ValueError, KeyError):  # a mode that format cannot hold
        img.convert("RGB").save(out, fmt)
    data = out.getvalue()
    cut = draw(st.integers(0, len(data)))
    at, byte = draw(st.integers(0, max(0, len(data) - 1))), draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[:cut]
    if data and draw(st.booleans()):
        data = data[:at] + bytes([byte]) + data[at + 1 :]
    return data


def _rotated() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6
    return exif.tobytes()


@PROPERTY
@given(data=pictures())
def test_images_of_any_kind_hash_or_say_why(data: bytes) -> None:
    targets.image(data)


@PROPERTY
@given(data=st.binary(max_size=300))
def test_images_of_any_bytes(data: bytes) -> None:
    targets.image(data)
