"""``linkboard audit verify``, ``backup`` and ``restore``: a store that shows tampering and can
be brought back.

Each command calls one function of the library (``cases.audit.verify``, ``store.backup``);
a backup and a restore are themselves audited, as ``local`` from the client ``cli``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from linkboard.cli_options import db_option, friendly, plural, require_db

if TYPE_CHECKING:
    from linkboard.store.backup import Copied

CLIENT = "cli"


@click.group()
def audit() -> None:
    """The audit log: check that nobody has edited, deleted or slipped in an entry."""


@audit.command(name="verify")
@db_option
@friendly
def audit_verify(db_path: Path) -> None:
    """Recompute the audit log's hash chain; exit 1 naming the first entry that breaks it."""
    from linkboard.cases import audit as audit_log
    from linkboard.store import open_store

    require_db(db_path)
    with open_store(db_path) as store:
        check = audit_log.verify(store)
        spooled = audit_log.waiting(store)
    if not check.holds:
        held = (
            "1 entry before it holds"
            if check.entries == 1
            else (f"{check.entries:,} entries before it hold")
        )
        raise click.ClickException(f"audit log broken: {check.problem} ({held})")
    click.echo(
        f"audit log holds: {plural(check.entries, 'entry', 'entries')}, each chained to the one "
        f"before; head {check.head}"
    )
    if spooled:
        click.echo(
            f"spooled while a pipeline stage held the store: {plural(spooled, 'entry', 'entries')}"
            ", chained at the next audited action"
        )


@click.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists.")
@friendly
def backup(out: Path, db_path: Path, force: bool) -> None:
    """Write a consistent copy of the store and its images to OUT, while it is in use.

    OUT is a store itself (its images in OUT.images/): `linkboard restore OUT` brings it back."""
    from linkboard.cases import audit as audit_log
    from linkboard.store import open_store
    from linkboard.store.backup import backup as backup_store

    require_db(db_path)
    copied = backup_store(db_path, out, force=force)
    with open_store(db_path) as store:
        audit_log.record(
            store, None, "store.backup", f"file:{out.resolve()}", _detail(copied), client=CLIENT
        )
    click.echo(f"backed up {db_path} to {out}: {_summary(copied)}")


@click.command()
@click.argument("backup_path", metavar="BACKUP", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.option("--force", is_flag=True, help="Overwrite the store at --db if there is one.")
@friendly
def restore(backup_path: Path, db_path: Path, force: bool) -> None:
    """Bring the store back from BACKUP (written by `linkboard backup`), with its images."""
    from linkboard.cases import audit as audit_log
    from linkboard.store import open_store
    from linkboard.store.backup import restore as restore_store

    copied = restore_store(backup_path, db_path, force=force)
    with open_store(db_path) as store:  # brings an older backup's schema up to date
        detail = {**_detail(copied), "from": str(backup_path.resolve())}
        target = f"file:{db_path.resolve()}"
        audit_log.record(store, None, "store.restore", target, detail, client=CLIENT)
    click.echo(f"restored {db_path} from {backup_path}: {_summary(copied)}")


def _detail(copied: Copied) -> dict[str, object]:
    return {"size": copied.size, "schema": copied.schema, "images": copied.images}


def _summary(copied: Copied) -> str:
    return f"{copied.size / 1e6:,.1f} MB, {plural(copied.images, 'image file')}"
