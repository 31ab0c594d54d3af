"""What a photo file carries besides its pixels, and what hash-sharing programmes know of it.

- ``exif``: the camera metadata a photo may still carry (make, model, body serial, when and
  where it was taken); stripped metadata is the norm and corrupt metadata is reported, never
  raised.
- ``devices``: the ``device`` value type, a camera body serial with its maker
  (``device:canon:012345678901``), and the serials that many devices share.
- ``photo_facts``: what the record stage keeps of that metadata (``ImageFact.meta``), the
  ``device`` mentions it gives a record, and its GPS points.
- ``hashlists``: hash lists as programmes exchange them (CSV with named hash columns, or one
  hash a line) and the matcher of a corpus's images against them, by hash only.

Nothing here displays an image: a photo is known by its hashes and the text of its tags.
The ``device`` value type is registered through ``linkboard.hooks`` at import
(``hooks.DEFAULT_PLUGINS`` names this package); the rest is imported when first used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from linkboard import hooks

if TYPE_CHECKING:
    from linkboard.media.devices import (
        DEVICE_TYPE,
        GENERIC_SERIALS,
        display_device,
        read_device,
    )
    from linkboard.media.exif import PhotoMeta, read_metadata, read_metadata_bytes
    from linkboard.media.hashlists import (
        HashList,
        HashMatch,
        ImageKeys,
        file_digests,
        load_hashlist,
        match,
    )

#: Each name this package exports -> the module that defines it (imported on first use).
_HOMES = {
    "DEVICE_TYPE": "devices",
    "GENERIC_SERIALS": "devices",
    "display_device": "devices",
    "read_device": "devices",
    "PhotoMeta": "exif",
    "read_metadata": "exif",
    "read_metadata_bytes": "exif",
    "HashList": "hashlists",
    "HashMatch": "hashlists",
    "ImageKeys": "hashlists",
    "file_digests": "hashlists",
    "load_hashlist": "hashlists",
    "match": "hashlists",
}

__all__ = [
    "DEVICE_TYPE",
    "GENERIC_SERIALS",
    "HashList",
    "HashMatch",
    "ImageKeys",
    "PhotoMeta",
    "display_device",
    "file_digests",
    "load_hashlist",
    "match",
    "read_device",
    "read_metadata",
    "read_metadata_bytes",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


def register() -> None:
    from linkboard.media.devices import DEVICE_TYPE
    from linkboard.media.hashalerts import register_hashlists

    hooks.value_types.register(DEVICE_TYPE.kind, DEVICE_TYPE)
    register_hashlists()


register()
