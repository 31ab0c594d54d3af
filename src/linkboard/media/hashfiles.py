"""Reading a hash list file (the forms ``hashlists`` describes) into a ``HashList``.

The first line that is not blank or a ``#`` comment decides the form: a header naming at least
one hash column (the delimiter is the one of comma, tab, semicolon, bar that names the most
known columns) makes a table; anything else is one hash a line. Each bad row is kept with its
line and reason (the first ``MAX_BAD`` of them; ``bad_count`` counts all).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from linkboard.media.hashlists import HEX_LENGTHS, BadRow, HashEntry, HashList, clean_hash

MAX_BAD = 1000
#: Longest id, label, list or source text kept from a row.
MAX_TEXT = 300
DELIMITERS = (",", "\t", ";", "|")
#: Header names (lower-case, spaces as "_") -> the column they mean. ``hash`` is a hash of
#: whatever kind its length says.
COLUMNS = {
    **dict.fromkeys(("pdq", "pdq_hash", "pdqhash", "pdq_hex"), "pdq"),
    **dict.fromkeys(("md5", "md5_hash", "md5hash"), "md5"),
    **dict.fromkeys(("sha1", "sha-1", "sha_1", "sha1_hash", "sha1hash"), "sha1"),
    **dict.fromkeys(("sha256", "sha-256", "sha_256", "sha256_hash", "sha256hash"), "sha256"),
    **dict.fromkeys(("hash", "hash_value", "signal", "signal_value"), "hash"),
    **dict.fromkeys(("quality", "pdq_quality"), "quality"),
    **dict.fromkeys(("list", "list_name", "listname", "hash_list", "collection"), "list"),
    **dict.fromkeys(("source", "provider", "owner"), "source"),
    **dict.fromkeys(("id", "entry_id", "entry", "entryid", "item_id"), "id"),
    **dict.fromkeys(("label", "labels", "category", "tags", "tag"), "label"),
}
HASH_COLUMNS = ("pdq", "md5", "sha1", "sha256", "hash")
_PLAIN_SPLIT = re.compile(r"[,\t;| ]+")
_DIGITS = re.compile(r"[0-9]{1,3}")


@dataclass
class _Rows:
    """What a read has found so far."""

    name: str
    kind: str | None
    entries: list[HashEntry] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    bad_count: int = 0

    def reject(self, line: int, reason: str, text: str) -> None:
        self.bad_count += 1
        if len(self.bad) < MAX_BAD:
            self.bad.append(BadRow(line, reason, text[:200]))


def kind_from_name(file_name: str) -> str | None:
    """The kind a file's name gives its 64-digit hashes: ``pdq`` or ``sha256``, else None."""
    lowered = file_name.lower().replace("-", "")
    if "pdq" in lowered:
        return "pdq"
    return "sha256" if "sha256" in lowered else None


def read_hashlist(path: Path, name: str | None, source: str | None, kind: str | None) -> HashList:
    listed = name or path.stem
    try:
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError as exc:
        failed = BadRow(0, f"unreadable: {exc.strerror or exc}")
        return HashList(listed, source or "", (), (failed,), str(path))
    return parse_hashlist(text, listed, source or "", kind or kind_from_name(path.name), str(path))


def parse_hashlist(
    text: str, name: str, source: str = "", kind: str | None = None, path: str = ""
) -> HashList:
    """A hash list from a file's text; KIND the kind of 64-digit hashes in one-a-line form."""
    if kind is not None and kind not in HEX_LENGTHS:
        raise ValueError(f"no hash kind {kind!r}: known kinds are {', '.join(HEX_LENGTHS)}")
    lines = enumerate(text.split("\n"), start=1)
    content = [
        (n, s.rstrip("\r")) for n, s in lines if s.strip() and not s.lstrip().startswith("#")
    ]
    rows = _Rows(name, kind)
    header = _header(content[0][1]) if content else None
    if header is None:
        _plain(content, rows)
    else:
        _table(content[1:], header, rows)
    return HashList(name, source, tuple(rows.entries), tuple(rows.bad), path, rows.bad_count)


def _split(line: str, delimiter: str) -> list[str]:
    if '"' not in line:
        return line.split(delimiter)
    return next(csv.reader([line], delimiter=delimiter), [])


def _header(line: str) -> tuple[str, dict[str, int], int] | None:
    """(delimiter, column -> field index, width) when LINE names a hash column, else None."""
    best: tuple[str, dict[str, int], int] | None = None
    for delimiter in DELIMITERS:
        try:
            names = [
                " ".join(f.strip().lower().split()).replace(" ", "_")
                for f in _split(line, delimiter)
            ]
        except csv.Error:
            continue
        columns: dict[str, int] = {}
        for i, known in enumerate(COLUMNS.get(n) for n in names):
            if known is not None:
                columns.setdefault(known, i)
        if any(c in columns for c in HASH_COLUMNS) and (
            best is None or len(columns) > len(best[1])
        ):
            best = (delimiter, columns, len(names))
    return best


def _table(
    content: list[tuple[int, str]], header: tuple[str, dict[str, int], int], rows: _Rows
) -> None:
    delimiter, columns, width = header
    for number, line in content:
        try:
            fields = _split(line, delimiter)
        except csv.Error as exc:
            rows.reject(number, f"not a CSV row: {exc}", line)
            continue
        if len(fields) != width:
            rows.reject(number, f"{len(fields)} fields where the header names {width}", line)
            continue
        _row(number, line, {c: fields[i].strip()[:MAX_TEXT] for c, i in columns.items()}, rows)


def _row(number: int, line: str, row: dict[str, str], rows: _Rows) -> None:
    quality, problem = _quality(row.get("quality", ""))
    problems = [problem] if problem else []
    hashes: list[tuple[str, str]] = []
    for column in HASH_COLUMNS:
        if text := row.get(column, ""):
            kind, value, why = _hash(text, column if column != "hash" else None, rows.kind)
            hashes += [(kind, value)] if value else []
            problems += [f"{column}: {why}"] if why else []
    if not hashes and not problems:
        problems.append("no hash in the row")
    if problems:
        rows.reject(number, "; ".join(problems), line)
        return
    entry_id = row.get("id") or f"{rows.name}:{number}"
    label, listed, source = row.get("label", ""), row.get("list", ""), row.get("source", "")
    for kind, value in hashes:
        pdq_quality = quality if kind == "pdq" else None
        rows.entries.append(
            HashEntry(entry_id, kind, value, label, pdq_quality, listed, source, number)
        )


def _plain(content: list[tuple[int, str]], rows: _Rows) -> None:
    for number, line in content:
        fields = _PLAIN_SPLIT.split(line.split("#", 1)[0].strip())
        kind, value, why = _hash(fields[0], None, rows.kind)
        quality, problem = _quality(fields[1] if len(fields) > 1 and kind == "pdq" else "")
        if why or problem:
            rows.reject(number, why or problem, line)
            continue
        entry = HashEntry(f"{rows.name}:{number}", kind, value, quality=quality, line=number)
        rows.entries.append(entry)


def _hash(text: str, kind: str | None, hint: str | None) -> tuple[str, str, str]:
    """(kind, clean value, "") for a hash of KIND (None: by its length, 64 digits by HINT), or
    ("", "", why not)."""
    text = text.strip()
    if kind is None:
        by_length = {32: "md5", 40: "sha1", 64: hint}
        kind = by_length.get(len(text)) or ""
        if not kind:
            return "", "", _not_a_hash(text)
    value = clean_hash(text, kind)
    if not value:
        return "", "", f"{text[:80]!r} is not a {kind} hash ({HEX_LENGTHS[kind]} hex digits)"
    return kind, value, ""


def _not_a_hash(text: str) -> str:
    if len(text) == 64 and clean_hash(text, "sha256"):
        return (
            "64 hex digits may be PDQ or SHA-256: name the kind (kind=, or pdq or sha256 in "
            "the file name, or a pdq/sha256 column)"
        )
    return f"{text[:80]!r} is not a hash (md5: 32 hex digits, sha1: 40, pdq or sha256: 64)"


def _quality(text: str) -> tuple[int | None, str]:
    text = text.strip()
    if not text:
        return None, ""
    if _DIGITS.fullmatch(text) and int(text) <= 100:
        return int(text), ""
    return None, f"quality {text[:20]!r} is not a whole number 0-100"
