"""Template families kept as their own finding, and the leads they give between networks.

When networks are regrouped, the families of the records involved are recomputed from the text
links (:func:`linkboard.link.templates.families`), over the whole of every family one of them
was in before, so a family is never left half-counted. Each family is stored with its records,
the networks that use it, its template (the aligned text of its most similar link) and slots.
A family whose ads sit in two or more networks is a **shared template**: each of those
networks gets a lead to the others ("same template as N…"), which an analyst may promote by
merging; text alone never merges them (linkboard.link.templates).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from linkboard.link.graph import LightLink
from linkboard.link.templates import families
from linkboard.network import Lead
from linkboard.store.corpus import CorpusStore

SLOT = re.compile(r"<([a-z]+)>")
LEADS_PER_NETWORK = 20


def update_families(
    store: CorpusStore,
    members: set[str],
    links: list[LightLink],
    assignment: dict[str, str | None],
    similarity: float,
) -> dict[str, tuple[Lead, ...]]:
    """Recompute the families of MEMBERS (linked by LINKS, placed in networks by ASSIGNMENT)
    and store them (families of text links of at least SIMILARITY); returns network -> its
    shared-template leads."""
    before = store.family_of(members)
    scope = set(members)
    outside = {r for ms in store.family_members(set(before.values())).values() for r in ms}
    outside -= scope
    text = [lk for lk in links if lk[2] == "text"]
    if outside:
        scope |= outside
        known = {(lk[0], lk[1]) for lk in text}
        text += [
            lk
            for lk in store.light_links_among(scope)
            if lk[2] == "text" and (lk[0], lk[1]) not in known
        ]
    where = dict(assignment)
    where.update(store.network_of(scope - where.keys()))
    found = families(text, similarity)
    text = [lk for lk in text if lk[4] >= similarity]
    best = _best_links(found, text)
    evidence = store.text_link_evidence([(lk[0], lk[1]) for lk in best.values()])
    rows, member_of = _family_rows(found, best, evidence, where)
    store.replace_families(scope, rows, member_of)
    return _leads(text, where, member_of)


def _family_rows(
    found: list[set[str]],
    best: dict[str, LightLink],
    evidence: dict[tuple[str, str], Any],
    where: dict[str, str | None],
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The rows of the families FOUND (id, size, networks, template of its BEST link, slots,
    similarity), and record -> its family."""
    rows, member_of = [], {}
    for fam in found:
        fid = "T-" + min(fam)
        member_of.update(dict.fromkeys(fam, fid))
        lk = best[fid]
        template = (evidence.get((lk[0], lk[1])) or {}).get("template", "")
        rows.append(
            {
                "id": fid,
                "size": len(fam),
                "networks": sorted({n for r in fam if (n := where.get(r))}),
                "template": template,
                "slots": sorted(set(SLOT.findall(template))),
                "similarity": lk[4],
            }
        )
    return rows, member_of


def _best_links(found: list[set[str]], text: list[LightLink]) -> dict[str, LightLink]:
    """family id -> its most similar text link."""
    fid = {r: "T-" + min(fam) for fam in found for r in fam}
    best: dict[str, LightLink] = {}
    for lk in text:
        f = fid[lk[0]]
        if f not in best or (lk[4], lk[:2]) > (best[f][4], best[f][:2]):
            best[f] = lk
    return best


def _leads(
    text: list[LightLink], where: dict[str, str | None], member_of: dict[str, str]
) -> dict[str, tuple[Lead, ...]]:
    """network -> the other networks it shares a template with: the family, how many text
    links cross, the best similarity (most similar first)."""
    between: dict[tuple[str, str], list[float]] = defaultdict(list)
    family: dict[tuple[str, str], str] = {}
    for a, b, _, _, score in text:
        na, nb = where.get(a), where.get(b)
        if na and nb and na != nb:
            for pair in ((na, nb), (nb, na)):
                between[pair].append(score)
                family[pair] = member_of[a]
    out: dict[str, list[Lead]] = defaultdict(list)
    for (mine, other), scores in sorted(between.items()):
        out[mine].append(Lead(other, family[(mine, other)], len(scores), round(max(scores), 4)))
    return {
        mine: tuple(sorted(leads, key=lambda x: (-x.similarity, x.network))[:LEADS_PER_NETWORK])
        for mine, leads in out.items()
    }
