"""What the pipeline reads and writes beyond records and facts: the link stage's candidates, links,
networks and their scores, template families, market prices. (SQLite).

One mixin per topic (``sqlite_corpus_records``, ``_links``, ``_networks``, ``_text``,
``_families``), combined here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from linkboard.store.sqlite_corpus_families import CorpusFamiliesSQL
from linkboard.store.sqlite_corpus_links import CorpusLinksSQL
from linkboard.store.sqlite_corpus_networks import CorpusNetworksSQL
from linkboard.store.sqlite_corpus_records import CorpusRecordsSQL
from linkboard.store.sqlite_corpus_text import CorpusTextSQL

if TYPE_CHECKING:
    from linkboard.store.sqlite import Connection


class CorpusSQL(
    CorpusRecordsSQL, CorpusLinksSQL, CorpusNetworksSQL, CorpusTextSQL, CorpusFamiliesSQL
):
    """Mixed into :class:`linkboard.store.sqlite.SQLiteStore`."""

    db: Connection
