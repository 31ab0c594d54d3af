"""Record kinds as data: ``data/kinds/<kind>.yaml`` says which input field fills which slot of a
record (the slots extraction, scoring, search and exports read), which fields an input must
have, which fields hold an identifier as data (a profile's own handle, a payer's account) and in
what role, and what the kind is. Adding a kind is a data file (and a reader, if its input is not
linkboard's JSON Lines)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from linkboard import hooks
from linkboard.model import ROLES

#: The record slots an input field may fill (``Record``'s fields besides id, kind and raw).
SLOTS = ("title", "body", "url", "site", "posted_at", "location", "images", "region")


class UnknownKind(ValueError):
    """A record kind no ``data/kinds/*.yaml`` declares."""


@dataclass(frozen=True, slots=True)
class HeldIdentifier:
    """A field whose value is an identifier of value type ``type`` (``values.TYPES``), which the
    record holds in ``role`` (``model.ROLES``). ``namespace`` names the record field (a slot, or
    an input field kept in ``extra``) that gives the platform, service or coin a bare value
    belongs to (a profile's ``platform``, its ``site``), if any."""

    field: str
    type: str
    role: str
    namespace: str = ""


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    description: str
    #: input field -> the slot it fills
    fields: dict[str, str]
    required: tuple[str, ...]
    identifiers: tuple[HeldIdentifier, ...] = ()
    #: Whether records of this kind join networks (a transaction does not: its account does).
    links: bool = True
    #: The role of the identifiers extraction finds in the kind's text (a transaction's memo
    #: only mentions the phone it names).
    text_role: str = "self"

    def field_for(self, slot: str) -> str | None:
        """The input field that fills SLOT, if any."""
        return next((f for f, s in self.fields.items() if s == slot), None)


def kinds() -> dict[str, Kind]:
    """Every declared kind, by name: linkboard's own, then those plugins registered
    (``hooks.kind_files``: name -> its YAML file)."""
    found = dict(_own())
    for name, path in hooks.kind_files.all().items():
        found.setdefault(name, _declared_in(path))
    return found


def kind(name: str) -> Kind:
    found = _own().get(name)
    if found is not None:
        return found
    path = hooks.kind_files.get(name)
    if path is not None:
        return _declared_in(path)
    known = ", ".join(sorted(kinds()))
    raise UnknownKind(f"unknown record kind {name!r}: declared kinds are {known}")


@cache
def _own() -> dict[str, Kind]:
    found = {}
    for entry in sorted(resources.files("linkboard").joinpath("data", "kinds").iterdir(),
                        key=lambda e: e.name):  # fmt: skip
        if entry.name.endswith(".yaml"):
            found[entry.name.removesuffix(".yaml")] = _kind(entry.name, entry.read_text("utf-8"))
    return found


@cache
def _declared_in(path: Path) -> Kind:
    return _kind(path.name, path.read_text("utf-8"))


def _kind(filename: str, text: str) -> Kind:
    data = yaml.safe_load(text)
    fields = {str(k): str(v) for k, v in data["fields"].items()}
    wrong = sorted(set(fields.values()) - set(SLOTS))
    if wrong:
        raise ValueError(f"data/kinds/{filename}: no record slot {', '.join(wrong)}")
    required = tuple(str(f) for f in data.get("required", []))
    held = tuple(_held(filename, str(f), entry, fields)
                 for f, entry in data.get("identifiers", {}).items())  # fmt: skip
    name, description = filename.removesuffix(".yaml"), str(data.get("description", ""))
    text_role = str(data.get("text_role", "self"))
    if text_role not in ROLES:
        raise ValueError(f"data/kinds/{filename}: text_role: no role {text_role!r}")
    return Kind(name, description, fields, required, held, bool(data.get("links", True)),
                text_role)  # fmt: skip


def _held(
    filename: str, field: str, entry: dict[str, str], fields: dict[str, str]
) -> HeldIdentifier:
    """One ``identifiers:`` entry; a namespace field that fills a slot is read from that slot."""
    namespace = str(entry.get("namespace", ""))
    held = HeldIdentifier(field, str(entry["type"]), str(entry.get("role", "self")),
                          fields.get(namespace, namespace))  # fmt: skip
    if held.type == "image" or held.type not in hooks.value_types.all():
        raise ValueError(f"data/kinds/{filename}: {field}: no linkable value type {held.type!r}")
    if held.role not in ROLES:
        raise ValueError(f"data/kinds/{filename}: {field}: no role {held.role!r}")
    return held
