"""Named points in the engine and the casework where a test can kill the process, as a power
cut would.

``LINKBOARD_CRASH_AT=<point>:<n>`` sends SIGKILL to this process the n-th time it reaches
``<point>`` (for example ``record:in-transaction:2``, inside the record stage's second commit;
``curate:logged:1``, inside the web app's first curation step). Unset, a point costs one
dictionary lookup; the code path is the product's own either way.
"""

from __future__ import annotations

import os
import signal
from collections import Counter
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

POINTS = (
    "ingest:committed",  # a full batch of records ingested and committed, the file not finished
    "record:in-transaction",  # a batch's facts written, not committed
    "record:committed",  # a batch's facts and its 'processed' mark committed
    "link:start",  # the record stage done, nothing of the link stage written
    "link:rescored",  # market re-scoring written (inside the link transaction)
    "link:linked",  # links and networks written (inside the link transaction)
    "link:in-transaction",  # everything and the 'linked' mark written, not committed
    "link:committed",  # the link stage committed
    # casework (cases.curation, cases.casefiles): each step is one transaction
    "curate:decided",  # a curation step's decision written (links, cuts, a status), not committed
    "curate:logged",  # its curation log and audit entries written, not committed
    "curate:rebuilt",  # its networks re-formed, not yet scored again (cases.decisions)
    "curate:in-transaction",  # everything written, networks re-formed and scored, not committed
    "curate:committed",  # the curation step committed
    "case:written",  # a case change written, its audit entry not yet
    "case:in-transaction",  # the change and its audit entry written, not committed
    "case:committed",  # the case change committed
)

_reached: Counter[str] = Counter()


def crash_point(name: str) -> None:
    """SIGKILL this process if ``LINKBOARD_CRASH_AT`` names this point and its count is due."""
    wanted = os.environ.get("LINKBOARD_CRASH_AT")
    if not wanted:
        return
    point, _, count = wanted.rpartition(":")
    _reached[name] += 1
    if point == name and _reached[name] == int(count):
        os.kill(os.getpid(), signal.SIGKILL)


@contextmanager
def step(db: AbstractContextManager[Any], kind: str) -> Iterator[None]:
    """One write transaction (``with store.db``) around a step of KIND (``curate``, ``case``),
    with its points ``KIND:in-transaction`` (all written, not committed) and ``KIND:committed``.
    A step inside another's transaction is part of it: no points of its own."""
    outermost = not getattr(db, "depth", 0)
    with db:
        yield
        if outermost:
            crash_point(f"{kind}:in-transaction")
    if outermost:
        crash_point(f"{kind}:committed")
