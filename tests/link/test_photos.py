from __future__ import annotations

import pytest
from PIL import Image, ImageEnhance, ImageOps

from linkboard.link import LinkConfig, hash_image, update
from tests.link.builders import abstract_image, add, crop_resize, jpeg, network

PHOTOS_ONLY = LinkConfig(kinds=("photo",))
EDITS = {
    "jpeg": lambda im: jpeg(im, 40),
    "brightness": lambda im: jpeg(ImageEnhance.Brightness(im).enhance(1.25)),
    "darker": lambda im: jpeg(ImageEnhance.Brightness(im).enhance(0.8)),
    "crop2": lambda im: jpeg(crop_resize(im, 0.02, 1)),
    "crop5": lambda im: jpeg(crop_resize(im, 0.05, 2)),
    "crop8": lambda im: jpeg(crop_resize(im, 0.08, 3)),
    "crop8+jpeg": lambda im: jpeg(crop_resize(im, 0.08, 4), 45),
    "mirror": lambda im: jpeg(ImageOps.mirror(im)),
    "flip": lambda im: jpeg(ImageOps.flip(im)),
    "rotate90": lambda im: jpeg(im.transpose(Image.Transpose.ROTATE_90)),
    "rotate180": lambda im: jpeg(im.transpose(Image.Transpose.ROTATE_180)),
    "rotate270": lambda im: jpeg(im.transpose(Image.Transpose.ROTATE_270)),
    "mirror+crop": lambda im: jpeg(ImageOps.mirror(crop_resize(im, 0.04, 5))),
}


def test_hash_image_facts():
    fact = hash_image(jpeg(abstract_image(1)))
    assert len(fact.pdq) == 64 and len(fact.phash) == 16 and len(fact.sha256) == 64
    assert fact.quality >= 50 and (fact.width, fact.height) == (320, 400) and not fact.error


def test_unreadable_image_is_a_fact_not_an_error(tmp_path):
    assert hash_image(b"not an image").error.startswith("not an image")
    assert hash_image(tmp_path / "missing.jpg").error.startswith("unreadable")


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_edited_copy_links(store, edit):
    original = abstract_image(7)
    add(store, "orig", "ad one", images=[hash_image(jpeg(original))])
    add(store, "copy", "ad two", images=[hash_image(EDITS[edit](original))])
    report = update(store, ["orig", "copy"], PHOTOS_ONLY)
    assert report.links == {"photo": 1}, edit
    (link,) = store.links_of(["copy"])
    ev = link.evidence
    assert {ev["a"]["record"], ev["b"]["record"]} == {"orig", "copy"}
    assert ev["pdq_distance"] <= 90 and len(ev["a"]["pdq"]) == 64
    if edit.startswith(("rotate", "mirror", "flip")):
        assert ev["transform"] != "identity"
    assert network(store, "orig") == network(store, "copy") is not None


def test_unrelated_photos_do_not_link(store):
    ids = []
    for seed in range(40):
        add(store, f"u{seed}", "ad", images=[hash_image(jpeg(abstract_image(100 + seed)))])
        ids.append(f"u{seed}")
    assert update(store, ids, PHOTOS_ONLY).links == {}


def test_low_quality_photo_does_not_link(store):
    flat = Image.new("RGB", (320, 400), (128, 128, 130))
    fact = hash_image(jpeg(flat))
    assert fact.quality < 50
    add(store, "f1", "ad", images=[fact])
    add(store, "f2", "ad", images=[hash_image(jpeg(flat, 60))])
    assert update(store, ["f1", "f2"], PHOTOS_ONLY).links == {}
