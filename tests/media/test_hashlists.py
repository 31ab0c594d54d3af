"""Hash lists as programmes exchange them, and matching images against them by hash alone."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from linkboard.link.photos import hash_image
from linkboard.media.hashfiles import MAX_BAD, parse_hashlist
from linkboard.media.hashlists import (
    HashEntry,
    HashList,
    ImageKeys,
    file_digests,
    load_hashlist,
    match,
    pdq_codes,
    scan,
)
from linkboard.synth.exif import jpeg, stripped
from linkboard.synth.images import HEIGHT, WIDTH, synthesize

PDQ = "ab" * 32
SHA256 = "5d" * 32
MD5 = "0f" * 16
SHA1 = "c3" * 20


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("pdq", "pdq"), ("PDQ Hash", "pdq"), ("pdq_hash", "pdq"),
        ("md5", "md5"), ("MD5", "md5"),
        ("sha1", "sha1"), ("SHA-1", "sha1"),
        ("sha256", "sha256"), ("SHA-256", "sha256"),
    ],
)  # fmt: skip
def test_each_hash_column_naming(tmp_path: Path, header: str, kind: str) -> None:
    value = {"pdq": PDQ, "md5": MD5, "sha1": SHA1, "sha256": SHA256}[kind]
    path = _write(tmp_path, "list.csv", f"id,{header},label\nE1,{value.upper()},cat-a\n")
    loaded = load_hashlist(path, source="Programme X")
    assert loaded.bad == ()
    assert [(e.id, e.kind, e.value, e.label) for e in loaded.entries] == [
        ("E1", kind, value, "cat-a")
    ]
    assert (loaded.name, loaded.source) == ("list", "Programme X")


@pytest.mark.parametrize("delimiter", [",", "\t", ";", "|"])
def test_every_column_of_a_row_and_each_delimiter(tmp_path: Path, delimiter: str) -> None:
    columns = [
        "Entry ID",
        "PDQ",
        "MD5",
        "SHA-1",
        "sha256",
        "quality",
        "list name",
        "source",
        "label",
    ]
    row = ["E7", PDQ, MD5, SHA1, SHA256, "87", "Known set", "Programme Y", "cat-b"]
    path = _write(tmp_path, "x.csv", delimiter.join(columns) + "\n" + delimiter.join(row) + "\n")
    loaded = load_hashlist(path, name="Mine")
    assert sorted(e.kind for e in loaded.entries) == ["md5", "pdq", "sha1", "sha256"]
    assert {(e.id, e.label, e.list_name, e.source, e.line) for e in loaded.entries} == {
        ("E7", "cat-b", "Known set", "Programme Y", 2)
    }
    assert [e.quality for e in loaded.entries if e.kind == "pdq"] == [87]
    assert {e.quality for e in loaded.entries if e.kind != "pdq"} == {None}
    assert loaded.kinds() == {"pdq": 1, "md5": 1, "sha1": 1, "sha256": 1}


def test_quoted_fields_and_comments() -> None:
    text = f'# exported 2026-01-01\nid,pdq,label\n"E1","{PDQ}","a, b"\n\n# end\n'
    loaded = parse_hashlist(text, "q")
    assert [(e.id, e.label, e.line) for e in loaded.entries] == [("E1", "a, b", 3)]


def test_bad_rows_are_kept_with_line_and_reason() -> None:
    text = "\n".join([
        "id,pdq,md5,quality",
        f"E1,{PDQ},{MD5},90",
        f"E2,{PDQ[:-1]},,90",  # 63 digits
        f"E3,,{'zz' * 16},",  # not hex
        "E4,,,",  # no hash
        f"E5,{PDQ},,101",  # quality out of range
        f"E6,{PDQ}",  # too few fields
        f"E7,{PDQ},,ninety",
    ])  # fmt: skip
    loaded = parse_hashlist(text, "bad")
    assert [e.id for e in loaded.entries] == ["E1", "E1"]
    reasons = {b.line: b.reason for b in loaded.bad}
    assert "is not a pdq hash (64 hex digits)" in reasons[3]
    assert "is not a md5 hash (32 hex digits)" in reasons[4]
    assert reasons[5] == "no hash in the row"
    assert "quality '101'" in reasons[6]
    assert reasons[7] == "2 fields where the header names 4"
    assert "quality 'ninety'" in reasons[8]
    assert loaded.bad_count == 6
    assert loaded.bad[0].text.startswith("E2,")


def test_one_hash_a_line_named_by_its_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "known-md5.txt", f"{MD5}\n{SHA1.upper()}  # a comment\n\nnot-a-hash\n")
    loaded = load_hashlist(path)
    assert loaded.name == "known-md5"
    assert [(e.id, e.kind, e.value) for e in loaded.entries] == [
        ("known-md5:1", "md5", MD5),
        ("known-md5:2", "sha1", SHA1),
    ]
    assert [(b.line, b.reason[:14]) for b in loaded.bad] == [(4, "'not-a-hash' i")]


def test_64_digit_lines_need_their_kind(tmp_path: Path) -> None:
    lines = f"{PDQ},95\n{PDQ}\n"
    unnamed = load_hashlist(_write(tmp_path, "list.txt", lines))
    assert unnamed.entries == ()
    assert "PDQ or SHA-256" in unnamed.bad[0].reason
    by_name = load_hashlist(_write(tmp_path, "photos-pdq.txt", lines))
    assert [(e.kind, e.quality) for e in by_name.entries] == [("pdq", 95), ("pdq", None)]
    by_argument = load_hashlist(_write(tmp_path, "list.txt", lines), kind="sha256")
    assert {e.kind for e in by_argument.entries} == {"sha256"}
    with pytest.raises(ValueError, match="no hash kind"):
        parse_hashlist(lines, "x", kind="crc32")


def test_a_generic_hash_column_goes_by_length() -> None:
    loaded = parse_hashlist(f"hash,label\n{MD5},a\n{SHA1},b\n", "g")
    assert [e.kind for e in loaded.entries] == ["md5", "sha1"]


def test_unreadable_and_empty_files(tmp_path: Path) -> None:
    missing = load_hashlist(tmp_path / "nope.csv")
    assert (missing.entries, missing.bad[0].line) == ((), 0)
    assert missing.bad[0].reason.startswith("unreadable")
    empty = load_hashlist(_write(tmp_path, "empty.csv", "# nothing\n"))
    assert (empty.entries, empty.bad) == ((), ())


def test_only_the_first_bad_rows_are_kept() -> None:
    loaded = parse_hashlist("md5\n" + "x\n" * (MAX_BAD + 50), "many")
    assert (len(loaded.bad), loaded.bad_count) == (MAX_BAD, MAX_BAD + 50)


def test_file_digests_of_a_file_and_of_bytes(tmp_path: Path) -> None:
    data = b"synthetic bytes" * 100_000
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    expected = (
        hashlib.md5(data, usedforsecurity=False).hexdigest(),
        hashlib.sha1(data, usedforsecurity=False).hexdigest(),
        hashlib.sha256(data).hexdigest(),
    )
    assert file_digests(path) == file_digests(data) == expected


def _keys(record: str, data: bytes) -> ImageKeys:
    md5, sha1, _ = file_digests(data)
    return ImageKeys.from_fact(record, hash_image(data), md5, sha1)


@pytest.fixture(scope="module")
def original() -> Image.Image:
    return synthesize(3, 1)  # PDQ quality ~98


def test_exact_matches_by_each_cryptographic_hash(original: Image.Image) -> None:
    data = stripped(original)
    image = _keys("r1", data)
    entries = tuple(
        HashEntry(f"E-{kind}", kind, getattr(image, kind), label="cat-a")
        for kind in ("md5", "sha1", "sha256")
    )
    found = match([image, _keys("r2", jpeg(original, quality=60))], [HashList("L", "S", entries)])
    assert {(m.record_id, m.kind, m.entry_id, m.distance, m.label) for m in found} == {
        ("r1", kind, f"E-{kind}", 0, "cat-a") for kind in ("md5", "sha1", "sha256")
    }
    assert {(m.list_name, m.source, m.ref) for m in found} == {("L", "S", "")}


def test_near_matches_by_pdq(original: Image.Image) -> None:
    listed = hash_image(stripped(original))
    entry = HashEntry("E1", "pdq", listed.pdq, label="cat-a", quality=listed.quality)
    crop = original.crop((3, 4, WIDTH - 2, HEIGHT - 3)).resize((WIDTH, HEIGHT))
    images = [
        _keys("reencoded", jpeg(original, quality=40)),
        _keys("cropped", jpeg(crop)),
        _keys("other", stripped(synthesize(3, 11))),
    ]
    found = match(images, [HashList("L", "", (entry,))], pdq_distance=31)
    assert {m.record_id for m in found} == {"reencoded", "cropped"}
    assert all(m.kind == "pdq" and 0 < m.distance <= 31 and m.listed == listed.pdq for m in found)
    assert {m.found for m in found} == {images[0].pdq, images[1].pdq}
    assert match(images, [HashList("L", "", (entry,))], pdq_distance=0) == []


def test_low_quality_pdq_hashes_match_nothing() -> None:
    entries = (HashEntry("E1", "pdq", PDQ, quality=20), HashEntry("E2", "pdq", PDQ))
    images = [ImageKeys("r1", "a", pdq=PDQ), ImageKeys("r2", "b", pdq=PDQ, quality=10)]
    found = match(images, [HashList("L", "", entries)])
    assert [(m.record_id, m.entry_id) for m in found] == [("r1", "E2")]


def test_matches_name_each_list_and_the_rows_own_list() -> None:
    lists = [
        HashList("A", "sa", (HashEntry("E1", "md5", MD5),)),
        HashList("B", "sb", (HashEntry("E9", "md5", MD5, list_name="B-sub", source="partner"),)),
    ]
    found = match([ImageKeys("r1", "img-1", md5=MD5.upper())], lists)
    assert [(m.list_name, m.source, m.entry_id, m.ref) for m in found] == [
        ("A", "sa", "E1", "img-1"),
        ("B-sub", "partner", "E9", "img-1"),
    ]


def test_invalid_image_hashes_are_ignored() -> None:
    hl = HashList("L", "", (HashEntry("E1", "pdq", PDQ), HashEntry("E2", "md5", MD5)))
    assert match([ImageKeys("r", "i", md5="xyz", pdq="not hex" * 9)], [hl]) == []


def test_the_index_and_the_scan_agree() -> None:
    rng = np.random.default_rng(4)
    codes = rng.integers(0, 256, size=(3000, 32), dtype=np.uint8)
    queries = codes[:40].copy()
    for i, q in enumerate(queries):  # flip i % 40 bits of each
        for bit in rng.choice(256, size=i % 40, replace=False):
            q[bit // 8] ^= np.uint8(1 << (7 - bit % 8))
    entries = tuple(HashEntry(f"E{i}", "pdq", c.tobytes().hex()) for i, c in enumerate(codes))
    images = [ImageKeys(f"r{i}", "", pdq=q.tobytes().hex()) for i, q in enumerate(queries)]
    hl = HashList("L", "", entries)
    indexed = {(m.record_id, m.entry_id, m.distance) for m in match(images, [hl], 31)}
    qi, ci, dist = scan(pdq_codes([k.pdq for k in images]), codes, 31, rows=7, cols=500)
    scanned = {(f"r{q}", f"E{c}", int(d)) for q, c, d in zip(qi, ci, dist, strict=True)}
    assert indexed == scanned
    assert {r for r, _, _ in indexed} == {f"r{i}" for i in range(32)}
    wide = {(m.record_id, m.entry_id) for m in match(images, [hl], 39)}
    assert {r for r, _ in wide} == {f"r{i}" for i in range(40)}


def test_a_complement_is_256_bits_away_not_0() -> None:
    code = np.frombuffer(bytes.fromhex(PDQ), np.uint8).reshape(1, 32)
    qi, _, _ = scan(~code, code, 200)
    assert len(qi) == 0


LIST_CHARACTERS = st.sampled_from('0123456789abcdefABCDEFxyz ,;\t|"#\n\r-_:')


@given(text=st.text(alphabet=LIST_CHARACTERS, max_size=600) | st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_any_text_loads_without_raising(text: str) -> None:
    start = time.perf_counter()
    loaded = parse_hashlist(text, "fuzz")
    assert time.perf_counter() - start < 2.0
    for entry in loaded.entries:
        assert len(entry.value) == {"pdq": 64, "md5": 32, "sha1": 40, "sha256": 64}[entry.kind]
        int(entry.value, 16)
    assert loaded.bad_count >= len(loaded.bad)


@given(data=st.binary(max_size=2000))
@settings(max_examples=100, deadline=None)
def test_any_file_loads_without_raising(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "list-pdq.csv"
    path.write_bytes(data)
    assert isinstance(load_hashlist(path), HashList)
