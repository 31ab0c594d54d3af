"""Photo metadata through ``linkboard run``: ads whose photos came from one phone (its body
serial) end in one network, with the link naming the device; a factory-default serial links
nothing; stripped or corrupt metadata is no error; the exports carry devices and photo GPS.

Each test writes its own few ads with synthetic photos (``synth.exif`` writes the metadata):
distinct phones, distinct words, distinct pictures, so that the device is the only thing two
ads can share.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from PIL.TiffImagePlugin import IFDRational

from linkboard.cli import main
from linkboard.store import open_store
from linkboard.synth.exif import camera_exif, jpeg, stripped, with_exif
from linkboard.synth.images import synthesize

CDT = timezone(timedelta(hours=-5))
TAKEN = datetime(2024, 5, 3, 21, 40, 5, tzinfo=CDT)
HOUSTON = (29.760427, -95.369803)  # a public city centre
SERIAL = "R58NFAKE0042"
DEVICE = f"device:samsung:{SERIAL}"
BODIES = [
    "Sweet and friendly, visiting for two days only. Call 713-555-0121 to book.",
    "Relaxing evenings downtown, text 214-555-0132, no blocked numbers please.",
    "Quiet upscale studio near the park; reach me on 512-555-0143 after noon.",
    "Weekend special for regulars only, message 832-555-0154 first.",
]
TITLES = ["Visiting this week", "Evenings downtown", "Upscale studio", "Weekend special"]


def _photo(folder: Path, name: str, picture: int, data: bytes | None = None, **camera: Any) -> str:
    """Write photo NAME (picture number PICTURE) with CAMERA's metadata, or stripped."""
    folder.mkdir(exist_ok=True)
    image = synthesize(21, picture)
    if data is None:
        data = with_exif(image, taken_at=TAKEN, **camera) if camera else stripped(image)
    (folder / name).write_bytes(data)
    return f"images/{name}"


def _ads(tmp_path: Path, photos: list[list[str]]) -> Path:
    """One ad per entry of PHOTOS (its image refs), each with its own phone and words."""
    rows = [
        {"id": f"ad-{i + 1}", "title": TITLES[i], "body": BODIES[i], "site": "fixture.example",
         "location": "Houston, TX", "posted_at": f"2024-05-0{4 + i}T20:00:00-05:00",
         "images": refs}
        for i, refs in enumerate(photos)
    ]  # fmt: skip
    source = tmp_path / "ads.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return source


def _run(source: Path) -> tuple[Path, str]:
    db = source.parent / "photos.db"
    result = CliRunner().invoke(main, ["run", str(source), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return db, result.output


def _export(db: Path, fmt: str = "jsonl") -> str:
    out = db.parent / f"out.{fmt}"
    result = CliRunner().invoke(
        main, ["export", "--db", str(db), "--format", fmt, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out.read_text()


def test_ads_sharing_a_device_serial_end_in_one_network(tmp_path: Path) -> None:
    images = tmp_path / "images"
    one = _photo(images, "a.jpg", 1, make="samsung", model="SM-A515F", serial=SERIAL)
    # the same phone, its make spelt as another app writes it, and no position
    two = _photo(images, "b.jpg", 2, make="SAMSUNG Electronics", model="SM-A515F", serial=SERIAL)
    other = _photo(images, "c.jpg", 3, make="Google", model="Pixel 7a", serial="GP7A00FAKE99")
    db, output = _run(_ads(tmp_path, [[one], [_photo(images, "s.jpg", 4), two], [other]]))
    assert "suspected generic 0" in output
    with open_store(db) as store:
        networks = dict(store.record_networks())
        assert networks["ad-1"] is not None
        assert networks["ad-1"] == networks["ad-2"]
        assert networks["ad-3"] is None  # its own phone's serial: nobody else's
        links = store.links_of(["ad-1"])
        assert [(lk.a, lk.b, lk.kind) for lk in links] == [("ad-1", "ad-2", "identifier")]
        assert links[0].evidence["identifiers"] == [DEVICE]
        held = [m for m in store.mentions("ad-2") if m.kind == "device"]
        assert [(m.value, m.role, m.field, m.rule) for m in held] == [
            (DEVICE.removeprefix("device:"), "self", "images", "photo.exif")
        ]
        record = store.record("ad-2")
        assert record is not None
        assert record.field_text("images")[held[0].start : held[0].end] == held[0].text
        assert held[0].data == {"image": record.images[1], "make": "SAMSUNG Electronics",
                                "model": "SM-A515F"}  # fmt: skip


def test_a_generic_serial_links_nothing(tmp_path: Path) -> None:
    images = tmp_path / "images"
    budget = {"make": "Zentro", "model": "ZT-5 Lite", "serial": "0123456789ABCDEF"}
    refs = [[_photo(images, f"g{i}.jpg", 10 + i, **budget)] for i in range(3)]
    db, output = _run(_ads(tmp_path, refs))
    assert "suspected generic 1" in output
    generic = "device:zentro:0123456789ABCDEF"
    with open_store(db) as store:
        assert all(network is None for _, network in store.record_networks())
        assert store.links_of(["ad-1", "ad-2", "ad-3"]) == []
        status = {i: (s, r) for i, s, r in store.identifier_statuses()}
        assert status[generic][0] == "suspected"
        assert "0123456789ABCDEF is a default many devices report" in status[generic][1]
        assert {m.value for m in store.mentions("ad-1") if m.kind == "device"} == {
            generic.removeprefix("device:")
        }


def test_stripped_and_corrupt_metadata_are_no_error(tmp_path: Path) -> None:
    images = tmp_path / "images"
    corrupt = camera_exif("Canon", "EOS Fiction", "FX0012345678", TAKEN, *HOUSTON)
    corrupt.get_ifd(0x8825)[2] = (IFDRational(29, 1), IFDRational(45, 0), IFDRational(0, 1))
    broken = jpeg(synthesize(21, 31), corrupt)
    png = io.BytesIO()
    synthesize(21, 32).save(png, format="PNG")
    refs = [
        [_photo(images, "plain.jpg", 30)],
        [_photo(images, "corrupt.jpg", 31, data=broken)],
        [_photo(images, "plain.png", 32, data=png.getvalue())],
    ]
    db, _ = _run(_ads(tmp_path, refs))
    with open_store(db) as store:
        assert store.quarantined() == []
        facts = {rid: store.images(rid)[0] for rid in ("ad-1", "ad-2", "ad-3")}
        assert all(f.error == "" and f.pdq and f.md5 and f.sha1 for f in facts.values())
        assert facts["ad-1"].meta == facts["ad-3"].meta == {}
        # the corrupt position is left out; the rest of what the camera wrote is kept
        kept = {"make": "Canon", "model": "EOS Fiction", "serial": "FX0012345678"}
        assert facts["ad-2"].meta == kept | {"taken_at": TAKEN.isoformat()}
        assert [m.value for m in store.mentions("ad-2") if m.kind == "device"] == [
            "canon:FX0012345678"
        ]


def test_the_exports_carry_devices_and_photo_gps(tmp_path: Path) -> None:
    images = tmp_path / "images"
    camera = {"make": "samsung", "model": "SM-A515F", "serial": SERIAL}
    refs = [
        [_photo(images, "a.jpg", 41, lat=HOUSTON[0], lon=HOUSTON[1], **camera)],
        [_photo(images, "b.jpg", 42, **camera)],
        [_photo(images, "c.jpg", 43)],
    ]
    db, _ = _run(_ads(tmp_path, refs))
    rows = {r["id"]: r for r in map(json.loads, _export(db).splitlines())}
    device = {"make": "samsung", "model": "SM-A515F", "serial": SERIAL}
    assert rows["ad-1"]["devices"] == rows["ad-2"]["devices"] == [device]
    assert rows["ad-3"]["devices"] == []
    assert rows["ad-1"]["locations"][0] == {"city": "Houston", "region": "TX", "country": "US"}
    gps = rows["ad-1"]["locations"][1]
    assert gps["source"] == "photo GPS"
    assert (gps["lat"], gps["lon"]) == HOUSTON
    assert gps["taken_at"] == TAKEN.isoformat()
    assert [loc.get("source") for loc in rows["ad-2"]["locations"]] == [None]
    table = {r["id"]: r for r in csv.DictReader(io.StringIO(_export(db, "csv")))}
    assert table["ad-2"]["devices"] == f"{SERIAL} (samsung SM-A515F)"
    assert table["ad-1"]["locations"].startswith("Houston, TX, US; 29.760427, -95.369803 (photo")
