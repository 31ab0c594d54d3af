"""The indicator taxonomy: versioned data, loaded and merged by small typed code.

The default taxonomy is ``linkboard/data/indicators.yaml``. An analyst's YAML files are merged over
it by ``code``: an entry with a known code overrides only the fields it names (usually ``weight``),
an entry with a new code adds an indicator, ``enabled: false`` switches one off. No code change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from linkboard.score.phrases import PhraseMatcher

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_PATH = DATA_DIR / "indicators.yaml"

#: ``record``: fired on a record from its text and mentions; ``network``: on a network from its
#: structure; ``channel``: raised by a channel's own rule pack on a record from the records
#: around it (an account's transactions), its rule being the channel's, its params read here.
LEVELS = ("record", "network", "channel")
_CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")
_REQUIRED = ("code", "name", "meaning", "level", "category", "weight", "reference")


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used, with the file and the indicator it is about."""


@dataclass(frozen=True, slots=True)
class Term:
    """A phrase an indicator fires on, with its documented meaning (for coded terms)."""

    phrase: str
    meaning: str = ""
    key: str = ""  # the canonical phrase of a coded term with several spellings

    @property
    def name(self) -> str:
        return self.key or self.phrase


@dataclass(frozen=True)
class Indicator:
    """One red flag: what it means, how much it weighs, how it fires, where it comes from."""

    code: str
    name: str
    meaning: str
    level: str
    category: str
    weight: float
    reference: str
    phrases: tuple[Term, ...] = ()
    patterns: tuple[str, ...] = ()
    not_patterns: tuple[str, ...] = ()
    terms_file: str = ""
    rule: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    examples: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    enabled: bool = True

    @property
    def is_text(self) -> bool:
        """Fires on the words of a record (phrases, coded terms or patterns)."""
        return bool(self.phrases or self.patterns)


@dataclass(frozen=True)
class Taxonomy:
    """The merged taxonomy: version, bias, network lift and the indicators by code."""

    version: str
    bias: float
    network_lift: float
    indicators: tuple[Indicator, ...]
    sources: tuple[str, ...] = ()

    @cached_property
    def by_code(self) -> dict[str, Indicator]:
        return {i.code: i for i in self.indicators}

    def __getitem__(self, code: str) -> Indicator:
        return self.by_code[code]

    def __contains__(self, code: object) -> bool:
        return code in self.by_code

    def active(self, level: str | None = None) -> list[Indicator]:
        return [i for i in self.indicators if i.enabled and (level is None or i.level == level)]

    @cached_property
    def matcher(self) -> PhraseMatcher:
        """All text indicators compiled into one phrase regex and one pattern regex."""
        from linkboard.score.phrases import PhraseMatcher

        return PhraseMatcher(self.active("record"))

    @cached_property
    def mention_rules(self) -> list[tuple[Indicator, frozenset[str]]]:
        """Active record-level rule indicators with the mention kinds each reads."""
        from linkboard.score.mention_rules import rule_kinds

        return [(i, rule_kinds(i)) for i in self.active("record") if i.rule]

    def weight(self, code: str) -> float:
        ind = self.by_code.get(code)
        return ind.weight if ind is not None else 0.0


def pack_version(version: str, taxonomy: Taxonomy, channel_files: Iterable[Path | str]) -> str:
    """A channel rule pack's VERSION, followed by the versions of the files TAXONOMY merged
    after it that are no channel's own (CHANNEL_FILES: an analyst's overrides,
    ``fin-2026.12+mine``): an alert says which overrides it was raised under, not which other
    channels are installed."""
    parts = taxonomy.version.split("+")
    if version not in parts:
        return version
    at = parts.index(version)
    channels = {str(f) for f in channel_files}
    later = zip(parts[at + 1 :], taxonomy.sources[at + 1 :], strict=False)
    return "+".join([version, *(part for part, source in later if source not in channels)])


def load_taxonomy(paths: Sequence[Path] | None = None) -> Taxonomy:
    """The default taxonomy with each file of ``paths`` merged over it, in order, by code."""
    raw = _read(DEFAULT_PATH)
    version, bias, lift = str(raw["version"]), float(raw["bias"]), float(raw["network_lift"])
    entries: dict[str, dict[str, Any]] = {}
    bases: dict[str, Path] = {}
    _merge(entries, bases, raw, DEFAULT_PATH)
    for path in paths or []:
        user = _read(Path(path))
        _merge(entries, bases, user, Path(path))
        version = f"{version}+{user.get('version', Path(path).stem)}"
        bias = float(user.get("bias", bias))
        lift = float(user.get("network_lift", lift))
    indicators = tuple(_build(e, bases[code]) for code, e in entries.items())
    sources = (str(DEFAULT_PATH), *(str(p) for p in paths or []))
    return Taxonomy(version, bias, lift, indicators, sources)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TaxonomyError(f"{path}: cannot read taxonomy: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("indicators", []), list):
        raise TaxonomyError(f"{path}: expected a mapping with a list of `indicators`")
    return data


def _merge(
    entries: dict[str, dict[str, Any]], bases: dict[str, Path], raw: dict[str, Any], path: Path
) -> None:
    for entry in raw.get("indicators") or []:
        code = entry.get("code") if isinstance(entry, dict) else None
        if not isinstance(code, str) or not _CODE.match(code):
            raise TaxonomyError(f"{path}: indicator without a valid UPPER_CASE code: {entry!r}")
        if code in entries:
            entries[code] = {**entries[code], **entry}
        else:
            missing = [k for k in _REQUIRED if k not in entry]
            if missing:
                raise TaxonomyError(f"{path}: new indicator {code} lacks {', '.join(missing)}")
            entries[code] = dict(entry)
        if "terms" in entry or code not in bases:
            bases[code] = path.parent


def _build(e: dict[str, Any], base: Path) -> Indicator:
    code = e["code"]
    if e["level"] not in LEVELS:
        raise TaxonomyError(f"{code}: level must be one of {LEVELS}, not {e['level']!r}")
    weight = float(e["weight"])
    if weight < 0:
        raise TaxonomyError(f"{code}: weight {weight} < 0 (weights are non-negative)")
    phrases = tuple(Term(str(p)) for p in e.get("phrases") or ())
    if e.get("terms"):
        phrases += _terms(base, e["terms"], code)
    patterns = tuple(str(p) for p in e.get("patterns") or ())
    nots = tuple(str(p) for p in e.get("not") or ())
    for rx in (*patterns, *nots):
        try:
            re.compile(rx)
        except re.error as exc:
            raise TaxonomyError(f"{code}: bad regex {rx!r}: {exc}") from exc
    if not (phrases or patterns or e.get("rule")) and e["level"] != "channel":
        raise TaxonomyError(f"{code}: needs phrases, terms, patterns or a rule")
    examples = {k: tuple(v or ()) for k, v in (e.get("examples") or {}).items()}
    ind = Indicator(
        code=code,
        name=str(e["name"]),
        meaning=str(e["meaning"]).strip(),
        level=e["level"],
        category=str(e["category"]),
        weight=weight,
        reference=str(e["reference"]).strip(),
        phrases=phrases,
        patterns=patterns,
        not_patterns=nots,
        terms_file=str(e.get("terms", "")),
        rule=str(e.get("rule") or ""),
        params=dict(e.get("params") or {}),
        examples=examples,
        enabled=bool(e.get("enabled", True)),
    )
    return _check_rule(ind)


def _terms(base: Path, name: str, code: str) -> tuple[Term, ...]:
    path = base / name if (base / name).exists() else DATA_DIR / name
    out = []
    for t in _read_terms(path, code):
        spellings = [t["phrase"]] if isinstance(t["phrase"], str) else list(t["phrase"])
        meaning = str(t.get("meaning", "")).strip()
        out += [Term(str(s), meaning, str(spellings[0])) for s in spellings]
    return tuple(out)


def _read_terms(path: Path, code: str) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TaxonomyError(f"{code}: cannot read terms file {path}: {exc}") from exc
    terms = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(terms, list) or not all(isinstance(t, dict) and "phrase" in t for t in terms):
        raise TaxonomyError(f"{code}: {path} must hold `terms:` entries with a `phrase` (or list)")
    return terms


def _check_rule(ind: Indicator) -> Indicator:
    if not ind.rule or ind.level == "channel":
        return ind
    from linkboard.score.mention_rules import MENTION_RULES
    from linkboard.score.network_rules import NETWORK_RULES

    rules = MENTION_RULES if ind.level == "record" else NETWORK_RULES
    if ind.rule not in rules:
        raise TaxonomyError(f"{ind.code}: unknown {ind.level} rule {ind.rule!r}")
    return ind


def with_weights(taxonomy: Taxonomy, weights: Mapping[str, float], bias: float) -> Taxonomy:
    """A copy of ``taxonomy`` with some weights (and the bias) replaced."""
    inds = tuple(
        replace(i, weight=float(weights[i.code])) if i.code in weights else i
        for i in taxonomy.indicators
    )
    return replace(taxonomy, indicators=inds, bias=float(bias))
