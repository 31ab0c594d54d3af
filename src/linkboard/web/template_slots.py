"""The template behind near-identical ads: the words they share, and the slots that vary.

Text links say which records were written from one template. When a link's evidence carries
the template itself it is shown as stored; otherwise the records' bodies are aligned word by
word against the first one: words every record shares are the template, the gaps are slots.
"""

from __future__ import annotations

import itertools
from difflib import SequenceMatcher
from typing import Any

MAX_RECORDS = 20
MAX_WORDS = 400


def template_parts(texts: list[str]) -> list[dict[str, Any]]:
    """``[{"text": fixed words} | {"slot": [value per text]}]`` for texts from one template."""
    words = [t.split()[:MAX_WORDS] for t in texts[:MAX_RECORDS] if t.strip()]
    if not words:
        return []
    base, others = words[0], words[1:]
    fixed = set(range(len(base)))
    positions: list[dict[int, int]] = []
    for other in others:
        matcher = SequenceMatcher(None, base, other, autojunk=False)
        where = {}
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                where[block.a + k] = block.b + k
        positions.append(where)
        fixed &= where.keys()
    anchors = [-1, *sorted(fixed), len(base)]
    parts: list[dict[str, Any]] = []
    for left, right in itertools.pairwise(anchors):
        values = [" ".join(base[left + 1 : right])]
        for other, where in zip(others, positions, strict=True):
            lo = where[left] + 1 if left >= 0 else 0
            hi = where[right] if right < len(base) else len(other)
            values.append(" ".join(other[lo:hi]))
        if any(values):
            parts.append({"slot": values})
        if right < len(base):
            _add_text(parts, base[right])
    return parts


def _add_text(parts: list[dict[str, Any]], word: str) -> None:
    if parts and "text" in parts[-1]:
        parts[-1]["text"] += " " + word
    else:
        parts.append({"text": word})
