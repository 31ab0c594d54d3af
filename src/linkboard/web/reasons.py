"""The reasons behind a risk score, read from a stored breakdown (``model.Breakdown``)."""

from __future__ import annotations

import json
from typing import Any

from linkboard.web.schemas import Reason

_AMOUNT_KEYS = ("contribution", "points", "amount", "value", "weight", "score")
_EVIDENCE_KEYS = ("evidence", "quote", "reason", "text")


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
        if isinstance(evidence, list):
            evidence = "; ".join(str(e) for e in evidence[:5])
        out.append(
            Reason(
                code=str(item["code"]),
                name=str(item.get("name") or ""),
                amount=float(amount),
                evidence=str(evidence)[:300],
            )
        )
    out.sort(key=lambda r: -r.amount)
    return out[:top] if top else out


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
