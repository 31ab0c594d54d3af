"""Union-find and the joining rule: which links hold records together in one network.

Hard links (shared identifier, near-identical photo) join. A soft (text) link may join at
``text.join`` similarity, or below it when confirmed: its two records share a confirmation key
(the same ``name`` mention in the same city, ``text.confirm_by_name_in_city``; a phone area
code, ``text.confirm_by_area_code``). Whether it does is the shared-template rule of
:mod:`linkboard.link.templates`: text joins only where no stronger evidence divides the records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from linkboard.link.components import UnionFind
from linkboard.link.config import LinkConfig
from linkboard.link.templates import Rule, Signals, text_joins

LightLink = tuple[str, str, str, bool, float]  # a, b, kind, hard, score


def joining_links(
    ids: Iterable[str],
    links: list[LightLink],
    config: LinkConfig,
    confirm: dict[str, set[str]],
    signals: Signals | None = None,
) -> tuple[list[set[str]], list[LightLink]]:
    """The groups (components) of IDS under the joining rule, and the links that joined them.
    CONFIRM: record -> its confirmation keys (:func:`confirmation_keys`); SIGNALS: reads the
    second signals of records a shared template leaves undecided (:mod:`linkboard.link.templates`;
    none by default)."""
    uf = UnionFind()
    joined: list[LightLink] = []
    soft = []
    for lk in links:
        if lk[3]:
            uf.union(lk[0], lk[1])
            joined.append(lk)
        else:
            soft.append(lk)
    members: dict[str, list[str]] = defaultdict(list)
    for rid in ids:
        members[uf.find(rid)].append(rid)

    def confirmed(lk: LightLink) -> bool:
        return bool(confirm.get(lk[0], NONE) & confirm.get(lk[1], NONE))

    def joins(lk: LightLink) -> bool:
        return lk[4] >= config.text.join or confirmed(lk)

    rule = Rule(joins, confirmed)
    joined += text_joins(uf, members, soft, rule, config.text, signals or _no_signals)
    groups: dict[str, set[str]] = defaultdict(set)
    for rid in ids:
        groups[uf.find(rid)].add(rid)
    return list(groups.values()), joined


def _no_signals(rids: set[str]) -> dict[str, set[str]]:
    return {}


NONE: frozenset[str] = frozenset()


def confirmation_keys(
    config: LinkConfig,
    names: dict[str, set[str]],
    cities: dict[str, str | None],
    phones: dict[str, set[str]],
) -> dict[str, set[str]]:
    """record -> the keys by which a weak text link between two records is confirmed when they
    share one: ``name:<alias>@<city>`` (``text.confirm_by_name_in_city``), ``area:<code>``
    (``text.confirm_by_area_code``)."""
    out: dict[str, set[str]] = defaultdict(set)
    if config.text.confirm_by_name_in_city:
        for rid, aliases in names.items():
            if city := cities.get(rid):
                out[rid] |= {f"name:{a}@{city}" for a in aliases}
    if config.text.confirm_by_area_code:
        for rid, codes in area_codes(phones).items():
            out[rid] |= {f"area:{c}" for c in codes}
    return out


def area_codes(phones: dict[str, set[str]]) -> dict[str, set[str]]:
    """record -> area codes (``+1NXX``, or the first 5 characters of other E.164 numbers)."""
    return {rid: {p[:5] for p in values if p.startswith("+")} for rid, values in phones.items()}
