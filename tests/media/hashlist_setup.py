"""What the hash-list tests share: the reaction registered (as ``linkboard.media`` registers it),
and a small synthetic corpus of ads with generated photos (shapes, no people)."""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from linkboard import hooks
from linkboard.media.hashalerts import ENTRY_TYPE, INDICATORS, after_link, register_hashlists
from linkboard.store.hashlists import ENTRY_KIND
from linkboard.synth.exif import jpeg, stripped
from linkboard.synth.images import HEIGHT, WIDTH, synthesize


@contextmanager
def hashlists_registered() -> Iterator[None]:
    """The hash lists' hooks, registered for the test and taken away after it unless they were
    there before (``linkboard.media`` registers them with the default plugins). The built-in
    readers and exporters are registered first, as the CLI has them, so that the plugins'
    come after them (docs/cli.md lists them in that order)."""
    importlib.import_module("linkboard.ingest")
    importlib.import_module("linkboard.export.formats")
    hooks.load_default_plugins()
    had = after_link in hooks.after_link.functions
    register_hashlists()
    try:
        yield
    finally:
        if not had:
            hooks.after_link.unregister(after_link)
            if hooks.value_types.parts.get(ENTRY_KIND) is ENTRY_TYPE:
                hooks.value_types.unregister(ENTRY_KIND)
            if hooks.indicator_files.parts.get("hashlists") == INDICATORS:
                hooks.indicator_files.unregister("hashlists")


@dataclass(frozen=True)
class Corpus:
    """Ads with photos in FOLDER (``ads.jsonl``): ad-1 holds ``a.jpg``, ad-2 ``b.jpg`` (another
    photo), ad-3 ``a-copy.jpg`` (a.jpg cropped and re-encoded), ad-4 ``c.jpg`` (unrelated), and
    the original of a.jpg, whose PDQ hash a list may name."""

    folder: Path
    original: Image.Image

    @property
    def ads(self) -> Path:
        return self.folder / "ads.jsonl"

    def digest(self, name: str, kind: str) -> str:
        return hashlib.new(kind, (self.folder / name).read_bytes()).hexdigest()


BODIES = {
    "ad-1": ("Sweet Lola visiting this week, call 713-555-0101", "a.jpg"),
    "ad-2": ("Mia here in Denver, text 303-555-0199", "b.jpg"),
    "ad-3": ("Ava available tonight, 212-555-0103", "a-copy.jpg"),
    "ad-4": ("Ivy in Austin, 512-555-0104", "c.jpg"),
}


def corpus(folder: Path) -> Corpus:
    folder.mkdir(parents=True, exist_ok=True)
    original = synthesize(3, 1)
    crop = original.crop((3, 4, WIDTH - 2, HEIGHT - 3)).resize((WIDTH, HEIGHT))
    files = {
        "a.jpg": stripped(original),
        "b.jpg": stripped(synthesize(9, 2)),
        "a-copy.jpg": jpeg(crop, quality=40),
        "c.jpg": stripped(synthesize(3, 11)),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    write_ads(folder, BODIES)
    return Corpus(folder, original)


def write_ads(folder: Path, bodies: dict[str, tuple[str, str]]) -> None:
    rows = [{"id": rid, "body": body, "images": [image]} for rid, (body, image) in bodies.items()]
    (folder / "ads.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
