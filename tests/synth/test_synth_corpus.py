"""The corpus and its truth agree: what truth says was written is in the ads."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import phonenumbers

from linkboard.synth import generate
from linkboard.synth.lexicon import lexicon

from .conftest import read_jsonl

WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
LOOKALIKE_TOKEN = re.compile(r"(?<!\w)[\dOlI.()-]*\d[\dOlI.()-]*(?!\w)")
LOOKALIKES = str.maketrans("OlI", "011")
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def digits_of(text: str) -> str:
    """Every digit of ``text`` in order, reading the obfuscations of the corpus back."""
    text = unicodedata.normalize("NFKC", text).replace("\ufe0f\u20e3", "")
    for i, word in enumerate(WORDS):
        text = text.replace(word, str(i))
    text = LOOKALIKE_TOKEN.sub(lambda m: m.group().translate(LOOKALIKES), text)
    return re.sub(r"\D", "", text)


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate(a, 400, seed=3, images=False)
    generate(b, 400, seed=3, images=False)
    generate(c, 400, seed=4, images=False)
    for name in ("ads.jsonl", "truth_ads.jsonl", "truth.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    assert (a / "ads.jsonl").read_bytes() != (c / "ads.jsonl").read_bytes()


def test_same_seed_same_images(tmp_path: Path) -> None:
    generate(tmp_path / "a", 30, seed=3)
    generate(tmp_path / "b", 30, seed=3)
    names = sorted(p.name for p in (tmp_path / "a" / "images").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b" / "images").iterdir())
    for name in names:
        assert (tmp_path / "a/images" / name).read_bytes() == (
            tmp_path / "b/images" / name
        ).read_bytes()


def test_ads_are_in_input_format(corpus) -> None:
    out, summary = corpus
    ads = read_jsonl(out / "ads.jsonl")
    assert len(ads) == summary.ads == 1000
    assert len({a["id"] for a in ads}) == len(ads)
    assert len({a["url"] for a in ads}) == len(ads)
    assert ads[0]["id"] == "ad-000001"
    for ad in ads:
        assert set(ad) == {"id", "url", "site", "posted_at", "title", "body", "location", "images"}
        assert ISO.match(ad["posted_at"]), ad["posted_at"]
        assert ad["images"] == []


def test_truth_matches_the_ads(corpus) -> None:
    out, _ = corpus
    ads = read_jsonl(out / "ads.jsonl")
    truths = read_jsonl(out / "truth_ads.jsonl")
    assert [a["id"] for a in ads] == [t["id"] for t in truths]
    for ad, truth in zip(ads, truths, strict=True):
        text = f"{ad['title']}\n{ad['body']}"
        for _kind, _value, written in truth["written"]:
            assert written in text, (ad["id"], written)
        for phone in truth["phones"] + [g[6:] for g in truth["generic"] if g.startswith("phone:")]:
            assert phone[2:] in digits_of(text), (ad["id"], phone)
        for kind in ("phones", "emails", "handles", "payments"):
            own = {v for k, v, _ in truth["written"] if f"{k}s" == kind}
            assert set(truth[kind]) <= own
        assert truth["phones"], ad["id"]
        assert truth["city"].endswith(", US")
        if truth["possible_minor"]:
            assert "new to this" in text.lower() or "age 17" in text.lower()


def test_operations_and_independents(corpus) -> None:
    out, _summary = corpus
    truths = read_jsonl(out / "truth_ads.jsonl")
    op_ads = [t for t in truths if t["is_operation"]]
    assert 0.25 < len(op_ads) / len(truths) < 0.35
    assert all(t["poster"].startswith("op-") for t in op_ads)
    persons = defaultdict(set)
    cities = defaultdict(set)
    for t in op_ads:
        persons[t["poster"]].update(t["person_ids"])
        cities[t["poster"]].add(t["city"])
    assert max(len(p) for p in persons.values()) >= 2
    assert max(len(c) for c in cities.values()) >= 3
    phones = defaultdict(set)
    for t in truths:
        for phone in t["phones"]:
            phones[phone].add(t["poster"])
    assert all(len(posters) == 1 for posters in phones.values()), "a phone links unrelated posters"


def test_truth_summary(corpus) -> None:
    out, summary = corpus
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    assert truth["ads"] == 1000
    assert truth["ad_truth"] == "truth_ads.jsonl"
    assert len(truth["operations"]) == summary.operations
    op = max(truth["operations"], key=lambda o: o["ads"])
    assert op["cities"]
    assert all(c["from"] <= c["to"] for c in op["cities"])
    assert [c["from"] for c in op["cities"]] == sorted(c["from"] for c in op["cities"])
    assert op["phones"]
    assert op["persons"]


def test_generic_identifiers_cross_unrelated_posters(corpus) -> None:
    out, _ = corpus
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    generic = {g["identifier"]: g for g in truth["generic"]}
    reasons = {g["reason"] for g in generic.values()}
    assert {"site support phone", "spam number pasted into unrelated ads"} <= reasons
    posters = defaultdict(set)
    for t in read_jsonl(out / "truth_ads.jsonl"):
        for key in t["generic"]:
            posters[key].add(t["poster"])
        assert not {f"phone:{p}" for p in t["phones"]} & set(generic)
    for key, g in generic.items():
        assert len(posters[key]) == g["posters"] >= 5, key


def test_obfuscations_and_indicators_are_planted(corpus) -> None:
    out, _ = corpus
    truths = read_jsonl(out / "truth_ads.jsonl")
    written = [w for t in truths for w in t["written"] if w[0] == "phone"]
    plain = re.compile(r"^[\d()+ .-]+$")
    assert sum(not plain.match(w[2]) for w in written) > 20
    families = {f for t in truths for f in t["indicators"]}
    assert {"new_in_town", "third_party", "youth", "late_hours"} <= families


def test_every_phone_is_fictional_and_valid(corpus) -> None:
    out, _ = corpus
    for t in read_jsonl(out / "truth_ads.jsonl"):
        for phone in t["phones"]:
            assert phone[5:8] == "555"
            assert phonenumbers.is_valid_number(phonenumbers.parse(phone))


STATE_NAMES = {
    "AL": "Alabama", "AR": "Arkansas", "AZ": "Arizona", "CA": "California", "CO": "Colorado",
    "DC": "Washington D.C.", "FL": "Florida", "GA": "Georgia", "IL": "Illinois", "IN": "Indiana",
    "LA": "Louisiana", "MA": "Massachusetts", "MD": "Maryland", "MI": "Michigan",
    "MN": "Minnesota", "MO": "Missouri", "MS": "Mississippi", "NC": "North Carolina",
    "NE": "Nebraska", "NJ": "New Jersey", "NM": "New Mexico", "NV": "Nevada", "NY": "New York",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "WA": "Washington", "WI": "Wisconsin",
}  # fmt: skip


def test_area_codes_belong_to_their_cities() -> None:
    from phonenumbers import geocoder

    for city in lexicon().cities:
        for code in city.area_codes:
            number = phonenumbers.parse(f"+1{code}5550123")
            assert phonenumbers.is_valid_number(number)
            place = geocoder.description_for_number(number, "en")
            assert city.state in place or STATE_NAMES[city.state] in place, (code, place)


def test_images_exist_and_truth_names_their_photos(pictured) -> None:
    out, _ = pictured
    ads = read_jsonl(out / "ads.jsonl")
    truths = read_jsonl(out / "truth_ads.jsonl")
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    for ad, t in zip(ads, truths, strict=True):
        assert ad["images"]
        assert len(ad["images"]) == len(t["photos"])
        for ref, photo in zip(ad["images"], t["photos"], strict=True):
            assert (out / ref).is_file()
            assert truth["images"][ref.removeprefix("images/")]["photo"] == photo
    files = list((out / "images").iterdir())
    assert len(files) == len(truth["images"])
    per_photo = defaultdict(int)
    for entry in truth["images"].values():
        per_photo[entry["photo"]] += 1
    assert max(per_photo.values()) <= 6
