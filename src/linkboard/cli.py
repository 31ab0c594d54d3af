"""linkboard's command line: parse, call one library function, render. No logic lives here."""

from __future__ import annotations

import functools
import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from linkboard import __version__

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="LINKBOARD_DB",
    default="linkboard.db",
    show_default=True,
    help="The store (a SQLite file; env LINKBOARD_DB).",
)
quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
workers_option = click.option(
    "--workers", type=int, default=None, help="Processes for the record stage (default: all cores)."
)
taxonomy_option = click.option(
    "--taxonomy",
    "taxonomy_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Your own indicator file(s), merged over the default taxonomy.",
)


def friendly(func: F) -> F:
    """Turn user errors into one clear line and exit code 1; no traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from linkboard.ingest import InputError
        from linkboard.store import StoreError

        try:
            return func(*args, **kwargs)
        except (
            InputError,
            StoreError,
            FileNotFoundError,
            IsADirectoryError,
            PermissionError,
        ) as exc:
            raise click.ClickException(str(exc)) from None
        except sqlite3.OperationalError as exc:
            raise click.ClickException(f"database error: {exc}") from None

    return wrapper  # type: ignore[return-value]


def input_options(func: F) -> F:
    options = [
        click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path)),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["jsonl", "csv", "cdr", "html"]),
            help="Input format (default: from the file name and content).",
        ),
        click.option("--source", help="Source name recorded in provenance (default: file name)."),
        click.option(
            "--region",
            default="US",
            show_default=True,
            help="Default phone region for this source (ISO country code).",
        ),
        click.option(
            "--kind",
            default="ad",
            show_default=True,
            type=click.Choice(["ad", "post", "profile", "transaction", "image"]),
        ),
        click.option(
            "--map",
            "mapping",
            multiple=True,
            metavar="FIELD=COLUMN",
            help="CSV column mapping, e.g. --map body=description.",
        ),
        click.option(
            "--mapping-file",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="CSV column mapping as a YAML file {field: column}.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _read_options(
    source: str | None, region: str, kind: str, mapping: tuple[str, ...], mapping_file: Path | None
) -> Any:
    import yaml

    from linkboard.ingest import InputError, ReadOptions

    pairs: dict[str, str] = {}
    if mapping_file is not None:
        loaded = yaml.safe_load(mapping_file.read_text())
        if not isinstance(loaded, dict):
            raise InputError(f"{mapping_file}: a mapping file is a YAML object {{field: column}}")
        pairs.update({str(k): str(v) for k, v in loaded.items()})
    for item in mapping:
        field, sep, column = item.partition("=")
        if not sep or not field or not column:
            raise InputError(f"--map takes FIELD=COLUMN, got {item!r}")
        pairs[field] = column
    return ReadOptions(source=source, region=region.upper(), kind=kind, mapping=pairs)


def _ingest(
    db_path: Path, inputs: tuple[Path, ...], fmt: str | None, quiet: bool, **options: Any
) -> None:
    from linkboard.ingest import ingest
    from linkboard.store import open_store

    read_options = _read_options(**options)
    with open_store(db_path) as store:
        counts = ingest(store, inputs, fmt, read_options, show_progress=not quiet)
    click.echo(
        f"ingested: {counts.added:,} new, {counts.updated:,} updated, "
        f"{counts.unchanged:,} unchanged, {counts.quarantined:,} quarantined"
    )


def _process(
    db_path: Path, workers: int | None, taxonomy_paths: tuple[Path, ...], quiet: bool
) -> None:
    from linkboard.engine.local import process
    from linkboard.store import open_store

    with open_store(db_path) as store:
        report = process(
            store,
            workers=workers,
            taxonomy_paths=list(taxonomy_paths) or None,
            show_progress=not quiet,
        )
    if not report.records:
        click.echo("processed: nothing new")
        return
    timings = ", ".join(f"{stage} {secs:.1f}s" for stage, secs in report.seconds.items())
    click.echo(f"processed: {report.records:,} records ({timings})")
    if report.linking:
        click.echo(
            "linked: "
            + ", ".join(
                f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}"
                for k, v in report.linking.items()
            )
        )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="linkboard")
def main() -> None:
    """linkboard: find the identifiers hidden in online ads, link them into networks, and
    explain every red flag."""


@main.command()
@input_options
@db_option
@workers_option
@taxonomy_option
@quiet_option
@friendly
def run(
    inputs: tuple[Path, ...],
    db_path: Path,
    fmt: str | None,
    workers: int | None,
    taxonomy_paths: tuple[Path, ...],
    quiet: bool,
    **options: Any,
) -> None:
    """Ingest INPUTS, then run every stage over what is new."""
    _ingest(db_path, inputs, fmt, quiet, **options)
    _process(db_path, workers, taxonomy_paths, quiet)


@main.command(name="ingest")
@input_options
@db_option
@quiet_option
@friendly
def ingest_command(
    inputs: tuple[Path, ...], db_path: Path, fmt: str | None, quiet: bool, **options: Any
) -> None:
    """Load INPUTS (JSON Lines, CSV, Memex CDR, or a folder of HTML pages) into the store."""
    _ingest(db_path, inputs, fmt, quiet, **options)


@main.command(name="process")
@db_option
@workers_option
@taxonomy_option
@quiet_option
@friendly
def process_command(
    db_path: Path, workers: int | None, taxonomy_paths: tuple[Path, ...], quiet: bool
) -> None:
    """Extract, score and link every record that is new or changed since the last run."""
    _require(db_path)
    _process(db_path, workers, taxonomy_paths, quiet)


def _require(db_path: Path) -> None:
    if not db_path.exists():
        raise click.ClickException(f"no database at {db_path}: run `linkboard ingest` first")


@main.command(name="export")
@db_option
@click.option(
    "--format",
    "fmt",
    default="jsonl",
    show_default=True,
    type=click.Choice(["jsonl", "csv", "ftm", "graphml", "i2", "maltego", "html"]),
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
@friendly
def export_command(
    db_path: Path,
    fmt: str,
    out: Path,
    case_id: int | None,
    network_id: str | None,
    query: str | None,
) -> None:
    """Export records (one line each), or a case, network or search for other tools."""
    from linkboard.cases.roles import PermissionDenied
    from linkboard.export.formats import ExportError, export_case, export_network, export_search
    from linkboard.export.records import write_csv, write_jsonl
    from linkboard.store import open_store

    _require(db_path)
    scoped = [x for x in (case_id, network_id, query) if x is not None]
    if len(scoped) > 1:
        raise click.UsageError("give at most one of --case, --network, --search")
    with open_store(db_path) as store:
        try:
            if case_id is not None:
                result = export_case(store, case_id, fmt, str(out))
            elif network_id is not None:
                result = export_network(store, network_id, fmt, str(out))
            elif query is not None:
                result = export_search(store, query, fmt, str(out))
            elif fmt in ("jsonl", "csv"):
                write = write_jsonl if fmt == "jsonl" else write_csv
                if str(out) == "-":
                    count = write(store, sys.stdout)
                else:
                    with out.open("w", encoding="utf-8", newline="") as fh:
                        count = write(store, fh)
                click.echo(f"exported {count:,} records", err=True)
                return
            else:
                raise click.UsageError(f"--format {fmt} needs --case, --network or --search")
        except (ExportError, PermissionDenied) as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"exported {result}", err=True)


@main.command()
@db_option
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--min-size", type=int, default=2, show_default=True)
@friendly
def networks(db_path: Path, limit: int, min_size: int) -> None:
    """Networks by risk (possible minors first): size, persons, phones, cities, dates."""
    from linkboard.store import open_store
    from linkboard.terminal import network_line

    _require(db_path)
    with open_store(db_path, readonly=True) as store:
        rows = store.networks(limit=limit, min_size=min_size)
    if not rows:
        click.echo("no networks yet: run `linkboard process`")
    for net in rows:
        click.echo(network_line(net))


@main.command()
@click.argument("network_id")
@db_option
@friendly
def network(network_id: str, db_path: Path) -> None:
    """One network: who, how to reach them, where and when, its reasons and its edges."""
    from linkboard.link import network_edges
    from linkboard.score import explain
    from linkboard.store import open_store
    from linkboard.terminal import network_detail

    _require(db_path)
    with open_store(db_path, readonly=True) as store:
        net = store.network(network_id)
        if net is None:
            raise click.ClickException(f"no network {network_id}")
        edges = network_edges(store, network_id)
    reasons = explain(_breakdown(net["breakdown"])) if net["breakdown"] else "(not scored)"
    click.echo(network_detail(net, edges, reasons))


def _breakdown(data: dict[str, Any]) -> Any:
    from linkboard.model import Breakdown

    return Breakdown(data["risk"], data["bias"], data["contributions"], data.get("version", ""))


@main.command()
@click.argument("record_id")
@db_option
@friendly
def explain(record_id: str, db_path: Path) -> None:
    """Why RECORD_ID scores what it scores: each indicator, its weight and its evidence."""
    from linkboard.score import explain as render
    from linkboard.store import open_store

    _require(db_path)
    with open_store(db_path, readonly=True) as store:
        row = store.record_row(record_id)
    if row is None:
        raise click.ClickException(f"no record {record_id}")
    if not row["breakdown"]:
        raise click.ClickException(f"{record_id} is not processed yet: run `linkboard process`")
    minor = "  POSSIBLE MINOR: priority queue" if row["possible_minor"] else ""
    click.echo(f"{record_id}  network {row['network_id'] or '–'}{minor}")
    click.echo(render(_breakdown(json.loads(row["breakdown"]))))


@main.command(name="fit-weights")
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

    from linkboard.score import fit_weights, load_taxonomy, write_weights
    from linkboard.store import open_store

    _require(db_path)
    samples = []
    with labels.open() as fh, open_store(db_path, readonly=True) as store:
        for row in csv.reader(fh):
            if len(row) < 2 or row[1].strip() not in ("0", "1"):
                continue
            codes = {h.code for h in store.hits("record", row[0].strip())}
            samples.append((codes, row[1].strip() == "1"))
    if not samples:
        raise click.ClickException(f"{labels}: no rows of the form record_id,0|1")
    report = fit_weights(samples, load_taxonomy(list(taxonomy_paths) or None))
    write_weights(report, out)
    click.echo(report.render())
    click.echo(f"wrote {out}")


@main.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind (the default keeps the app on this machine).",
)
@click.option("--port", type=int, default=8000, show_default=True)
@friendly
def serve(db_path: Path, host: str, port: int) -> None:
    """Serve the analyst's web workspace."""
    from linkboard.web import serve as run_server

    _require(db_path)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}, reachable from other machines", err=True)
    run_server(db_path, host, port)


@main.group()
def users() -> None:
    """Local accounts: add, list, disable. The first admin is created here."""


@users.command(name="add")
@click.argument("username")
@click.option("--role", type=click.Choice(["admin", "analyst", "viewer"]), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@db_option
@friendly
def users_add(username: str, role: str, password_stdin: bool, db_path: Path) -> None:
    from linkboard.cases.accounts import AccountError, add_user, read_password
    from linkboard.store import open_store

    password = (
        read_password(sys.stdin)
        if password_stdin
        else click.prompt("Password", hide_input=True, confirmation_prompt=True)
    )
    with open_store(db_path) as store:
        try:
            user = add_user(store, username, password, role)
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"added {user.username} ({user.role})")


@users.command(name="list")
@db_option
@friendly
def users_list(db_path: Path) -> None:
    from linkboard.cases.accounts import list_users
    from linkboard.store import open_store

    _require(db_path)
    with open_store(db_path) as store:
        for user in list_users(store):
            state = "disabled" if user.disabled else "active"
            click.echo(f"{user.username:<20} {user.role:<8} {state}")


@users.command(name="disable")
@click.argument("username")
@db_option
@friendly
def users_disable(username: str, db_path: Path) -> None:
    from linkboard.cases.accounts import AccountError, disable_user
    from linkboard.store import open_store

    _require(db_path)
    with open_store(db_path) as store:
        try:
            disable_user(store, username)
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"disabled {username}")


@main.command()
@db_option
@click.option("--unseen", is_flag=True, help="Only alerts nobody has seen yet.")
@friendly
def alerts(db_path: Path, unseen: bool) -> None:
    """Alerts raised by watches when new records matched them."""
    from linkboard.cases.watches import list_alerts
    from linkboard.store import open_store

    _require(db_path)
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


@main.command()
@click.option("--ads", type=click.IntRange(1), default=2000, show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--images/--no-images", default=True, show_default=True)
@friendly
def synth(ads: int, out: Path, seed: int, images: bool) -> None:
    """Write a synthetic, non-explicit demo corpus with its ground truth."""
    from linkboard.synth import generate

    s = generate(out, ads=ads, seed=seed, images=images)
    click.echo(
        f"wrote {s.ads:,} ads ({s.operation_ads:,} by {s.operations} operations, the rest "
        f"by {s.independents} independent posters), {s.image_files:,} images and the "
        f"ground truth to {out}"
    )


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@friendly
def stats(db_path: Path, as_json: bool) -> None:
    """Counts by kind, source, stage and quarantine."""
    from linkboard.store import open_store

    _require(db_path)
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
    lines.append(f"indicators   {numbers['indicator_hits']:,} hits")
    lines.append(f"networks     {numbers['networks']:,}")
    lines.append(f"quarantine   {numbers['quarantine']:,}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
