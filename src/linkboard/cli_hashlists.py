"""``linkboard hashlist``: load, list and drop the lists of known image hashes every stored
image is matched against (``linkboard.media.hashmatch``). A load and a drop are audited as the
person ``--by`` names (or the user logged in to this machine) from the client ``cli``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from linkboard.cli_cases import acting, by_option
from linkboard.cli_options import db_option, friendly, plural, quiet_option, require_db
from linkboard.media.hashmatch import DEFAULT_DISTANCE, MAX_DISTANCE

if TYPE_CHECKING:
    from linkboard.media.hashmatch import Loaded

CLIENT = "cli"
KINDS = ("pdq", "md5", "sha1", "sha256")


@click.group()
def hashlist() -> None:
    """Hash lists: known images, matched against every stored photo by hash alone."""


@hashlist.command(name="load")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--name", help="The list's name (default: the file's list column, else its name).")
@click.option("--source", help="Who shared the list (default: the file's source column).")
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    help="The kind of a one-hash-a-line file's 64-digit hashes (PDQ or SHA-256 look alike).",
)
@click.option(
    "--pdq-distance",
    type=click.IntRange(0, MAX_DISTANCE),
    default=DEFAULT_DISTANCE,
    show_default=True,
    help="PDQ hashes at most this many bits apart match (0: identical only).",
)
@by_option
@db_option
@quiet_option
@friendly
def hashlist_load(
    file: Path,
    name: str | None,
    source: str | None,
    kind: str | None,
    pdq_distance: int,
    by: str | None,
    db_path: Path,
    quiet: bool,
) -> None:
    """Load the hash list FILE (CSV with pdq/md5/sha1/sha256 columns, or one hash a line),
    replacing a list of the same name, and match every stored photo against it (photos
    ingested later are matched as they are processed). Creates the store if there is none."""
    from tqdm import tqdm

    from linkboard.media.hashmatch import HashListError, load
    from linkboard.store import open_store

    if not file.is_file():
        raise click.ClickException(f"no such file: {file}")
    bar = tqdm(desc="matching photos", unit="photo", disable=quiet, leave=False, delay=1)
    with open_store(db_path) as store, bar:
        try:
            loaded = load(store, file, name=name, source=source, kind=kind,
                          pdq_distance=pdq_distance, actor=acting(store, by),
                          client=CLIENT, progress=bar.update)  # fmt: skip
        except HashListError as exc:
            raise click.ClickException(str(exc)) from None
    _report(loaded)


def _report(loaded: Loaded) -> None:
    kinds = ", ".join(f"{n:,} {kind}" for kind, n in loaded.kinds.items())
    for listed in loaded.lists:
        source = f" from {listed.source}" if listed.source else ""
        click.echo(
            f"loaded hash list {listed.name}{source}: {plural(listed.entries, 'hash', 'hashes')}; "
            f"{plural(listed.matches, 'photo')} of {plural(listed.records, 'record')} on it"
        )
    click.echo(f"by kind: {kinds}")
    if loaded.bad_count:
        click.echo(f"skipped {plural(loaded.bad_count, 'bad row')}:", err=True)
        for bad in loaded.bad:
            where = f"line {bad.line}: " if bad.line else ""
            click.echo(f"  {where}{bad.reason}", err=True)
        if loaded.bad_count > len(loaded.bad):
            click.echo(f"  … and {loaded.bad_count - len(loaded.bad):,} more", err=True)
    if loaded.changed:
        click.echo(f"linked again: {plural(loaded.changed, 'record')} whose matches changed")


@hashlist.command(name="list")
@db_option
@friendly
def hashlist_list(db_path: Path) -> None:
    """The loaded lists: name, source, entries, bad rows, PDQ distance, photos and records on
    them, and who loaded them when."""
    from linkboard.store import open_store

    require_db(db_path)
    with open_store(db_path) as store:  # brings an older store's schema up to date
        lists = store.hashlists()
    if not lists:
        click.echo("no hash lists yet: `linkboard hashlist load FILE` loads one")
    for s in lists:
        source = f" ({s.source})" if s.source else ""
        click.echo(
            f"{s.name}{source}: {plural(s.entries, 'hash', 'hashes')}, "
            f"{plural(s.bad, 'bad row')}, PDQ within {s.pdq_distance} bits; "
            f"{plural(s.matches, 'photo')} of {plural(s.records, 'record')} on it; "
            f"loaded by {s.loaded_by or '?'} {s.loaded_at[:19]}"
        )


@hashlist.command(name="drop")
@click.argument("name")
@by_option
@db_option
@friendly
def hashlist_drop(name: str, by: str | None, db_path: Path) -> None:
    """Forget the hash list NAME and its matches; its records lose their alerts."""
    from linkboard.media.hashmatch import HashListError, drop
    from linkboard.store import open_store

    require_db(db_path)
    with open_store(db_path) as store:
        try:
            had, _ = drop(store, name, actor=acting(store, by), client=CLIENT)
        except HashListError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"dropped hash list {name}: {plural(had, 'record')} no longer on it")
