"""``linkboard run``, ``ingest`` and ``process``: load inputs into the store and run the
pipeline over what is new, with progress on standard error."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import click

from linkboard.cli_options import (
    db_option,
    friendly,
    input_options,
    plural,
    quiet_option,
    require_db,
    taxonomy_option,
    workers_option,
)


def _read_options(
    source: str | None,
    region: str,
    kind: str,
    mapping: tuple[str, ...],
    mapping_file: Path | None,
    account: str = "",
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
    return ReadOptions(source=source, region=region.upper(), kind=kind, mapping=pairs,
                       account=account.strip())  # fmt: skip


def _ingest(
    db_path: Path, inputs: tuple[Path, ...], fmt: str | None, quiet: bool, **options: Any
) -> None:
    from linkboard.ingest import ingest
    from linkboard.store import open_store

    read_options = _read_options(**options)
    with open_store(db_path) as store:
        counts = ingest(store, inputs, fmt, read_options, show_progress=not quiet)
    if not counts.added + counts.updated + counts.unchanged:
        raise click.ClickException(_nothing_readable(inputs, counts.quarantined))
    click.echo(
        f"ingested: {counts.added:,} new, {counts.updated:,} updated, "
        f"{counts.unchanged:,} unchanged, {counts.quarantined:,} quarantined"
    )


def _nothing_readable(inputs: tuple[Path, ...], quarantined: int) -> str:
    """What ingest saw when it found no record: the files, the HTML pages, the quarantine."""
    from linkboard.ingest.html import SUFFIXES, pages

    folders = [p for p in inputs if p.is_dir()]
    files = len(inputs) - len(folders)
    files += sum(1 for folder in folders for p in folder.rglob("*") if p.is_file())
    html_pages = sum(len(pages(folder)) for folder in folders)
    where = ", ".join(str(p) for p in inputs)
    unit = "page" if len(folders) == len(inputs) else "line" if not folders else "item"
    found = f"{plural(files, 'file')} seen"
    if folders:
        found += f" ({plural(html_pages, 'HTML page')})"
    line = f"nothing readable in {where}: {found}, {plural(quarantined, unit)} quarantined"
    if folders and not html_pages:
        kinds = ", ".join(sorted(SUFFIXES))
        return f"{line}; a folder is read for HTML pages ({kinds}) and JSON Lines, CSV, CDR files"
    if quarantined:
        return f"{line} (`linkboard stats` says why)"
    return line


def _process(
    db_path: Path, workers: int | None, taxonomy_paths: tuple[Path, ...], quiet: bool
) -> None:
    from linkboard.engine.local import process
    from linkboard.store import open_store

    with open_store(db_path) as store:
        status = LinkStatus(db_path, show=not quiet and store.count_pending() > 0)
        with status:
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
    click.echo(f"processed: {plural(report.records, 'record')} ({timings})")
    if report.linking:
        click.echo(
            "linked: "
            + ", ".join(
                f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}"
                for k, v in report.linking.items()
            )
        )


class LinkStatus:
    """A status line on stderr for the link + network stage, which the engine runs without a bar
    after the record stage's: it appears once the store has nothing pending (the record stage is
    done) and counts the seconds until the stage ends. Shown unless --quiet, as the bars are."""

    POLL = 0.1

    def __init__(self, db_path: Path, *, show: bool) -> None:
        self.db_path, self.show = db_path, show
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> LinkStatus:
        if self.show:
            self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        if self.show:
            self.thread.join()

    def _watch(self) -> None:
        from tqdm import tqdm

        from linkboard.store import StoreError, open_store

        with open_store(self.db_path, readonly=True) as reader:
            while not self.done.wait(self.POLL):
                try:
                    if reader.count_pending() == 0:
                        break
                except StoreError:
                    continue  # a writer holds the file this instant; ask again
            else:
                return
        fmt = "{desc} ({elapsed})"
        with tqdm(desc="linking records into networks", bar_format=fmt, leave=False) as bar:
            while not self.done.wait(1.0):
                bar.refresh()


@click.command()
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


@click.command(name="ingest")
@input_options
@db_option
@quiet_option
@friendly
def ingest_command(
    inputs: tuple[Path, ...], db_path: Path, fmt: str | None, quiet: bool, **options: Any
) -> None:
    """Load INPUTS (JSON Lines, CSV, Memex CDR, a folder of HTML pages, bank and payment-app
    statements: every format listed under --format) into the store."""
    _ingest(db_path, inputs, fmt, quiet, **options)


@click.command(name="process")
@db_option
@workers_option
@taxonomy_option
@quiet_option
@friendly
def process_command(
    db_path: Path, workers: int | None, taxonomy_paths: tuple[Path, ...], quiet: bool
) -> None:
    """Extract, score and link every record that is new or changed since the last run."""
    require_db(db_path)
    _process(db_path, workers, taxonomy_paths, quiet)
