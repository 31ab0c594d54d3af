"""Stored details as people read them: the "why" of an alert, an analyst action on a case
timeline, an audit entry's detail, a timestamp. Never a JSON dump, never a server path: a file
the server wrote is named by its file name only."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import PureWindowsPath
from typing import Any

from markupsafe import Markup

from linkboard.values import Identifier, display

#: How many items of a list a detail names before it counts the rest.
LISTED = 5
#: An absolute path inside a text (POSIX or Windows), not the path part of a URL.
_PATH = re.compile(r"(?<![\w:/.~-])(?:[A-Za-z]:\\|/)(?:[^\s'\"\\/]+[\\/])+[^\s'\"\\/]*")
_HEX = re.compile(r"[0-9a-f]{32,}")


def clean(text: str) -> str:
    """TEXT with every absolute path in it cut to its file name."""
    return _PATH.sub(lambda m: PureWindowsPath(m.group(0).rstrip("\\/")).name, text)


def value_text(value: Any) -> str:
    """One detail value in words: yes/no, lists named (and counted), hashes shortened."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:,}" if isinstance(value, int) and abs(value) >= 10_000 else str(value)
    if isinstance(value, dict):
        return f"({detail_text(value)})" if value else "none"
    if isinstance(value, list | tuple):
        if not value:
            return "none"
        if any(isinstance(v, dict | list | tuple) for v in value):
            return f"{len(value)} item{'' if len(value) == 1 else 's'}"
        named = ", ".join(value_text(v) for v in value[:LISTED])
        return named + (f" and {len(value) - LISTED} more" if len(value) > LISTED else "")
    text = clean(str(value))
    return f"{text[:12]}…" if _HEX.fullmatch(text) else text


def detail_text(detail: dict[str, Any] | None) -> str:
    """``format html · file case-1.html · records 4``: each key and its value, in words."""
    if not detail:
        return ""
    return " · ".join(f"{_key(k)} {value_text(v)}" for k, v in detail.items())


def _key(key: str) -> str:
    return {"out": "file", "sha256": "sha256", "api": "through the API"}.get(
        key, key.replace("_", " ")
    )


def alert_reason(detail: dict[str, Any]) -> str:
    """Why a record raised an alert, as a sentence."""
    if "identifier" in detail:
        ident = Identifier.parse(str(detail["identifier"]))
        return f"It mentions the {ident.kind} {display(ident)} you watch."
    if "image" in detail:
        distance = detail.get("distance")
        if distance == 0:
            return "One of its photos is the photo you watch."
        return f"One of its photos is within distance {distance} of the photo you watch."
    if "search" in detail:
        return f"It matches your search “{detail['search']}”."
    if "network" in detail:
        return f"It is in network {detail['network']}, which you watch."
    return detail_text(detail) or "It matches your watch."


_CASE_ACTIONS = {
    "case.create": lambda d: f"opened the case “{d.get('title', '')}”",
    "case.add": lambda d: f"added {d.get('kind', 'item')} {d.get('ref', '')}",
    "case.remove": lambda d: f"removed {d.get('kind', 'item')} {d.get('ref', '')}",
    "case.note": lambda d: "wrote a note" + (f" about {d['about']}" if d.get("about") else ""),
    "case.status": lambda d: f"set the status from {d.get('from')} to {d.get('to')}",
    "case.tag": lambda d: f"tagged the case “{d.get('tag', '')}”",
    "case.untag": lambda d: f"removed the tag “{d.get('tag', '')}”",
    "export": lambda d: (
        f"exported the case as {d.get('format', 'a file')}"
        + (f" ({d['records']} records)" if "records" in d else "")
    ),
}


def action_text(action: str, detail: dict[str, Any] | None) -> str:
    """An analyst's action on a case (``case.add`` with its detail) as a phrase."""
    detail = detail or {}
    known = _CASE_ACTIONS.get(action)
    if known is not None:
        return clean(known(detail))
    rest = detail_text(detail)
    return f"{action.replace('.', ' ')}" + (f": {rest}" if rest else "")


def moment(value: str | None) -> str:
    """An ISO timestamp as ``2024-05-01 10:00:00 UTC`` (as it is when it cannot be read)."""
    if not value:
        return ""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    shown = parsed.strftime("%Y-%m-%d %H:%M:%S")
    offset = parsed.utcoffset()
    if offset is not None:
        shown += parsed.strftime(" %z") if offset else " UTC"
    return shown


def when(value: str | None) -> Markup:
    """``moment(value)`` in a <time> that never wraps."""
    if not value:
        return Markup("")
    return Markup('<time class="when" datetime="{}">{}</time>').format(value, moment(value))
