"""The analyst-supplied lists a payment rule reads, named in its params (``merchants``,
``high_risk_processors``, ``mainstream_ad_platforms``, ``wallets``): YAML files relative to the
rules file's folder, or absolute. Nothing of them is written in Python.

A merchant, processor or platform list holds ``patterns`` (``{pattern, meaning}``: regular
expressions matched case-insensitively against a merchant's name) and, for merchants, ``mccs``
(``{code, meaning}``); a wallet list holds ``wallets`` (``{wallet, attribution}``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

#: The params that name a list file.
LIST_PARAMS = ("merchants", "high_risk_processors", "mainstream_ad_platforms", "wallets")


class ListError(ValueError):
    """A list file that cannot be used, with the file and what is wrong with it."""


@dataclass(frozen=True)
class Lists:
    """A rule's lists, compiled: merchant, processor and mainstream-platform patterns (None when
    none), advertising MCCs and attributed wallets (wallet -> attribution)."""

    merchants: re.Pattern[str] | None = None
    mccs: frozenset[str] = frozenset()
    processors: re.Pattern[str] | None = None
    mainstream: re.Pattern[str] | None = None
    wallets: Mapping[str, str] = field(default_factory=dict)
    files: tuple[str, ...] = ()


def read_lists(params: Mapping[str, Any], base: Path) -> Lists:
    """The lists ``params`` names, read from files relative to ``base`` (or absolute)."""
    found: dict[str, dict[str, Any]] = {}
    for name in LIST_PARAMS:
        if params.get(name):
            found[name] = _read(resolve(str(params[name]), base))
    merchants, processors = found.get("merchants", {}), found.get("high_risk_processors", {})
    return Lists(
        merchants=_patterns(merchants),
        mccs=frozenset(str(m["code"]) for m in _entries(merchants, "mccs", "code")),
        processors=_patterns(processors),
        mainstream=_patterns(found.get("mainstream_ad_platforms", {})),
        wallets={
            str(w["wallet"]): str(w.get("attribution", ""))
            for w in _entries(found.get("wallets", {}), "wallets", "wallet")
        },
        files=tuple(str(resolve(str(params[n]), base)) for n in found),
    )


def resolve(name: str, base: Path) -> Path:
    path = Path(name).expanduser()
    return path if path.is_absolute() else base / path


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ListError(f"{path}: cannot read list: {exc}") from exc
    if not isinstance(data, dict):
        raise ListError(f"{path}: expected a mapping (patterns, mccs or wallets)")
    return {**data, "_path": str(path)}


def _entries(data: Mapping[str, Any], key: str, needed: str) -> list[Mapping[str, Any]]:
    entries = data.get(key) or []
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and needed in e for e in entries
    ):
        raise ListError(f"{data.get('_path')}: `{key}` must be a list of entries with `{needed}`")
    return entries


def _patterns(data: Mapping[str, Any]) -> re.Pattern[str] | None:
    rxs = [str(p["pattern"]) for p in _entries(data, "patterns", "pattern")]
    for rx in rxs:
        try:
            re.compile(rx)
        except re.error as exc:
            raise ListError(f"{data.get('_path')}: bad pattern {rx!r}: {exc}") from exc
    return re.compile("|".join(f"(?:{rx})" for rx in rxs), re.IGNORECASE) if rxs else None
