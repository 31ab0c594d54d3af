"""The posts of an Instagram export (``your_instagram_activity/content/posts_1.json``, older
exports' ``content/posts_1.json``): a list of ``{"media": [{"uri", "creation_timestamp",
"title"}], "title"?, "creation_timestamp"?}``, read item by item (``json_stream``).

Each gives a post record (``data/kinds/post.yaml``), ``post:instagram:<hash of the post's
JSON>``: its caption (the post's ``title``, else its first medium's) is its text, its photos its
images. A medium's ``uri`` names a file from the export's top folder (``media/posts/...``): it
is looked for there, never above the folder being ingested (``ReadOptions.root``, else the
file's own folder), and only photos are images; every medium is named in ``media``. The export
does not say whose the posts are: a post has no author.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from linkboard.ingest.fields import BadRecord, timestamp
from linkboard.ingest.images import resolve_image
from linkboard.ingest.options import ReadOptions
from linkboard.model import Quarantined, Record, sha256_text
from linkboard.social.readers.json_stream import BadValue, opened
from linkboard.social.readers.meta_text import platform_of, repaired
from linkboard.social.readers.records import Origin, checked, present

#: File endings of the media that are photos.
PHOTOS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic")
#: How many folders above the file a medium's path may start from.
MAX_CLIMB = 3


def detect_text(text: str) -> bool:
    """Whether TEXT, a file's start, is a list of posts."""
    return text.startswith("[") and '"media"' in text and '"creation_timestamp"' in text


def read(
    path: Path, options: ReadOptions, progress: Callable[[int], None] | None = None
) -> Iterator[Record | Quarantined]:
    source = options.source or path.name
    root = (options.root or path.parent).resolve()
    platform = platform_of(path)
    with opened(path, progress) as js:
        for _ in js.items():
            try:
                obj, text, line = js.value()
            except BadValue as exc:
                yield Quarantined(source, f"{path}:{exc.line}", exc.reason, exc.sample)
                continue
            origin = Origin(source, f"{path}:{line}", text)
            try:
                yield post_record(obj, origin, options, (path, root), platform)
            except BadRecord as exc:
                yield origin.quarantine(str(exc))


def post_record(obj: Any, origin: Origin, options: ReadOptions, where: tuple[Path, Path],
                platform: str) -> Record:  # fmt: skip
    """The post OBJ (decoded JSON) as a record; WHERE is (the file, the folder ingested)."""
    if not isinstance(obj, dict):
        raise BadRecord("a post must be a JSON object")
    digest = sha256_text(json.dumps(obj, sort_keys=True, ensure_ascii=False))[:24]
    post = repaired(obj)
    media = [m for m in _list(post.get("media")) if isinstance(m, dict)]
    first = media[0] if media else {}
    caption = _text(post, "title") or _text(first, "title")
    when = post.get("creation_timestamp", first.get("creation_timestamp"))
    uris = _uris(media)
    photos = [_image(u, *where) for u in uris if u.lower().endswith(PHOTOS)]
    return checked(Record(
        id=f"post:{platform}:{digest}", kind="post", raw=origin.raw,
        provenance=origin.provenance(options), body=caption, site=platform,
        posted_at=timestamp(when if isinstance(when, int) else None, "creation_timestamp"),
        images=tuple(photos), region=options.region,
        extra=present({"platform": platform, "media": uris}),
    ))  # fmt: skip


def _uris(media: list[dict[str, Any]]) -> list[str]:
    """The paths of MEDIA, each text UTF-8 holds (a path with a lone surrogate is no path)."""
    uris = [u[:1024] for m in media if isinstance(u := m.get("uri"), str) and u]
    try:
        "".join(uris).encode("utf-8")
    except UnicodeEncodeError:
        raise BadRecord("invalid text: a lone surrogate (\\udXXX) in a medium's uri") from None
    return uris


def _text(obj: dict[str, Any], name: str) -> str:
    value = obj.get(name)
    if value is not None and not isinstance(value, str):
        raise BadRecord(f"wrong type: {name} must be a string, got {type(value).__name__}")
    return value or ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _image(uri: str, path: Path, root: Path) -> str:
    """URI resolved from the first folder above PATH, inside ROOT, where it names a file (the
    folder ingested when none does)."""
    folder = path.resolve().parent
    for _ in range(MAX_CLIMB):
        if not folder.is_relative_to(root):
            break
        if _is_file(folder / uri):
            return resolve_image(uri, folder, root)
        folder = folder.parent
    return resolve_image(uri, root, root)


def _is_file(path: Path) -> bool:
    """Whether PATH is a file; False for a path the system refuses to look up (a name longer
    than a file name may be, ENAMETOOLONG), which ``Path.is_file`` raises for."""
    try:
        return path.is_file()
    except OSError:
        return False
