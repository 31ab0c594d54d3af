"""The record page's known-image line: which hash lists the record's photos are on (list,
entry, label, hash, distance), from the stored matches alone; the photos are never opened."""

from __future__ import annotations

from linkboard.store.hashlists import HashListStore, ListedImage
from linkboard.web.schemas import KnownImage


def known_images(store: HashListStore, record_id: str) -> list[KnownImage]:
    """RECORD_ID's photos on hash-list entries, by list and entry."""
    return [_known(m) for m in store.hashlist_matches_of([record_id]).get(record_id, [])]


def _known(m: ListedImage) -> KnownImage:
    return KnownImage(list_name=m.list_name, source=m.source, entry=m.entry, label=m.label,
                      hash=m.kind, distance=m.distance, matched_at=m.matched_at)  # fmt: skip
