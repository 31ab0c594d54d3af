"""Fire the record-level indicators of a taxonomy on one record: its words and its mentions."""

from __future__ import annotations

from linkboard.model import TEXT_FIELDS, Hit, Mention, Record
from linkboard.score.market import Market
from linkboard.score.mention_rules import MENTION_RULES, RecordContext
from linkboard.score.taxonomy import Taxonomy

#: Fields whose words the text indicators read (the URL is left to extraction).
SCORED_FIELDS = tuple(f for f in TEXT_FIELDS if f != "url")


def record_hits(
    record: Record, mentions: list[Mention], taxonomy: Taxonomy, *, market: Market | None = None
) -> list[Hit]:
    """Every record-level indicator that fires on ``record``, with its span and quoted evidence.

    Text indicators fire on the fields' words; rule indicators on ``mentions`` (``market`` is
    needed for PRICE_BELOW_MARKET, which stays silent without it). Hits of one indicator that
    overlap are kept once. Sorted by field order, then position.
    """
    matcher = taxonomy.matcher
    by_code = taxonomy.by_code
    hits: list[Hit] = []
    for name in SCORED_FIELDS:
        text = getattr(record, name)
        for m in matcher.find(text) if text else ():
            ind = by_code[m.code]
            detail = {"rule": m.rule, "term": m.term.name}
            if m.term.meaning:
                detail["meaning"] = m.term.meaning
            quote = f'"{text[m.start : m.end]}"'
            hits.append(Hit(m.code, "record", ind.weight, quote, name, m.start, m.end, detail))
    if mentions:
        kinds = {m.kind for m in mentions}
        ctx = RecordContext(record, mentions, matcher, market)
        for ind, needs in taxonomy.mention_rules:
            if not needs.isdisjoint(kinds):
                hits.extend(MENTION_RULES[ind.rule](ind, ctx))
    return _dedupe(hits) if len(hits) > 1 else hits


def _dedupe(hits: list[Hit]) -> list[Hit]:
    order = {f: i for i, f in enumerate(TEXT_FIELDS)}
    hits.sort(key=lambda h: (order.get(h.field, 99), h.start, -h.end, h.code))
    kept: list[Hit] = []
    last_end: dict[tuple[str, str], int] = {}
    for h in hits:
        key = (h.code, h.field)
        if h.start < last_end.get(key, -1):
            continue
        kept.append(h)
        last_end[key] = h.end
    return kept
