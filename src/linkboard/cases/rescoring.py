"""After a curation step: the networks it touched scored again, as linking now sees them.

A network's reasons (``networks.breakdown``) are written when it is scored. A curation step
regroups networks (``linkboard.link.networks.rebuild``), so their reasons are scored afresh
(``engine.corpus.score_networks``, which leaves out the identifiers an analyst marked generic,
as every later run does), and records that left every network lose the lift their network gave
them.
"""

from __future__ import annotations

from collections.abc import Iterable

from linkboard import hooks
from linkboard.score import load_taxonomy
from linkboard.store.base import Store


def rescore(store: Store, network_ids: Iterable[str]) -> int:
    """Score NETWORK_IDS (those still stored) again; returns how many were scored."""
    from linkboard.engine.corpus import score_networks, unlift

    taxonomy = load_taxonomy(hooks.taxonomy_files(None))
    touched = set(network_ids)
    for react in hooks.after_regroup.implementations():
        touched |= react(store, sorted(touched))
    scored = score_networks(store, store.existing_networks(touched), taxonomy)
    unlift(store, taxonomy)
    return scored
