"""Hash lists: the lists of known image hashes an analyst loaded, their entries, and the images
found on them (``media.hashmatch``).

The protocol every store backend implements, and the rows it hands back; the SQLite one is
``store.sqlite_hashlists``. A list is replaced whole when it is loaded again under its name;
a match is kept (with the time it was first found) for as long as the image and the entry both
say so. Methods that write are one transaction each, and part of the caller's when it holds one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

#: The identifier kind of a list entry: ``hashentry:<list>/<entry id>``. Records whose photos
#: are on one entry hold it as their own, so linking joins them (``store.listed_identifiers``).
ENTRY_KIND = "hashentry"
#: (entry id, hash kind, value, label, PDQ quality or None): one entry as it is stored.
EntryRow = tuple[str, str, str, str, int | None]
#: (record id, ref, sha256, md5, sha1, pdq, PDQ quality): what matching knows of one image.
ImageRow = tuple[str, str, str, str, str, str, int | None]
#: (list, entry id, record id, image ref, hash kind, distance in bits): one image on an entry.
MatchRow = tuple[str, str, str, str, str, int]


@dataclass(frozen=True, slots=True)
class StoredList:
    """A loaded list: where it came from, who loaded it when, its entries and bad rows, the PDQ
    distance it matches within, and how many images (of how many records) are on it."""

    name: str
    source: str
    path: str
    loaded_at: str
    loaded_by: str
    entries: int
    bad: int
    pdq_distance: int
    matches: int = 0
    records: int = 0


@dataclass(frozen=True, slots=True)
class ListedImage:
    """One of a record's images on a list entry: the list (and its source), the entry (and its
    label), the hash that matched, how many bits apart (0: the same), and when it was found."""

    list_name: str
    entry: str
    record_id: str
    ref: str
    kind: str
    distance: int
    matched_at: str
    label: str = ""
    source: str = ""

    @property
    def identifier(self) -> str:
        return entry_identifier(self.list_name, self.entry)


def entry_identifier(list_name: str, entry: str) -> str:
    """The identifier records on ENTRY of LIST_NAME hold: ``hashentry:<list>/<entry>``."""
    return f"{ENTRY_KIND}:{list_name}/{entry}"


class HashListStore(Protocol):
    def has_hashlists(self) -> bool: ...
    def hashlists(self) -> list[StoredList]: ...
    def save_hashlist(self, name: str, source: str, path: str, loaded_by: str,
                      entries: Iterable[EntryRow], bad: int, pdq_distance: int,
                      ) -> int: ...  # fmt: skip
    def drop_hashlist(self, name: str) -> list[str]: ...
    def hashlist_entries(self, name: str) -> Iterator[EntryRow]: ...
    def images_to_match(self, record_ids: Iterable[str] | None = None,
                        batch: int = 20_000) -> Iterator[list[ImageRow]]: ...  # fmt: skip
    def replace_hashlist_matches(self, found: Iterable[MatchRow], *, list_name: str | None = None,
                                 record_ids: Iterable[str] | None = None,
                                 ) -> set[str]: ...  # fmt: skip
    def hashlist_matches_of(self, record_ids: Iterable[str]) -> dict[str, list[ListedImage]]: ...
    def mark_unlinked(self, record_ids: Iterable[str]) -> None: ...
