"""The hash lists' reaction to the link stage (``hooks.after_link``): the images of the records
a run linked are matched against every stored list (``hashmatch.match_records``); records whose
matches changed are linked again (an entry they share joins them); and each record on a list
carries an ``IMG_HASHLIST`` alert, one ``channel``-level hit per image on an entry, naming the
list, the entry, its label, the hash and the distance. The record stage rewrites a record's
hits when it processes the record again, so the alerts are raised again here after every run;
a record that left every list loses them.

``register_hashlists`` registers the reaction, the ``hashentry`` value type and the indicator
(``data/hashlists.yaml``).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from linkboard import hooks
from linkboard.store.hashlists import ENTRY_KIND
from linkboard.values.kind import ValueType

if TYPE_CHECKING:
    from linkboard.model import Hit
    from linkboard.score import Taxonomy
    from linkboard.store.base import Store
    from linkboard.store.hashlists import ListedImage

CODE = "IMG_HASHLIST"
#: A list's alert is raised on a record from outside its text, as a channel's rule pack's are
#: (``score.taxonomy.LEVELS``): its network's reasons name it too.
LEVEL = "channel"
INDICATORS = Path(__file__).parent / "data" / "hashlists.yaml"
HASH_NAMES = {"pdq": "PDQ", "md5": "MD5", "sha1": "SHA-1", "sha256": "SHA-256"}


def after_link(store: Store, record_ids: Sequence[str]) -> set[str]:
    """Match the images of RECORD_IDS, link again those whose matches changed, raise (or clear)
    their alerts; returns the networks to score again."""
    ids = sorted(set(record_ids))
    listed = store.has_hashlists()
    alerted = set(store.records_with_hits([CODE])).intersection(ids) if ids else set()
    if not ids or not (listed or alerted):
        return set()
    from linkboard.media.hashmatch import match_records

    touched = relink(store, match_records(store, ids)) if listed else set()
    matched = store.hashlist_matches_of(ids)
    on_lists = alerted | matched.keys()
    raise_alerts(store, sorted(on_lists), matched)
    return touched | {n for n in store.network_of(on_lists).values() if n}


def relink(store: Store, changed: set[str]) -> set[str]:
    """Link CHANGED again (an entry they now hold, or no longer), then make the links agree with
    the analysts' decisions again; returns the networks that changed."""
    if not changed:
        return set()
    from linkboard.cases.decisions import reapply_decisions
    from linkboard.engine.corpus import joining
    from linkboard.link import update

    report = update(store, joining(store, sorted(changed)))
    return set(report.networks) | reapply_decisions(store)


def raise_alerts(
    store: Store, record_ids: Iterable[str], matched: dict[str, list[ListedImage]]
) -> None:
    """Each of RECORD_IDS carries one alert per image on a list entry (MATCHED), and no other
    ``IMG_HASHLIST`` hit; its own risk is scored again."""
    from linkboard.score import load_taxonomy, possible_minor, risk

    taxonomy = load_taxonomy(hooks.taxonomy_files(None))
    for rid in record_ids:
        hits = [h for h in store.hits("record", rid) if h.code != CODE]
        hits += [alert_hit(m, taxonomy) for m in matched.get(rid, [])]
        breakdown = risk(hits, taxonomy)
        store.replace_record_score(rid, hits, breakdown.risk, breakdown, possible_minor(hits)[0])


def alert_hit(listed: ListedImage, taxonomy: Taxonomy) -> Hit:
    """LISTED as a record's alert: the evidence says which list, entry, label, hash and how
    near; the detail holds them (and the image's ref) for exports."""
    from linkboard.model import Hit

    return Hit(CODE, LEVEL, taxonomy.weight(CODE), evidence(listed), detail={
        "list": listed.list_name, "source": listed.source, "entry": listed.entry,
        "label": listed.label, "hash": listed.kind, "distance": listed.distance,
        "ref": listed.ref, "identifier": listed.identifier,
    })  # fmt: skip


def evidence(listed: ListedImage) -> str:
    """``photo on hash list "L" (source): entry E17 "label", MD5 identical``."""
    source = f" ({listed.source})" if listed.source else ""
    label = f' "{listed.label}"' if listed.label else ""
    return (
        f'photo on hash list "{listed.list_name}"{source}: entry {listed.entry}{label}, '
        f"{nearness(listed.kind, listed.distance)}"
    )


def nearness(kind: str, distance: int) -> str:
    """``MD5 identical``, ``PDQ identical``, ``PDQ 12 bits apart``."""
    name = HASH_NAMES.get(kind, kind)
    if distance == 0:
        return f"{name} identical"
    return f"{name} {distance} bit{'s' if distance != 1 else ''} apart"


def _read_entry(text: str, namespace: str = "", region: str = "US") -> str | None:
    """``<list>/<entry>`` as an analyst types it, or None."""
    value = text.strip()
    listed, sep, entry = value.partition("/")
    return value if sep and listed.strip() and entry.strip() else None


def _display_entry(value: str) -> str:
    listed, _, entry = value.partition("/")
    return f"entry {entry} of hash list {listed}"


#: A list entry records hold through their photos: it links them (``store.listed_identifiers``).
ENTRY_TYPE = ValueType(ENTRY_KIND, _read_entry, _display_entry, operator.eq)


def register_hashlists() -> None:
    """Register the reaction to the link stage, the ``hashentry`` value type and the
    ``IMG_HASHLIST`` indicator with ``linkboard.hooks`` (once; again changes nothing)."""
    hooks.value_types.register(ENTRY_KIND, ENTRY_TYPE)
    hooks.indicator_files.register("hashlists", INDICATORS)
    hooks.after_link.register(after_link)
