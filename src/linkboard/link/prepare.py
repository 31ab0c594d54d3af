"""What an increment reads and computes before it links, from the store alone.

An increment needs, for its records: which identifiers each carries (those it mentions, and the
hash-list entries its photos are on, ``store.hashlists``), every holder of those identifiers with
the generic verdict (:class:`~linkboard.link.identifiers.Groups`), the masked sentences of its
text, and each record's city and names. None of it depends on the links made so
far (mentions and texts do not change while an update runs), so when ``update`` links a big batch
in several increments the engine prepares increment k + 1 while increment k links (the local
engine on a worker of its pool: ``Engine.submit``); a single increment is prepared in the linking
process itself.
"""

from __future__ import annotations

import itertools
import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from linkboard.link.config import LinkConfig
from linkboard.link.identifiers import Groups, Statuses
from linkboard.link.text import Sentences, masked_sentences
from linkboard.model import SELF_ROLE
from linkboard.store.corpus import CorpusStore

if TYPE_CHECKING:
    from linkboard.engine.base import Engine


@dataclass(slots=True)
class Prepared:
    """One increment, read and computed (see the module doc)."""

    rids: list[str]
    carriers: dict[str, set[str]]  # identifier -> records of the increment carrying it
    groups: dict[str, tuple[list[str], str | None]]  # identifier -> holders, generic reason
    sentences: dict[str, Sentences]  # record with a text -> its masked sentences
    cities: dict[str, str | None]
    names: dict[str, set[str]]


class Preparer:
    """Prepares the increments of one update, in order; keeps what earlier ones read."""

    def __init__(self, store: CorpusStore, config: LinkConfig) -> None:
        self.store, self.config = store, config
        self.groups = Groups()
        self.cache: dict[str, tuple[list[str], int]] = {}  # sentence text -> (tokens, hash)
        self.blocked = set(Statuses.load(store, config.identifiers).blocked)

    def __call__(self, rids: list[str]) -> Prepared:
        mentions = self.store.mentions_of(rids)
        carriers: dict[str, set[str]] = defaultdict(set)
        names: dict[str, set[str]] = {}
        for rid, ms in mentions.items():
            names[rid] = {m.value for m in ms if m.kind == "name"}
            for m in ms:
                if m.role != SELF_ROLE:  # only a record's own identifiers merge records
                    continue
                ident = m.identifier
                if ident and ident not in self.blocked:
                    carriers[ident].add(rid)
        for ident, holders in self.store.listed_identifiers(rids).items():
            if ident not in self.blocked:  # a hash-list entry their photos are on
                carriers[ident] |= holders
        groups: dict[str, tuple[list[str], str | None]] = {}
        if "identifier" in self.config.kinds:
            groups = self.groups.of(self.store, set(carriers), self.config.identifiers)
        sentences: dict[str, Sentences] = {}
        cities: dict[str, str | None] = {}
        if "text" in self.config.kinds:
            for rid, fields in self.store.record_texts(rids).items():
                sentences[rid] = masked_sentences(fields, mentions.get(rid, []), self.cache)
            cities = {r: c["city"] for r, c in self.store.record_context(rids).items()}
        return Prepared(rids, dict(carriers), groups, sentences, cities, names)


def increments(
    store: CorpusStore, parts: list[list[str]], config: LinkConfig, engine: Engine
) -> Iterator[Prepared]:
    """Each of PARTS prepared, in order: by ENGINE one part ahead when there are several parts
    (at most two parts held at a time), else here."""
    if len(parts) < 2:
        prepare = Preparer(store, config)
        yield from (prepare(part) for part in parts)
        return
    global _there
    update = f"{os.getpid()}:{next(_updates)}"
    pending = engine.submit(store, _prepare_there, update, config, parts[0])
    try:
        for k in range(len(parts)):
            ready = pending.result()
            if k + 1 < len(parts):
                pending = engine.submit(store, _prepare_there, update, config, parts[k + 1])
            yield ready
    finally:
        if _there is not None and _there[0] == update:  # prepared here: let its caches go
            _there = None


_updates = itertools.count()
#: The update whose increments this process prepares, and its preparer (what earlier increments
#: read is kept for the later ones of the same update).
_there: tuple[str, Preparer] | None = None


def _prepare_there(
    store: CorpusStore, update: str, config: LinkConfig, rids: list[str]
) -> Prepared:
    global _there
    if _there is None or _there[0] != update:
        _there = (update, Preparer(store, config))
    return _there[1](rids)
