"""Template families, and when text may join records: only where no stronger evidence divides.

Text similarity says that ads were written from one template, not that one operation posted
them: operations copy each other's wording, and ad-writing services and the sites' own examples
hand the same template (sometimes with its rate card) to many posters. So two findings are kept
apart:

- A **template family** is a set of records tied together by text links (of at least
  ``TextConfig.family`` similarity): InfoShield's finding, stored with the networks that use it.
- A **template component** is a set of *hard groups* (records held together by shared
  identifiers or photos; a record on its own is a group of one) tied by text links that may join
  (``join`` similarity, a weaker link confirmed by a name in the same city, or ``family``).

The rule (:class:`Component`), for each component: its **identities** are its groups of two or
more records and the text-only records that agree on a second signal (a persona name, a rate
card that is not a writing service's). Identities join one another only where a second signal
confirms the text and none contradicts it (rate cards with no price in common; one persona name
stated with ages years apart) — text alone never merges two operations that each hold an
identity (the analyst may, from the lead each network shows). A record with nothing but text
attaches to the one identity its text points to that it fits; when it points to several, a
second signal or a clear margin in similarity (``TextConfig.attach_margin``) decides; otherwise
it stays apart. Attached records count as their identity's, in rounds, so a chain of reposts
follows its group; records whose links reach no identity join one another where they fit. A
component with one identity or none is a family that nothing divides: it is one network.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from linkboard.link.components import UnionFind
from linkboard.link.config import TextConfig

if TYPE_CHECKING:
    from linkboard.link.graph import LightLink

#: record ids -> each record's second signals (``name:<alias>``, ``prices:<list>``, ...).
Signals = Callable[[set[str]], dict[str, set[str]]]

NONE: frozenset[str] = frozenset()
#: An identity naming more persons than this, each in few of its ads, has names as slots.
PERSONAS = 3
#: Years by which one persona's stated age may differ between two ads of one operation.
AGE_DRIFT = 3


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
        if rule.joins(lk) or lk[4] >= config.family:
            by_comp[comps.find(uf.find(lk[0]))].append(lk)
    roots = {uf.find(r) for links in by_comp.values() for lk in links for r in lk[:2]}
    sig = signals({r for g in roots for r in members.get(g, [g])}) if roots else {}
    joined: list[LightLink] = []
    for links in by_comp.values():
        joined += Component(uf, members, sig, rule, config).join(links)
    return joined


@dataclass(frozen=True, slots=True)
class Rule:
    """Which soft links may join at all (``joins``: strong, or confirmed), and which are
    confirmed by a second signal on both ends (``confirmed``: a name in the same city)."""

    joins: Callable[[LightLink], bool]
    confirmed: Callable[[LightLink], bool]


class Component:
    """One template component: which of its hard groups the text joins, and through which links.

    Its **identities** are its groups of two or more records, and its records with nothing but
    text that agree on a second signal (a persona name, or a rate card that is not common) and
    share a text link: an operation whose phone changes in every ad. Identities join one another
    only where a second signal confirms the text and none contradicts it; a record on its own
    attaches to the one identity its text points to that it fits (:meth:`fits`)."""

    def __init__(
        self,
        uf: UnionFind,
        members: dict[str, list[str]],
        sig: dict[str, set[str]],
        rule: Rule,
        config: TextConfig,
    ) -> None:
        self.uf, self.members, self.sig, self.rule, self.config = uf, members, sig, rule, config
        self.joined: list[LightLink] = []
        self.common: set[str] = set()

    def own(self, group: str) -> set[str]:
        return set().union(*(self.sig.get(r, NONE) for r in self.members.get(group, [group])))

    def size(self, group: str) -> int:
        return len(self.members.get(group, (group,)))

    def agree(self, a: set[str], b: set[str]) -> bool:
        """A second signal on both sides that tells operations apart."""
        return bool((a & b) - self.common)

    def fits(self, mine: set[str], theirs: set[str], size: int = 1) -> bool:
        """Whether a record on its own (second signals MINE) may be an identity's (THEIRS, over
        SIZE records): no contradicting rate card, and no persona of its own when the identity
        names a few others (names that change in most of an identity's ads are slots, not
        personas: InfoShield's kind of template)."""
        if contradicts(mine, theirs):
            return False
        names = {k for k in mine if k.startswith("name:")}
        if not names or names & theirs:
            return True
        known = sum(1 for k in theirs if k.startswith("name:"))
        return known == 0 or (known > PERSONAS and 2 * known > size)

    def join(self, links: list[LightLink]) -> list[LightLink]:
        groups = {self.uf.find(r) for lk in links for r in lk[:2]}
        self.common = self._common_cards(groups)
        soft = self._soft_identities(links)
        ident = {self.uf.find(g) for g in groups if self.size(g) >= 2 or g in soft}
        self._identities(links, groups, ident)
        self._attach(links, groups, {self.uf.find(g) for g in ident})
        return self.joined

    def _common_cards(self, groups: set[str]) -> set[str]:
        """Rate cards that do not tell operations apart: held by a group of two or more records
        and by another group none of whose persona names it shares (a writing service's card,
        copied by every operation that uses its template)."""
        holders: dict[str, list[tuple[bool, frozenset[str]]]] = defaultdict(list)
        for g in groups:
            signals = self.own(g)
            names = frozenset(k for k in signals if k.startswith("name:"))
            for k in signals:
                if k.startswith("prices:") and names:
                    holders[k].append((self.size(g) >= 2, names))
        return {
            card
            for card, held in holders.items()
            if any(
                hard and not names & other
                for i, (hard, names) in enumerate(held)
                for j, (_, other) in enumerate(held)
                if i != j
            )
        }

    def _soft_identities(self, links: list[LightLink]) -> set[str]:
        """Join the records on their own that agree on a second signal and share a text link;
        returns the records so joined (identities of their own)."""
        out: set[str] = set()
        for lk in links:
            a, b = lk[0], lk[1]
            if self.size(self.uf.find(a)) > 1 or self.size(self.uf.find(b)) > 1:
                continue
            sa, sb = self.sig.get(a, set()), self.sig.get(b, set())
            if self.agree(sa, sb) and not contradicts(sa, sb):
                if self.uf.union(a, b):
                    self.joined.append(lk)
                out |= {a, b}
        return out

    def _identities(self, links: list[LightLink], groups: set[str], ident: set[str]) -> None:
        """Merge identities where a second signal confirms the text and none contradicts it,
        judged on each identity's own signals (one merge cannot make the next)."""
        uf = self.uf
        own: dict[str, set[str]] = defaultdict(set)
        for g in groups:
            if uf.find(g) in ident:
                own[uf.find(g)] |= self.own(g)
        for lk in links:
            ga, gb = uf.find(lk[0]), uf.find(lk[1])
            oa, ob = own.get(ga), own.get(gb)
            if ga == gb or oa is None or ob is None or contradicts(oa, ob):
                continue
            if (self.rule.confirmed(lk) or self.agree(oa, ob)) and uf.union(ga, gb):
                self.joined.append(lk)

    def _placed_signals(
        self, groups: set[str], placed: set[str]
    ) -> tuple[dict[str, set[str]], Counter[str]]:
        """The second signals and the sizes of the identities PLACED holds, by their root."""
        group_sig: dict[str, set[str]] = defaultdict(set)
        size: Counter[str] = Counter()
        for g in groups:
            root = self.uf.find(g)
            if root in placed:
                group_sig[root] |= self.own(g)
                size[root] += self.size(g)
        return group_sig, size

    def _attach(self, links: list[LightLink], groups: set[str], placed: set[str]) -> None:
        """Records on their own attach, in rounds, to the one identity their text points to
        (a second signal or a margin decides between several); records that reach none join
        one another where they fit."""
        uf = self.uf
        node = {r: uf.find(r) for lk in links for r in lk[:2]}
        group_sig, size = self._placed_signals(groups, placed)
        edges = _edges(links, node)
        singles = sorted(g for g in edges if g not in placed)
        at: dict[str, str] = {g: g for g in placed}
        self._rounds(singles, edges, at, group_sig, size)
        reaching = {s for s in singles if s not in at and any(o in at for o, _ in edges[s])}
        self._join_free(links, node, at.keys() | reaching)
        for s, g in at.items():
            uf.union(s, g)

    def _rounds(
        self,
        singles: list[str],
        edges: dict[str, list[tuple[str, LightLink]]],
        at: dict[str, str],
        group_sig: dict[str, set[str]],
        size: Counter[str],
    ) -> None:
        """Attach SINGLES (records on their own) to identities, recorded in AT (record -> its
        identity), round after round until a round attaches none: an attached record counts as
        its identity's (its signals in GROUP_SIG, one more in SIZE), so a chain of reposts
        follows its group."""
        changed = True
        while changed:
            changed = False
            for s in singles:
                if s in at:
                    continue
                choice, why = self._choose(s, edges[s], at, group_sig, size)
                if choice is not None and why is not None:
                    at[s] = choice
                    group_sig[choice] |= self.own(s)
                    size[choice] += 1
                    self.joined.append(why)
                    changed = True

    def _join_free(self, links: list[LightLink], node: dict[str, str], taken: set[str]) -> None:
        """Join the groups (NODE: record -> its group) of LINKS that are neither attached nor
        reach an identity (none of TAKEN), where each fits the other."""
        for lk in links:
            ga, gb = node[lk[0]], node[lk[1]]
            free = ga != gb and not {ga, gb} & taken
            if (
                free
                and self.fits(self.own(ga), self.own(gb))
                and self.fits(self.own(gb), self.own(ga))
            ):
                self.uf.union(ga, gb)
                self.joined.append(lk)

    def _choose(
        self,
        single: str,
        edges: list[tuple[str, LightLink]],
        at: dict[str, str],
        group_sig: dict[str, set[str]],
        size: Counter[str],
    ) -> tuple[str | None, LightLink | None]:
        """The one identity a record on its own belongs to, and the link that says so; None
        when its text points to several and nothing else decides, or only to identities it
        does not fit."""
        mine = self.own(single)
        best: dict[str, tuple[float, LightLink]] = {}
        for other, lk in edges:
            group = at.get(other)
            if group is None or not self.fits(mine, group_sig[group], size[group]):
                continue
            if group not in best or lk[4] > best[group][0]:
                best[group] = (lk[4], lk)
        if len(best) == 1:
            group = next(iter(best))
            return group, best[group][1]
        agreeing = [g for g in best if self.agree(mine, group_sig[g])]
        if len(agreeing) == 1:
            return agreeing[0], best[agreeing[0]][1]
        ranked = sorted(best.items(), key=lambda x: (-x[1][0], x[0]))
        margin = self.config.attach_margin
        if len(ranked) > 1 and margin and ranked[0][1][0] - ranked[1][1][0] >= margin:
            return ranked[0][0], ranked[0][1][1]
        return None, None


def _edges(links: list[LightLink], node: dict[str, str]) -> dict[str, list[tuple[str, LightLink]]]:
    """Group -> (the other group, the link) of each of LINKS between two groups (NODE: record ->
    its group), both ways, in the links' order."""
    edges: dict[str, list[tuple[str, LightLink]]] = defaultdict(list)
    for lk in links:
        ga, gb = node[lk[0]], node[lk[1]]
        if ga != gb:
            edges[ga].append((gb, lk))
            edges[gb].append((ga, lk))
    return edges


def contradicts(a: set[str], b: set[str]) -> bool:
    """Whether two sets of second signals say two operations: both name rate cards (price
    lists of two prices or more) and no price is on both; or both state the age of a persona
    of one name, years apart (more than ``AGE_DRIFT``)."""
    ra = {p for k in a if k.startswith("prices:") for p in k[7:].split("|")}
    rb = {p for k in b if k.startswith("prices:") for p in k[7:].split("|")}
    if ra and rb and not ra & rb:
        return True
    ages_a, ages_b = _persona_ages(a), _persona_ages(b)
    return any(
        all(abs(x - y) > AGE_DRIFT for x in ages_a[name] for y in ages_b[name])
        for name in ages_a.keys() & ages_b.keys()
    )


def _persona_ages(signals: set[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for k in signals:
        if k.startswith("persona:"):
            name, _, age = k[8:].rpartition("@")
            out[name].append(int(age))
    return out


def second_signals(
    names: dict[str, set[str]],
    prices: dict[str, set[str]],
    ages: dict[str, set[str]] | None = None,
) -> dict[str, set[str]]:
    """record -> its second signals: each persona name; its price list (two prices or more,
    as one key: an operation's rate card); and, where an ad names one persona and states one
    age, that persona's age (``persona:<name>@<age>``, for :func:`contradicts` only)."""
    out: dict[str, set[str]] = defaultdict(set)
    for rid, aliases in names.items():
        out[rid] |= {f"name:{a}" for a in aliases}
        stated = (ages or {}).get(rid, set())
        if len(aliases) == 1 and len(stated) == 1 and next(iter(stated)).isdigit():
            out[rid].add(f"persona:{next(iter(aliases))}@{next(iter(stated))}")
    for rid, values in prices.items():
        if len(values) >= 2:
            out[rid].add("prices:" + "|".join(sorted(values)))
    return out
