"""Linking thresholds, in one place, each with the measurement it comes from.

The numbers are defaults: a deployment can pass its own :class:`LinkConfig` to ``update`` and
``rebuild``. docs/linking.md explains each one; benchmarks/photos.py and benchmarks/linking.py
print the distributions they were chosen from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from linkboard.values import image


@dataclass(frozen=True, slots=True)
class IdentifierConfig:
    """When a shared identifier is *generic* (a site's number, a spam line) and must not link.

    An identifier is suspected when any rule holds over all the records that carry it:
    ``records >= max_records``; or ``names >= max_names`` (one operation shows a handful of
    aliases, a public number shows everyone's); or ``cities >= max_cities`` together with
    ``names >= min_names_with_cities``; or a posting burst: ``burst_records`` records within
    ``burst_seconds`` coming from ``burst_cities`` or more cities.
    """

    max_records: int = 2_000
    max_names: int = 10
    max_cities: int = 12
    min_names_with_cities: int = 5
    burst_records: int = 25
    burst_seconds: int = 3_600
    burst_cities: int = 5
    suppress_file: Path | None = None


@dataclass(frozen=True, slots=True)
class PhotoConfig:
    """Photo near-duplicates: PDQ (256 bits) and phash (64 bits), both Hamming distances.

    A pair links when ``pdq <= pdq_match``; or when ``phash <= phash_match`` and
    ``pdq <= pdq_with_phash`` (crops and resizes move PDQ 30-90 bits but phash only ~6).
    Images under ``min_quality`` (PDQ quality, 0-100) never link. A photo that matches more
    than ``max_groups`` distinct networks is generic (a stock or placeholder image).
    """

    pdq_match: int = image.NEAR
    phash_match: int = 10
    pdq_with_phash: int = 90
    min_quality: int = 50
    max_groups: int = 25


@dataclass(frozen=True, slots=True)
class TextConfig:
    """Template text: masked slots, boilerplate removed, MinHash LSH, verified by Jaccard.

    ``link`` is the shingle-Jaccard a candidate pair needs to become a (soft) text link;
    ``join`` is the Jaccard at which a text link joins networks. Weaker text links are kept as
    leads (with their evidence) and join only when confirmed: ``confirm_by_name_in_city`` (on)
    lets one join when its two ads mention the same name (alias) and are in the same city — a
    template reposted under the same alias; on the synthetic corpora it lifts text-only recall
    on operation ads from 0.64 to 0.78 (10k) at precision 1.0, and leaves combined precision at
    100k unchanged. ``confirm_by_area_code`` is off: on the 100k synthetic corpus it fused
    unrelated posters that share stock phrases (docs/linking.md).
    Whether a joining text link joins is the shared-template rule (linkboard.link.templates):
    text never joins two identities unless a second signal confirms it and none contradicts it;
    a text-only record whose links point to several identities attaches to one only when a
    second signal (a persona name, a price list) is that identity's alone, or when its best link
    is ``attach_margin`` more similar than the next one's; inside a component that nothing
    divides, links of ``family`` similarity join as well. Template families are the components
    of text links of at least ``family`` similarity (largest family
    of the 100k synthetic corpus: 336 ads at 0.7, 1,531 at 0.55, 321 at 0.8).
    A record needs ``min_tokens`` tokens in ``min_sentences`` sentences of its own (not
    boilerplate) to link by text at all, and a pair needs ``min_shared`` shingles in common: short
    ads, or ads left with one stock sentence once the others are boilerplate, are too alike by
    chance (at 1M ads such one-sentence residues chained unrelated posters).
    """

    num_perm: int = 64
    bands: int = 16
    shingle: int = 2
    link: float = 0.55
    join: float = 0.8
    min_tokens: int = 15
    min_sentences: int = 2
    min_shared: int = 12
    bucket_cap: int = 2_000
    compare_per_bucket: int = 6
    links_per_record: int = 3
    attach_margin: float = 0.1
    family: float = 0.7
    confirm_by_area_code: bool = False
    confirm_by_name_in_city: bool = True
    boiler_min_records: int = 32
    boiler_min_names: int = 32
    boiler_min_cities: int = 32


@dataclass(frozen=True, slots=True)
class LinkConfig:
    """Which link kinds run, their thresholds, and ``chunk``: ``update`` links a big batch as
    consecutive increments of at most this many records (in posting order), each read and
    compared at once; a second process prepares the next increment meanwhile."""

    identifiers: IdentifierConfig = field(default_factory=IdentifierConfig)
    photos: PhotoConfig = field(default_factory=PhotoConfig)
    text: TextConfig = field(default_factory=TextConfig)
    kinds: tuple[str, ...] = ("identifier", "photo", "text")
    chunk: int = 50_000
