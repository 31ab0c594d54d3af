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

from linkboard.cases import audit
from linkboard.cases.roles import Actor, PermissionDenied, require
from linkboard.export import ftm, graphml, i2, maltego, report
from linkboard.export import records as record_export
from linkboard.export.scope import ExportError, Scope, case_scope, network_scope, search_scope
from linkboard.store.base import Store

#: Format → file extension. GraphML is written as bytes, the rest as text.
FORMATS = {
    "jsonl": ".jsonl",
    "csv": ".csv",
    "ftm": ".ftm.json",
    "graphml": ".graphml",
    "i2": ".i2.csv",
    "maltego": ".maltego.csv",
    "html": ".html",
}


@dataclass(frozen=True, slots=True)
class ExportResult:
    format: str
    scope: str
    records: int
    written: int
    path: str
    sha256: str


def _writer(
    store: Store, fmt: str, include_images: bool, actor: str
) -> Callable[[Scope, IO[Any]], int]:
    def ids(scope: Scope) -> list[str]:
        return [r.id for r in scope.records]

    writers: dict[str, Callable[[Scope, IO[Any]], int]] = {
        "jsonl": lambda s, out: record_export.write_jsonl(store, out, ids(s)),
        "csv": lambda s, out: record_export.write_csv(store, out, ids(s)),
        "ftm": ftm.write,
        "graphml": graphml.write,
        "i2": i2.write,
        "maltego": maltego.write,
        "html": lambda s, out: report.write(s, out, include_images=include_images, actor=actor),
    }
    return writers[fmt]


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
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    write = _writer(store, fmt, include_images, actor)
    binary = fmt == "graphml"
    if str(out) == "-":
        stream: IO[Any] = sys.stdout.buffer if binary else sys.stdout
        return write(scope, stream), ""
    path = Path(out)
    if binary:
        with path.open("wb") as fh:
            written = write(scope, fh)
    else:
        with path.open("w", encoding="utf-8", newline="") as fh:
            written = write(scope, fh)
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
