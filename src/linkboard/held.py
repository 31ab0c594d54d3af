"""Identifiers a record holds as data, not text: the fields its kind declares
(``data/kinds/*.yaml``, ``identifiers:``) read through their value type, as mentions in the
declared role. A value that is not clean (``call 702-555-0123``) is looked for in the field's text
the way the extractor reads prose."""

from __future__ import annotations

from linkboard.kinds import HeldIdentifier, UnknownKind, kind
from linkboard.model import Mention, Record
from linkboard.values import value_type


def record_mentions(record: Record) -> list[Mention]:
    """Everything the record stage finds in RECORD: what extraction reads in its text, in the
    role its kind gives text (``text_role``: a transaction's memo only mentions a phone), then
    the identifiers its kind declares in their own roles."""
    from linkboard.extract import extract_record

    found = extract_record(record)
    try:
        role = kind(record.kind).text_role
    except UnknownKind:
        role = "self"
    if role != "self":
        for m in found:
            m.role = role
    return found + held_identifiers(record)


def held_identifiers(record: Record) -> list[Mention]:
    """The mentions of the identifiers RECORD's kind declares, field by field, in value order."""
    try:
        declared = kind(record.kind).identifiers
    except UnknownKind:
        return []
    return [m for held in declared for m in _read(record, held)]


def _read(record: Record, held: HeldIdentifier) -> list[Mention]:
    text = record.field_text(held.field)
    namespace = record.field_text(held.namespace) if held.namespace else ""
    vtype = value_type(held.type)
    found = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        piece = line.strip()
        if piece and (value := vtype.read(piece, namespace, record.region)):
            at = start + line.index(piece)
            found.append(_mention(held, value, piece, at, f"field.{held.field}"))
        elif piece:
            for m in vtype.find(line, record.region):
                found.append(_mention(held, m.value, m.text, start + m.start, f"field.{m.rule}"))
        start = end + 1
    return found


def _mention(held: HeldIdentifier, value: str, text: str, start: int, rule: str) -> Mention:
    return Mention(held.type, value, text, start, start + len(text), rule, held.field,
                   role=held.role)  # fmt: skip
