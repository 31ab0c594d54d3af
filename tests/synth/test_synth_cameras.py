"""``generate(..., exif=True)``: some posters' photos carry their phone's metadata, most stay
stripped, a few budget phones share the factory-default serial; the rest of the corpus, photo
pixels included, is what ``exif=False`` writes. Through ``linkboard run`` (slow) a device links
ads of one poster only, sometimes as their only link, and the default serial links nothing."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image

from linkboard.cli import main
from linkboard.media.exif import read_metadata
from linkboard.synth import generate
from linkboard.synth.cameras import TRUTH
from tests.synth.conftest import read_jsonl

ADS, SEED = 400, 7


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same corpus without and with camera metadata."""
    plain, cameras = tmp_path_factory.mktemp("plain"), tmp_path_factory.mktemp("cameras")
    generate(plain, ADS, seed=SEED)
    generate(cameras, ADS, seed=SEED, exif=True)
    return plain, cameras


@pytest.fixture(scope="module")
def truth(corpora: tuple[Path, Path]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((corpora[1] / TRUTH).read_text())
    return data


def test_only_the_photos_change(corpora: tuple[Path, Path], truth: dict[str, Any]) -> None:
    plain, cameras = corpora
    for name in ("ads.jsonl", "truth_ads.jsonl"):
        assert (plain / name).read_bytes() == (cameras / name).read_bytes()
    assert not (plain / TRUTH).exists()
    names = sorted(p.name for p in (plain / "images").iterdir())
    assert names == sorted(p.name for p in (cameras / "images").iterdir())
    for name in names:
        before, after = plain / "images" / name, cameras / "images" / name
        if name not in truth["files"]:
            assert before.read_bytes() == after.read_bytes()
            continue
        with Image.open(before) as a, Image.open(after) as b:
            assert np.array_equal(np.asarray(a), np.asarray(b))  # the pixels, untouched


def test_most_photos_stay_stripped(corpora: tuple[Path, Path], truth: dict[str, Any]) -> None:
    files = sorted((corpora[1] / "images").iterdir())
    carrying = [p for p in files if not read_metadata(p).empty]
    assert sorted(p.name for p in carrying) == sorted(truth["files"])
    assert 0 < len(carrying) < len(files) / 2
    assert any(f["lat"] is not None for f in truth["files"].values())
    for name, said in truth["files"].items():
        meta = read_metadata(corpora[1] / "images" / name)
        assert meta.taken_at == said["taken_at"]
        if said["lat"] is not None:
            assert (meta.lat, meta.lon) == pytest.approx((said["lat"], said["lon"]), abs=1e-6)


def test_an_operation_has_one_phone_and_budget_phones_share_a_serial(
    truth: dict[str, Any],
) -> None:
    devices = truth["devices"]
    operations = [d for d in devices.values() if d["posters"][0].startswith("op-")]
    assert operations
    assert all(len(d["posters"]) == 1 for d in operations)
    generic = [value for value, d in devices.items() if d["generic"]]
    assert generic == ["zentro:0123456789ABCDEF"]
    assert len(devices[generic[0]]["posters"]) >= 2
    assert all(p.startswith("ind-") for p in devices[generic[0]]["posters"])


@pytest.mark.slow
def test_through_the_pipeline_a_device_links_one_posters_ads(corpora: tuple[Path, Path]) -> None:
    corpus = corpora[1]
    db = corpus / "run.db"
    result = CliRunner().invoke(main, ["run", str(corpus / "ads.jsonl"), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    poster = {t["id"]: t["poster"] for t in read_jsonl(corpus / "truth_ads.jsonl")}
    with sqlite3.connect(db) as con:
        links = con.execute("SELECT a, b, kind, evidence FROM links").fetchall()
        suspected = {i for (i,) in con.execute(
            "SELECT identifier FROM identifier_status WHERE status = 'suspected'")}  # fmt: skip
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a, b, kind, evidence in links:
        found = json.loads(evidence).get("identifiers", []) if kind == "identifier" else [kind]
        shared[(a, b)] += found
    by_device = {
        pair: why for pair, why in shared.items() if any(w.startswith("device:") for w in why)
    }
    assert by_device
    assert all(poster[a] == poster[b] for a, b in by_device)
    assert any(all(w.startswith("device:") for w in why) for why in by_device.values())
    assert "device:zentro:0123456789ABCDEF" in suspected
    assert not any("device:zentro:0123456789ABCDEF" in why for why in shared.values())
