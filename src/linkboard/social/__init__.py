"""The social channel: social accounts, posts, chats and messages as record kinds
(``data/kinds``), the Telegram, WhatsApp and Instagram export readers (``readers``), the
recruitment indicators and the SOC_RECRUITER rule as data (``data/indicators.yaml``,
``data/rules.yaml``, evaluated by ``recruiter`` over the stored messages by ``evaluate``),
coordinated promotion (``promotion``) and communities over the connection graph
(``communities``, ``connections``), and the exports (``export``), all registered through
``linkboard.hooks`` at import (``hooks.DEFAULT_PLUGINS`` names this package)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from linkboard import hooks

if TYPE_CHECKING:
    from linkboard.export.scope import Scope
    from linkboard.ingest.options import ReadOptions
    from linkboard.store.base import Store

DATA = Path(__file__).parent / "data"
KINDS = ("social_account", "post", "chat", "message", "follow")
#: The export formats: name -> (its module in ``social.readers``, the file name endings a folder
#: is read for besides .json and .jsonl).
FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "telegram": ("telegram", ()),
    "whatsapp": ("whatsapp", (".txt",)),
    "instagram": ("instagram", ()),
}


def _reader(module: str, suffixes: tuple[str, ...]) -> hooks.Reader:
    """A reader whose module is imported when first asked."""

    def load() -> Any:
        return importlib.import_module(f"linkboard.social.readers.{module}")

    def read(path: Path, options: ReadOptions, progress: Any = None) -> Iterator[Any]:
        return load().read(path, options, progress)  # type: ignore[no-any-return]

    def detect(path: Path) -> bool:
        return bool(load().detect(path))

    return hooks.Reader(read, detect=detect, suffixes=suffixes)


READERS = {name: _reader(module, suffixes) for name, (module, suffixes) in FORMATS.items()}


def register() -> None:
    from linkboard.social.values import ACCOUNT_REF

    for name in KINDS:
        hooks.kind_files.register(name, DATA / "kinds" / f"{name}.yaml")
    hooks.value_types.register(ACCOUNT_REF.kind, ACCOUNT_REF)
    for name, reader in READERS.items():
        hooks.readers.register(name, reader)
    hooks.indicator_files.register("social", DATA / "indicators.yaml")
    hooks.indicator_files.register("social-rules", DATA / "rules.yaml")
    hooks.after_link.register(_after_link)
    hooks.after_regroup.register(_after_regroup)
    hooks.record_fields.register("social_account", _account_fields)
    hooks.record_fields.register("message", _message_fields)
    hooks.ftm_entities.register("social_account", _account_entities)
    hooks.ftm_entities.register("message", _message_entities)
    connections = hooks.Exporter(
        ".graphml", _connections, binary=True, media_type="application/xml"
    )
    hooks.exporters.register("connections", connections)


# The parts are imported when first used: the channel costs an import of a few names until then.
def _after_link(store: Store, record_ids: Sequence[str]) -> set[str]:
    from linkboard.social.evaluate import after_link

    return after_link(store, record_ids)


def _after_regroup(store: Store, network_ids: Sequence[str]) -> set[str]:
    from linkboard.social.evaluate import after_regroup

    return after_regroup(store, network_ids)


def _account_fields(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    from linkboard.social.export import account_fields

    return account_fields(store, ids)


def _message_fields(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    from linkboard.social.export import message_fields

    return message_fields(store, ids)


def _account_entities(scope: Scope, docs: dict[str, Any]) -> list[Any]:
    from linkboard.social.export import account_entities

    return account_entities(scope, docs)


def _message_entities(scope: Scope, docs: dict[str, Any]) -> list[Any]:
    from linkboard.social.export import message_entities

    return message_entities(scope, docs)


def _connections(store: Store, scope: Scope, out: IO[Any], options: hooks.ExportOptions) -> int:
    from linkboard.social.graphml import write

    return write(store, scope, out, options)


register()
