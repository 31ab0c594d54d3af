"""A small casework store: two networks and a loose ad, built by direct inserts.

Synthetic and neutral: phones in the 555-01XX fictional range, example.com addresses.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from linkboard.cases import accounts
from linkboard.cases.accounts import User, add_user
from linkboard.model import (
    Hit,
    ImageFact,
    Link,
    Mention,
    Provenance,
    Record,
    RecordFacts,
    sha256_text,
)
from linkboard.store.sqlite import SQLiteStore, now

PHONE_A = "+17025550101"
PHONE_B = "+13125550142"
PHONE_PUBLIC = "+12125550199"
HANDLE = "instagram:sunny_days"
EMAIL = "sunny@example.com"
PDQ_A = "f" * 16 + "0" * 48
SHA_A = "ab" * 32
#: A fresh random password per test run (the product has no default password).
PASSWORD = secrets.token_urlsafe(18)

# id, network, city, posted_at, body, [(kind, value, text)], images
ADS = [
    (
        "ad-1",
        "n1",
        "Las Vegas",
        "2026-01-02T10:00:00",
        "Sunny here, call 702-555-0101 today",
        [("phone", PHONE_A, "702-555-0101")],
        [("photos/a.jpg", SHA_A, PDQ_A)],
    ),
    (
        "ad-2",
        "n1",
        "Phoenix",
        "2026-01-05T09:00:00",
        "Visiting Phoenix. 702-555-0101 or IG sunny_days",
        [("phone", PHONE_A, "702-555-0101"), ("handle", HANDLE, "sunny_days")],
        [],
    ),
    (
        "ad-3",
        "n1",
        "Denver",
        "2026-01-09T20:00:00",
        "New to this. Write sunny@example.com, IG sunny_days",
        [("email", EMAIL, "sunny@example.com"), ("handle", HANDLE, "sunny_days")],
        [],
    ),
    (
        "ad-4",
        "n2",
        "Chicago",
        "2026-01-03T12:00:00",
        "Relaxing evening, 312-555-0142",
        [("phone", PHONE_B, "312-555-0142")],
        [],
    ),
    (
        "ad-5",
        "n2",
        "Chicago",
        "2026-01-04T12:00:00",
        "Ask for Mia 312-555-0142",
        [("phone", PHONE_B, "312-555-0142"), ("name", "Mia", "Mia")],
        [],
    ),
    (
        "ad-6",
        None,
        "New York",
        "2026-01-06T08:00:00",
        "Front desk 212-555-0199 for bookings",
        [("phone", PHONE_PUBLIC, "212-555-0199")],
        [],
    ),
]


def record(rid: str, body: str, posted_at: str, city: str, images: tuple[str, ...]) -> Record:
    raw = json.dumps({"id": rid, "body": body, "posted_at": posted_at})
    return Record(
        id=rid,
        kind="ad",
        raw=raw,
        provenance=Provenance(
            "fixture", f"ads.jsonl:{rid[-1]}", "2026-02-01T00:00:00+00:00", sha256_text(raw)
        ),
        title=f"Ad {rid}",
        body=body,
        url=f"https://ads.example.com/{rid}",
        site="ads.example.com",
        posted_at=posted_at,
        location=city,
        images=images,
    )


def add_ads(store: SQLiteStore, ads: list[tuple] = ADS) -> None:  # type: ignore[type-arg]
    facts = []
    for rid, _, city, posted, body, mentions, images in ads:
        rec = record(rid, body, posted, city, tuple(i[0] for i in images))
        found = [
            Mention(kind, value, text, body.index(text), body.index(text) + len(text), "fixture")
            for kind, value, text in mentions
        ]
        hits = []
        if body.startswith("New to this"):
            hits.append(Hit("youth.new", "record", 1.0, "New to this", "body", 0, 11))
        facts.append(
            RecordFacts(
                rec,
                found,
                [ImageFact(ref, sha, pdq, 100) for ref, sha, pdq in images],
                hits,
                0.5,
                None,
                city=city,
            )
        )
        store.add_records([rec])
    store.save_record_facts(facts)
    with store.db:
        for rid, network, *_ in ads:
            store.db.execute("UPDATE records SET network_id = ? WHERE id = ?", (network, rid))


def build(store: SQLiteStore) -> SQLiteStore:
    add_ads(store)
    store.save_links(
        [
            Link("ad-1", "ad-2", "identifier", True, 1.0, {"identifiers": [f"phone:{PHONE_A}"]}),
            Link("ad-2", "ad-3", "identifier", True, 1.0, {"identifiers": [f"handle:{HANDLE}"]}),
            Link("ad-1", "ad-3", "text", False, 0.8, {"jaccard": 0.8}),
            Link("ad-4", "ad-5", "identifier", True, 1.0, {"identifiers": [f"phone:{PHONE_B}"]}),
        ]
    )
    summary = {
        "persons": {"aliases": ["sunny"], "photo_groups": 1},
        "identifiers": {"phone": [PHONE_A], "email": [EMAIL]},
        "sites": ["ads.example.com"],
        "first_seen": "2026-01-02",
        "last_seen": "2026-01-09",
        "movement": [{"city": "Las Vegas", "first": "2026-01-02"}],
    }
    with store.db:
        for nid, name, size, first, last in [
            ("n1", "Sunny", 3, "2026-01-02", "2026-01-09"),
            ("n2", "", 2, "2026-01-03", "2026-01-04"),
        ]:
            store.db.execute(
                "INSERT INTO networks (id, name, size, risk, first_seen, last_seen, summary, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    nid,
                    name,
                    size,
                    0.7,
                    first,
                    last,
                    json.dumps(summary if nid == "n1" else {}),
                    now(),
                    now(),
                ),
            )
        store.db.execute(
            "INSERT INTO hits VALUES ('network', 'n1', 'movement.fast', 'network', 1.0, "
            "'3 cities in 8 days', '', -1, -1, '{}', '0.1.0')"
        )
    return store


def users(store: SQLiteStore) -> dict[str, User]:
    return {
        role: add_user(store, f"{role}1", PASSWORD, role) for role in ("admin", "analyst", "viewer")
    }


def image_file(tmp: Path) -> Path:
    path = tmp / "a.png"
    path.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
        )
    )
    return path


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id at its lowest cost: the tests check behaviour, not the cost of a guess."""
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    monkeypatch.setattr(accounts, "_dummy_hash", None)
