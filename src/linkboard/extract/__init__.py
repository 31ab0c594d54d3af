"""Extraction: every phone, handle, payment account, price, age, name, place and time in a record.

``extract_text`` reads one field's text, ``extract_record`` all of a record's text fields. Both are
pure: the word lists and the gazetteer load lazily, once. Spans index into the original field
text (``text == field[start:end]``) whatever normalisation found the mention.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from linkboard.extract import (
    ages,
    crypto,
    emails,
    handles,
    locations,
    names,
    payments,
    phones,
    prices,
    times,
    urls,
)
from linkboard.extract.normalise import Field
from linkboard.model import TEXT_FIELDS, Mention, Record

__all__ = ["FAMILIES", "extract_record", "extract_text"]

#: Families in the order they run: later ones read what earlier ones found (zelle + phone).
FAMILIES: dict[str, Callable[[Field], list[Mention]]] = {
    "phone": phones.find,
    "email": emails.find,
    "url": urls.find,
    "handle": handles.find,
    "payment": payments.find,
    "crypto": crypto.find,
    "price": prices.find,
    "age": ages.find,
    "name": names.find,
    "time": times.find,
}


def extract_text(text: str, field: str = "body", region: str = "US") -> list[Mention]:
    """Every mention in one field's text, in order of position."""
    state = _read(text, field, region)
    regions = _phone_regions(state.found.get("phone", []))
    state.found["location"] = locations.find(state, regions)
    return _ordered([state])


def extract_record(record: Record) -> list[Mention]:
    """Every mention in the record's text fields, by field (title, body, url, location), then
    position. Cities are told apart with the states the record's phones belong to."""
    states = [_read(record.field_text(name), name, record.region) for name in TEXT_FIELDS]
    regions = _phone_regions(m for s in states for m in s.found.get("phone", []))
    for state in states:
        state.found["location"] = locations.find(state, regions)
    return _ordered(states)


def _read(text: str, field: str, region: str) -> Field:
    state = Field(text if isinstance(text, str) else str(text or ""), field, region or "US")
    for kind, find in FAMILIES.items():
        state.found[kind] = find(state) if state.original else []
    return state


def _phone_regions(mentions: Iterable[Mention]) -> frozenset[str]:
    return frozenset(m.data["region"]["region"] for m in mentions if m.data["region"]["region"])


def _ordered(states: list[Field]) -> list[Mention]:
    out = [m for s in states for found in s.found.values() for m in found]
    order = {name: i for i, name in enumerate(TEXT_FIELDS)}
    return sorted(out, key=lambda m: (order.get(m.field, len(order)), m.start, m.end, m.kind))
