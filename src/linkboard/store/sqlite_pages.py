"""What the web pages read: triage, search (full text and identifiers), facets, the record,
network, account, chat, overview, map, graph and history pages. (SQLite)."""

from __future__ import annotations

from linkboard.store.sqlite_pages_accounts import AccountPageSQL
from linkboard.store.sqlite_pages_network import NetworkPageSQL
from linkboard.store.sqlite_pages_overview import OverviewSQL
from linkboard.store.sqlite_pages_record import RecordPageSQL
from linkboard.store.sqlite_pages_search import SearchSQL
from linkboard.store.sqlite_pages_social import SocialPageSQL
from linkboard.store.sqlite_pages_triage import TriageSQL


class PagesSQL(
    TriageSQL, SearchSQL, RecordPageSQL, NetworkPageSQL, AccountPageSQL, SocialPageSQL, OverviewSQL
):
    """Mixed into :class:`linkboard.store.sqlite.SQLiteStore`."""
