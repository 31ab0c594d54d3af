"""A camera body serial as a value: ``device:<make>:<serial>`` (``device:canon:012345678901``).

A serial means nothing without its maker (two makers may number bodies alike), so the value is
the maker's name, lower-case (``NIKON CORPORATION`` and ``Nikon`` are both ``nikon``, through
``data/makes.yaml``), and the serial, upper-case with spaces dropped. The namespace a record
gives beside the serial is its maker; typed alone, the value is ``make:serial``.

Junk is no device: all one character (``0000000000``, ``XXXX``), a placeholder word
(``unknown``, ``N/A``: ``data/generic_serials.yaml``), under 4 or over 40 characters, or
anything but printable ASCII. Factory defaults that many unrelated devices report (``123456``,
Android's ``0123456789ABCDEF``) are read, but are *generic*: ``is_generic`` says so, and the
linker holds them back as it does a shared booking line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from linkboard.media.exif import PhotoMeta
from linkboard.values.kind import ValueType

KIND = "device"
DATA = Path(__file__).parent / "data"
MIN_SERIAL, MAX_SERIAL = 4, 40
_SERIAL = re.compile(r"^[\x21-\x7e]+$")
_MAKE = re.compile(r"^[a-z0-9][a-z0-9&+._-]{0,39}$")
_TYPED = re.compile(r"^\s*([^:]+?)\s*:\s*(.+?)\s*$", re.DOTALL)
#: Makes that name no maker.
NO_MAKE = frozenset({"unknown", "none", "null", "n/a", "generic", "default"})


@dataclass(frozen=True, slots=True)
class SerialLists:
    """The analyst-editable serial lists: placeholders (never a device), generic serials."""

    placeholders: frozenset[str]
    generic: frozenset[str]


@dataclass(frozen=True, slots=True)
class Makes:
    aliases: dict[str, str]
    company_words: frozenset[str]


def _spaced(text: str) -> str:
    return " ".join(text.lower().split())


def _squeeze(text: str) -> str:
    return "".join(text.upper().split())


def _entries(path: Path, section: str) -> frozenset[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rows = data.get(section) or []
    bad = [
        r for r in rows if not isinstance(r, dict) or not r.get("serial") or not r.get("meaning")
    ]
    if bad:
        raise ValueError(f"{path}: each {section} entry needs a serial and a meaning: {bad[0]!r}")
    return frozenset(_squeeze(str(r["serial"])) for r in rows)


@cache
def serial_lists(path: Path = DATA / "generic_serials.yaml") -> SerialLists:
    return SerialLists(_entries(path, "placeholders"), _entries(path, "generic"))


@cache
def makes(path: Path = DATA / "makes.yaml") -> Makes:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    aliases = {_spaced(str(k)): str(v) for k, v in (data.get("aliases") or {}).items()}
    return Makes(aliases, frozenset(str(w) for w in data.get("company_words") or []))


#: Serials many unrelated devices report (upper-case, spaces dropped): generic, not evidence.
GENERIC_SERIALS: frozenset[str] = serial_lists().generic


def clean_make(text: str) -> str | None:
    """The one name of a maker (``NIKON CORPORATION`` -> ``nikon``), None when it names none."""
    known = makes()
    name = _spaced(text.strip("\x00"))
    name = known.aliases.get(name, name)
    words = name.split()
    while len(words) > 1 and words[-1].strip(",") in known.company_words | {""}:
        words.pop()
    name = known.aliases.get(" ".join(words), "-".join(words))
    if name in NO_MAKE or not _MAKE.match(name):
        return None
    return name


def clean_serial(text: str) -> str | None:
    """A serial upper-case with spaces dropped, None when it is junk (see the module doc)."""
    serial = _squeeze(text.strip("\x00"))
    if not MIN_SERIAL <= len(serial) <= MAX_SERIAL or not _SERIAL.match(serial):
        return None
    if len(set(serial)) == 1 or not any(c.isalnum() for c in serial):
        return None
    if serial in serial_lists().placeholders:
        return None
    return serial


def read_device(text: str, namespace: str = "", region: str = "US") -> str | None:
    """``<make>:<serial>`` from a serial and its maker (NAMESPACE), or from ``make:serial``
    typed alone; None when either is missing or junk."""
    if not namespace:
        typed = _TYPED.match(text)
        if typed is None:
            return None
        namespace, text = typed.groups()
    make, serial = clean_make(namespace), clean_serial(text)
    return f"{make}:{serial}" if make and serial else None


def split_device(value: str) -> tuple[str, str]:
    """(make, serial) of a clean device value (("", value) when it is not one)."""
    found = _TYPED.match(value)
    return (found[1], found[2]) if found else ("", value)


def display_device(value: str) -> str:
    make, serial = split_device(value)
    return f"device {serial} ({make})"


def same(a: str, b: str) -> bool:
    return a == b


def is_generic(value: str) -> bool:
    """A device value whose serial many unrelated devices share: it links nothing alone."""
    return split_device(value)[1] in serial_lists().generic


def why_generic(value: str) -> str | None:
    """Why a device value links nothing (its serial is generic), None when it may link."""
    if not is_generic(value):
        return None
    return f"serial {split_device(value)[1]} is a default many devices report"


def device_of(meta: PhotoMeta) -> str | None:
    """The device value of a photo's metadata: its body serial with its make, when both read."""
    return read_device(meta.serial, meta.make) if meta.serial and meta.make else None


DEVICE_TYPE = ValueType(KIND, read_device, display_device, same, linkable=True, generic=why_generic)
