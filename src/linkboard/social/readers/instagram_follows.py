"""The follow lists of an Instagram export (``connections/followers_and_following/``):
``followers_1.json``, a list of ``{"string_list_data": [{"href", "value", "timestamp"}]}``, and
``following.json``, ``{"relationships_following": [...]}`` of the same entries (newer exports
name the account in an entry's ``title`` and leave ``value`` out). Read entry by entry.

The lists do not say whose they are: ``--account`` gives the export owner's username. Each
entry gives the other account's record (``social:instagram:<username>``) and a ``follow`` record
(``data/kinds/follow.yaml``) from follower to followed, with its time; without ``--account``
the file is quarantined with the reason, and the rest of the run goes on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from linkboard.ingest.fields import BadRecord, timestamp
from linkboard.ingest.options import ReadOptions
from linkboard.model import Quarantined, Record
from linkboard.social.readers.json_stream import BadValue, JsonStream, opened
from linkboard.social.readers.meta_text import repaired
from linkboard.social.readers.records import Origin, Person, Roster, checked, present

PLATFORM = "instagram"
#: The top-level keys of a follow list: who follows the owner, whom the owner follows.
LISTS = {"relationships_followers": "followers", "relationships_following": "following"}
_USERNAME = re.compile(r"^@?([a-z0-9._]{1,30})$")
_PROFILE = re.compile(r"instagram\.com/(?:_u/)?([A-Za-z0-9._]{1,30})/?")

Item = Record | Quarantined


def detect_text(text: str) -> bool:
    """Whether TEXT, a file's start, is a follow list."""
    return '"string_list_data"' in text and (
        text.startswith("[") or any(f'"{key}"' in text for key in LISTS)
    )


def read(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Item]:
    source = options.source or path.name
    owner = username(options.account)
    if owner is None:
        yield Quarantined(source, f"{path}:1", "a follow list does not say whose it is: give "
                          "the export owner's Instagram username with --account")  # fmt: skip
        return
    roster = Roster()
    me = Person(PLATFORM, owner, owner, handle=owner, source_id=owner)
    with opened(path, progress) as js:
        if js.peek() == "[":
            yield from _entries(js, path, source, "followers", me, roster, options)
            return
        for key in js.members():
            if key in LISTS and js.peek() == "[":
                yield from _entries(js, path, source, LISTS[key], me, roster, options)
            else:
                js.skip()


def username(text: str) -> str | None:
    """The Instagram username TEXT gives (``@name``, ``name``, a profile URL), else None."""
    found = _PROFILE.search(text) or _USERNAME.match(text.strip().lower())
    return found.group(1).lower() if found else None


def _entries(js: JsonStream, path: Path, source: str, which: str, me: Person, roster: Roster,
             options: ReadOptions) -> Iterator[Item]:  # fmt: skip
    for _ in js.items():
        try:
            obj, text, line = js.value()
        except BadValue as exc:
            yield Quarantined(source, f"{path}:{exc.line}", exc.reason, exc.sample)
            continue
        origin = Origin(source, f"{path}:{line}", text)
        other = _other(repaired(obj))
        if other is None:
            yield origin.quarantine("a follow entry names no Instagram account")
            continue
        name, at = other
        person = Person(PLATFORM, name, name, handle=name, source_id=name)
        for who in (me, person):
            if account := roster.introduce(who, origin, options):
                yield account
        follower, followed = (person, me) if which == "followers" else (me, person)
        try:
            yield follow_record(follower, followed, at, origin, options)
        except BadRecord as exc:
            yield origin.quarantine(str(exc))


def _other(obj: Any) -> tuple[str, Any] | None:
    """The other account's username and the follow's time, from one entry."""
    if not isinstance(obj, dict):
        return None
    data = obj.get("string_list_data")
    first = data[0] if isinstance(data, list) and data and isinstance(data[0], dict) else {}
    for text in (first.get("value"), obj.get("title"), first.get("href")):
        if isinstance(text, str) and (name := username(text)):
            return name, first.get("timestamp")
    return None


def follow_record(
    follower: Person, followed: Person, at: Any, origin: Origin, options: ReadOptions
) -> Record:
    when = timestamp(at, "timestamp") if isinstance(at, int | float) and at > 0 else None
    extra = present({
        "platform": PLATFORM, "follower": follower.handle, "followed": followed.handle,
        "follower_account": follower.id, "followed_account": followed.id,
    })  # fmt: skip
    return checked(Record(
        id=f"follow:{PLATFORM}:{follower.key}:{followed.key}", kind="follow", raw=origin.raw,
        provenance=origin.provenance(options),
        title=f"{follower.name} follows {followed.name}", site=PLATFORM, posted_at=when,
        region=options.region, extra=extra,
    ))  # fmt: skip
