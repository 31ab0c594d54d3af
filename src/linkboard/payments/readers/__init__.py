"""The statement readers: each reads one format of financial statement into an account record
for the statement's own account and a transaction record for each entry it booked, or what
could not become one with the reason (``records``), streaming. The package registers them
(``linkboard.payments.READERS``: each module imported when first used)."""

from __future__ import annotations

from linkboard.payments import READERS

__all__ = ["READERS"]
