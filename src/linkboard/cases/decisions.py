"""The analysts' link decisions, as linking must see them, and the hooks into linking.

A merge is a 'join' decision plus a hard 'analyst' link; a split is a 'cut' decision per pair of
records across it (table ``link_decisions``, each row pointing at its ``curation_log`` entry).
A re-link (``linkboard.link.update``) deletes and recomputes the links of the records it sees, so
``reapply_decisions`` runs after every update (the pipeline's ``after_link`` hook,
``linkboard.hooks``): joins are saved back, links across cuts deleted, and the networks they
touch rebuilt.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from linkboard import hooks
from linkboard.cases.rescoring import rescore
from linkboard.engine.crashpoints import crash_point
from linkboard.model import Link
from linkboard.store.base import Store
from linkboard.store.casework import CurationStore

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Cause:
    """The curation step that re-forms networks, as their events record it (``cause``): its
    curation log entry, what it did to which target, who did it and why; OTHER, the network a
    merge joined in; UNDONE, the action an undo reversed."""

    curation_id: int
    action: str
    target: str
    by: str
    reason: str
    other: str | None = None
    undone: str | None = None

    def detail(self) -> dict[str, object]:
        """The cause as a network event keeps it (JSON), without the fields it leaves empty."""
        given = {"other": self.other, "undone": self.undone}
        return {
            "curation_id": self.curation_id,
            "action": self.action,
            "target": self.target,
            "by": self.by,
            "reason": self.reason,
            **{k: v for k, v in given.items() if v is not None},
        }


def networks_of(store: CurationStore, record_ids: Iterable[str]) -> set[str]:
    return {nid for nid in store.record_network_ids(record_ids).values() if nid}


def decisions(store: CurationStore) -> tuple[list[Link], set[tuple[str, str]]]:
    """The analyst links to add and the record pairs ``(a, b)``, ``a < b``, never to link."""
    return store.link_decisions()


def reapply_decisions(store: Store) -> set[str]:
    """Make the stored links agree with the analysts' decisions again, after a (re-)link:
    analyst joins that a re-link deleted are saved back, links between cut pairs are deleted,
    and the networks that changed are rebuilt. Returns those networks' ids.

    Runs after every ``linkboard.link.update`` (the ``after_link`` hook below).
    """
    joins, cuts = decisions(store)
    joins = [lk for lk in joins if (lk.a, lk.b) not in cuts]
    stored = {
        (lk.a, lk.b, lk.kind) for lk in store.links_of({r for lk in joins for r in (lk.a, lk.b)})
    }
    missing = [lk for lk in joins if (lk.a, lk.b, lk.kind) not in stored]
    store.save_links(missing)
    removed = store.cut_links(sorted(cuts))
    touched = {r for lk in missing for r in (lk.a, lk.b)} | {r for p in removed for r in p}
    networks = networks_of(store, touched)
    rebuild_networks(store, networks)
    return networks


@hooks.after_link.register
def reapply_after_link(store: Store, record_ids: Sequence[str]) -> set[str]:
    """Hook ``after_link``: a link stage re-linked RECORD_IDS; make the links agree with the
    analysts' decisions again (:func:`reapply_decisions`)."""
    return reapply_decisions(store)


def rebuild_networks(store: Store, network_ids: Iterable[str], cause: Cause | None = None) -> bool:
    """Hook: re-form the given networks after a curation step, and score again those that
    remain (``rescoring.rescore``: reasons, risk, members' lift).

    Calls ``linkboard.link.networks.rebuild(store, network_ids)`` when the linking stage provides
    it, and returns whether it did. Without it the decisions are stored and the next re-link
    applies them. CAUSE (the curation step: who, what, why) goes into the network events.
    """
    ids = sorted(set(network_ids))
    if not ids:
        return False
    if not _linking_available():
        log.info("linkboard.link.networks is not available: networks %s rebuilt at next link", ids)
        return False
    from linkboard.link import networks

    report = networks.rebuild(store, ids, cause=cause.detail() if cause else None)
    crash_point("curate:rebuilt")
    rescore(store, {*ids, *report.networks})
    return True


def relink_records(store: Store, record_ids: Iterable[str], cause: Cause | None = None) -> bool:
    """Hook: link RECORD_IDS afresh (after an undone suppression gave an identifier back), then
    re-apply the analysts' decisions and score the networks that changed. Uses
    ``linkboard.link.networks.update`` when present."""
    ids = sorted(set(record_ids))
    if not ids or not _linking_available():
        return False
    from linkboard.link import networks

    report = networks.update(store, ids, cause=cause.detail() if cause else None)
    touched = reapply_decisions(store)
    rescore(store, {*report.networks, *touched})
    return True


def _linking_available() -> bool:
    return (
        importlib.util.find_spec("linkboard.link") is not None
        and importlib.util.find_spec("linkboard.link.networks") is not None
    )
