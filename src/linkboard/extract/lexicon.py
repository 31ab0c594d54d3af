"""The word lists extraction reads from ``linkboard/data/extract/*.yaml``, loaded once, lazily."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

#: Safe YAML in which only ``true`` and ``false`` are booleans, as in YAML 1.2. In YAML 1.1 a word
#: list's ``no``, ``yes``, ``on`` and ``off`` are booleans: Norway's ``.no`` and the name stopwords
#: ``no``, ``yes`` and ``on`` were lost that way. (Built with ``type``: the module is compiled.)
_Loader: Any = type("_Loader", (getattr(yaml, "CSafeLoader", yaml.SafeLoader),), {})
_BOOL = "tag:yaml.org,2002:bool"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@cache
def load(name: str) -> Any:
    """The parsed data file ``name`` (without ``.yaml``)."""
    path = resources.files("linkboard") / "data" / "extract" / f"{name}.yaml"
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


@cache
def number_words() -> dict[str, str]:
    """word -> digit, all languages together."""
    return {w.lower(): str(d) for words in load("number_words").values() for w, d in words.items()}


@cache
def leet() -> dict[str, str]:
    return {str(k): str(v) for k, v in load("leet").items()}


@cache
def confusables() -> dict[str, str]:
    return {str(k): str(v) for k, v in load("lookalikes").items()}


@cache
def fictional_numbers() -> dict[str, int]:
    return {str(k): int(v) for k, v in load("fictional_numbers").items()}


@cache
def area_codes() -> dict[str, tuple[str, str, str]]:
    """NANP area code -> (country, state/province code, place name)."""
    return {str(k): (str(v[0]), str(v[1]), str(v[2])) for k, v in load("area_codes").items()}


@cache
def platforms() -> dict[str, dict[str, list[str]]]:
    table: dict[str, dict[str, list[str]]] = load("platforms")
    return table


@cache
def payments() -> dict[str, dict[str, list[str]]]:
    table: dict[str, dict[str, list[str]]] = load("payments")
    return table


@cache
def name_stopwords() -> frozenset[str]:
    return frozenset(str(w).lower() for words in load("name_stopwords").values() for w in words)


@cache
def tlds() -> frozenset[str]:
    return frozenset(str(t) for words in load("tlds").values() for t in words)
