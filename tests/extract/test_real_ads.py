"""benchmarks/real_ads.py on a made-up data folder in each source's own format (fictional ads and
numbers): what it reads, how it scores, that it prints aggregates only and keeps real data out."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _module(name: str) -> ModuleType:
    if str(ROOT / "benchmarks") not in sys.path:
        sys.path.insert(0, str(ROOT / "benchmarks"))
    return importlib.import_module(name)


ADULT = "Hi, I'm Lola, 24. Location: Houston. Call 713-555-0142"
MINOR = "age 17, call 713-555-0177"


def _write(data: Path) -> None:
    (data / "dig-age").mkdir(parents=True)
    rows = [{"content": ADULT, "correct": ["24"]}] * 2 + [
        {"content": MINOR, "correct": ["17", "51"]}
    ]
    (data / "dig-age" / "age.json").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (data / "dig-phone").mkdir()
    ad = {
        "url": "http://houston.example.com/ads/sweet-treat-70/25550142",
        "title": "Sweet treat - Houston escorts",
        "body": "text me 713.555.0142",
        "int_ext_gt": ["+17135550142"],
    }
    (data / "dig-phone" / "groundtruth.json").write_text(json.dumps({"jsonlines": [ad]}))
    (data / "dig-price").mkdir()
    prices = [
        {"text": "150hh 250hr", "extraction": ["150-hh", "250-hr"]},
        {"text": "Qv-60 roses\nHr-140 roses", "extraction": [60, 140]},  # bare amounts only
    ]
    (data / "dig-price" / "groundtruth_all.json").write_text(json.dumps({"jsonlines": prices}))
    (data / "etk-social").mkdir()
    social = {
        "text": "Visit TWITTER Snapchat : lola_b23, kik: lolab",
        "correct": {"snapchat": ["lola_b23"]},
    }
    (data / "etk-social" / "social_media.jl").write_text(json.dumps(social) + "\n")


def _hand_labels(data: Path, keys: list[str]) -> None:
    """Our labels for the first ad, and a correction of the second's source labels."""
    rows = [
        {"i": 0, "key": keys[0], "location": ["Houston, TX, US"], "name": ["lola"]},
        {"i": 1, "key": keys[1], "fix": {"age": {"drop": ["51"], "why": "a count, not an age"}}},
    ]
    (data / "dig-age" / "hand_labels.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))


def test_scores_each_source_by_its_labels(tmp_path: Path) -> None:
    real_ads, sources = _module("real_ads"), _module("real_sources")
    _write(tmp_path)
    ads = sources.load_dig_age(tmp_path / "dig-age")
    _hand_labels(tmp_path, [sources.text_key(ad.record) for ad in ads])
    res = real_ads.run(tmp_path)
    assert res.ads == {"dig-age": 2, "dig-phone": 1, "dig-price": 2, "etk-social": 1}
    assert res.absent == ["dig-phone-lines"]
    assert res.fixes["dig-age"] == 1

    def prf(source: str, kind: str) -> tuple[int, int, int]:
        t = res.tallies[(source, kind)]
        return t.tp, t.fp, t.fn

    assert prf("dig-age", "age") == (2, 0, 0)
    assert prf("dig-phone", "phone") == (1, 0, 0)  # the URL's "70/25550142" is no phone
    assert prf("dig-age", "location") == (1, 0, 0)
    assert res.origin[("dig-age", "location")] != "source"
    assert prf("dig-age", "name") == (1, 0, 0)
    assert prf("dig-price", "hourly") == (1, 0, 0)  # the second row labels bare amounts only
    assert prf("dig-price", "rate") == (2, 0, 0)
    assert prf("dig-price", "amount") == (4, 0, 0)
    assert prf("etk-social", "handle") == (1, 0, 0)  # kik is not a platform this source labels
    assert res.cities == {"Houston, TX, US": [1, 1]}
    assert res.adults == {"dig-age": [1, 0]}
    assert res.under_18 == {"dig-age": [1, 1]}
    assert not real_ads.missed_targets(res)


def test_a_hand_label_that_does_not_match_its_ad_is_refused(tmp_path: Path) -> None:
    real_ads = _module("real_ads")
    _write(tmp_path)
    _hand_labels(tmp_path, ["0" * 12, "0" * 12])
    with pytest.raises(SystemExit, match="does not match its ad"):
        real_ads.run(tmp_path)


def test_prints_aggregates_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real_ads = _module("real_ads")
    _write(tmp_path)
    assert real_ads.main([str(tmp_path), "--no-write"]) == 0
    out = capsys.readouterr().out
    assert "| phone | dig-phone | source | 1 | 1 | 1 | 0 | 0 |" in out
    assert not any(s in out for s in ("555-0142", "5550142", "Lola", "lola_b23", "Sweet treat"))


def test_keeps_real_data_out_of_the_repository(tmp_path: Path) -> None:
    real_ads = _module("real_ads")
    with pytest.raises(SystemExit):
        real_ads.main([str(ROOT / "tests" / "data"), "--no-write"])
    with pytest.raises(SystemExit):
        real_ads.main([str(tmp_path), "--no-write", "--misses", str(ROOT / "misses.txt")])
    assert not (ROOT / "misses.txt").exists()
