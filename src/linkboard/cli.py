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
    "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), envvar="LINKBOARD_DB",
    default="linkboard.db", show_default=True, help="The store (a SQLite file; env LINKBOARD_DB).",
)
quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
workers_option = click.option("--workers", type=int, default=None,
                              help="Processes for the record stage (default: all cores).")
taxonomy_option = click.option(
    "--taxonomy", "taxonomy_paths", multiple=True, type=click.Path(exists=True, path_type=Path),
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
        except (InputError, StoreError, FileNotFoundError, IsADirectoryError,
                PermissionError) as exc:
            raise click.ClickException(str(exc)) from None
        except sqlite3.OperationalError as exc:
            raise click.ClickException(f"database error: {exc}") from None

    return wrapper  # type: ignore[return-value]


def input_options(func: F) -> F:
    options = [
        click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path)),
        click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "cdr", "html"]),
                     help="Input format (default: from the file name and content)."),
        click.option("--source", help="Source name recorded in provenance (default: file name)."),
        click.option("--region", default="US", show_default=True,
                     help="Default phone region for this source (ISO country code)."),
        click.option("--kind", default="ad", show_default=True,
                     type=click.Choice(["ad", "post", "profile", "transaction", "image"])),
        click.option("--map", "mapping", multiple=True, metavar="FIELD=COLUMN",
                     help="CSV column mapping, e.g. --map body=description."),
        click.option("--mapping-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="CSV column mapping as a YAML file {field: column}."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _read_options(source: str | None, region: str, kind: str, mapping: tuple[str, ...],
                  mapping_file: Path | None) -> Any:
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


def _ingest(db_path: Path, inputs: tuple[Path, ...], fmt: str | None, quiet: bool,
            **options: Any) -> None:
    from linkboard.ingest import ingest
    from linkboard.store import open_store

    read_options = _read_options(**options)
    with open_store(db_path) as store:
        counts = ingest(store, inputs, fmt, read_options, show_progress=not quiet)
    click.echo(
        f"ingested: {counts.added:,} new, {counts.updated:,} updated, "
        f"{counts.unchanged:,} unchanged, {counts.quarantined:,} quarantined"
    )


def _process(db_path: Path, workers: int | None, taxonomy_paths: tuple[Path, ...],
             quiet: bool) -> None:
    from linkboard.engine.local import process
    from linkboard.store import open_store

    with open_store(db_path) as store:
        report = process(store, workers=workers, taxonomy_paths=list(taxonomy_paths) or None,
                         show_progress=not quiet)
    if not report.records:
        click.echo("processed: nothing new")
        return
    timings = ", ".join(f"{stage} {secs:.1f}s" for stage, secs in report.seconds.items())
    click.echo(f"processed: {report.records:,} records ({timings})")
    if report.linking:
        click.echo("linked: " + ", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}"
                                          for k, v in report.linking.items()))


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
def run(inputs: tuple[Path, ...], db_path: Path, fmt: str | None, workers: int | None,
        taxonomy_paths: tuple[Path, ...], quiet: bool, **options: Any) -> None:
    """Ingest INPUTS, then run every stage over what is new."""
    _ingest(db_path, inputs, fmt, quiet, **options)
    _process(db_path, workers, taxonomy_paths, quiet)


@main.command(name="ingest")
@input_options
@db_option
@quiet_option
@friendly
def ingest_command(inputs: tuple[Path, ...], db_path: Path, fmt: str | None, quiet: bool,
                   **options: Any) -> None:
    """Load INPUTS (JSON Lines, CSV, Memex CDR, or a folder of HTML pages) into the store."""
    _ingest(db_path, inputs, fmt, quiet, **options)


@main.command(name="process")
@db_option
@workers_option
@taxonomy_option
@quiet_option
@friendly
def process_command(db_path: Path, workers: int | None, taxonomy_paths: tuple[Path, ...],
                    quiet: bool) -> None:
    """Extract, score and link every record that is new or changed since the last run."""
    _require(db_path)
    _process(db_path, workers, taxonomy_paths, quiet)


def _require(db_path: Path) -> None:
    if not db_path.exists():
        raise click.ClickException(f"no database at {db_path}: run `linkboard ingest` first")


@main.command(name="export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default="-",
              show_default=True, help="Output file ('-' for standard output).")
@friendly
def export_command(db_path: Path, fmt: str, out: Path) -> None:
    """Export one line per record: identifiers, indicators, risk and network."""
    from linkboard.export.records import write_csv, write_jsonl
    from linkboard.store import open_store

    _require(db_path)
    write = write_jsonl if fmt == "jsonl" else write_csv
    with open_store(db_path, readonly=True) as store:
        if str(out) == "-":
            count = write(store, sys.stdout)
        else:
            with out.open("w", encoding="utf-8", newline="") as fh:
                count = write(store, fh)
    click.echo(f"exported {count:,} records", err=True)


@main.command()
@click.option("--ads", type=click.IntRange(1), default=2000, show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--images/--no-images", default=True, show_default=True)
@friendly
def synth(ads: int, out: Path, seed: int, images: bool) -> None:
    """Write a synthetic, non-explicit demo corpus with its ground truth."""
    from linkboard.synth import generate

    summary = generate(out, ads=ads, seed=seed, images=images)
    click.echo(f"wrote {summary} to {out}")


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
    lines = [f"records      {numbers['records']:,}  (processed {numbers['processed']:,}, "
             f"pending {numbers['pending']:,})"]
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
