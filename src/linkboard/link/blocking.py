"""Blocking: the candidate pairs that linking verifies, from blocking keys. Pure, over plain
data, so that any engine can run it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def candidate_pairs(
    records: Sequence[str],
    keys: Sequence[Sequence[K]],
    stored: Mapping[K, Sequence[str]],
    per_bucket: int,
    cap: int,
) -> list[list[str]]:
    """For each of RECORDS, in order, the records it is to be compared with: in each bucket of
    its KEYS, the first PER_BUCKET STORED records (oldest first) and the last PER_BUCKET records
    of RECORDS before it. A bucket holding more than CAP records is no evidence and gives none.
    A record may be a candidate more than once (once per shared bucket)."""
    seen: dict[K, list[str]] = defaultdict(list)
    out: list[list[str]] = []
    for rid, own in zip(records, keys, strict=True):
        cands: list[str] = []
        for key in own:
            old, new = stored.get(key, ()), seen[key]
            if len(old) + len(new) > cap:
                continue
            cands += old[:per_bucket]
            cands += new[-per_bucket:]
            new.append(rid)
        out.append(cands)
    return out
