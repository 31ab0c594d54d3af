"""The payments channel: accounts and transactions as records (``data/kinds``), their
identifiers as value types (``values``), the statement readers (``readers``), the FinCEN and
FINTRAC red-flag rules as data (``data/rules.yaml``, evaluated by ``rules``) and the exports
(``export``), all registered through ``linkboard.hooks`` at import (``hooks.DEFAULT_PLUGINS``
names this package)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from linkboard import hooks
from linkboard.payments.values import TYPES

if TYPE_CHECKING:
    from linkboard.export.scope import Scope
    from linkboard.ingest.options import ReadOptions
    from linkboard.store.base import Store

HERE = Path(__file__).parent
DATA = HERE / "data"
#: The statement formats: name -> (its module in ``payments.readers``, the file name endings a
#: folder is read for besides .csv). ``ledger_csv`` is never detected (``--format`` only).
FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "camt053": ("camt", (".xml", ".camt", ".camt053")),
    "cashapp": ("cashapp", ()),
    "venmo": ("venmo", ()),
    "paypal": ("paypal", ()),
    "ofx": ("ofx", (".ofx", ".qfx")),
    "mt940": ("swift", (".mt940", ".sta", ".940")),
    "crypto_csv": ("crypto", ()),
    "ledger_csv": ("mapped", ()),
}


def _module(name: str) -> Any:
    return importlib.import_module(f"linkboard.payments.readers.{name}")


def _reader(module: str, suffixes: tuple[str, ...]) -> hooks.Reader:
    """A reader whose module (lxml, ofxtools, mt940 behind it) is imported when first asked."""

    def read(path: Path, options: ReadOptions, progress: Any = None) -> Iterator[Any]:
        return _module(module).read(path, options, progress)  # type: ignore[no-any-return]

    def detect(path: Path) -> bool:
        return bool(_module(module).detect(path))

    return hooks.Reader(read, detect=detect, suffixes=suffixes)


READERS = {name: _reader(module, suffixes) for name, (module, suffixes) in FORMATS.items()}


def register() -> None:
    for name in ("account", "transaction"):
        hooks.kind_files.register(name, DATA / "kinds" / f"{name}.yaml")
    for vtype in TYPES:
        hooks.value_types.register(vtype.kind, vtype)
    for name, reader in READERS.items():
        hooks.readers.register(name, reader)
    hooks.indicator_files.register("payments", DATA / "rules.yaml")
    hooks.after_link.register(_after_link)
    hooks.after_regroup.register(_after_regroup)
    hooks.record_fields.register("account", _account_fields)
    hooks.record_fields.register("transaction", _transaction_fields)
    hooks.ftm_entities.register("account", _account_entities)
    hooks.ftm_entities.register("transaction", _transaction_entities)
    hooks.exporters.register("sar", hooks.Exporter(".txt", _sar, media_type="text/plain"))


# The parts are imported when first used: the channel costs an import of a few names until then.
def _after_link(store: Store, record_ids: Sequence[str]) -> set[str]:
    from linkboard.payments.evaluate import after_link

    return after_link(store, record_ids)


def _after_regroup(store: Store, network_ids: Sequence[str]) -> set[str]:
    from linkboard.payments.evaluate import after_regroup

    return after_regroup(store, network_ids)


def _account_fields(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    from linkboard.payments.export import account_fields

    return account_fields(store, ids)


def _transaction_fields(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    from linkboard.payments.export import transaction_fields

    return transaction_fields(store, ids)


def _account_entities(scope: Scope, docs: dict[str, Any]) -> list[Any]:
    from linkboard.payments.export import account_entities

    return account_entities(scope, docs)


def _transaction_entities(scope: Scope, docs: dict[str, Any]) -> list[Any]:
    from linkboard.payments.export import transaction_entities

    return transaction_entities(scope, docs)


def _sar(store: Store, scope: Scope, out: IO[Any], options: hooks.ExportOptions) -> int:
    from linkboard.payments.sar import write

    return write(store, scope, out, options)


register()
