"""linkboard's command line: parse, call one library function, render. No logic lives here.

The commands live by group: ``cli_pipeline`` (run, ingest, process), ``cli_reports`` (export,
networks, network, explain, fit-weights, stats, alerts), ``cli_cases``, ``cli_hashlists`` and
``cli_store``; here, the group itself, ``serve``, ``users`` and ``synth``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from linkboard import __version__
from linkboard.cli_options import db_option, friendly, plural, require_db


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="linkboard")
def main() -> None:
    """linkboard: find the identifiers hidden in online ads, link them into networks, and
    explain every red flag."""


@main.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind (the default keeps the app on this machine).",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--trust-proxy",
    "trust_proxy",
    metavar="ADDRESS",
    multiple=True,
    help="A reverse proxy (address or network, repeatable) whose X-Forwarded-For and "
    "X-Forwarded-Proto are believed. Without it, proxy headers are ignored: the client's "
    "address is the connection's.",
)
@click.option(
    "--idle-timeout",
    type=click.IntRange(1, 24 * 60),
    default=30,
    show_default=True,
    help="Minutes a session may go unused before its user must sign in again.",
)
@friendly
def serve(
    db_path: Path, host: str, port: int, trust_proxy: tuple[str, ...], idle_timeout: int
) -> None:
    """Serve the analyst's web workspace."""
    import ipaddress

    from linkboard.web import serve as run_server

    require_db(db_path)
    for proxy in trust_proxy:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            raise click.ClickException(
                f"--trust-proxy {proxy!r} is not an IP address or network"
            ) from None
    _check_port(host, port)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}, reachable from other machines", err=True)
    run_server(db_path, host, port, trust_proxy=trust_proxy, idle_timeout=idle_timeout * 60)


def _check_port(host: str, port: int) -> None:
    """Bind HOST:PORT once, as uvicorn will, so a busy port is one line and not a server log."""
    import errno
    import socket

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as exc:
        raise click.ClickException(f"cannot serve on {host}: {exc.strerror}") from None
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # uvicorn's option too
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise click.ClickException(
                    f"port {port} on {host} is in use; pick another with --port"
                ) from None
            why = (exc.strerror or str(exc)).lower()
            raise click.ClickException(f"cannot serve on {host} port {port}: {why}") from None


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
    from linkboard.cases.accounts import AccountError, add_user, get_user, read_password
    from linkboard.store import open_store

    with open_store(db_path) as store:
        if get_user(store, username) is not None:  # before asking for a password, not after
            raise click.ClickException(f"user {username} already exists")
        password = (
            read_password(sys.stdin)
            if password_stdin
            else click.prompt("Password", hide_input=True, confirmation_prompt=True)
        )
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

    require_db(db_path)
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

    require_db(db_path)
    with open_store(db_path) as store:
        try:
            disable_user(store, username)
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"disabled {username}")


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
        f"wrote {plural(s.ads, 'ad')} ({s.operation_ads:,} by {plural(s.operations, 'operation')}, "
        f"the rest by {plural(s.independents, 'independent poster')}), "
        f"{plural(s.image_files, 'image')} and the ground truth to {out}"
    )


from linkboard.cli_cases import case  # noqa: E402  (it imports the options above from here)
from linkboard.cli_hashlists import hashlist  # noqa: E402
from linkboard.cli_pipeline import ingest_command, process_command, run  # noqa: E402
from linkboard.cli_reports import (  # noqa: E402
    alerts,
    explain,
    export_command,
    fit_weights_command,
    network,
    networks,
    stats,
)
from linkboard.cli_store import audit, backup, restore  # noqa: E402

for command in (
    run,
    ingest_command,
    process_command,
    export_command,
    networks,
    network,
    explain,
    fit_weights_command,
    alerts,
    stats,
    case,
    hashlist,
    audit,
    backup,
    restore,
):
    main.add_command(command)

if __name__ == "__main__":
    main()
