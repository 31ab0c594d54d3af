"""linkboard's command line: parse, call one library function, render. No logic lives here."""

from __future__ import annotations

import functools
import json
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from linkboard import __version__

F = TypeVar("F", bound=Callable[..., Any])

#: Typed for mypy, which cannot infer it through cli_cases' import of it.
db_option: Callable[[Any], Any] = click.option(
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
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes for the record stage (default: all cores).",
)
taxonomy_option = click.option(
    "--taxonomy",
    "taxonomy_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Your own indicator file(s), merged over the default taxonomy.",
)


def plural(count: int, word: str, many: str = "") -> str:
    """``1 record``, ``2 records``, ``1,000 records``; MANY where adding an s is wrong."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def friendly(func: F) -> F:
    """Turn user errors into one clear line and exit code 1; no traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from linkboard.ingest import InputError
        from linkboard.store import StoreError

        try:
            return func(*args, **kwargs)
        except (InputError, StoreError) as exc:
            raise click.ClickException(str(exc)) from None
        except sqlite3.OperationalError as exc:
            raise click.ClickException(f"database error: {exc}") from None
        except OSError as exc:  # a missing folder, a full disk: the path and why, not an errno
            where = f"{exc.filename}: " if exc.filename else ""
            why = (exc.strerror or str(exc)).lower()
            raise click.ClickException(f"{where}{why}") from None

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

        from linkboard.store import open_store

        with open_store(self.db_path, readonly=True) as reader:
            while not self.done.wait(self.POLL):
                try:
                    if reader.count_pending() == 0:
                        break
                except sqlite3.OperationalError:
                    continue  # a writer holds the file this instant; ask again
            else:
                return
        fmt = "{desc} ({elapsed})"
        with tqdm(desc="linking records into networks", bar_format=fmt, leave=False) as bar:
            while not self.done.wait(1.0):
                bar.refresh()


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
    from linkboard.export.formats import ExportError, export_case, export_network, export_search
    from linkboard.store import open_store

    _require(db_path)
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
    from linkboard.store import open_store
    from linkboard.terminal import network_detail

    _require(db_path)
    with open_store(db_path, readonly=True) as store:
        net = store.network(network_id)
        if net is None:
            raise click.ClickException(f"no network {network_id}")
        edges = network_edges(store, network_id)
    reasons = _reasons(net["breakdown"]) if net["breakdown"] else "(not scored)"
    click.echo(network_detail(net, edges, reasons))


def _reasons(data: dict[str, Any]) -> str:
    """The score's explanation."""
    from linkboard.model import Breakdown
    from linkboard.score import explain

    return explain(
        Breakdown(data["risk"], data["bias"], data["contributions"], data.get("version", ""))
    )


@main.command()
@click.argument("record_id")
@db_option
@friendly
def explain(record_id: str, db_path: Path) -> None:
    """Why RECORD_ID scores what it scores: each indicator, its weight and its evidence."""
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
    click.echo(_reasons(json.loads(row["breakdown"])))


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

    _require(db_path)
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
        f"wrote {plural(s.ads, 'ad')} ({s.operation_ads:,} by {plural(s.operations, 'operation')}, "
        f"the rest by {plural(s.independents, 'independent poster')}), "
        f"{plural(s.image_files, 'image')} and the ground truth to {out}"
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
    lines.append(f"indicators   {plural(numbers['indicator_hits'], 'hit')}")
    lines.append(f"networks     {numbers['networks']:,}")
    lines.append(f"quarantine   {numbers['quarantine']:,}")
    return "\n".join(lines)


from linkboard.cli_cases import case  # noqa: E402  (it builds on the options above)
from linkboard.cli_store import audit, backup, restore  # noqa: E402  (the same)

main.add_command(case)
main.add_command(audit)
main.add_command(backup)
main.add_command(restore)

if __name__ == "__main__":
    main()
