"""Hostile ads read files: image references resolve only inside the folder being ingested.

An ad naming ``../../../../etc/passwd``, ``/etc/hostname``, a link out of its folder or a text
file called ``.png`` outside it is kept, each such image refused with its reason and never
opened; the web app serves only photos the record stage decoded, from the store's own folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from linkboard.engine.stages import RecordStage
from linkboard.ingest import ingest
from linkboard.ingest.images import image_folder, refusal, resolve_image
from linkboard.link import photos

HOSTILE_REFS = {
    "../../../../etc/passwd": "a path that climbs out of the input folder (..)",
    "/etc/hostname": "an absolute path, outside the input folder",
    "link.png": "a link that leads outside the input folder",
    "../outside/secret.png": "a path that climbs out of the input folder (..)",
    "file:///etc/passwd": "a file URL, not a path inside the input folder",
    "sub/../../outside/secret.png": "a path that climbs out of the input folder (..)",
}


def _picture(path: Path) -> Path:
    """An abstract picture: a gradient and a circle (never a person)."""
    img = Image.linear_gradient("L").convert("RGB").resize((96, 96))
    ImageDraw.Draw(img).ellipse((20, 20, 70, 70), fill=(200, 60, 90))
    img.save(path)
    return path


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_text("analyst-only text, not an image\n")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "link.png").symlink_to(outside / "secret.png")
    _picture(folder / "good.png")
    (folder / "fake.png").write_text("text with a .png name, inside the folder\n")
    ad = {"id": "hostile", "body": "Call 702-555-0123", "images": [*HOSTILE_REFS, "good.png",
                                                                   "fake.png"]}  # fmt: skip
    (folder / "ads.jsonl").write_text(json.dumps(ad) + "\n")
    return folder


def test_each_hostile_reference_is_refused_with_its_reason(hostile_folder: Path) -> None:
    for ref, reason in HOSTILE_REFS.items():
        assert refusal(resolve_image(ref, hostile_folder)) == (reason, ref)
    good = resolve_image("good.png", hostile_folder)
    assert refusal(good) is None
    assert good == str((hostile_folder / "good.png").resolve())
    assert resolve_image("https://cdn.example.com/a.jpg", hostile_folder).startswith("https://")


def test_the_record_is_kept_and_refused_images_are_never_opened(
    hostile_folder: Path, store, monkeypatch
) -> None:
    opened: list[str] = []
    real = photos.hash_image
    monkeypatch.setattr(photos, "hash_image", lambda src: (opened.append(str(src)), real(src))[1])
    counts = ingest(store, [hostile_folder / "ads.jsonl"])
    assert (counts.added, counts.quarantined) == (1, 0)
    record = store.record("hostile")
    assert record is not None
    facts = RecordStage.images(record)
    errors = {f.ref: f.error for f in facts}
    for ref, reason in HOSTILE_REFS.items():
        assert errors[f"refused:{reason}:{ref}"] == f"refused: {reason}"
    assert sorted(Path(p).name for p in opened) == ["fake.png", "good.png"]
    good = next(f for f in facts if f.ref.endswith("good.png"))
    assert good.error == ""
    assert len(good.sha256) == 64
    kept = sorted(p.name for p in image_folder(store.path).rglob("*") if p.is_file())
    assert kept == [f"{good.sha256}.png"]  # fake.png has PNG's name, not its bytes


def test_the_web_serves_only_decoded_photos_from_its_own_folder(hostile_folder: Path, tmp_path):
    from fastapi.testclient import TestClient

    from linkboard.engine.local import process
    from linkboard.store import open_store
    from linkboard.web import create_app
    from tests.web.conftest import add_accounts, sign_in

    db = tmp_path / "web.db"
    accounts = add_accounts(db)
    with open_store(db) as store:
        ingest(store, [hostile_folder / "ads.jsonl"])
        process(store, workers=1)
    app = create_app(db)
    try:
        with TestClient(app, base_url="http://127.0.0.1") as client:
            sign_in(client, accounts.users["analyst"], accounts.password)
            images = client.get("/api/records/hostile").json()["images"]
            answers = {i["ref"]: client.get(i["url"]) for i in images}
    finally:
        app.state.database.close()
    served = {ref: r.content for ref, r in answers.items() if r.status_code == 200}
    assert [Path(ref).name for ref in served] == ["good.png"]
    assert next(iter(served.values())) == (hostile_folder / "good.png").read_bytes()
    assert all(r.status_code == 404 for ref, r in answers.items() if ref not in served)


def test_an_image_claiming_too_many_pixels_is_refused_at_ingest_never_decoded(
    tmp_path: Path, store, monkeypatch
) -> None:
    """344 kB of PNG decoded to 9400 x 9400 RGBA took a gigabyte in the record stage (under
    Pillow's own limit); a header claiming 60000 x 60000 is refused without reading further."""
    import zlib

    from fuzz.seeds import png, png_bomb
    from linkboard.ingest.images import MAX_IMAGE_PIXELS

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bomb.png").write_bytes(png_bomb())
    (folder / "claims.png").write_bytes(png(60000, 60000, 2, zlib.compress(b"")))
    _picture(folder / "good.png")
    ad = {
        "id": "bombs",
        "body": "Call 702-555-0123",
        "images": ["bomb.png", "claims.png", "good.png"],
    }
    (folder / "ads.jsonl").write_text(json.dumps(ad) + "\n")
    opened: list[str] = []
    real = photos.hash_image
    monkeypatch.setattr(photos, "hash_image", lambda src: (opened.append(str(src)), real(src))[1])
    assert ingest(store, [folder / "ads.jsonl"]).added == 1
    record = store.record("bombs")
    assert record is not None
    errors = {
        Path(refusal(f.ref)[1] if refusal(f.ref) else f.ref).name: f.error
        for f in RecordStage.images(record)
    }
    assert errors == {
        "bomb.png": f"refused: an image of 9,400 x 9,400 pixels, over {MAX_IMAGE_PIXELS:,}",
        "claims.png": f"refused: an image of over {MAX_IMAGE_PIXELS:,} pixels (a decompression "
        "bomb)",
        "good.png": "",
    }
    assert [Path(p).name for p in opened] == ["good.png"]
    assert [p.suffix for p in image_folder(store.path).rglob("*") if p.is_file()] == [".png"]
