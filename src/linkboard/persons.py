"""Persons: one definition of who a network's ads name, for every page, export and rule.

A person is a distinct persona name after folding case, accents, spacing and edge punctuation.
Kept apart from ``linkboard.score`` so that the summaries and pages that count persons do not
import the scoring package (and numpy) to do it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_SPACES = re.compile(r"\s+")
_EDGES = " .,;:!?'\"-_*~()[]{}"


def person_name(name: str) -> str:
    """A persona name as the network counts it: case, accents, spacing and edge punctuation
    folded (``"Mía "``, ``"MIA"`` and ``"mia."`` are one person)."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare.casefold()).strip(_EDGES)


def person_names(names: Iterable[str]) -> list[str]:
    """The persons of a network (or of any set of ads): its distinct persona names after
    ``person_name``, sorted. The one definition the network card, its title, the CLI and the
    reasons all count by."""
    return sorted({n for n in map(person_name, names) if n})
