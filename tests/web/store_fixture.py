"""A small store for the web tests, built by inserting facts directly (no pipeline stages).

``build_store(folder)`` is the one place the web suites get their data from: the browser journeys
take their store from the ``journey_store`` fixture, which calls it, so pointing the journeys at
the real demo corpus means changing that one fixture. Synthetic data only: phones in the fictional
555-01XX range, neutral text, abstract generated images.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw

from linkboard.ingest.images import image_folder, store_bytes
from linkboard.model import (
    Breakdown,
    Contribution,
    Hit,
    ImageFact,
    Link,
    Mention,
    Provenance,
    Record,
    RecordFacts,
    sha256_text,
)
from linkboard.store import open_store

PHONE = "+17025550123"
PHONE_SPELLINGS = ("(702) 555-0123", "7025550123", "+17025550123")


@dataclass
class Fixture:
    path: Path
    network: str = "N00000001"
    records: list[str] = field(default_factory=list)
    minor_record: str = "ad-2"
    script_record: str = "ad-6"
    photo_record: str = "ad-1"


ADS = [
    # id, title, body, city, site, posted_at, risk, minor, network
    (
        "ad-1",
        "New in town Lola",
        "Hi I am Lola, new in town Houston. Call (702) 555-0123 or IG: @Lola_22. Cash only, 24/7.",
        "Houston, TX, US",
        "listcrawl",
        "2024-03-01T10:00:00",
        0.82,
        False,
        "N00000001",
    ),
    (
        "ad-2",
        "Sweet Mia just arrived",
        "Hi I am Mia, new to this, age 17. Call 7025550123 or IG: @mia.x. Cash only.",
        "Dallas, TX, US",
        "listcrawl",
        "2024-03-04T11:00:00",
        0.91,
        True,
        "N00000001",
    ),
    (
        "ad-3",
        "Jade visiting",
        "Hi I am Jade, new in town Austin. Call +17025550123 now. $CashQueen ok.",
        "Austin, TX, US",
        "skipthe",
        "2024-03-07T09:30:00",
        0.74,
        False,
        "N00000001",
    ),
    (
        "ad-4",
        "Lola back again",
        "Hi I am Lola, new in town Houston. Text 702-555-0199. Outcall only.",
        "Houston, TX, US",
        "skipthe",
        "2024-03-10T20:00:00",
        0.66,
        False,
        "N00000001",
    ),
    (
        "ad-5",
        "Quiet evening company",
        "Relaxing company downtown, email jade.r@example.com.",
        "Phoenix, AZ, US",
        "classy",
        "2024-02-20T08:00:00",
        0.35,
        False,
        "N00000002",
    ),
    (
        "ad-6",
        "<script>alert('x')</script> special",
        "Body with <script>alert(1)</script> & <b>tags</b>. Call 480-555-0142.",
        "Phoenix, AZ, US",
        "classy",
        "2024-02-21T08:00:00",
        0.45,
        False,
        "N00000002",
    ),
    (
        "ad-7",
        "Garden tools for sale",
        "Selling a rake and a shovel, call 602-555-0107.",
        "Phoenix, AZ, US",
        "classy",
        "2024-02-25T08:00:00",
        0.05,
        False,
        None,
    ),
]


def _mention(record_body: str, kind: str, value: str, text: str, rule: str = "fixture",
             field_name: str = "body") -> Mention:  # fmt: skip
    start = record_body.index(text)
    return Mention(kind, value, text, start, start + len(text), rule, field_name)


def _hit(body: str, code: str, text: str, weight: float) -> Hit:
    start = body.index(text)
    return Hit(code, "record", weight, text, "body", start, start + len(text))


def _photo(folder: Path, name: str, seed: int) -> Path:
    """An abstract image: coloured bands and circles (never a person)."""
    img = Image.new("RGB", (200, 200), (30 + seed * 40 % 200, 90, 160))
    draw = ImageDraw.Draw(img)
    for i in range(6):
        draw.ellipse((20 * i, 15 * i + seed, 20 * i + 80, 15 * i + 80 + seed),
                     fill=(200, 40 * i % 255, 60 + 20 * i))  # fmt: skip
    path = folder / name
    img.save(path)
    return path


# The fixture's records written out one by one, as data: its branches are the records' cases.
def _facts(folder: Path) -> list[RecordFacts]:  # noqa: C901
    photo = _photo(folder, "photo-a.png", 1)
    # kept where ingest keeps it: the store's content-addressed image folder, by its sha256
    sha = store_bytes(image_folder(folder / "web.db"), photo.read_bytes(), ".png")
    out = []
    for rid, title, body, city, site, posted, risk, minor, _net in ADS:
        images = (str(photo),) if rid in ("ad-1", "ad-3") else ()
        raw = json.dumps({"id": rid, "title": title, "body": body})
        rec = Record(
            id=rid, kind="ad", raw=raw,
            provenance=Provenance("fixture", f"fixture.jsonl:{rid[-1]}", "2024-03-11T00:00:00",
                                  sha256_text(raw)),
            title=title, body=body, url=f"https://{site}.example/{rid}", site=site,
            posted_at=posted, location=city.split(",")[0], images=images,
        )  # fmt: skip
        mentions, hits = [], []
        for spelling in sorted(PHONE_SPELLINGS, key=len, reverse=True):
            if spelling in body:
                mentions.append(_mention(body, "phone", PHONE, spelling, "phonenumbers"))
                break
        for text, value in (("702-555-0199", "+17025550199"), ("480-555-0142", "+14805550142"),
                            ("602-555-0107", "+16025550107")):  # fmt: skip
            if text in body:
                mentions.append(_mention(body, "phone", value, text, "phonenumbers"))
        if "IG: @Lola_22" in body:
            mentions.append(_mention(body, "handle", "instagram:lola_22", "IG: @Lola_22"))
        if "IG: @mia.x" in body:
            mentions.append(_mention(body, "handle", "instagram:mia.x", "IG: @mia.x"))
        if "$CashQueen" in body:
            mentions.append(_mention(body, "payment", "cashapp:cashqueen", "$CashQueen"))
        if "jade.r@example.com" in body:
            mentions.append(_mention(body, "email", "jade.r@example.com", "jade.r@example.com"))
        if "age 17" in body:
            mentions.append(_mention(body, "age", "17", "17"))
            hits.append(_hit(body, "AGE_UNDER_18", "age 17", 3.0))
        if "new to this" in body:
            hits.append(_hit(body, "YOUTH_NEW_TO_THIS", "new to this", 1.0))
        if "new in town" in body:
            hits.append(_hit(body, "MOVE_NEW_IN_TOWN", "new in town", 0.8))
        if "Cash only" in body:
            hits.append(_hit(body, "CONTROL_CASH_ONLY", "Cash only", 0.6))
        if "24/7" in body:
            mentions.append(_mention(body, "time", "24/7", "24/7"))
            hits.append(_hit(body, "AVAIL_24_7", "24/7", 0.7))
        if city.startswith("Houston") and "Houston" in body:
            mentions.append(Mention("location", city, "Houston", body.index("Houston"),
                                    body.index("Houston") + 7, "gazetteer", "body",
                                    {"lat": 29.7633, "lon": -95.3633}))  # fmt: skip
        breakdown = Breakdown(risk, -3.0, [
            Contribution(h.code, h.code.replace("_", " ").lower(), "record", h.weight, h.weight,
                         (h.evidence,))
            for h in sorted(hits, key=lambda h: -h.weight)
        ], "0.1.0")  # fmt: skip
        image_facts = [ImageFact(ref, sha, "cd" * 32, 90, width=200, height=200)
                       for ref in images]  # fmt: skip
        out.append(RecordFacts(rec, mentions, image_facts, hits, risk, breakdown, minor, city))
    return out


def build_store(folder: Path) -> Fixture:
    """Write the fixture store (and its photo) into ``folder``; return what the tests need."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "web.db"
    facts = _facts(folder)
    with open_store(path) as store:
        store.add_records(f.record for f in facts)
        store.save_record_facts(facts)
        # fmt: off
        store.save_links([
            Link("ad-1", "ad-2", "identifier", True, 1.0, {"identifier": f"phone:{PHONE}"}),
            Link("ad-2", "ad-3", "identifier", True, 1.0, {"identifier": f"phone:{PHONE}"}),
            Link("ad-1", "ad-3", "photo", False, 0.9, {  # the linker's own evidence shape
                "a": {"record": "ad-1", "pdq": "cd" * 32},
                "b": {"record": "ad-3", "pdq": "cd" * 32}, "pdq_distance": 4}),
            Link("ad-1", "ad-4", "text", False, 0.8, {"similarity": 0.82}),
            Link("ad-3", "ad-4", "text", False, 0.7, {"similarity": 0.74}),
            Link("ad-5", "ad-6", "analyst", True, 1.0, {"note": "same poster"}),
        ])
        # fmt: on
        db = store.db
        with db:
            for rid, *_rest, net in ADS:
                db.execute("UPDATE records SET network_id = ? WHERE id = ?", (net, rid))
            network_breakdown = {
                "risk": 0.93, "bias": -3.0,
                "contributions": [
                    {"code": "NET_FAST_MOVEMENT", "name": "Fast movement", "contribution": 1.5,
                     "evidence": ["Houston → Dallas → Austin in 6 days"]},
                    {"code": "NET_PERSONS_PER_PHONE", "name": "Persons per phone",
                     "contribution": 1.2, "evidence": [f"3 names on {PHONE}"]},
                ],
            }  # fmt: skip
            summary = {"persons": 3, "phones": [PHONE, "+17025550199"],
                       "handles": ["instagram:lola_22", "instagram:mia.x"],
                       "sites": ["listcrawl", "skipthe"]}  # fmt: skip
            db.execute(
                "INSERT INTO networks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ("N00000001", "Texas circuit", 4, 0.93, 1, "2024-03-01T10:00:00",
                 "2024-03-10T20:00:00", json.dumps(summary), json.dumps(network_breakdown),
                 "2024-03-11T00:00:00", "2024-03-11T00:00:00"),
            )  # fmt: skip
            db.execute(
                "INSERT INTO networks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ("N00000002", "", 2, 0.41, 0, "2024-02-20T08:00:00", "2024-02-21T08:00:00",
                 "{}", json.dumps({"risk": 0.41, "bias": -3.0, "contributions": []}),
                 "2024-03-11T00:00:00", "2024-03-11T00:00:00"),
            )  # fmt: skip
            db.execute(
                "INSERT INTO hits VALUES ('network', 'N00000001', 'NET_FAST_MOVEMENT', 'network', "
                "1.5, "
                "'Houston → Dallas → Austin in 6 days', '', -1, -1, '{}', '0.1.0')"
            )
            db.execute(
                "INSERT INTO network_events (at, event, network_id) VALUES "
                "('2024-03-11T00:00:00', 'created', 'N00000001')"
            )
    return Fixture(path=path, records=[a[0] for a in ADS])
