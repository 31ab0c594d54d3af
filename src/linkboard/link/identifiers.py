"""Hard links through shared identifiers, with generic identifiers held back.

Each identifier links every record carrying it to one *anchor*, the earliest record with it (by
``posted_at``, then id), so k records give k − 1 edges instead of k². An identifier that joins
otherwise unrelated groups — a public number, a spam line, an ad-booster's cash tag — is
*suspected* (written to ``identifier_status`` with the reason) and does not link; so is one
whose value is generic by itself (a factory-default device serial: ``ValueType.generic``) as
soon as a second record carries it. The rules and thresholds are in
:class:`~linkboard.link.config.IdentifierConfig`. An analyst's suppression list (text file, one
identifier a line with an optional ``# reason``, or YAML: a list of identifiers or of
``{identifier, reason}``) and ``identifier_status`` rows ``suppressed`` also stop linking;
``allowed`` overrides any suspicion.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from linkboard import hooks
from linkboard.link.config import IdentifierConfig
from linkboard.model import Link
from linkboard.store.corpus import CorpusStore


def load_suppress_file(path: Path | None) -> dict[str, str]:
    """identifier -> reason, from an analyst's suppression list (text or YAML)."""
    if path is None or not Path(path).exists():
        return {}
    text = Path(path).read_text(encoding="utf-8")
    if Path(path).suffix in (".yaml", ".yml"):
        import yaml

        out = {}
        for entry in yaml.safe_load(text) or []:
            if isinstance(entry, dict):
                out[str(entry["identifier"])] = str(entry.get("reason", "suppression list"))
            else:
                out[str(entry)] = "suppression list"
        return out
    out = {}
    for line in text.splitlines():
        ident, _, reason = line.partition("#")
        if ident.strip():
            out[ident.strip()] = reason.strip() or "suppression list"
    return out


@dataclass(slots=True)
class Statuses:
    """Which identifiers may link: ``blocked`` ones never do, ``allowed`` ones always do."""

    blocked: dict[str, str] = field(default_factory=dict)
    allowed: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, store: CorpusStore, config: IdentifierConfig) -> Statuses:
        out = cls(blocked=load_suppress_file(config.suppress_file))
        for ident, status, reason in store.identifier_statuses():
            if status == "allowed":
                out.allowed.add(ident)
            elif status in ("suppressed", "suspected"):
                out.blocked.setdefault(ident, f"{status}: {reason}")
        for ident in out.allowed:
            out.blocked.pop(ident, None)
        return out


def _epoch(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def generic_reason(
    holders: list[str],
    ctx: dict[str, dict[str, Any]],
    names: dict[str, set[str]],
    config: IdentifierConfig,
) -> str | None:
    """Why an identifier carried by HOLDERS looks generic, or None."""
    if len(holders) >= config.max_records:
        return f"{len(holders)} records carry it (limit {config.max_records})"
    aliases = set().union(*(names.get(r, set()) for r in holders))
    cities = {ctx[r]["city"] for r in holders if r in ctx and ctx[r]["city"]}
    if len(aliases) >= config.max_names:
        return f"{len(aliases)} different names use it (limit {config.max_names})"
    if len(cities) >= config.max_cities and len(aliases) >= config.min_names_with_cities:
        return (
            f"{len(cities)} cities and {len(aliases)} names (limits {config.max_cities} "
            f"and {config.min_names_with_cities})"
        )
    return _burst(holders, ctx, config)


def generic_value(identifier: str) -> str | None:
    """Why IDENTIFIER is generic by its value alone, whoever holds it (a factory-default device
    serial: its value type's ``generic``), or None."""
    kind, _, value = identifier.partition(":")
    vtype = hooks.value_types.get(kind)
    if vtype is None or vtype.generic is None:
        return None
    return vtype.generic(value)


def _burst(
    holders: list[str], ctx: dict[str, dict[str, Any]], config: IdentifierConfig
) -> str | None:
    timed = sorted(
        (t, ctx[r]["city"])
        for r in holders
        if r in ctx
        if (t := _epoch(ctx[r]["posted_at"])) is not None
    )
    lo = 0
    for hi in range(len(timed)):
        while timed[hi][0] - timed[lo][0] > config.burst_seconds:
            lo += 1
        if hi - lo + 1 >= config.burst_records:
            cities = {c for _, c in timed[lo : hi + 1] if c}
            if len(cities) >= config.burst_cities:
                return (
                    f"burst: {hi - lo + 1} posts in {config.burst_seconds // 60} min "
                    f"from {len(cities)} cities"
                )
    return None


@dataclass(slots=True)
class IdentifierResult:
    links: list[Link]
    suspected: dict[str, str]  # newly suspected identifier -> reason
    holders: dict[str, set[str]]  # newly suspected identifier -> every record carrying it


@dataclass(slots=True)
class Groups:
    """Each identifier's holders (every stored record carrying it, earliest first) and why it
    looks generic, read and judged once per ``update``: mentions do not change while an update
    runs, so its later increments reuse what the first increment to meet an identifier read.
    Holds at most ``limit`` holder entries; past that it starts again (a cache, not state)."""

    known: dict[str, tuple[list[str], str | None]] = field(default_factory=dict)
    entries: int = 0
    limit: int = 5_000_000

    def of(
        self, store: CorpusStore, identifiers: set[str], config: IdentifierConfig
    ) -> dict[str, tuple[list[str], str | None]]:
        """identifier -> (holders earliest first, generic reason or None), for IDENTIFIERS."""
        missing = identifiers - self.known.keys()
        if missing:
            if self.entries > self.limit:
                self.known.clear()
                self.entries = 0
                missing = set(identifiers)
            stored = store.records_with_identifiers(missing)
            every = set().union(*stored.values()) if stored else set()
            ctx = store.record_context(every)
            names = store.values_of(every, "name")
            for ident in missing:
                group = sorted(
                    stored.get(ident, ()),
                    key=lambda r: (ctx.get(r, {}).get("posted_at") or "~", r),
                )
                reason = None
                if len(group) > 1:
                    reason = generic_value(ident) or generic_reason(group, ctx, names, config)
                self.known[ident] = (group, reason)
                self.entries += len(group)
        return {i: self.known[i] for i in identifiers}


def identifier_links(
    carriers: dict[str, set[str]],
    groups: dict[str, tuple[list[str], str | None]],
    statuses: Statuses,
    union: Callable[[str, str], object],
    later: set[str] | frozenset[str] = frozenset(),
) -> IdentifierResult:
    """Links from each increment record to the anchor of each identifier it carries (CARRIERS:
    identifier -> those records; GROUPS: identifier -> every holder, earliest first, and why it
    looks generic, from :meth:`Groups.of`), and from the other holders to a new anchor in the
    increment, except records in LATER, a coming increment of the same update, which link when
    their turn comes. Generic detection sees every holder."""
    pairs: dict[tuple[str, str], list[str]] = {}
    anchors: dict[tuple[str, str], str] = {}
    result = IdentifierResult([], {}, {})
    for ident in sorted(carriers):
        if ident in statuses.blocked:
            continue
        group, reason = groups[ident]
        if len(group) < 2:
            continue
        if reason and ident not in statuses.allowed:
            result.suspected[ident] = reason
            result.holders[ident] = set(group)
            continue
        anchor = group[0]
        if anchor in carriers[ident]:
            others = [r for r in group[1:] if r not in later]
        else:
            others = sorted(carriers[ident] - {anchor})
        for rid in others:
            pair = (anchor, rid) if anchor < rid else (rid, anchor)
            if pair in pairs:
                pairs[pair].append(ident)
            else:
                pairs[pair], anchors[pair] = [ident], anchor
            union(anchor, rid)
    result.links = _links(pairs, anchors)
    return result


def _links(
    pairs: dict[tuple[str, str], list[str]], anchors: dict[tuple[str, str], str]
) -> list[Link]:
    """The identifier links of PAIRS (pair -> the identifiers they share), with each pair's
    anchor."""
    return [
        Link(
            a,
            b,
            "identifier",
            True,
            float(len(ids)),
            {"identifiers": sorted(set(ids)), "anchor": anchors[(a, b)]},
        )
        for (a, b), ids in pairs.items()
    ]
