"""Record-level rules over a record's mentions: stated ages, time and payment values, joined
names, prices against the local market.

Each rule is ``rule(indicator, context) -> list[Hit]`` and is named in the taxonomy by
``rule: <name>`` with its ``params``. Mentions come from extraction; spans are theirs.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from linkboard.model import Hit, Mention, Record
from linkboard.score.market import Market, hourly_price, record_city, record_month
from linkboard.score.phrases import PhraseMatcher, lowered
from linkboard.score.taxonomy import Indicator


@dataclass
class RecordContext:
    """What a rule may look at: the record, its mentions, the market and the near-miss check."""

    record: Record
    mentions: list[Mention]
    matcher: PhraseMatcher
    market: Market | None = None
    _low: dict[str, str] = field(default_factory=dict)
    by_kind: dict[str, list[Mention]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for m in self.mentions:
            self.by_kind.setdefault(m.kind, []).append(m)

    def of(self, kind: str) -> list[Mention]:
        return self.by_kind.get(kind, [])

    def low(self, name: str) -> str:
        if name not in self._low:
            self._low[name] = lowered(self.record.field_text(name))
        return self._low[name]

    def near_miss(self, code: str, m: Mention) -> bool:
        return self.matcher.near_miss(self.low(m.field), code, m.start, m.end)


Rule = Callable[[Indicator, RecordContext], list[Hit]]
MENTION_RULES: dict[str, Rule] = {}
#: The mention kinds a rule reads (None: the kind is in the indicator's ``params``); a rule is
#: skipped for records without any mention of its kinds.
RULE_KINDS: dict[str, frozenset[str] | None] = {}


def rule(name: str, kinds: tuple[str, ...] | None) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        MENTION_RULES[name] = fn
        RULE_KINDS[name] = frozenset(kinds) if kinds is not None else None
        return fn

    return register


def rule_kinds(ind: Indicator) -> frozenset[str]:
    kinds = RULE_KINDS[ind.rule]
    return kinds if kinds is not None else frozenset({str(ind.params.get("kind", ""))})


def mention_hit(ind: Indicator, m: Mention, evidence: str, **detail: object) -> Hit:
    detail = {"mention": m.kind, "value": m.value, "rule": ind.rule, **detail}
    return Hit(ind.code, "record", ind.weight, evidence, m.field, m.start, m.end, detail)


@rule("stated_age_under", ("age",))
def stated_age_under(ind: Indicator, ctx: RecordContext) -> list[Hit]:
    """An ``age`` mention below ``below`` (18); values under ``min`` are misread numbers."""
    below, least = int(ind.params.get("below", 18)), int(ind.params.get("min", 12))
    hits = []
    for m in ctx.of("age"):
        if not m.value.isdigit():
            continue
        age = int(m.value)
        if least <= age < below and not ctx.near_miss(ind.code, m):
            hits.append(mention_hit(ind, m, f'"{m.text}" (stated age {age})', age=age))
    return hits


@rule("mention_value", None)
def mention_value(ind: Indicator, ctx: RecordContext) -> list[Hit]:
    """A mention of ``kind`` whose value is one of ``values`` or starts with one of ``prefixes``;
    with neither, any mention of that kind."""
    kind = ind.params["kind"]
    values = set(ind.params.get("values") or ())
    prefixes = tuple(ind.params.get("prefixes") or ())
    hits = []
    for m in ctx.of(kind):
        listed = (not values and not prefixes) or m.value in values or m.value.startswith(prefixes)
        if listed and not ctx.near_miss(ind.code, m):
            hits.append(mention_hit(ind, m, f'"{m.text}" ({kind} {m.value})'))
    return hits


@rule("names_joined", ("name",))
def names_joined(ind: Indicator, ctx: RecordContext) -> list[Hit]:
    """Two ``name`` mentions with only a joiner ("&", "and", "+") between them."""
    joiners = {str(j).lower() for j in ind.params.get("joiners", ["&", "and", "+"])}
    names = sorted(ctx.of("name"), key=lambda m: (m.field, m.start))
    hits = []
    for a, b in itertools.pairwise(names):
        if a.field != b.field or a.value == b.value:
            continue
        gap = ctx.low(a.field)[a.end : b.start].strip()
        if gap in joiners:
            text = ctx.record.field_text(a.field)[a.start : b.end]
            detail = {"names": [a.value, b.value], "rule": ind.rule}
            hits.append(
                Hit(ind.code, "record", ind.weight, f'"{text}"', a.field, a.start, b.end, detail)
            )
    return hits


@rule("price_below_market", ("price",))
def price_below_market(ind: Indicator, ctx: RecordContext) -> list[Hit]:
    """An hourly price under ``ratio`` x the city's median, when ``min_observations`` back it."""
    if ctx.market is None:
        return []
    city, month = record_city(ctx.record, ctx.of("location")), record_month(ctx.record)
    ratio, min_n = float(ind.params.get("ratio", 0.5)), int(ind.params.get("min_observations", 20))
    hits = []
    for m in ctx.of("price"):
        hp = hourly_price(m) if city else None
        if hp is None:
            continue
        hourly, cur = hp
        mp = ctx.market.price(city, month, cur, min_n)
        if mp is None or mp.median <= 0 or hourly >= ratio * mp.median:
            continue
        evidence = (
            f'"{m.text}" = {hourly:,.0f} {cur}/hour, {hourly / mp.median:.0%} of the median '
            f"{mp.median:,.0f} {cur}/hour in {city} ({mp.period}, {mp.n} ads)"
        )
        detail = {
            "hourly": hourly,
            "currency": cur,
            "median": mp.median,
            "n": mp.n,
            "city": city,
            "period": mp.period,
        }
        hits.append(mention_hit(ind, m, evidence, **detail))
    return hits
