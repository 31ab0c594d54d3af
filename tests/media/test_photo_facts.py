"""What the record stage keeps of a photo's metadata: ``hash_image`` takes MD5, SHA-1 and the
metadata from the bytes it hashes, the record stage turns a device into a mention quoting the
photo's ref, and the store keeps and gives back both."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest

from linkboard.engine.stages import RecordStage
from linkboard.link.photos import hash_image
from linkboard.media.photo_facts import device_mentions, gps_point, kept_meta
from linkboard.model import ImageFact, Provenance, Record
from linkboard.store import SQLiteStore
from linkboard.synth.exif import stripped, with_exif
from linkboard.synth.images import synthesize

TAKEN = datetime(2024, 6, 1, 8, 15, 0)  # a camera clock without its zone
RENO = (39.529633, -119.813803)  # a public city centre


@pytest.fixture(scope="module")
def camera_jpeg() -> bytes:
    return with_exif(synthesize(33, 1), "Google", "Pixel 7a", "GP7A00FAKE01", TAKEN, *RENO)


def test_hash_image_takes_digests_and_metadata_from_the_same_bytes(camera_jpeg: bytes) -> None:
    fact = hash_image(camera_jpeg)
    assert fact.md5 == hashlib.md5(camera_jpeg).hexdigest()
    assert fact.sha1 == hashlib.sha1(camera_jpeg).hexdigest()
    assert fact.sha256 == hashlib.sha256(camera_jpeg).hexdigest()
    assert fact.meta == {
        "make": "Google",
        "model": "Pixel 7a",
        "serial": "GP7A00FAKE01",
        "taken_at": "2024-06-01T08:15:00",
        "lat": RENO[0],
        "lon": RENO[1],
    }
    assert fact.error == ""


def test_a_stripped_photo_keeps_no_metadata_and_no_error() -> None:
    fact = hash_image(stripped(synthesize(33, 2)))
    assert (fact.meta, fact.error) == ({}, "")
    assert all((fact.md5, fact.sha1, fact.pdq))


def test_metadata_outlives_pixels_that_do_not_decode(camera_jpeg: bytes) -> None:
    cut = camera_jpeg[: len(camera_jpeg) // 3]  # the header and its EXIF, a third of the pixels
    fact = hash_image(cut)
    assert fact.meta["serial"] == "GP7A00FAKE01"
    assert fact.md5 == hashlib.md5(cut).hexdigest()
    assert kept_meta(b"not an image at all") == {}


def test_a_device_mention_quotes_its_photos_ref() -> None:
    refs = ("/corpus/images/first.jpg", "/corpus/images/second.jpg")
    record = Record("ad-1", "ad", "{}", Provenance("f", "f:1", "2024-01-01", "0"), images=refs)
    meta = {"make": "NIKON CORPORATION", "model": "Z Fiction", "serial": "4012 7788"}
    facts = [ImageFact(refs[0], "a", "", 0), ImageFact(refs[1], "b", "", 0, meta=meta)]
    [mention] = device_mentions(record, facts)
    assert (mention.kind, mention.value, mention.role) == ("device", "nikon:40127788", "self")
    assert record.field_text(mention.field)[mention.start : mention.end] == refs[1]
    assert mention.data == {"image": refs[1], "make": "NIKON CORPORATION", "model": "Z Fiction"}
    assert device_mentions(record, [ImageFact(refs[0], "a", "", 0, meta={"serial": "X1234"})]) == []


def test_a_gps_point_needs_both_coordinates_in_range() -> None:
    assert gps_point("r", "p", {"lat": 1.5, "lon": 2.5, "taken_at": "t"}) is not None
    assert gps_point("r", "p", {"lat": 1.5}) is None
    assert gps_point("r", "p", {"lat": 91.0, "lon": 2.5}) is None
    assert gps_point("r", "p", {"lat": "1", "lon": "2"}) is None


def test_the_record_stage_and_the_store_keep_what_the_photo_says(
    store: SQLiteStore, tmp_path: Path, camera_jpeg: bytes
) -> None:
    path = tmp_path / "p.jpg"
    path.write_bytes(camera_jpeg)
    record = Record("ad-9", "ad", "{}", Provenance("f", "f:1", "2024-01-01", "0"),
                    body="Call 775-555-0161.", images=(str(path),))  # fmt: skip
    store.add_records([record])
    facts = RecordStage()(record)
    assert [m.value for m in facts.mentions if m.kind == "device"] == ["google:GP7A00FAKE01"]
    store.save_record_facts([facts])
    [kept] = store.images("ad-9")
    assert (kept.md5, kept.sha1, kept.meta) == (facts.images[0].md5, facts.images[0].sha1,
                                                 facts.images[0].meta)  # fmt: skip
    assert store.photo_meta_of(["ad-9", "nobody"]) == {"ad-9": [(str(path), kept.meta)]}
