"""The store's hash lists: a list replaced whole on reload, matches kept idempotently, images
read a batch at a time, list entries held as identifiers, and a drop that leaves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from linkboard.model import ImageFact
from linkboard.store import SQLiteStore, open_store
from linkboard.store.hashlists import ListedImage
from tests.link.builders import add

PDQ = "ab" * 32
MD5 = "0f" * 16
SHA1 = "c3" * 20


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    store = open_store(tmp_path / "lb.db")
    for i in range(5):
        image = ImageFact(f"img-{i}.jpg", f"{i:02x}" * 32, PDQ if i < 2 else "", 90 if i < 2 else 0,
                          md5=MD5 if i == 2 else "", sha1=SHA1 if i == 3 else "")  # fmt: skip
        add(store, f"r{i}", f"ad number {i}", images=[image])
    add(store, "r9", "an ad with a photo that did not load",
        images=[ImageFact("gone.jpg", "", "", 0, error="unreadable: gone")])  # fmt: skip
    return store


def _entries(label: str = "cat-a") -> list[tuple[str, str, str, str, int | None]]:
    return [("E1", "pdq", PDQ, label, 90), ("E2", "md5", MD5, label, None)]


def test_a_list_reloaded_under_its_name_is_replaced(store: SQLiteStore) -> None:
    assert not store.has_hashlists()
    assert store.save_hashlist("L", "Programme X", "l.csv", "ann", _entries(), 2, 31) == 2
    assert store.save_hashlist("L", "Programme Y", "l2.csv", "ann", _entries()[:1], 0, 12) == 1
    (stored,) = store.hashlists()
    assert (stored.name, stored.source, stored.path, stored.entries, stored.bad) == (
        "L", "Programme Y", "l2.csv", 1, 0,
    )  # fmt: skip
    assert (stored.pdq_distance, stored.loaded_by, stored.matches) == (12, "ann", 0)
    assert list(store.hashlist_entries("L")) == [("E1", "pdq", PDQ, "cat-a", 90)]


def test_matches_are_kept_idempotently(store: SQLiteStore) -> None:
    store.save_hashlist("L", "X", "", "", _entries(), 0, 31)
    found = [
        ("L", "E1", "r0", "img-0.jpg", "pdq", 0),
        ("L", "E1", "r1", "img-1.jpg", "pdq", 3),
        ("L", "E1", "r1", "img-1.jpg", "pdq", 5),  # one photo near two of the entry's hashes
        ("L", "E2", "r2", "img-2.jpg", "md5", 0),
    ]
    assert store.replace_hashlist_matches(found, list_name="L") == {"r0", "r1", "r2"}
    first = store.hashlist_matches_of(["r0", "r1", "r2", "r3"])
    assert store.replace_hashlist_matches(reversed(found), list_name="L") == set()
    assert store.hashlist_matches_of(["r0", "r1", "r2", "r3"]) == first
    assert first["r1"] == [
        ListedImage("L", "E1", "r1", "img-1.jpg", "pdq", 3, first["r1"][0].matched_at, "cat-a", "X")
    ]
    assert first["r1"][0].identifier == "hashentry:L/E1"
    (stored,) = store.hashlists()
    assert (stored.matches, stored.records) == (3, 3)
    # by record: only those records' matches change
    assert store.replace_hashlist_matches([], record_ids=["r0"]) == {"r0"}
    assert set(store.hashlist_matches_of(["r0", "r1", "r2"])) == {"r1", "r2"}


def test_images_are_read_a_batch_at_a_time(store: SQLiteStore) -> None:
    batches = list(store.images_to_match(None, batch=2))
    assert [len(b) for b in batches] == [2, 2, 1]  # the photo that did not load has no hash
    rows = {row[0]: row for batch in batches for row in batch}
    assert rows["r0"] == ("r0", "img-0.jpg", "00" * 32, "", "", PDQ, 90)
    assert rows["r2"] == ("r2", "img-2.jpg", "02" * 32, MD5, "", "", None)
    some = [
        row[0] for batch in store.images_to_match(["r3", "r1", "nope"], batch=1) for row in batch
    ]
    assert some == ["r1", "r3"]


def test_entries_are_identifiers_their_records_hold(store: SQLiteStore) -> None:
    store.save_hashlist("L", "", "", "", _entries(), 0, 31)
    store.replace_hashlist_matches(
        [("L", "E1", "r0", "img-0.jpg", "pdq", 0), ("L", "E1", "r1", "img-1.jpg", "pdq", 4)],
        list_name="L",
    )
    assert store.listed_identifiers(["r1", "r2"]) == {"hashentry:L/E1": {"r1"}}
    held = store.records_with_identifiers(["hashentry:L/E1", "hashentry:L/E2", "phone:+1"])
    assert dict(held) == {"hashentry:L/E1": {"r0", "r1"}}
    assert not store.records_with_identifiers(["hashentry:L/E1"], role="counterparty")


def test_dropping_a_list_leaves_nothing(store: SQLiteStore) -> None:
    store.save_hashlist("L", "", "", "", _entries(), 0, 31)
    store.save_hashlist("M", "", "", "", _entries(), 0, 31)
    store.replace_hashlist_matches([("L", "E2", "r2", "img-2.jpg", "md5", 0)], list_name="L")
    store.replace_hashlist_matches([("M", "E2", "r2", "img-2.jpg", "md5", 0)], list_name="M")
    assert store.drop_hashlist("L") == ["r2"]
    assert [s.name for s in store.hashlists()] == ["M"]
    assert list(store.hashlist_entries("L")) == []
    assert [m.list_name for m in store.hashlist_matches_of(["r2"])["r2"]] == ["M"]
    assert store.setting("hashlist.pdq_distance:L") is None
    assert store.drop_hashlist("L") == []


def test_records_marked_unlinked_are_linked_by_the_next_link_stage(store: SQLiteStore) -> None:
    store.mark_linked(["r0", "r1", "r2"])
    before = set(store.unlinked())
    store.mark_unlinked(["r1"])
    assert set(store.unlinked()) == before | {"r1"}
