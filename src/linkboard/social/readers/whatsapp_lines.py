"""The lines of a WhatsApp "Export chat" text file: a message starts with its date and time,

- Android, US: ``12/31/25, 9:05 PM - Lola: text``; Android, 24 hours: ``31/12/2025, 21:05 - ...``;
  German style: ``31.12.25, 21:05 - ...``;
- iPhone: ``[12/31/25, 9:05:12 PM] Lola: text`` (often with U+200E marks, and a narrow no-break
  space U+202F before AM/PM),

then the sender's name (or their number, when the exporting phone had not saved it) and a colon;
a line without a sender is WhatsApp's own (``Messages and calls are end-to-end encrypted``,
``Lola added Max``). Lines that start with no date go on the message above. A file writes its
dates in one order: day first, month first (or year first), found across the file (``Order``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from linkboard.ingest.fields import BadRecord

_DATE = r"(?P<d1>\d{1,4})(?P<sep>[./-])(?P<d2>\d{1,2})(?P=sep)(?P<d3>\d{2,4})"
_TIME = (r"(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)"
         r"(?:[ \u202f\u00a0]?(?P<ampm>[AaPp]\.?[ \u202f\u00a0]?[Mm]\.?))?")  # fmt: skip
_MARKS = "[\u200e\u200f\ufeff]*"
BRACKETED = re.compile(
    rf"^{_MARKS}\[{_DATE},?[ \u202f\u00a0]{_TIME}\][ \u202f\u00a0]?(?P<rest>.*)$"
)
DASHED = re.compile(
    rf"^{_MARKS}{_DATE},?[ \u202f\u00a0]{_TIME}[ \u202f\u00a0][-\u2013][ \u202f\u00a0](?P<rest>.*)$"
)
#: Bidirectional marks WhatsApp writes around names and numbers.
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: What stands for a file the export left out, in the languages seen most.
OMITTED = re.compile(
    r"^(?:<(?:Media omitted|Medien ausgeschlossen|Multimedia omitido|Médias omis|Mídia oculta|"
    r"Media weggelaten|Media omessi)>|(?:image|video|audio|sticker|GIF|document|Contact card) "
    r"omitted|null)$",
    re.I,
)
ATTACHED = re.compile(r"^<attached: (?P<file>[^<>]{1,512})>")
FILE_ATTACHED = re.compile(
    r"^(?P<file>[^\s/\\]{1,255}\.[A-Za-z0-9]{1,8}) "
    r"\((?:file attached|Datei angehängt|archivo adjunto)\)"
)
#: What a newer export writes after a message its sender edited.
EDITED = "<This message was edited>"
_NOT_NAME = re.compile(r"[\"“”„«»\n]")
MAX_NAME = 100


@dataclass(frozen=True, slots=True)
class Header:
    """The start of a message line: its date's three numbers, its time as written, whether it
    is on a 12-hour clock, and the rest of the line."""

    fields: tuple[str, str, str]
    time: str
    ampm: str
    rest: str
    dotted: bool


def header(line: str) -> Header | None:
    """LINE's date, time and rest when it starts a message (or a line of WhatsApp's), else None."""
    found = BRACKETED.match(line) or DASHED.match(line)
    if found is None:
        return None
    return Header((found["d1"], found["d2"], found["d3"]), found["time"], found["ampm"] or "",
                  found["rest"], found["sep"] == ".")  # fmt: skip


@dataclass(slots=True)
class Order:
    """What a file's dates say about their order, seen line by line (``see``), and the order
    they are read in (``decided``): ``day_first``, ``month_first`` or ``year_first``."""

    first_max: int = 0
    second_max: int = 0
    year_first: bool = False
    ampm: bool = False
    dotted: bool = False

    def see(self, head: Header) -> None:
        one, two, _ = head.fields
        self.year_first = self.year_first or len(one) == 4
        self.first_max, self.second_max = (
            max(self.first_max, int(one)),
            max(self.second_max, int(two)),
        )
        self.ampm = self.ampm or bool(head.ampm)
        self.dotted = self.dotted or head.dotted

    def decided(self) -> tuple[str, str]:
        """(order, why): a first field over 12 is a day; a second over 12 is one; else a
        12-hour clock writes the month first, a 24-hour or dotted date the day."""
        if self.year_first:
            return "year_first", "a four-digit year comes first"
        if self.first_max > 12:
            return "day_first", "a first field over 12"
        if self.second_max > 12:
            return "month_first", "a second field over 12"
        if self.ampm and not self.dotted:
            return "month_first", "no field over 12: a 12-hour clock's default"
        return "day_first", "no field over 12: a 24-hour clock's default"


def moment(head: Header, order: str) -> datetime:
    """HEAD's date and time, its fields read in ORDER; BadRecord when they are no date."""
    one, two, three = (int(f) for f in head.fields)
    year, month, day = {
        "year_first": (one, two, three),
        "day_first": (three, two, one),
        "month_first": (three, one, two),
    }[order]
    if year < 100:
        year += 2000
    parts = [int(p) for p in re.split(r"[:.]", head.time)]
    hour, minute, second = parts[0], parts[1], parts[2] if len(parts) > 2 else 0
    if head.ampm:
        if not 1 <= hour <= 12:
            raise BadRecord(f"wrong time: {head.time} {head.ampm} is no time")
        hour = hour % 12 + (12 if head.ampm[:1].lower() == "p" else 0)
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        written = "/".join(head.fields)
        raise BadRecord(f"wrong date: {written} {head.time} is no date read {order}") from None


def speaker(rest: str) -> tuple[str, str] | None:
    """(sender as written, text) of a message line's rest; None for a line of WhatsApp's own
    (no ``Name: `` before the text)."""
    name, colon, text = rest.partition(": ")
    if not colon or not name.strip() or len(name) > MAX_NAME or _NOT_NAME.search(name):
        return None
    return name, text


def clean_name(name: str) -> str:
    """A sender's name without the marks WhatsApp writes around it (bidi marks, the ``~`` before
    a name the phone had not saved)."""
    return name.strip(BIDI + " \u202f\u00a0").lstrip("~").strip(BIDI + " \u202f\u00a0")


def content(text: str) -> tuple[str, list[str]] | None:
    """(text, attachments) of a message's text; None when it is a line of WhatsApp's own (an
    iPhone writes those, as it writes attachments, after a U+200E mark)."""
    bare = text.strip().lstrip(BIDI).strip()
    first, newline, after = bare.partition("\n")
    if OMITTED.match(first.strip()):
        return after.strip() if newline else "", [first.strip().strip("<>").lower()]
    found = ATTACHED.match(first) or FILE_ATTACHED.match(first)
    if found is not None:
        caption = (first[found.end() :] + newline + after).strip()
        return caption, [found["file"]]
    if text.lstrip(" ").startswith("\u200e"):
        return None
    return text, []
