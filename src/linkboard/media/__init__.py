"""What a photo file carries besides its pixels, and what hash-sharing programmes know of it.

- ``exif``: the camera metadata a photo may still carry (make, model, body serial, when and
  where it was taken); stripped metadata is the norm and corrupt metadata is reported, never
  raised.
- ``devices``: the ``device`` value type, a camera body serial with its maker
  (``device:canon:012345678901``), and the serials that many devices share.
- ``hashlists``: hash lists as programmes exchange them (CSV with named hash columns, or one
  hash a line) and the matcher of a corpus's images against them, by hash only.

Nothing here displays an image: a photo is known by its hashes and the text of its tags.
"""

from __future__ import annotations

from linkboard.media.devices import DEVICE_TYPE, GENERIC_SERIALS, display_device, read_device
from linkboard.media.exif import PhotoMeta, read_metadata, read_metadata_bytes
from linkboard.media.hashlists import (
    HashList,
    HashMatch,
    ImageKeys,
    file_digests,
    load_hashlist,
    match,
)

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
