"""Named points in the engine where a test can kill the process, as a power cut would.

``LINKBOARD_CRASH_AT=<point>:<n>`` sends SIGKILL to this process the n-th time it reaches
``<point>`` (for example ``record:in-transaction:2``, inside the record stage's second commit).
Unset, a point costs one dictionary lookup; the code path is the product's own either way.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

POINTS = (
    "ingest:committed",  # a full batch of records ingested and committed, the file not finished
    "record:in-transaction",  # a batch's facts written, not committed
    "record:committed",  # a batch's facts and its 'processed' mark committed
    "link:start",  # the record stage done, nothing of the link stage written
    "link:rescored",  # market re-scoring written (inside the link transaction)
    "link:linked",  # links and networks written (inside the link transaction)
    "link:in-transaction",  # everything and the 'linked' mark written, not committed
    "link:committed",  # the link stage committed
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
