"""Template families, and when text may join records: only where no stronger evidence divides.

Text similarity says that ads were written from one template, not that one operation posted
them: operations copy each other's wording, and ad-writing services and the sites' own examples
hand the same template to many posters. So two findings are kept apart:

- A **template family** is a set of records tied together by text links (any similarity the
  text linker keeps): InfoShield's finding, stored with the networks that use it.
- A **template component** is a set of *hard groups* (records held together by shared
  identifiers or photos; a record on its own is a group of one) tied by text links. A group of
  two or more records has an **established identity**.

The rule (:func:`text_joins`), for each component:

- with at most one established group, nothing divides the family: its joining text links join
  (``join`` similarity, or a weaker link confirmed by a shared name in the same city);
- with two or more, the template is **shared**: text never joins two established groups (the
  analyst may, from the lead each network shows). A record with nothing but text attaches to a
  group only when its joining links point to that group alone; when they point to several, a
  second, independent signal decides (a persona name, a price list, a name in the same city held
  by one of those groups only), or a clear margin in similarity (``TextConfig.attach_margin``);
  otherwise it stays apart. Attached records count as their group's, in rounds, so a chain of
  reposts follows its group. Records whose links reach no group at all join one another.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from linkboard.link.config import TextConfig
from linkboard.link.unionfind import UnionFind

if TYPE_CHECKING:
    from linkboard.link.graph import LightLink

#: record ids -> each record's second signals (``name:<alias>``, ``prices:<list>``, ...).
Signals = Callable[[set[str]], dict[str, set[str]]]

NONE: frozenset[str] = frozenset()


def families(links: Iterable[LightLink], similarity: float = 0.0) -> list[set[str]]:
    """The template families among LINKS: components of the records tied by text links of at
    least SIMILARITY (``TextConfig.family``: at the text linker's own threshold, families of
    the 100k synthetic corpus chain through stock phrases into one of 1,531 ads)."""
    uf = UnionFind()
    seen: set[str] = set()
    for lk in links:
        if lk[2] == "text" and lk[4] >= similarity:
            uf.union(lk[0], lk[1])
            seen.update(lk[:2])
    out: dict[str, set[str]] = defaultdict(set)
    for rid in seen:
        out[uf.find(rid)].add(rid)
    return [f for f in out.values() if len(f) > 1]


def text_joins(
    uf: UnionFind,
    members: dict[str, list[str]],
    soft: list[LightLink],
    rule: Rule,
    config: TextConfig,
    signals: Signals,
) -> list[LightLink]:
    """Join UF's hard groups through the SOFT links the rule above allows; returns those links.
    MEMBERS: hard group root -> its records (UF is updated, MEMBERS is not)."""
    comps = UnionFind()
    for lk in soft:
        comps.union(uf.find(lk[0]), uf.find(lk[1]))
    by_comp: dict[str, list[LightLink]] = defaultdict(list)
    for lk in soft:
        by_comp[comps.find(uf.find(lk[0]))].append(lk)
    joined: list[LightLink] = []
    for links in by_comp.values():
        good = [lk for lk in links if rule.joins(lk)]
        roots = {uf.find(r) for lk in links for r in lk[:2]}
        established = {g for g in roots if len(members.get(g, ())) >= 2}
        if len(established) <= 1:
            for lk in good:
                uf.union(lk[0], lk[1])
            joined += good
        else:
            joined += _divided(uf, members, good, established, rule, config, signals)
    return joined


@dataclass(frozen=True, slots=True)
class Rule:
    """Which soft links may join at all (``joins``: strong, or confirmed), and which are
    confirmed by a second signal on both ends (``confirmed``: a name in the same city)."""

    joins: Callable[[LightLink], bool]
    confirmed: Callable[[LightLink], bool]


def _divided(
    uf: UnionFind,
    members: dict[str, list[str]],
    good: list[LightLink],
    established: set[str],
    rule: Rule,
    config: TextConfig,
    signals: Signals,
) -> list[LightLink]:
    """A shared template: groups join only where a second signal confirms the text, and
    text-only records attach to the one group their text points to."""
    sig = signals({r for g in established for r in members[g]} | {r for lk in good for r in lk[:2]})
    own = {g: set().union(*(sig.get(r, NONE) for r in members[g])) for g in established}
    joined: list[LightLink] = []
    for lk in good:  # each group's own signals, not the merged ones: no snowball
        ga, gb = uf.find(lk[0]), uf.find(lk[1])
        oa, ob = own.get(ga), own.get(gb)
        if ga != gb and oa is not None and ob is not None and (rule.confirmed(lk) or oa & ob):
            uf.union(ga, gb)
            joined.append(lk)
    groups: dict[str, list[str]] = defaultdict(list)
    group_sig: dict[str, set[str]] = defaultdict(set)
    for g in established:
        groups[uf.find(g)] += members[g]
        group_sig[uf.find(g)] |= own[g]
    root = {r: uf.find(r) for lk in good for r in lk[:2]}
    edges: dict[str, list[tuple[str, LightLink]]] = defaultdict(list)
    for lk in good:
        ga, gb = root[lk[0]], root[lk[1]]
        if ga != gb:
            edges[ga].append((gb, lk))
            edges[gb].append((ga, lk))
    singles = sorted(g for g in edges if g not in groups)
    home: dict[str, str] = {g: g for g in groups}
    changed = True
    while changed:
        changed = False
        for s in singles:
            if s in home:
                continue
            best: dict[str, tuple[float, LightLink]] = {}
            for other, lk in edges[s]:
                at = home.get(other)
                if at is not None and (at not in best or lk[4] > best[at][0]):
                    best[at] = (lk[4], lk)
            mine = set(sig.get(s, NONE))
            choice = _choose(best, mine, group_sig, config.attach_margin)
            if choice is not None:
                home[s] = choice
                group_sig[choice] |= mine
                joined.append(best[choice][1])
                changed = True
    for s, g in home.items():
        uf.union(s, g)
    reaching = {s for s in singles if s not in home and any(o in home for o, _ in edges[s])}
    for lk in good:
        ends = (root[lk[0]], root[lk[1]])
        if not any(e in home or e in reaching for e in ends):
            uf.union(lk[0], lk[1])
            joined.append(lk)
    return joined


def _choose(
    best: dict[str, tuple[float, LightLink]],
    mine: set[str],
    group_sig: dict[str, set[str]],
    margin: float,
) -> str | None:
    """The one group a text-only record belongs to, or None when its text points to several
    and nothing else decides."""
    if len(best) == 1:
        return next(iter(best))
    if not best:
        return None
    agreeing = [g for g in best if mine & group_sig.get(g, set())]
    if len(agreeing) == 1:
        return agreeing[0]
    ranked = sorted(best.items(), key=lambda x: (-x[1][0], x[0]))
    if margin and ranked[0][1][0] - ranked[1][1][0] >= margin:
        return ranked[0][0]
    return None


def second_signals(names: dict[str, set[str]], prices: dict[str, set[str]]) -> dict[str, set[str]]:
    """record -> its second signals: each persona name, and its price list (two prices or
    more, as one key: an operation's rate card)."""
    out: dict[str, set[str]] = defaultdict(set)
    for rid, aliases in names.items():
        out[rid] |= {f"name:{a}" for a in aliases}
    for rid, values in prices.items():
        if len(values) >= 2:
            out[rid].add("prices:" + "|".join(sorted(values)))
    return out
