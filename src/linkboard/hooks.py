"""The pipeline's extension points, named in one place: what a package registers to react to
the pipeline without the engine importing it.

- ``after_link(store, record_ids) -> set[str]``: called inside the link stage's transaction once
  RECORD_IDS are linked, before networks are scored; returns the ids of networks it changed
  (scored with the rest). Casework re-applies the analysts' link decisions here.
- ``after_update(store, record_ids) -> dict[str, int]``: called at the end of the link stage,
  networks scored; returns counts for the run's report. Casework checks its watches here.

The packages in ``DEFAULT_PLUGINS`` register at import, and are imported the first time a hook's
implementations are asked for, so every entry point (``linkboard run``, the web app, a test)
runs them without having to remember to.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from linkboard.store.base import Store

AfterLink = Callable[["Store", Sequence[str]], set[str]]
AfterUpdate = Callable[["Store", Sequence[str]], dict[str, int]]
F = TypeVar("F", AfterLink, AfterUpdate)

#: Modules that register their reactions at import: casework's curation decisions and watches.
DEFAULT_PLUGINS = ("linkboard.cases.decisions", "linkboard.cases.watches")


@dataclass(slots=True)
class Hook(Generic[F]):
    """One extension point: its name and the functions registered to it, called in the order
    they were registered."""

    name: str
    functions: list[F] = field(default_factory=list)

    def register(self, fn: F) -> F:
        """Add FN (once); returns it, so that it serves as a decorator."""
        if fn not in self.functions:
            self.functions.append(fn)
        return fn

    def unregister(self, fn: F) -> None:
        if fn in self.functions:
            self.functions.remove(fn)

    def implementations(self) -> list[F]:
        """The registered functions, the default plugins' included."""
        load_default_plugins()
        return list(self.functions)


after_link: Hook[AfterLink] = Hook("after_link")
after_update: Hook[AfterUpdate] = Hook("after_update")


def load_default_plugins() -> None:
    """Import ``DEFAULT_PLUGINS`` (each registers itself once, at its import)."""
    for name in DEFAULT_PLUGINS:
        importlib.import_module(name)
