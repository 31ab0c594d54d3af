"""Record kinds as data: ``data/kinds/<kind>.yaml`` says which input field fills which slot of a
record (the slots extraction, scoring, search and exports read), which fields an input must
have, and what the kind is. Adding a kind is a data file (and a reader, if its input is not
linkboard's JSON Lines)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

#: The record slots an input field may fill (``Record``'s fields besides id, kind and raw).
SLOTS = ("title", "body", "url", "site", "posted_at", "location", "images", "region")


class UnknownKind(ValueError):
    """A record kind no ``data/kinds/*.yaml`` declares."""


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    description: str
    #: input field -> the slot it fills
    fields: dict[str, str]
    required: tuple[str, ...]

    def field_for(self, slot: str) -> str | None:
        """The input field that fills SLOT, if any."""
        return next((f for f, s in self.fields.items() if s == slot), None)


@cache
def kinds() -> dict[str, Kind]:
    """Every declared kind, by name."""
    found = {}
    for entry in sorted(resources.files("linkboard").joinpath("data", "kinds").iterdir(),
                        key=lambda e: e.name):  # fmt: skip
        if entry.name.endswith(".yaml"):
            found[entry.name.removesuffix(".yaml")] = _kind(entry.name, entry.read_text("utf-8"))
    return found


def kind(name: str) -> Kind:
    try:
        return kinds()[name]
    except KeyError:
        known = ", ".join(sorted(kinds()))
        raise UnknownKind(f"unknown record kind {name!r}: declared kinds are {known}") from None


def _kind(filename: str, text: str) -> Kind:
    data = yaml.safe_load(text)
    fields = {str(k): str(v) for k, v in data["fields"].items()}
    wrong = sorted(set(fields.values()) - set(SLOTS))
    if wrong:
        raise ValueError(f"data/kinds/{filename}: no record slot {', '.join(wrong)}")
    required = tuple(str(f) for f in data.get("required", []))
    return Kind(filename.removesuffix(".yaml"), str(data.get("description", "")), fields, required)
