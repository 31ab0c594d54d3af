"""The rule pack: ``data/rules.yaml`` read through the indicator taxonomy, so an analyst's file
merged over it by code changes a rule's weight, params or ``enabled``; its bands, typologies and
version come from ``rules.yaml`` itself, its lists from the files its params name."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from linkboard.payments.rules_ads import ad_identifier, ad_site_payments
from linkboard.payments.rules_cash import funnel, structuring
from linkboard.payments.rules_facts import Facts, Finding
from linkboard.payments.rules_lists import Lists, read_lists
from linkboard.payments.rules_night import night_credits
from linkboard.payments.rules_travel import travel_lodging
from linkboard.score.taxonomy import Indicator, Taxonomy, load_taxonomy, pack_version

RULES_PATH = Path(__file__).resolve().parent / "data" / "rules.yaml"

Evaluator = Callable[[Facts, Mapping[str, Any], Lists], "Finding | None"]
#: The evaluators a rule entry names by its ``rule``.
EVALUATORS: dict[str, Evaluator] = {
    "ad_identifier": ad_identifier,
    "cash_structuring": structuring,
    "funnel_account": funnel,
    "ad_site_payments": ad_site_payments,
    "night_credits": night_credits,
    "travel_lodging": travel_lodging,
}


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
    """One rule as evaluated: its indicator's code, weight and params, bands, lists."""

    code: str
    name: str
    weight: float
    params: Mapping[str, Any]
    bands: tuple[Band, ...]
    lists: Lists
    evaluator: Evaluator
    reference: str = ""

    def band(self, strength: float) -> Band | None:
        """The strongest band ``strength`` reaches (None below the weakest)."""
        return next((b for b in reversed(self.bands) if strength >= b.min), None)


@dataclass(frozen=True)
class Typology:
    """Rules that together make one pattern: the points each adds when it reaches a weak band,
    and the sum at which they alert."""

    code: str
    name: str
    points: Mapping[str, float]
    alert_threshold: float
    reference: str = ""


@dataclass(frozen=True)
class RulePack:
    """The rules to run (enabled ones only), the typologies, the version every alert carries."""

    version: str
    rules: tuple[Rule, ...]
    typologies: tuple[Typology, ...]
    taxonomy: Taxonomy = field(repr=False)
    path: Path = RULES_PATH

    def __getitem__(self, code: str) -> Rule:
        for rule in self.rules:
            if rule.code == code:
                return rule
        raise KeyError(code)

    def __contains__(self, code: object) -> bool:
        return any(r.code == code for r in self.rules)


def load_pack(taxonomy: Taxonomy | None = None, path: Path = RULES_PATH) -> RulePack:
    """The pack of ``path`` (``data/rules.yaml``) with each rule's weight, params and
    ``enabled`` read from ``taxonomy`` (default: ``load_taxonomy([path])``; pass
    ``load_taxonomy([path, analyst.yaml, ...])`` for an analyst's overrides). A param an
    override does not name keeps its value in ``path``."""
    raw = _read(path)
    taxonomy = taxonomy or load_taxonomy([path])
    entries = [e for e in raw.get("indicators") or [] if isinstance(e, dict)]
    missing = [e["code"] for e in entries if e.get("code") not in taxonomy]
    own = load_taxonomy([path]) if missing else taxonomy
    rules = []
    for entry in entries:
        ind = taxonomy.by_code.get(entry["code"]) or own[entry["code"]]
        if ind.enabled:
            rules.append(_rule(entry, ind, path))
    codes = {e["code"] for e in entries}
    typologies = tuple(_typology(t, codes, path) for t in raw.get("typologies") or [])
    version = str(raw.get("version") or path.stem)
    return RulePack(_version(version, taxonomy), tuple(rules), typologies, taxonomy, path)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RulePackError(f"{path}: cannot read rule pack: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise RulePackError(f"{path}: expected a mapping with a list of `indicators`")
    return data


def _rule(entry: Mapping[str, Any], ind: Indicator, path: Path) -> Rule:
    evaluator = EVALUATORS.get(ind.rule)
    if evaluator is None:
        raise RulePackError(f"{path}: {ind.code}: unknown rule {ind.rule!r}")
    params = {**(entry.get("params") or {}), **ind.params}
    return Rule(
        code=ind.code,
        name=ind.name,
        weight=ind.weight,
        params=params,
        bands=_bands(entry, path),
        lists=read_lists(params, path.parent),
        evaluator=evaluator,
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


def _typology(raw: Any, codes: set[str], path: Path) -> Typology:
    if not isinstance(raw, dict) or not {"code", "rules", "alert_threshold"} <= raw.keys():
        raise RulePackError(f"{path}: a typology needs code, rules, alert_threshold: {raw!r}")
    unknown = set(raw["rules"]) - codes
    if unknown:
        raise RulePackError(f"{path}: {raw['code']}: unknown rules {sorted(unknown)}")
    return Typology(
        code=str(raw["code"]),
        name=str(raw.get("name", raw["code"])),
        points={str(c): float(p) for c, p in raw["rules"].items()},
        alert_threshold=float(raw["alert_threshold"]),
        reference=str(raw.get("reference", "")),
    )


def _version(version: str, taxonomy: Taxonomy) -> str:
    from linkboard import hooks

    return pack_version(version, taxonomy, hooks.indicator_files.all().values())
