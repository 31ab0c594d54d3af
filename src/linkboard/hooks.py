"""linkboard's extension points, named in one place: what a package registers to react to the
pipeline, and the parts it adds, without the engine, the readers or the exports importing it.

Reactions:

- ``after_link(store, record_ids) -> set[str]``: called inside the link stage's transaction once
  RECORD_IDS are linked, before networks are scored; returns the ids of networks it changed
  (scored with the rest). Casework re-applies the analysts' link decisions here.
- ``after_regroup(store, network_ids) -> set[str]``: called after a curation step regrouped
  NETWORK_IDS (a suppressed identifier, a merge, a split), before they are scored again; returns
  the ids of networks it changed. The payments channel re-evaluates the accounts whose alerts
  read those networks.
- ``after_update(store, record_ids) -> dict[str, int]``: called at the end of the link stage,
  networks scored; returns counts for the run's report. Casework checks its watches here.

Parts (each a :class:`Registry`, by name; linkboard's own readers, value types and exporters
are registered the same way):

- ``kind_files``: record kinds (``kinds``): a kind's name and its YAML declaration.
- ``readers``: input formats (``ingest``): a ``Reader`` — how to read a file, and how to know one.
- ``value_types``: identifier kinds (``values``): a ``values.ValueType`` with its verbs.
- ``indicator_files``: indicator taxonomy files merged over the default (``score``).
- ``exporters``: export formats (``export.formats``): an ``Exporter``.
- ``record_fields``, ``ftm_entities``: by record kind, the fields its export row adds and the
  FollowTheMoney entities it adds (an account's holder and alerts, a transaction's Payment).

A channel (payments, social) is a package that registers its parts. The packages in
``DEFAULT_PLUGINS``, and those installed with a ``linkboard.plugins`` entry point, are imported
the first time a hook's implementations or a registry's parts are asked for, so every entry point
(``linkboard run``, the web app, a test) has them without having to remember to.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from linkboard.export.scope import Scope
    from linkboard.ingest.options import ReadOptions
    from linkboard.model import Quarantined, Record
    from linkboard.store.base import Store
    from linkboard.values.kind import ValueType

AfterLink = Callable[["Store", Sequence[str]], set[str]]
AfterUpdate = Callable[["Store", Sequence[str]], dict[str, int]]
F = TypeVar("F", AfterLink, AfterUpdate)
P = TypeVar("P")

#: Modules that register their reactions at import: casework's curation decisions and watches.
DEFAULT_PLUGINS = (
    "linkboard.cases.decisions",
    "linkboard.cases.watches",
    "linkboard.payments",
    "linkboard.social",
    "linkboard.media",
)
#: The entry-point group an installed package names its plugin module in (``[project.entry-points
#: "linkboard.plugins"]``), imported with the default plugins.
ENTRY_POINTS = "linkboard.plugins"
_loaded: list[bool] = []


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
after_regroup: Hook[AfterLink] = Hook("after_regroup")
after_update: Hook[AfterUpdate] = Hook("after_update")


@dataclass(slots=True)
class Registry(Generic[P]):
    """Parts of one sort by name (``phone``, ``jsonl``, ``ftm``): the built-in ones and those a
    plugin registers, looked up one way."""

    name: str
    parts: dict[str, P] = field(default_factory=dict)
    #: Told of each part as it is registered and unregistered (the value types keep
    #: ``model.LINKABLE_KINDS`` this way).
    on_change: Callable[[str, P | None], None] | None = None

    def register(self, key: str, part: P) -> P:
        """Add PART as KEY; returns it. The same part again changes nothing; another part under
        a taken key is refused (ValueError), so no plugin replaces one silently."""
        known = self.parts.setdefault(key, part)
        if known is not part and known != part:
            raise ValueError(f"{self.name}: {key!r} is registered already")
        if self.on_change is not None:
            self.on_change(key, part)
        return part

    def unregister(self, key: str) -> None:
        if self.parts.pop(key, None) is not None and self.on_change is not None:
            self.on_change(key, None)

    def all(self) -> dict[str, P]:
        """Every registered part, the plugins' included, in the order they were registered."""
        load_default_plugins()
        return dict(self.parts)

    def get(self, key: str) -> P | None:
        """The part KEY, a plugin's included (plugins load on the first miss), else None."""
        found = self.parts.get(key)
        if found is None and not _loaded:
            load_default_plugins()
            found = self.parts.get(key)
        return found


@dataclass(frozen=True, slots=True)
class Reader:
    """An input format. ``read(path, options, progress)`` yields its records, or what could not
    become one with the reason; ``detect(path)``, when given, says whether a file is in this
    format, asked before the built-in rules (a Cash App statement is a CSV, not any CSV);
    files in a folder whose names end in one of ``suffixes`` are read with the rest of it."""

    read: Callable[
        [Path, ReadOptions, Callable[[int], None] | None], Iterator[Record | Quarantined]
    ]
    detect: Callable[[Path], bool] | None = None
    suffixes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What an export may show (``include_images``) and who asks for it (``actor``)."""

    include_images: bool = False
    actor: str = ""


@dataclass(frozen=True, slots=True)
class Exporter:
    """An export format: its file name ending, ``write(store, scope, out, options) -> items
    written``, whether it is written as bytes, and the media type a download is sent as."""

    suffix: str
    write: Callable[[Store, Scope, IO[Any], ExportOptions], int]
    binary: bool = False
    media_type: str = "application/octet-stream"


#: What a record kind adds to its export row (``export.records``), for the ids of one chunk of
#: records of that kind: id -> fields.
RecordFields = Callable[["Store", list[str]], dict[str, dict[str, Any]]]
#: The FollowTheMoney entities a record kind adds (``export.ftm``), from the export's scope and
#: the records' Document entities by id.
FtmEntities = Callable[["Scope", dict[str, Any]], list[Any]]

kind_files: Registry[Path] = Registry("record kind")
readers: Registry[Reader] = Registry("reader")


def _linkable(kind: str, vtype: ValueType | None) -> None:
    from linkboard.model import LINKABLE_KINDS

    if vtype is not None and vtype.linkable:
        LINKABLE_KINDS.add(kind)
    else:
        LINKABLE_KINDS.discard(kind)


value_types: Registry[ValueType] = Registry("value type", on_change=_linkable)
indicator_files: Registry[Path] = Registry("indicator file")
exporters: Registry[Exporter] = Registry("exporter")
record_fields: Registry[RecordFields] = Registry("record fields")
ftm_entities: Registry[FtmEntities] = Registry("FollowTheMoney entities")


def taxonomy_files(paths: Sequence[Path] | None) -> list[Path] | None:
    """The indicator files plugins registered, then PATHS (the analyst's, merged last, so they
    win); None when there are none (the default taxonomy alone)."""
    files = [*indicator_files.all().values(), *(paths or [])]
    return files or None


def plugins_loaded() -> bool:
    return bool(_loaded)


def load_default_plugins() -> None:
    """Import ``DEFAULT_PLUGINS`` and the installed ``linkboard.plugins`` entry points, once
    (each registers itself at its import)."""
    if _loaded:
        return
    _loaded.append(True)  # before importing: a plugin that asks for parts must not recurse
    try:
        for name in DEFAULT_PLUGINS:
            importlib.import_module(name)
        for point in entry_points(group=ENTRY_POINTS):
            importlib.import_module(point.value)
    except BaseException:
        _loaded.clear()  # asked again, the failing import is tried (and reported) again
        raise
