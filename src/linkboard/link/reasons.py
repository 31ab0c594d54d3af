"""One line that says why a link exists, from its evidence: the web graph's edges and the CLI's
``linkboard network`` show the same words."""

from __future__ import annotations

from typing import Any


def link_reason(kind: str, score: float, evidence: dict[str, Any]) -> str:
    """Why a link of KIND exists: the identifiers it shares, the photo distance, the template
    similarity."""
    if kind == "identifier":
        ident = evidence.get("identifier") or evidence.get("identifiers") or evidence.get("value")
        if isinstance(ident, list):
            more = f" +{len(ident) - 3}" if len(ident) > 3 else ""
            ident = ", ".join(map(str, ident[:3])) + more
        name = str(ident or "an identifier").split(":", 1)
        return f"shared {name[0]} {name[1]}" if len(name) == 2 else f"shared {name[0]}"
    if kind == "photo":
        dist = evidence.get("pdq_distance", evidence.get("distance", evidence.get("hamming")))
        if dist is None:
            return f"similar photo ({score:.2f})"
        why = f"photo distance {dist}"
        if "phash_distance" in evidence:
            why += f", pHash {evidence['phash_distance']}"
        if evidence.get("transform") not in (None, "", "identity"):
            why += f" ({evidence['transform']})"
        return why
    if kind == "text":
        sim = evidence.get("similarity", evidence.get("jaccard", score))
        return f"template similarity {float(sim):.2f}"
    note = evidence.get("note") or evidence.get("reason") or ""
    return f"{kind}: {note}".strip(": ") if note else kind
