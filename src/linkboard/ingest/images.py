"""Image references of hostile ads: resolved only inside the folder being ingested, and kept.

An ad's ``images`` are scraped text. A reference is a file only if it names a regular file
inside the input folder: no absolute path, no ``..``, no link that leads out of the folder, no
device or pipe, nothing larger than ``MAX_IMAGE_BYTES``. Anything else is *refused*: the record
keeps it as ``refused:<reason>:<reference>`` and the record stage records the reason as the
image's error, never opening it (``refusal``). URLs and ``data:`` URIs pass unchanged (never
fetched).

An image whose header claims more than ``MAX_IMAGE_PIXELS`` is refused too (read from its
header, never decoded): a few hundred kilobytes of PNG can claim 88 megapixels, a gigabyte
once decoded, and no photo in an ad comes near the limit.

A file that passes is copied, when its first bytes are a PNG, JPEG, GIF or WebP, into the
store's own content-addressed folder (``image_folder``: ``<db>.images/<sha[:2]>/<sha>.<ext>``).
The web app serves photos from there only, by the sha256 the record stage decoded.
"""

from __future__ import annotations

import hashlib
import os
import stat
import warnings
from pathlib import Path

REFUSED = "refused:"
#: An image file larger than this is refused, not read (a photo in an ad is far smaller).
MAX_IMAGE_BYTES = 32 * 1024 * 1024
MAX_REF_CHARS = 1024
#: An image claiming more pixels than this is refused, not decoded (8000 x 5000).
MAX_IMAGE_PIXELS = 40_000_000
#: Magic bytes -> the extension the store keeps the file under (and the web serves it as).
MAGIC = ((b"\x89PNG\r\n\x1a\n", ".png"), (b"\xff\xd8\xff", ".jpg"), (b"GIF87a", ".gif"),
         (b"GIF89a", ".gif"))  # fmt: skip
EXTENSIONS = (".png", ".jpg", ".gif", ".webp")


def resolve_image(ref: str, folder: Path, root: Path | None = None) -> str:
    """REF as the record keeps it: a contained absolute path, a URL, or a refusal.

    FOLDER is where relative references start (the file's or page's folder); ROOT the folder
    being ingested, which no reference may leave (FOLDER when not given).
    """
    if ref.startswith("data:") or ("://" in ref and not ref.lower().startswith("file:")):
        return ref
    reason = _check(ref, folder, (root or folder).resolve())
    return f"{REFUSED}{reason}:{ref}" if reason else str((folder / ref).resolve())


def _check(ref: str, folder: Path, root: Path) -> str:
    """Why REF is refused, in words (no colons: they separate the parts of a refusal)."""
    reason = _refused_text(ref)
    if reason:
        return reason
    resolved = (folder / ref).resolve()
    if not resolved.is_relative_to(root):
        return "a link that leads outside the input folder"
    return _refused_file(resolved)


def _refused_text(ref: str) -> str:
    """Why REF, as written, is refused: a URL, a NUL, too long, empty, absolute, or climbing."""
    if ref.lower().startswith("file:"):
        return "a file URL, not a path inside the input folder"
    if "\x00" in ref:
        return "a NUL character in the path"
    if len(ref) > MAX_REF_CHARS:
        return f"a path longer than {MAX_REF_CHARS:,} characters"
    if not ref.strip():
        return "an empty path"
    pure = Path(ref)
    if pure.is_absolute() or ref.startswith(("/", "\\")) or (ref[:1].isalpha() and ref[1:2] == ":"):
        return "an absolute path, outside the input folder"
    if ".." in pure.parts or ".." in ref.replace("\\", "/").split("/"):
        return "a path that climbs out of the input folder (..)"
    return ""


def _refused_file(resolved: Path) -> str:
    """Why the file a reference leads to is refused: not a regular file, or too large."""
    try:
        info = os.stat(resolved)
    except OSError:
        return ""  # missing, but inside: the record stage says it is unreadable
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size > MAX_IMAGE_BYTES:
        return f"larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB"
    return _too_many_pixels(resolved)


def _too_many_pixels(path: Path) -> str:
    """Why the image at PATH is refused for its size in pixels (from its header), or ""."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                width, height = img.size
    except Image.DecompressionBombError:
        return f"an image of over {MAX_IMAGE_PIXELS:,} pixels (a decompression bomb)"
    except Exception:  # no image, or a broken one: the record stage says why
        return ""
    if width * height > MAX_IMAGE_PIXELS:
        return f"an image of {width:,} x {height:,} pixels, over {MAX_IMAGE_PIXELS:,}"
    return ""


def refusal(ref: str) -> tuple[str, str] | None:
    """(reason, original reference) of a refused reference, None for any other."""
    if not ref.startswith(REFUSED):
        return None
    reason, _, original = ref[len(REFUSED) :].partition(":")
    return reason, original


def image_folder(db_path: str | Path) -> Path:
    """The store's own folder of image files, beside its database."""
    path = Path(db_path)
    return path.with_name(path.name + ".images")


def stored_image(folder: Path, sha256: str) -> Path | None:
    """The file kept under FOLDER for the image with this sha256, if there is one."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        return None
    for ext in EXTENSIONS:
        path = folder / sha256[:2] / f"{sha256}{ext}"
        if path.is_file():
            return path
    return None


def keep_image(folder: Path, ref: str) -> str | None:
    """Copy the image file REF (already resolved by ``resolve_image``) into FOLDER, named by its
    sha256; return the sha256, or None when REF is no local image file."""
    if refusal(ref) is not None or "://" in ref or ref.startswith("data:"):
        return None
    try:
        with open(ref, "rb") as fh:
            data = fh.read(MAX_IMAGE_BYTES + 1)
    except OSError:
        return None
    ext = next((e for magic, e in MAGIC if data.startswith(magic)), "")
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        ext = ".webp"
    if not ext or len(data) > MAX_IMAGE_BYTES:
        return None
    return store_bytes(folder, data, ext)


def store_bytes(folder: Path, data: bytes, ext: str) -> str:
    """Write DATA under FOLDER by its sha256 (atomically; an existing copy is kept)."""
    sha = hashlib.sha256(data).hexdigest()
    target = folder / sha[:2] / f"{sha}{ext}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}.part")
        partial.write_bytes(data)
        os.replace(partial, target)
    return sha
