"""The reasons behind a risk score, read from a stored breakdown (``model.Breakdown``)."""

from __future__ import annotations

from linkboard.model import Breakdown
from linkboard.web.schemas import Reason

#: About how much evidence one reason shows; whole sentences only, the rest counted.
EVIDENCE_CHARS = 600


def reasons(breakdown: Breakdown | str | None, top: int | None = None) -> list[Reason]:
    """The indicator contributions of a breakdown (or of its stored JSON), largest first (the
    first ``top`` of them)."""
    loaded = _load(breakdown)
    out = [
        Reason(
            code=c.code,
            name=c.name,
            amount=c.contribution,
            evidence=evidence_text([e for e in c.evidence if e]),
        )
        for c in (loaded.contributions if loaded is not None else [])
        if c.code
    ]
    out.sort(key=lambda r: -r.amount)
    return out[:top] if top else out


def evidence_text(pieces: list[str], limit: int = EVIDENCE_CHARS) -> str:
    """The evidence of one reason: whole pieces (the first always, complete), then as many more
    as fit in about LIMIT characters, then how many are left out. Never cut mid-sentence."""
    shown: list[str] = []
    used = 0
    for piece in pieces:
        if shown and used + len(piece) > limit:
            break
        shown.append(piece)
        used += len(piece) + 2
    left = len(pieces) - len(shown)
    more = f" (and {left} more)" if left else ""
    return "; ".join(shown) + more


def bias(breakdown: Breakdown | str | None) -> float | None:
    loaded = _load(breakdown)
    return None if loaded is None else loaded.bias


def _load(breakdown: Breakdown | str | None) -> Breakdown | None:
    """The breakdown itself, or read from the JSON the store keeps (None when there is none or
    it is not a JSON object)."""
    if breakdown is None or isinstance(breakdown, Breakdown):
        return breakdown
    try:
        return Breakdown.from_json(breakdown) if breakdown else None
    except ValueError:
        return None
