"""The social channel's rule pack: ``data/rules.yaml`` read through the indicator taxonomy, so an
analyst's file merged over it by code changes a rule's weight, params or ``enabled``; its bands
and version come from ``rules.yaml`` itself. The pack carries the taxonomy it was read from,
whose text matcher gives each message its RECRUIT_* codes (``data/indicators.yaml``).

    pack = load_pack()                          # default + indicators.yaml + rules.yaml
    pack = load_pack(social_taxonomy(mine))     # ... + an analyst's overrides
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from linkboard.score.taxonomy import Indicator, Taxonomy, load_taxonomy, pack_version

DATA = Path(__file__).resolve().parent / "data"
RULES_PATH = DATA / "rules.yaml"
INDICATORS_PATH = DATA / "indicators.yaml"
#: The rule names a rules.yaml entry may give (each has an evaluator in this package).
RULES = ("recruiter", "promotion")


class RulePackError(ValueError):
    """A rules file that cannot be used, with the file and the rule it is about."""


@dataclass(frozen=True, slots=True)
class Band:
    """From ``min`` strength up: its label, whether it alerts alone, its reason template."""

    min: float
    label: str
    reason: str
    alerts: bool


@dataclass(frozen=True)
class Rule:
    """One rule as evaluated: its indicator's code, weight and params, its bands, and the
    regular expressions of its params compiled (``patterns`` by the name of their entry)."""

    code: str
    name: str
    weight: float
    params: Mapping[str, Any]
    bands: tuple[Band, ...]
    patterns: Mapping[str, re.Pattern[str]] = field(default_factory=dict)
    reference: str = ""

    def band(self, strength: float) -> Band | None:
        """The strongest band ``strength`` reaches (None below the weakest)."""
        return next((b for b in reversed(self.bands) if strength >= b.min), None)


@dataclass(frozen=True)
class RulePack:
    """The rules to run (enabled ones only), the version every alert carries, the taxonomy."""

    version: str
    rules: tuple[Rule, ...]
    taxonomy: Taxonomy = field(repr=False)
    path: Path = RULES_PATH

    def get(self, code: str) -> Rule | None:
        return next((r for r in self.rules if r.code == code), None)

    def __getitem__(self, code: str) -> Rule:
        rule = self.get(code)
        if rule is None:
            raise KeyError(code)
        return rule

    def __contains__(self, code: object) -> bool:
        return any(r.code == code for r in self.rules)


def social_taxonomy(*paths: Path) -> Taxonomy:
    """The default taxonomy with the social channel's indicators and rules merged over it, then
    each of ``paths`` (an analyst's overrides)."""
    return load_taxonomy([INDICATORS_PATH, RULES_PATH, *paths])


def load_pack(taxonomy: Taxonomy | None = None, path: Path = RULES_PATH) -> RulePack:
    """The pack of ``path`` with each rule's weight, params and ``enabled`` read from
    ``taxonomy`` (default :func:`social_taxonomy`). A param an override does not name keeps its
    value in ``path``."""
    raw = _read(path)
    taxonomy = taxonomy or load_taxonomy([INDICATORS_PATH, path])
    entries = [e for e in raw.get("indicators") or [] if isinstance(e, dict)]
    own = load_taxonomy([path]) if any(e.get("code") not in taxonomy for e in entries) else None
    rules = []
    for entry in entries:
        ind = taxonomy.by_code.get(entry["code"]) or (own or taxonomy)[entry["code"]]
        if ind.enabled:
            rules.append(_rule(entry, ind, path))
    version = str(raw.get("version") or path.stem)
    return RulePack(_version(version, taxonomy), tuple(rules), taxonomy, path)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RulePackError(f"{path}: cannot read rule pack: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise RulePackError(f"{path}: expected a mapping with a list of `indicators`")
    return data


def _rule(entry: Mapping[str, Any], ind: Indicator, path: Path) -> Rule:
    if ind.rule not in RULES:
        raise RulePackError(f"{path}: {ind.code}: unknown rule {ind.rule!r}")
    params = {**(entry.get("params") or {}), **ind.params}
    return Rule(
        code=ind.code,
        name=ind.name,
        weight=ind.weight,
        params=params,
        bands=_bands(entry, path),
        patterns=_patterns(params, f"{path}: {ind.code}"),
        reference=ind.reference,
    )


def _bands(entry: Mapping[str, Any], path: Path) -> tuple[Band, ...]:
    raw = entry.get("bands")
    if not isinstance(raw, list) or not raw:
        raise RulePackError(f"{path}: {entry['code']}: needs `bands`")
    try:
        bands = [
            Band(float(b["min"]), str(b["label"]), str(b["reason"]), bool(b.get("alerts")))
            for b in raw
        ]
    except (KeyError, TypeError, ValueError) as exc:
        raise RulePackError(f"{path}: {entry['code']}: a band needs min, label, reason") from exc
    return tuple(sorted(bands, key=lambda b: b.min))


def _patterns(params: Mapping[str, Any], where: str) -> dict[str, re.Pattern[str]]:
    """Each params entry that holds ``patterns`` (at the top, or one level down as the
    ``signals`` do), its patterns compiled into one regex under the entry's name."""
    out = {}
    for name, value in _pattern_entries(params):
        try:
            out[name] = re.compile("|".join(f"(?:{p})" for p in value))
        except re.error as exc:
            raise RulePackError(f"{where}: bad pattern in {name}: {exc}") from exc
    return out


def _pattern_entries(params: Mapping[str, Any]) -> Iterator[tuple[str, list[str]]]:
    for name, value in params.items():
        if isinstance(value, Mapping) and isinstance(value.get("patterns"), list):
            yield str(name), [str(p) for p in value["patterns"]]
        elif isinstance(value, Mapping):
            for sub, inner in value.items():
                if isinstance(inner, Mapping) and isinstance(inner.get("patterns"), list):
                    yield str(sub), [str(p) for p in inner["patterns"]]


def _version(version: str, taxonomy: Taxonomy) -> str:
    from linkboard import hooks

    return pack_version(version, taxonomy, hooks.indicator_files.all().values())
