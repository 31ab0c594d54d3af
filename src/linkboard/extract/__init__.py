"""Extraction: every phone, handle, payment account, price, age, name, place and time in a record.

``extract_text`` reads one field's text, ``extract_record`` all of a record's text fields. Both are
pure: the word lists and the gazetteer load lazily, once. Spans index into the original field
text (``text == field[start:end]``) whatever normalisation found the mention.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from linkboard.extract import (
    ages,
    crypto,
    dialing,
    emails,
    gazetteer,
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

#: A URL field is an address, not prose: only what an address can carry is looked for in it (a
#: phone in its slug, a profile, a payment link, the URL itself); no prices, ages, names, times or
#: places.
_ADDRESS_FAMILIES = {
    kind: FAMILIES[kind] for kind in ("phone", "email", "url", "handle", "payment", "crypto")
}


def extract_text(text: str, field: str = "body", region: str = "US") -> list[Mention]:
    """Every mention in one field's text, in order of position. Where ``region`` is the default,
    a foreign city the text names may set which country's phone rules come first (``dialing``)."""
    state = _field(text, field, region)
    if state.region == dialing.DEFAULT:
        state.dialing = dialing.regions(state.region, texts=((state.words, state.clean.text),))
    _run(state)
    _locate(state, _phone_regions(state.found.get("phone", [])))
    return _ordered([m for found in state.found.values() for m in found])


def extract_record(record: Record) -> list[Mention]:
    """Every mention in the record's text fields, by field (title, body, url, location), then
    position. Cities are told apart with the states the record's phones belong to. Phones are
    read by the rules of the record's region; where that is the default, of the country its
    location box, site or text names first (``dialing``)."""
    region = (record.region or dialing.DEFAULT).upper()
    states = [_field(record.field_text(name), name, region) for name in _PER_AD]
    regions: tuple[str, ...] = (region,)
    if region == dialing.DEFAULT:
        regions = dialing.regions(
            region,
            record.field_text("location"),
            record.field_text("site") or record.field_text("url"),
            tuple((s.words, s.clean.text) for s in states if s.name != "url"),
        )
    for state in states:
        state.dialing = regions
        _run(state)
    box = _read_box(record.field_text("location"), region, regions)
    phone_regions = _phone_regions(m for s in (*states, box) for m in s.found.get("phone", []))
    for state in states:
        _locate(state, phone_regions)
    found = [m for s in states for ms in s.found.values() for m in ms]
    found += [_copy(m) for ms in box.found.values() for m in ms]
    found += [_copy(m) for m in _box_locations(box, phone_regions & _box_states(box.original))]
    return _ordered(found)


#: The fields read afresh for every record; the location box is cached by its text.
_PER_AD = tuple(name for name in TEXT_FIELDS if name != "location")


def _field(text: str, field: str, region: str) -> Field:
    return Field(text if isinstance(text, str) else str(text or ""), field, region or "US")


def _run(state: Field) -> None:
    for kind, find in (_ADDRESS_FAMILIES if state.name == "url" else FAMILIES).items():
        state.found[kind] = find(state) if state.original else []


def _locate(state: Field, phone_regions: frozenset[str]) -> None:
    """The places a title or body names (a url field names none, see ``_ADDRESS_FAMILIES``)."""
    if state.name != "url":
        state.found["location"] = locations.find(state, phone_regions)


#: The location box is a site's drop-down: the same few hundred texts, ad after ad. Its field
#: (never changed once read) and its cities are kept by text; callers get copies of the mentions.
@lru_cache(maxsize=4096)
def _read_box(text: str, region: str, regions: tuple[str, ...]) -> Field:
    state = _field(text, "location", region)
    state.dialing = regions
    _run(state)
    return state


@lru_cache(maxsize=4096)
def _box_locations(box: Field, regions: frozenset[str]) -> tuple[Mention, ...]:
    return tuple(locations.find(box, regions))


@lru_cache(maxsize=4096)
def _box_states(text: str) -> frozenset[str]:
    """The states of every city that a run of the box's words names: a phone's region can change
    which city the box means only if it is one of them (so the box's cities are kept by text and
    those regions alone)."""
    words = gazetteer.key(text).split()
    cities = gazetteer.cities()
    return frozenset(
        city.region
        for i in range(len(words))
        for j in range(i + 1, len(words) + 1)
        for city in cities.get(" ".join(words[i:j]), ())
    )


def _copy(m: Mention) -> Mention:
    return Mention(m.kind, m.value, m.text, m.start, m.end, m.rule, m.field, dict(m.data))


def _phone_regions(mentions: Iterable[Mention]) -> frozenset[str]:
    return frozenset(m.data["region"]["region"] for m in mentions if m.data["region"]["region"])


_FIELD_ORDER = {name: i for i, name in enumerate(TEXT_FIELDS)}


def _ordered(found: list[Mention]) -> list[Mention]:
    last = len(_FIELD_ORDER)
    return sorted(found, key=lambda m: (_FIELD_ORDER.get(m.field, last), m.start, m.end, m.kind))
