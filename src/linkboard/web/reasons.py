"""The reasons behind a risk score, read from a stored breakdown (``model.Breakdown``)."""

from __future__ import annotations

import json
from typing import Any

from linkboard.web.schemas import Reason

_AMOUNT_KEYS = ("contribution", "points", "amount", "value", "weight", "score")
_EVIDENCE_KEYS = ("evidence", "quote", "reason", "text")
#: About how much evidence one reason shows; whole sentences only, the rest counted.
EVIDENCE_CHARS = 600


def reasons(breakdown: str | dict[str, Any] | None, top: int | None = None) -> list[Reason]:
    """The indicator contributions of a breakdown, largest first (the first ``top`` of them)."""
    data = _load(breakdown)
    items = data.get("contributions") or []
    out = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not item.get("code"):
            continue
        amount = next((item[k] for k in _AMOUNT_KEYS if isinstance(item.get(k), int | float)), 0.0)
        evidence = next((item[k] for k in _EVIDENCE_KEYS if item.get(k)), "")
        pieces = evidence if isinstance(evidence, list) else [evidence]
        out.append(
            Reason(
                code=str(item["code"]),
                name=str(item.get("name") or ""),
                amount=float(amount),
                evidence=evidence_text([str(e) for e in pieces if e]),
            )
        )
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


def bias(breakdown: str | dict[str, Any] | None) -> float | None:
    value = _load(breakdown).get("bias")
    return float(value) if isinstance(value, int | float) else None


def _load(breakdown: str | dict[str, Any] | None) -> dict[str, Any]:
    if isinstance(breakdown, dict):
        return breakdown
    if not breakdown:
        return {}
    try:
        data = json.loads(breakdown)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
