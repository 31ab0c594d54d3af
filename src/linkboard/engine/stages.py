"""The record stage: one record in, its derived facts out. Pure but for reading image files.

A record's photos give it identifiers too: the camera a photo's metadata names is a ``device``
mention of the record (``media.photo_facts``), linked as any identifier is.

Engine-neutral: the local engine maps it over a process pool; a distributed engine would map it
over partitions. It never touches the store.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from linkboard.model import ImageFact, Mention, Record, RecordFacts


class RecordStage:
    """Extraction, image hashing and record-level scoring, with the taxonomy loaded once."""

    def __init__(self, taxonomy_paths: list[Path] | None = None, hash_images: bool = True) -> None:
        from linkboard.score import load_taxonomy

        self.taxonomy_paths = taxonomy_paths
        self.taxonomy = load_taxonomy(taxonomy_paths)
        self.hash_images = hash_images

    def __reduce__(self) -> tuple[type[RecordStage], tuple[list[Path] | None, bool]]:
        """Pickled as what builds it: a worker process loads the taxonomy itself."""
        return (RecordStage, (self.taxonomy_paths, self.hash_images))

    def __call__(self, record: Record) -> RecordFacts:
        from linkboard.held import record_mentions
        from linkboard.media.photo_facts import device_mentions
        from linkboard.score import possible_minor, record_hits, risk

        mentions = record_mentions(record)
        hits = record_hits(record, mentions, self.taxonomy)
        breakdown = risk(hits, self.taxonomy)
        minor, _ = possible_minor(hits)
        images = self.images(record) if self.hash_images else []
        return RecordFacts(
            record=record,
            # the devices its photos name are its own identifiers (scored text stays text)
            mentions=mentions + device_mentions(record, images),
            images=images,
            hits=hits,
            risk=breakdown.risk,
            breakdown=breakdown,
            possible_minor=minor,
            city=main_city(mentions),
        )

    @staticmethod
    def images(record: Record) -> list[ImageFact]:
        from linkboard.ingest.images import refusal
        from linkboard.link.photos import hash_image

        out = []
        for ref in record.images:
            if (refused := refusal(ref)) is not None:  # ingest would not open it: nor do we
                out.append(ImageFact(ref, "", "", 0, error=f"refused: {refused[0]}"))
            elif "://" in ref or ref.startswith("data:"):
                out.append(ImageFact(ref, "", "", 0, error="remote image: not fetched"))
            else:
                out.append(_with_ref(hash_image(Path(ref)), ref))
        return out


def _with_ref(fact: ImageFact, ref: str) -> ImageFact:
    values: dict[str, Any] = asdict(fact)
    values["ref"] = ref
    return ImageFact(**values)


def main_city(mentions: list[Mention]) -> str | None:
    """The record's city: the site's location field first, then the first city in the text."""
    cities = [m for m in mentions if m.kind == "location"]
    cities.sort(key=lambda m: (m.field != "location", m.field != "title", m.start))
    return cities[0].value if cities else None
