"""A photo the record stage could not decode says why in words, never as a Python object."""

from __future__ import annotations

import io
import json
from pathlib import Path

from fastapi.testclient import TestClient
from PIL import Image

from linkboard.engine.local import process
from linkboard.ingest import ingest
from linkboard.store import open_store
from linkboard.web import create_app
from linkboard.web.image_problems import plain
from tests.web.conftest import add_accounts, sign_in

PYTHON_WORDS = ("object at 0x", "BytesIO", "UnidentifiedImageError", "OSError", "Error:")


def _ads(folder: Path) -> Path:
    """One ad with a file that is no image, a JPEG cut in half and a file that is not there."""
    (folder / "notes.png").write_bytes(b"these bytes are not a picture")
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buf, "JPEG")
    (folder / "cut.jpg").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    ad = {"id": "ad-img", "body": "Photos attached, call 702-555-0142",
          "images": ["notes.png", "cut.jpg", "gone.png"]}  # fmt: skip
    path = folder / "ads.jsonl"
    path.write_text(json.dumps(ad) + "\n")
    return path


def test_the_record_page_and_api_say_why_a_photo_is_not_shown(tmp_path: Path) -> None:
    db = tmp_path / "lb.db"
    with open_store(db) as store:
        ingest(store, [_ads(tmp_path)])
        process(store, workers=1)
    accounts = add_accounts(db)
    app = create_app(db)
    with TestClient(app) as client:
        sign_in(client, "ann", accounts.password)
        page = client.get("/records/ad-img").text
        api = client.get("/api/records/ad-img").json()
    app.state.database.close()
    problems = [img["problem"] for img in api["images"]]
    assert problems == [
        "the file is not a picture in a format linkboard reads (PNG, JPEG, GIF or WebP)",
        "the image file is cut short (truncated)",
        "the file could not be read (no such file or directory)",
    ]
    for problem in problems:
        assert f"Not shown: {problem}" in page
    assert not any(words in page or words in json.dumps(api) for words in PYTHON_WORDS)


def test_every_kind_of_image_error_reads_plainly() -> None:
    said = {
        "not an image: DecompressionBombError: Image size (3600000000 pixels) exceeds limit":
            "more pixels than linkboard decodes",
        "not an image: SyntaxError: broken PNG file": "damaged and could not be decoded",
        "refused: an absolute path, outside the input folder": "outside the input folder",
        "remote image: not fetched": "never fetches",
        "odd: cannot read <_io.BytesIO object at 0x7f00deadbeef>": "cannot read the file",
        "": "",
    }  # fmt: skip
    for error, words in said.items():
        assert words in plain(error)
        assert "0x" not in plain(error)
