"""``linkboard export``, ``networks``, ``network``, ``explain``, ``fit-weights``, ``stats`` and
``alerts``: what the store holds, read out for the analyst or for other tools."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from linkboard.cli_options import (
    Registered,
    db_option,
    export_formats,
    friendly,
    plural,
    require_db,
    taxonomy_option,
)

if TYPE_CHECKING:
    from linkboard.model import Breakdown


@click.command(name="export")
@db_option
@click.option(
    "--format",
    "fmt",
    default="jsonl",
    show_default=True,
    type=Registered(export_formats),
    help="ftm, graphml, i2, maltego and html need --case, --network or --search.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default="-",
    show_default=True,
    help="Output file ('-' for standard output).",
)
@click.option("--case", "case_id", type=int, help="Export one case.")
@click.option("--network", "network_id", help="Export one network.")
@click.option("--search", "query", help="Export the records a full-text search finds.")
@click.option(
    "--by",
    metavar="NAME",
    help="Who exports a case, network or search, for the audit log (default: the user logged "
    "in to this machine).",
)
@friendly
def export_command(
    db_path: Path,
    fmt: str,
    out: Path,
    case_id: int | None,
    network_id: str | None,
    query: str | None,
    by: str | None,
) -> None:
    """Export records (one line each), or a case, network or search for other tools."""
    from linkboard.cases.roles import PermissionDenied
    from linkboard.cli_cases import CLIENT, acting
    from linkboard.export.scope import ExportError
    from linkboard.store import open_store

    require_db(db_path)
    scoped = _scoped_export(fmt, case_id, network_id, query)
    if str(out) != "-":
        _make_folder(out)
    with open_store(db_path) as store:
        if not scoped:
            _export_records(store, fmt, out)
            return
        export, value = scoped[0]
        try:
            result = export(store, value, fmt, str(out), acting(store, by), client=CLIENT)
        except (ExportError, PermissionDenied) as exc:
            raise click.ClickException(str(exc)) from None
    where = "standard output" if result.path == "-" else result.path
    digest = f" (sha256 {result.sha256})" if result.sha256 else ""
    click.echo(
        f"exported {result.scope.replace(':', ' ', 1)} as {result.format} to {where}: "
        f"{plural(result.records, 'record')}{digest}",
        err=True,
    )


def _scoped_export(
    fmt: str, case_id: int | None, network_id: str | None, query: str | None
) -> list[tuple[Callable[..., Any], Any]]:
    """The one export of a case, network or search asked for (with its id or query), or none."""
    from linkboard.export.formats import export_case, export_network, export_search

    scopes: list[tuple[Callable[..., Any], Any]] = [
        (export_case, case_id),
        (export_network, network_id),
        (export_search, query),
    ]
    scoped = [(export, value) for export, value in scopes if value is not None]
    if len(scoped) > 1:
        raise click.UsageError("give at most one of --case, --network, --search")
    if not scoped and fmt not in ("jsonl", "csv"):
        raise click.UsageError(f"--format {fmt} needs --case, --network or --search")
    return scoped


def _make_folder(out: Path) -> None:
    """Create OUT's folder, as synth and fit-weights do; a file in the way is one line."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise click.ClickException(f"cannot write {out}: {out.parent} is not a folder") from None


def _export_records(store: Any, fmt: str, out: Path) -> None:
    from linkboard.export.records import write_csv, write_jsonl

    write = write_jsonl if fmt == "jsonl" else write_csv
    if str(out) == "-":
        count = write(store, sys.stdout)
    else:
        with out.open("w", encoding="utf-8", newline="") as fh:
            count = write(store, fh)
    where = "standard output" if str(out) == "-" else out
    click.echo(f"exported {plural(count, 'record')} as {fmt} to {where}", err=True)


@click.command()
@db_option
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--min-size", type=int, default=2, show_default=True)
@friendly
def networks(db_path: Path, limit: int, min_size: int) -> None:
    """Networks by risk (possible minors first): size, persons, phones, cities, dates."""
    from linkboard.store import open_store
    from linkboard.terminal import network_line

    require_db(db_path)
    with open_store(db_path, readonly=True) as store:
        rows = store.networks(limit=limit, min_size=min_size)
    if not rows:
        click.echo("no networks yet: run `linkboard process`")
    for net in rows:
        click.echo(network_line(net))


@click.command()
@click.argument("network_id")
@db_option
@friendly
def network(network_id: str, db_path: Path) -> None:
    """One network: who, how to reach them, where and when, its reasons and its edges."""
    from linkboard.link import network_edges
    from linkboard.store import open_store
    from linkboard.terminal import network_detail

    require_db(db_path)
    with open_store(db_path, readonly=True) as store:
        net = store.network(network_id)
        if net is None:
            raise click.ClickException(f"no network {network_id}")
        edges = network_edges(store, network_id)
    reasons = _reasons(net.breakdown) if net.breakdown else "(not scored)"
    click.echo(network_detail(net, edges, reasons))


def _reasons(breakdown: Breakdown) -> str:
    """The score's explanation."""
    from linkboard.score import explain

    return explain(breakdown)


@click.command()
@click.argument("record_id")
@db_option
@friendly
def explain(record_id: str, db_path: Path) -> None:
    """Why RECORD_ID scores what it scores: each indicator, its weight and its evidence."""
    from linkboard.store import open_store

    require_db(db_path)
    with open_store(db_path, readonly=True) as store:
        state = store.record_states([record_id]).get(record_id)
        breakdown = store.record_breakdown(record_id)
    if state is None:
        raise click.ClickException(f"no record {record_id}")
    if not breakdown:
        raise click.ClickException(f"{record_id} is not processed yet: run `linkboard process`")
    minor = "  POSSIBLE MINOR: priority queue" if state.possible_minor else ""
    click.echo(f"{record_id}  network {state.network_id or '–'}{minor}")
    click.echo(_reasons(breakdown))


@click.command(name="fit-weights")
@db_option
@click.option(
    "--labels",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="CSV of record_id,label (1 = of concern, 0 = not).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Weights file to write (use it with --taxonomy).",
)
@taxonomy_option
@friendly
def fit_weights_command(
    db_path: Path, labels: Path, out: Path, taxonomy_paths: tuple[Path, ...]
) -> None:
    """Re-fit indicator weights from an analyst's labels, and report how the ranking changes."""
    import csv

    from linkboard import hooks
    from linkboard.score import fit_weights, load_taxonomy, write_weights
    from linkboard.store import open_store

    require_db(db_path)
    samples = []
    with labels.open() as fh, open_store(db_path, readonly=True) as store:
        for row in csv.reader(fh):
            if len(row) < 2 or row[1].strip() not in ("0", "1"):
                continue
            codes = {h.code for h in store.hits("record", row[0].strip())}
            samples.append((codes, row[1].strip() == "1"))
    if not samples:
        raise click.ClickException(f"{labels}: no rows of the form record_id,0|1")
    report = fit_weights(samples, load_taxonomy(hooks.taxonomy_files(taxonomy_paths)))
    write_weights(report, out)
    click.echo(report.render())
    click.echo(f"wrote {out}")


@click.command()
@db_option
@click.option("--unseen", is_flag=True, help="Only alerts nobody has seen yet.")
@friendly
def alerts(db_path: Path, unseen: bool) -> None:
    """Alerts raised by watches when new records matched them."""
    from linkboard.cases.watches import list_alerts
    from linkboard.store import open_store

    require_db(db_path)
    with open_store(db_path) as store:
        rows = list_alerts(store, unseen=unseen)
    if not rows:
        click.echo("no alerts")
    for alert in rows:
        new = " " if alert.seen else "*"
        past = " (past match)" if alert.retroactive else ""
        click.echo(
            f"{new} {alert.at[:19]}  {alert.record_id}  matched {alert.watch_kind} "
            f"{alert.watch_label or alert.watch_value}{past}"
        )


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@friendly
def stats(db_path: Path, as_json: bool) -> None:
    """Counts by kind, source, stage and quarantine."""
    from linkboard.store import open_store

    require_db(db_path)
    with open_store(db_path, readonly=True) as store:
        numbers = store.stats()
        bad = store.quarantined(limit=10)
    if as_json:
        click.echo(json.dumps(numbers, indent=2))
        return
    click.echo(render_stats(numbers))
    for q in bad:
        click.echo(f"  quarantined {q.locator}: {q.reason}")


def render_stats(numbers: dict[str, Any]) -> str:
    lines = [
        f"records      {numbers['records']:,}  (processed {numbers['processed']:,}, "
        f"pending {numbers['pending']:,})"
    ]
    for key in ("by_kind", "by_source", "mentions", "links", "quarantine_by_reason"):
        if numbers[key]:
            items = ", ".join(f"{k} {v:,}" for k, v in sorted(numbers[key].items()))
            lines.append(f"{key.replace('_', ' '):<12} {items}")
    lines.append(f"images       {numbers['images']:,}")
    lines.append(f"indicators   {plural(numbers['indicator_hits'], 'hit')}")
    lines.append(f"networks     {numbers['networks']:,}")
    lines.append(f"quarantine   {numbers['quarantine']:,}")
    return "\n".join(lines)
