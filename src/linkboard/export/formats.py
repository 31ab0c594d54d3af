"""Exports of a case, a network or a search, in every format, checked and audited.

``export_case`` / ``export_network`` / ``export_search`` are what the CLI's
``linkboard export --case/--network/--search ... --format F --out FILE`` and the web workspace's
download buttons call. Each one checks the actor's role (``export``; ``images.reveal`` to embed
images), writes the file, and appends an audit entry with the file's sha256; a refused export
is audited as refused and raises PermissionDenied.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from linkboard import hooks
from linkboard.cases import audit
from linkboard.cases.roles import Actor, PermissionDenied, require
from linkboard.export import ftm, graphml, i2, maltego, report
from linkboard.export import records as record_export
from linkboard.export.scope import ExportError, Scope, case_scope, network_scope, search_scope
from linkboard.hooks import ExportOptions
from linkboard.store.base import Store

#: Format → file name ending and media type, linkboard's own; plugins add theirs
#: (``hooks.exporters``).
OWN = {
    "jsonl": (".jsonl", "application/x-ndjson"),
    "csv": (".csv", "text/csv"),
    "ftm": (".ftm.json", "application/json"),
    "graphml": (".graphml", "application/xml"),
    "i2": (".i2.csv", "text/csv"),
    "maltego": (".maltego.csv", "text/csv"),
    "html": (".html", "text/html"),
}


@dataclass(frozen=True, slots=True)
class ExportResult:
    format: str
    scope: str
    records: int
    written: int
    path: str
    sha256: str


#: How an export format writes a scope: (store, scope, out, options) -> items written.
Writer = Callable[[Store, Scope, IO[Any], ExportOptions], int]


def _ids(scope: Scope) -> list[str]:
    return [r.id for r in scope.records]


def _records_jsonl(store: Store, scope: Scope, out: IO[Any], _: ExportOptions) -> int:
    return record_export.write_jsonl(store, out, _ids(scope))


def _records_csv(store: Store, scope: Scope, out: IO[Any], _: ExportOptions) -> int:
    return record_export.write_csv(store, out, _ids(scope))


def _report(store: Store, scope: Scope, out: IO[Any], options: ExportOptions) -> int:
    return report.write(scope, out, include_images=options.include_images, actor=options.actor)


def _scope_only(write: Callable[[Scope, IO[Any]], int]) -> Writer:
    """A writer that needs only the scope (its records, links and networks are in it)."""

    def scoped(store: Store, scope: Scope, out: IO[Any], options: ExportOptions) -> int:
        return write(scope, out)

    return scoped


_WRITERS: dict[str, Writer] = {
    "jsonl": _records_jsonl,
    "csv": _records_csv,
    "ftm": _scope_only(ftm.write),
    "graphml": _scope_only(graphml.write),
    "i2": _scope_only(i2.write),
    "maltego": _scope_only(maltego.write),
    "html": _report,
}
for _name, (_suffix, _media) in OWN.items():
    hooks.exporters.register(
        _name, hooks.Exporter(_suffix, _WRITERS[_name], _name == "graphml", _media)
    )


def formats() -> list[str]:
    """Every export format: linkboard's own, then those plugins registered (by name: the order
    plugins happened to load in changes nothing)."""
    plugins = sorted(name for name in hooks.exporters.all() if name not in OWN)
    return [*OWN, *plugins]


def exporter(fmt: str) -> hooks.Exporter:
    """The exporter of FMT; ExportError naming the formats there are when there is none."""
    found = hooks.exporters.get(fmt)
    if found is None:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(formats())}")
    return found


def write_scope(
    store: Store,
    scope: Scope,
    fmt: str,
    out: str | Path,
    *,
    include_images: bool = False,
    actor: str = "",
) -> tuple[int, str]:
    """Write SCOPE as FMT to OUT (a path, or ``-`` for stdout); return (items, file sha256)."""
    chosen = exporter(fmt)
    options = hooks.ExportOptions(include_images, actor)
    if str(out) == "-":
        stream: IO[Any] = sys.stdout.buffer if chosen.binary else sys.stdout
        return chosen.write(store, scope, stream, options), ""
    path = Path(out)
    if chosen.binary:
        with path.open("wb") as fh:
            written = chosen.write(store, scope, fh, options)
    else:
        with path.open("w", encoding="utf-8", newline="") as fh:
            written = chosen.write(store, scope, fh, options)
    return written, hashlib.sha256(path.read_bytes()).hexdigest()


def _allow(
    store: Store, actor: Actor | None, target: str, detail: dict[str, Any], client: str
) -> None:
    """Check that ACTOR may export (and reveal images, if asked); a refusal is audited."""
    try:
        require(actor, "export")
        if detail["include_images"]:
            require(actor, "images.reveal")
    except PermissionDenied as exc:
        audit.record(
            store,
            actor,
            "export",
            target,
            {**detail, "action": exc.action},
            client=client,
            outcome="refused",
        )
        raise


def _export(
    store: Store,
    target: str,
    build: Callable[[], Scope],
    fmt: str,
    out: str | Path,
    actor: Actor | None,
    client: str,
    include_images: bool,
) -> ExportResult:
    detail: dict[str, Any] = {"format": fmt, "out": str(out), "include_images": include_images}
    _allow(store, actor, target, detail, client)
    try:
        scope = build()
        written, digest = write_scope(
            store, scope, fmt, out, include_images=include_images, actor=audit.actor_name(actor)
        )
    except (ExportError, OSError) as exc:
        audit.record(
            store,
            actor,
            "export",
            target,
            {**detail, "error": str(exc)},
            client=client,
            outcome="failed",
        )
        raise
    result = ExportResult(fmt, target, len(scope.records), written, str(out), digest)
    audit.record(
        store,
        actor,
        "export",
        target,
        {**detail, "records": result.records, "written": written, "sha256": digest},
        client=client,
    )
    return result


def export_case(
    store: Store,
    case_id: int,
    fmt: str,
    out: str | Path,
    actor: Actor | None = None,
    *,
    client: str = "",
    include_images: bool = False,
) -> ExportResult:
    return _export(
        store,
        f"case:{case_id}",
        lambda: case_scope(store, case_id),
        fmt,
        out,
        actor,
        client,
        include_images,
    )


def export_network(
    store: Store,
    network_id: str,
    fmt: str,
    out: str | Path,
    actor: Actor | None = None,
    *,
    client: str = "",
    include_images: bool = False,
) -> ExportResult:
    return _export(
        store,
        f"network:{network_id}",
        lambda: network_scope(store, network_id),
        fmt,
        out,
        actor,
        client,
        include_images,
    )


def export_search(
    store: Store,
    query: str,
    fmt: str,
    out: str | Path,
    actor: Actor | None = None,
    *,
    client: str = "",
    include_images: bool = False,
    limit: int = 10_000,
) -> ExportResult:
    return _export(
        store,
        f"search:{query}",
        lambda: search_scope(store, query, limit),
        fmt,
        out,
        actor,
        client,
        include_images,
    )
