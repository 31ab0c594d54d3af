"""What the commands share: the --db, --quiet, --workers, --taxonomy and input options, counts
in words, and user errors turned into one line and exit code 1."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from linkboard.kinds import kinds
from linkboard.store import StoreError, store_path

F = TypeVar("F", bound=Callable[..., Any])

#: Typed for mypy, which cannot infer it through cli_cases' import of it.
db_option: Callable[[Any], Any] = click.option(
    "--db",
    "db_path",
    type=str,
    callback=lambda _ctx, _param, value: _store_file(value),
    envvar="LINKBOARD_DB",
    default="linkboard.db",
    show_default=True,
    help="The store: a SQLite file, or its sqlite:/// URL (env LINKBOARD_DB).",
)


def _store_file(location: str) -> Path:
    try:
        return store_path(location)
    except StoreError as exc:
        raise click.BadParameter(str(exc)) from None


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


class Registered(click.Choice[str]):
    """A choice among the names a registry holds (``hooks``: input formats, export formats),
    plugins' included: asked for when the option is used or shown, not when the CLI is
    imported (loading plugins then would slow every command's start)."""

    def __init__(self, names: Callable[[], Sequence[str]]) -> None:
        self._names = names
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> Sequence[str]:
        return tuple(self._names())

    @choices.setter
    def choices(self, value: Sequence[str]) -> None:
        """Click sets its choices at construction; ours come from the registry."""


def input_formats() -> list[str]:
    from linkboard.ingest import formats

    return formats()


def export_formats() -> list[str]:
    from linkboard.export.formats import formats

    return formats()


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
        except OSError as exc:  # a missing folder, a full disk: the path and why, not an errno
            where = f"{exc.filename}: " if exc.filename else ""
            why = (exc.strerror or str(exc)).lower()
            raise click.ClickException(f"{where}{why}") from None

    return wrapper  # type: ignore[return-value]


_INPUT_OPTIONS = [
    click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path)),
    click.option(
        "--format",
        "fmt",
        type=Registered(input_formats),
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
        type=Registered(lambda: sorted(kinds())),
        help="Record kind of inputs that do not say (declared in data/kinds/).",
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
    click.option(
        "--account",
        default="",
        metavar="ID",
        help="The statement's own account where the file does not name it (a Cash App "
        "statement's $cashtag).",
    ),
]


def input_options(func: F) -> F:
    for option in reversed(_INPUT_OPTIONS):
        func = option(func)
    return func


def require_db(db_path: Path) -> None:
    if not db_path.exists():
        raise click.ClickException(f"no database at {db_path}: run `linkboard ingest` first")
