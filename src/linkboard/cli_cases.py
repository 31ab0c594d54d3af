"""``linkboard case``: create cases, put networks, records and identifiers in them, annotate them.

Each command calls one function of ``linkboard.cases.casefiles``, which checks the role and
audits the change against ``case:ID`` as the web workspace's do, with the actor ``--by`` names
(or the user logged in to this machine) and the client ``cli``.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from linkboard.cli_options import db_option, friendly, plural, require_db

if TYPE_CHECKING:
    from linkboard.cases.roles import Actor
    from linkboard.store.base import Store
    from linkboard.store.casework import AccountsStore

CLIENT = "cli"

by_option = click.option(
    "--by",
    "by",
    metavar="NAME",
    help="Who does this, for the audit log (default: the user logged in to this machine). "
    "An account's name acts with that account's role.",
)


@dataclass(frozen=True, slots=True)
class Operator:
    """The person at this machine's command line: whoever can open the database holds all of it,
    so they act with every permission (as ``actor=None`` does), under their own name."""

    username: str
    role: str = "admin"


def acting(store: AccountsStore, by: str | None) -> Actor | None:
    """The actor for BY: an account of that name, else the operator under it (or their login)."""
    from linkboard.cases import audit
    from linkboard.cases.accounts import get_user

    name = (by if by is not None else _login_name()).strip()
    if not name:
        raise click.BadParameter("give a name", param_hint="--by")
    user = get_user(store, name)
    if user is None:
        return Operator(name) if name != audit.LOCAL_ACTOR else None
    if user.disabled:
        raise click.ClickException(f"user {name} is disabled")
    return user


def _login_name() -> str:
    from linkboard.cases import audit

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment nor the password database
        return audit.LOCAL_ACTOR


@contextmanager
def _casework(db_path: Path, by: str | None) -> Iterator[tuple[Store, Actor | None]]:
    """The store and the actor; a refused or impossible request is one line."""
    from linkboard.cases.casefiles import CaseError
    from linkboard.cases.roles import PermissionDenied
    from linkboard.store import open_store

    require_db(db_path)
    with open_store(db_path) as store:
        try:
            yield store, acting(store, by)
        except (CaseError, PermissionDenied) as exc:
            raise click.ClickException(str(exc)) from None


@click.group()
def case() -> None:
    """Cases: networks, records and identifiers gathered with notes, as in the workspace."""


@case.command(name="create")
@click.argument("title")
@click.option("--description", default="", help="What the case is about.")
@by_option
@db_option
@friendly
def case_create(title: str, description: str, by: str | None, db_path: Path) -> None:
    """Open a case called TITLE and print its number."""
    from linkboard.cases.casefiles import create_case

    with _casework(db_path, by) as (store, actor):
        made = create_case(store, title, description=description, actor=actor, client=CLIENT)
    click.echo(f"created case {made.id}: {made.title}")


@case.command(name="add")
@click.argument("case_id", metavar="CASE", type=int)
@click.option("--network", "network_id", help="A network's id (N00000001).")
@click.option("--record", "record_id", help="A record's id.")
@click.option("--identifier", help="An identifier as kind:value (phone:+15555550123).")
@by_option
@db_option
@friendly
def case_add(
    case_id: int,
    network_id: str | None,
    record_id: str | None,
    identifier: str | None,
    by: str | None,
    db_path: Path,
) -> None:
    """Put one network, record or identifier into case CASE."""
    from linkboard.cases.casefiles import add_item

    refs = {"network": network_id, "record": record_id, "identifier": identifier}
    given = [(kind, ref.strip()) for kind, ref in refs.items() if ref is not None]
    if len(given) != 1:
        raise click.UsageError("give one of --network, --record, --identifier")
    kind, ref = given[0]
    with _casework(db_path, by) as (store, actor):
        add_item(store, case_id, kind, ref, actor=actor, client=CLIENT)
    click.echo(f"added {kind} {ref} to case {case_id}")


@case.command(name="list")
@click.option(
    "--status",
    type=click.Choice(["open", "active", "referred", "closed"]),
    help="Only the cases of this status.",
)
@db_option
@friendly
def case_list(status: str | None, db_path: Path) -> None:
    """Cases, newest first: number, status, title, items, notes, who opened it and when."""
    from linkboard.cases.casefiles import items, list_cases, notes
    from linkboard.store import open_store

    require_db(db_path)
    with open_store(db_path, readonly=True) as store:
        rows = [
            (c, len(items(store, c.id)), len(notes(store, c.id))) for c in list_cases(store, status)
        ]
    if not rows:
        click.echo("no cases yet: `linkboard case create TITLE` opens one")
    for c, n_items, n_notes in rows:
        click.echo(
            f"{c.id:>4}  {c.status:<8}  {c.title}  ({plural(n_items, 'item')}, "
            f"{plural(n_notes, 'note')}; opened by {c.created_by} {c.created_at[:10]})"
        )


@case.command(name="note")
@click.argument("case_id", metavar="CASE", type=int)
@click.argument("text")
@click.option("--about", default="", metavar="KIND:ID", help="The item it is about (record:ID).")
@by_option
@db_option
@friendly
def case_note(case_id: int, text: str, about: str, by: str | None, db_path: Path) -> None:
    """Add the note TEXT to case CASE."""
    from linkboard.cases.casefiles import add_note

    with _casework(db_path, by) as (store, actor):
        add_note(store, case_id, text, about=about, actor=actor, client=CLIENT)
    click.echo(f"noted on case {case_id}")
