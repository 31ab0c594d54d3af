"""Reading what a photo carries: written by ``synth.exif``, read back by ``media.exif``; stripped
photos say nothing and corrupt metadata says what is wrong, never raising."""

from __future__ import annotations

import io
import struct
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from PIL.TiffImagePlugin import IFDRational

from linkboard.media.exif import PhotoMeta, read_metadata, read_metadata_bytes
from linkboard.synth.exif import camera_exif, jpeg, stripped, with_exif
from linkboard.synth.images import synthesize

PARIS = (48.856614, 2.352222)  # public city centres
SYDNEY = (-33.868820, 151.209296)
NEW_YORK = (40.712776, -74.005974)
CEST = timezone(timedelta(hours=2))


@pytest.fixture(scope="module")
def photo() -> Image.Image:
    return synthesize(5, 1).resize((64, 80))


def _camera(**changes: object) -> Image.Exif:
    fields: dict = {
        "make": "Canon",
        "model": "EOS Fiction",
        "serial": "FX0012345678",
        "taken_at": datetime(2024, 3, 5, 14, 22, 1, tzinfo=CEST),
        "lat": PARIS[0],
        "lon": PARIS[1],
    }
    return camera_exif(**{**fields, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize("where", [PARIS, SYDNEY, NEW_YORK], ids=["NE", "SE", "NW"])
def test_what_synth_writes_reads_back(photo: Image.Image, where: tuple[float, float]) -> None:
    taken = datetime(2024, 3, 5, 14, 22, 1, tzinfo=CEST)
    data = with_exif(photo, "Canon", "EOS Fiction", "FX0012345678", taken, *where,
                     lens_serial="LS-0042", software="Fiction 1.0")  # fmt: skip
    meta = read_metadata_bytes(data)
    assert (meta.make, meta.model, meta.serial, meta.lens_serial, meta.software) == (
        "Canon", "EOS Fiction", "FX0012345678", "LS-0042", "Fiction 1.0"
    )  # fmt: skip
    assert meta.taken_at == "2024-03-05T14:22:01+02:00"
    assert meta.lat == pytest.approx(where[0], abs=1e-6)
    assert meta.lon == pytest.approx(where[1], abs=1e-6)
    assert meta.error == ""
    assert not meta.empty


def test_a_time_without_offset_is_naive(photo: Image.Image) -> None:
    data = with_exif(photo, "Apple", "iPhone", "", datetime(2023, 12, 31, 23, 59, 58))
    meta = read_metadata_bytes(data)
    assert meta.taken_at == "2023-12-31T23:59:58"
    assert (meta.serial, meta.lat, meta.lon, meta.error) == ("", None, None, "")


def test_read_metadata_reads_a_file(photo: Image.Image, tmp_path: Path) -> None:
    path = tmp_path / "a.jpg"
    path.write_bytes(jpeg(photo, _camera()))
    assert read_metadata(path).serial == "FX0012345678"
    assert read_metadata(tmp_path / "missing.jpg").error.startswith("unreadable")


def test_stripped_and_metadata_free_images_say_nothing(photo: Image.Image) -> None:
    png = io.BytesIO()
    photo.save(png, format="PNG")
    for data in (stripped(photo), png.getvalue()):
        meta = read_metadata_bytes(data)
        assert meta == PhotoMeta()
        assert meta.empty


def test_not_an_image_is_an_error_not_an_exception() -> None:
    assert read_metadata_bytes(b"").error == "not an image"
    assert read_metadata_bytes(b"hello world").error == "not an image"


def test_the_serial_falls_back_to_camera_serial_number(photo: Image.Image) -> None:
    exif = _camera(serial="")
    exif[0xC62F] = "DNG-77421"
    assert read_metadata_bytes(jpeg(photo, exif)).serial == "DNG-77421"


def test_a_fujifilm_maker_note_gives_its_serial(photo: Image.Image) -> None:
    serial = b"FF01234567\x00"
    entry = struct.pack("<HHI", 0x0010, 2, len(serial)) + struct.pack("<I", 30)
    note = b"FUJIFILM" + struct.pack("<I", 12) + struct.pack("<H", 1) + entry + bytes(4) + serial
    exif = _camera(make="FUJIFILM", serial="")
    exif.get_ifd(0x8769)[0x927C] = note
    assert read_metadata_bytes(jpeg(photo, exif)).serial == "FF01234567"


def _corrupt(photo: Image.Image, edit) -> PhotoMeta:  # type: ignore[no-untyped-def]
    exif = _camera()
    edit(exif)
    return read_metadata_bytes(jpeg(photo, exif))


def _set(ifd: int, tag: int, value: object):  # type: ignore[no-untyped-def]
    """An edit that sets TAG of the directory IFD (0: the main one) to VALUE."""
    return lambda e: (e.get_ifd(ifd) if ifd else e).__setitem__(tag, value)


def _angle(d: int, m: int, s: int, m_den: int = 1) -> tuple[IFDRational, ...]:
    return IFDRational(d, 1), IFDRational(m, m_den), IFDRational(s, 1)


GPS, SUB = 0x8825, 0x8769
CORRUPTIONS = {
    "zero denominator": (_set(GPS, 2, _angle(48, 1, 0, m_den=0)), "zero denominator"),
    "minutes out of range": (_set(GPS, 2, _angle(48, 75, 0)), "out of range"),
    "latitude over 90": (_set(GPS, 2, _angle(95, 0, 0)), "out of range"),
    "no hemisphere": (_set(GPS, 1, "Q"), "no N/S reference"),
    "null island": (
        lambda e: [e.get_ifd(GPS).__setitem__(t, _angle(0, 0, 0)) for t in (2, 4)],
        "placeholder",
    ),
    "huge model": (_set(0, 0x0110, "M" * 5000), "Model is 5000 characters long"),
    "control characters": (_set(0, 0x010F, "Ca\x07non"), "Make has non-printable"),
    "serial as bytes": (_set(SUB, 0xA431, b"\xff\xfe\x00"), "BodySerialNumber"),
    "impossible date": (_set(SUB, 0x9003, "2024:02:30 10:00:00"), "not a date"),
    "bad offset": (_set(SUB, 0x9011, "+25:00"), "offset"),
}


@pytest.mark.parametrize("name", list(CORRUPTIONS))
def test_corrupt_metadata_leaves_the_field_empty_and_says_why(
    photo: Image.Image, name: str
) -> None:
    edit, said = CORRUPTIONS[name]
    meta = _corrupt(photo, edit)
    assert said in meta.error
    assert meta.make in ("Canon", "")  # the rest still reads


def test_a_value_of_the_wrong_type_is_reported(photo: Image.Image) -> None:
    """GPSLatitude (tag 2, RATIONAL x 3) retyped as ASCII in the written block."""
    block = _camera().tobytes()
    entry = struct.pack(">HHI", 2, 5, 3)  # Pillow writes big-endian ("MM")
    assert block.count(entry) == 1
    meta = read_metadata_bytes(block.replace(entry, struct.pack(">HHI", 2, 2, 3)))
    assert "GPS latitude is of type str, not a number" in meta.error
    assert (meta.lat, meta.lon, meta.serial) == (None, None, "FX0012345678")


def test_corrupt_fields_do_not_spoil_the_good_ones(photo: Image.Image) -> None:
    meta = _corrupt(photo, CORRUPTIONS["zero denominator"][0])
    assert (meta.lat, meta.lon) == (None, None)
    assert (meta.make, meta.serial) == ("Canon", "FX0012345678")
    assert meta.taken_at == "2024-03-05T14:22:01+02:00"


def test_a_placeholder_time_is_no_time_and_no_error(photo: Image.Image) -> None:
    meta = _corrupt(photo, _set(SUB, 0x9003, "0000:00:00 00:00:00"))
    assert (meta.taken_at, meta.error) == ("", "")


def test_a_bare_exif_block_reads(photo: Image.Image) -> None:
    block = _camera().tobytes()
    assert read_metadata_bytes(block).serial == "FX0012345678"


def _with_app1(base: bytes, block: bytes) -> bytes:
    """BASE (a JPEG) with BLOCK as its EXIF APP1 segment, right after the start marker."""
    block = block[:65533]
    return base[:2] + b"\xff\xe1" + struct.pack(">H", len(block) + 2) + block + base[2:]


@pytest.fixture(scope="module")
def exif_block() -> bytes:
    return _camera(lens_serial="LS-1", software="Fiction").tobytes()


@given(data=st.binary(max_size=4096))
@settings(max_examples=300, deadline=None)
def test_any_bytes_read_without_raising(data: bytes) -> None:
    assert isinstance(read_metadata_bytes(data), PhotoMeta)


@given(edits=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=12),
       cut=st.integers(0, 10_000))  # fmt: skip
@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_mutated_exif_blocks_read_without_raising_in_bounded_time(
    photo: Image.Image, exif_block: bytes, edits: list[tuple[int, int]], cut: int
) -> None:
    block = bytearray(exif_block)
    for at, value in edits:
        block[at % len(block)] = value
    block = block[: max(8, len(block) - cut % len(block))]
    base = stripped(photo)
    for data in (bytes(block), _with_app1(base, bytes(block))):
        start = time.perf_counter()
        meta = read_metadata_bytes(data)
        assert time.perf_counter() - start < 2.0
        assert isinstance(meta, PhotoMeta)
        assert meta.lat is None or -90 <= meta.lat <= 90
        assert meta.lon is None or -180 <= meta.lon <= 180
        assert all(len(v) <= 120 for v in (meta.make, meta.model, meta.serial, meta.software))
