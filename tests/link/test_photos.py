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
    assert len(fact.pdq) == 64
    assert len(fact.phash) == 16
    assert len(fact.sha256) == 64
    assert fact.quality >= 50
    assert (fact.width, fact.height) == (320, 400)
    assert not fact.error


def test_unreadable_image_is_a_fact_not_an_error(tmp_path):
    error = hash_image(b"not an image").error
    assert error.startswith("not an image")
    assert "object at 0x" not in error
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
    assert ev["pdq_distance"] <= 90
    assert len(ev["a"]["pdq"]) == 64
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


#: EXIF Orientation -> how the stored pixels are turned from the upright photo (what a phone
#: that writes the tag instead of turning the pixels stores); ``exif_transpose`` undoes it.
STORED_AS = {
    1: None,
    3: Image.Transpose.ROTATE_180,
    6: Image.Transpose.ROTATE_90,
    8: Image.Transpose.ROTATE_270,
}


def oriented_jpeg(img: Image.Image, orientation: int) -> bytes:
    import io

    turn = STORED_AS[orientation]
    stored = img.transpose(turn) if turn is not None else img.copy()
    exif = Image.Exif()
    exif[0x0112] = orientation
    buf = io.BytesIO()
    stored.save(buf, format="JPEG", quality=90, exif=exif.tobytes())
    return buf.getvalue()


def _pdq_distance(a: str, b: str) -> int:
    return bin(int(a, 16) ^ int(b, 16)).count("1")


def test_exif_orientation_is_applied_before_hashing():
    upright = abstract_image(1)
    facts = {o: hash_image(oriented_jpeg(upright, o)) for o in STORED_AS}
    assert all(not f.error and f.quality >= 50 for f in facts.values())
    for orientation, fact in facts.items():
        assert (fact.width, fact.height) == upright.size, orientation
        assert _pdq_distance(fact.pdq, facts[1].pdq) <= 12, orientation
        assert fact.phash == facts[1].phash or orientation != 1


def test_copies_saved_with_different_orientation_tags_link(store):
    upright = abstract_image(7)
    ids = []
    for orientation in STORED_AS:
        add(
            store, f"o{orientation}", "ad", images=[hash_image(oriented_jpeg(upright, orientation))]
        )
        ids.append(f"o{orientation}")
    report = update(store, ids, PHOTOS_ONLY)
    assert report.links.get("photo", 0) >= len(ids) - 1
    links = store.links_of(ids)
    assert {link.evidence["transform"] for link in links} == {"identity"}
    assert len({network(store, rid) for rid in ids}) == 1


def test_a_rotated_copy_without_a_tag_still_links_by_the_dihedral_match(store):
    upright = abstract_image(21)
    add(store, "tagged", "ad", images=[hash_image(oriented_jpeg(upright, 6))])
    add(
        store,
        "turned",
        "ad",
        images=[hash_image(jpeg(upright.transpose(Image.Transpose.ROTATE_90)))],
    )
    assert update(store, ["tagged", "turned"], PHOTOS_ONLY).links == {"photo": 1}
    (link,) = store.links_of(["turned"])
    assert link.evidence["transform"] != "identity"
