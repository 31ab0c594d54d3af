"""Hash lists in the store: an analyst loads a list (``load``) and every image stored before it
is matched against it; ``match_records`` matches the images of new records against every stored
list (``hashalerts`` does it after each link stage); ``drop`` forgets a list and its matches.

A record whose image is on a list entry holds the entry as an identifier of its own
(``hashentry:<list>/<entry>``, read by linking from the stored matches: ``store.hashlists``), so
records on one entry join one network, and carries an ``IMG_HASHLIST`` alert (``hashalerts``).
Loading or dropping a list links the records whose matches changed again at once (the pipeline's
link stage, which raises or clears their alerts), so the store never waits for the next run.
Nothing here opens an image: the stored hashes are all it reads.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linkboard.store.hashlists import EntryRow, MatchRow, StoredList

if TYPE_CHECKING:
    from linkboard.cases.roles import Actor
    from linkboard.media.hashlists import BadRow, HashList, HashMatch, ImageKeys
    from linkboard.store.base import Store

#: PDQ hashes at most this many bits apart are one photo (``media.hashlists.match``'s default,
#: the linker's ``PhotoConfig.pdq_match``, Meta's recommended threshold).
DEFAULT_DISTANCE = 31
#: The widest PDQ distance a list may match within: past it, unrelated photos match.
MAX_DISTANCE = 64
#: How many bad rows a load reports in full (all are counted).
SHOWN_BAD = 5
MAX_NAME = 100


class HashListError(ValueError):
    """A list that cannot be loaded or dropped, said in one line."""


@dataclass(frozen=True)
class Loaded:
    """What a load did: the lists it stored (with their matches), its entries by hash kind, its
    bad rows (the first ``SHOWN_BAD``, and how many there were), how many records' matches
    changed, and what linking them again did."""

    lists: tuple[StoredList, ...]
    kinds: dict[str, int]
    bad_count: int
    bad: tuple[BadRow, ...]
    changed: int
    linking: dict[str, Any] = field(default_factory=dict)


def load(
    store: Store,
    path: Path,
    *,
    name: str | None = None,
    source: str | None = None,
    kind: str | None = None,
    pdq_distance: int = DEFAULT_DISTANCE,
    actor: Actor | str | None = None,
    client: str = "",
    progress: Callable[[int], None] | None = None,
) -> Loaded:
    """Load the hash list file PATH (``media.hashfiles``) as list NAME (default: the file's own
    list column, else its name), replacing a list of that name, and match every stored image
    against it within PDQ_DISTANCE bits (PROGRESS told of each batch of images matched). Rows
    naming several lists load as several lists."""
    from linkboard.media.hashlists import load_hashlist

    check_distance(pdq_distance)
    try:
        read = load_hashlist(Path(path), name, source, kind)
    except ValueError as exc:  # an unknown --kind
        raise HashListError(str(exc)) from None
    if not read.entries:
        raise HashListError(_nothing(path, read.bad, read.bad_count))
    lists = split_lists(read, name, source)
    changed = save_lists(store, lists, read, pdq_distance, (actor, client), progress)
    linking = link_again(store) if changed else {}
    names = {hl.name for hl in lists}
    stored = tuple(s for s in store.hashlists() if s.name in names)
    return Loaded(stored, read.kinds(), read.bad_count, read.bad[:SHOWN_BAD], len(changed), linking)


def save_lists(
    store: Store,
    lists: list[HashList],
    read: HashList,
    pdq_distance: int,
    who: tuple[Actor | str | None, str],
    progress: Callable[[int], None] | None = None,
) -> set[str]:
    """Store LISTS (read from READ's file), match every stored image against them, mark the
    records whose matches changed to be linked again and audit the load as WHO (actor, client),
    in one transaction; returns those records."""
    from linkboard.cases import audit

    actor, client = who
    by = actor if isinstance(actor, str) else audit.actor_name(actor)
    changed: set[str] = set()
    with store.transaction():
        for hash_list in lists:
            rows = entry_rows(hash_list)
            store.save_hashlist(hash_list.name, hash_list.source, read.path, by, rows,
                                read.bad_count, pdq_distance)  # fmt: skip
            found = match_stored(store, hash_list, pdq_distance, progress)
            changed |= store.replace_hashlist_matches(found, list_name=hash_list.name)
        store.mark_unlinked(changed)
        detail = {"file": read.path, "entries": read.kinds(), "bad": read.bad_count,
                  "pdq_distance": pdq_distance, "records_changed": len(changed)}  # fmt: skip
        for hash_list in lists:
            target = f"hashlist:{hash_list.name}"
            audit.record(store, actor, "hashlist.load", target, detail, client=client)
    return changed


def drop(
    store: Store, name: str, *, actor: Actor | str | None = None, client: str = ""
) -> tuple[int, dict[str, Any]]:
    """Forget list NAME, its entries and its matches; its records are linked again (their
    alerts cleared). Returns how many records had an image on it, and what linking did."""
    from linkboard.cases import audit

    if name not in {s.name for s in store.hashlists()}:
        raise HashListError(f"no hash list {name!r}: `linkboard hashlist list` names them")
    with store.transaction():
        had = store.drop_hashlist(name)
        store.mark_unlinked(had)
        audit.record(store, actor, "hashlist.drop", f"hashlist:{name}",
                     {"records": len(had)}, client=client)  # fmt: skip
    return len(had), link_again(store) if had else {}


def check_distance(pdq_distance: int) -> None:
    if not 0 <= pdq_distance <= MAX_DISTANCE:
        raise HashListError(f"a PDQ distance is 0 to {MAX_DISTANCE} bits, not {pdq_distance}")


def split_lists(read: HashList, name: str | None, source: str | None) -> list[HashList]:
    """READ as the lists it loads: one named NAME, or one per list its rows name (the file's own
    name for rows that name none); each list's source is SOURCE, else its rows' first."""
    from linkboard.media.hashlists import HashList

    groups: dict[str, list[Any]] = {}
    for entry in read.entries:
        groups.setdefault(name or entry.list_name or read.name, []).append(entry)
    out = []
    for listed, entries in groups.items():
        check_name(listed)
        given = source or next((e.source for e in entries if e.source), "")
        out.append(HashList(listed, given, tuple(entries), path=read.path))
    return out


def check_name(name: str) -> None:
    """A list name is a word or a few, without ``/`` (it separates list and entry in the
    identifier ``hashentry:<list>/<entry>``)."""
    if not name.strip() or "/" in name or len(name) > MAX_NAME or not name.isprintable():
        raise HashListError(
            f"a hash list name is 1 to {MAX_NAME} printable characters without '/': {name!r}"
        )


def entry_rows(hash_list: HashList) -> Iterable[EntryRow]:
    return ((e.id, e.kind, e.value, e.label, e.quality) for e in hash_list.entries)


def match_stored(
    store: Store,
    hash_list: HashList,
    pdq_distance: int,
    progress: Callable[[int], None] | None = None,
) -> list[MatchRow]:
    """Every stored image on HASH_LIST, read a batch at a time (PROGRESS told of each)."""
    from linkboard.media.hashlists import ImageKeys, match

    found: list[MatchRow] = []
    for batch in store.images_to_match(None):
        keys = [ImageKeys(*row) for row in batch]
        found += match_rows(hash_list.name, match(keys, [hash_list], pdq_distance))
        if progress is not None:
            progress(len(batch))
    return found


def match_records(store: Store, record_ids: Sequence[str]) -> set[str]:
    """Match the images of RECORD_IDS against every stored list (each within its own distance)
    and store what was found; returns the records whose matches changed."""
    from linkboard.media.hashlists import ImageKeys

    batches = store.images_to_match(record_ids)
    first = next(batches, None)
    found: list[MatchRow] = []
    if first is not None:
        lists = stored_lists(store)
        for batch in itertools.chain([first], batches):
            found += match_keys([ImageKeys(*row) for row in batch], lists)
    return store.replace_hashlist_matches(found, record_ids=record_ids)


def match_keys(keys: list[ImageKeys], lists: list[tuple[HashList, int]]) -> list[MatchRow]:
    from linkboard.media.hashlists import match

    return [row for hl, d in lists for row in match_rows(hl.name, match(keys, [hl], d))]


def stored_lists(store: Store) -> list[tuple[HashList, int]]:
    """Every stored list with its entries, and the PDQ distance it matches within."""
    from linkboard.media.hashlists import HashEntry, HashList

    return [
        (HashList(s.name, s.source, tuple(HashEntry(*row) for row in
                                          store.hashlist_entries(s.name))), s.pdq_distance)
        for s in store.hashlists()
    ]  # fmt: skip


def match_rows(list_name: str, found: Iterable[HashMatch]) -> list[MatchRow]:
    """FOUND as the store keeps it, under the stored list's name (a row's own list name is
    only where it came from)."""
    return [(list_name, m.entry_id, m.record_id, m.ref, m.kind, m.distance) for m in found]


def link_again(store: Store) -> dict[str, Any]:
    """The pipeline's link stage over the records marked to be linked again: their networks
    follow their matches, their alerts are raised or cleared (``hashalerts``)."""
    from linkboard import hooks
    from linkboard.engine.pipeline import link_stage
    from linkboard.engine.serial import SerialEngine

    _, report = link_stage(store, SerialEngine(), hooks.taxonomy_files(None))
    return report


def _nothing(path: Path, bad: Sequence[BadRow], count: int) -> str:
    first = "; ".join(f"line {b.line}: {b.reason}" if b.line else b.reason for b in bad[:3])
    if not count:
        return f"{path}: no hash in the file"
    return f"{path}: no hash loaded, {count:,} bad row{'s' if count != 1 else ''} ({first})"


def export_fields(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    """id -> ``{"hashlist_matches": [...]}`` for its export row: each of its photos on a list
    entry (list, source, entry, label, hash, distance); ``[]`` when none is."""
    found = store.hashlist_matches_of(ids)
    return {
        rid: {"hashlist_matches": [
            {"list": m.list_name, "source": m.source, "entry": m.entry, "label": m.label,
             "hash": m.kind, "distance": m.distance}
            for m in found.get(rid, [])
        ]}
        for rid in ids
    }  # fmt: skip
