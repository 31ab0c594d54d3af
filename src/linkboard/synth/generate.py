"""Plan a corpus, then write its ads in posting order, streaming, with their truth."""

from __future__ import annotations

import heapq
import json
import math
import random
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

from linkboard.synth import images as imaging
from linkboard.synth.cameras import add_cameras
from linkboard.synth.composing import World, compose
from linkboard.synth.lexicon import Lexicon, lexicon
from linkboard.synth.phones import PhoneBook
from linkboard.synth.posters import DAY, Person, Plan, Poster, build_independent, build_operation
from linkboard.synth.truth import FORMAT, Ledger, ad_truth

OPERATION_SHARE = 0.3
SPAM_ADS = 20  # ads each spam number is pasted into (about)
ADS_PER_SPAM_NUMBER = 50_000  # one more spam number per this many ads


@dataclass(frozen=True, slots=True)
class SynthSummary:
    out_dir: Path
    ads: int
    operations: int
    independents: int
    operation_ads: int
    image_files: int
    generic: int
    seconds: float


def plan(ads: int, days: int, rng: random.Random) -> list[Plan]:
    """Posters and their ad counts, summing to ``ads`` (30 % of them by operations)."""
    plans: list[Plan] = []
    left = round(ads * OPERATION_SHARE)
    while left > 0:
        n = min(left, max(5, int(rng.lognormvariate(math.log(45), 0.6))))
        plans.append(_plan(len(plans), True, n, rng.randint(14, 90), days, rng))
        left -= n
    left = ads - sum(p.ads for p in plans)
    while left > 0:
        n = min(left, min(30, 1 + int(rng.expovariate(1 / 2.5))))
        span = rng.randint(1, 60) if n > 1 else 1
        plans.append(_plan(len(plans), False, n, span, days, rng))
        left -= n
    return plans


def _plan(index: int, operation: bool, n: int, span: int, days: int, rng: random.Random) -> Plan:
    span = min(span, days)
    number = index + 1  # numbered separately below
    return Plan(index, operation, number, n, rng.randrange(days - span + 1), span)


def _numbered(plans: list[Plan]) -> list[Plan]:
    counts = {True: 0, False: 0}
    out = []
    for p in plans:
        counts[p.operation] += 1
        out.append(Plan(p.index, p.operation, counts[p.operation], p.ads, p.start_day, p.days))
    return out


def make_world(
    lex: Lexicon, seed: int, ads: int, rng: random.Random
) -> tuple[World, dict[str, dict[str, Any]]]:
    """The phone book and the generic identifiers: site support contacts and spam numbers."""
    book = PhoneBook(sorted({code for c in lex.cities for code in c.area_codes}))
    support_city = rng.choice(lex.cities)
    support_phone = book.allocate(support_city.area_codes, rng)
    spam = [
        book.allocate(rng.choice(lex.cities).area_codes, rng)
        for _ in range(1 + ads // ADS_PER_SPAM_NUMBER)
    ]
    generic: dict[str, dict[str, Any]] = {}
    footers, site_generic = _site_footers(lex, support_phone, generic)
    for number in spam:
        generic[f"phone:{number}"] = _generic("spam number pasted into unrelated ads", None)
    independent_ads = ads - round(ads * OPERATION_SHARE)
    spam_rate = min(0.5, SPAM_ADS * len(spam) / max(1, independent_ads))
    world = World(lex, book, seed, footers, site_generic, spam, spam_rate, None)
    return world, generic


def _site_footers(
    lex: Lexicon, support_phone: str, generic: dict[str, dict[str, Any]]
) -> tuple[list[str], list[list[tuple[str, str, str]]]]:
    """Each site's footer with its support phone and email filled in, and the generic
    identifiers it shows, (kind, value, text) each; those are added to GENERIC."""
    footers, site_generic = [], []
    for site in lex.sites:
        support_email = f"support@{site.domain}"
        footer = site.footer.format(support_phone=support_phone, support_email=support_email)
        found = []
        if "{support_phone}" in site.footer:
            found.append(("phone", support_phone, support_phone))
            generic[f"phone:{support_phone}"] = _generic("site support phone", site.name)
        if "{support_email}" in site.footer:
            found.append(("email", support_email, support_email))
            generic[f"email:{support_email}"] = _generic("site support email", site.name)
        footers.append(footer)
        site_generic.append(found)
    return footers, site_generic


def _generic(reason: str, site: str | None) -> dict[str, Any]:
    """The truth of one generic identifier, before any ad uses it."""
    return {"reason": reason, "site": site, "ads": 0}


def _spell_support(world: World) -> None:
    """Write the support phone in the footer as people read it: ``(702) 555-0100``."""
    for i, found in enumerate(world.site_generic):
        for j, (kind, value, _) in enumerate(found):
            if kind == "phone":
                text = f"({value[2:5]}) {value[5:8]}-{value[8:]}"
                world.footers[i] = world.footers[i].replace(value, text)
                found[j] = (kind, value, text)


class ImageShelf:
    """Writes each (photo, variant) file the first time an ad uses it."""

    def __init__(self, folder: Path, seed: int, ledger: Ledger) -> None:
        self.folder, self.seed, self.ledger = folder, seed, ledger
        folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, photo: int, variant: int, person: Person) -> str:
        name = imaging.file_name(self.seed, photo, variant)
        if name not in self.ledger.images:
            kind = imaging.write_variant(self.folder / name, self.seed, photo, variant)
            self.ledger.images[name] = {
                "photo": f"ph-{photo:07d}",
                "person": person.id,
                "variant": variant,
                "kind": kind,
            }
        return f"images/{name}"


def generate(
    out_dir: Path,
    ads: int,
    seed: int = 7,
    images: bool = True,
    start: date = date(2024, 1, 1),
    days: int = 120,
    exif: bool = False,
) -> SynthSummary:
    """Write a synthetic corpus of ``ads`` ads and its truth into ``out_dir``.

    Same arguments, same bytes. See the package docstring for what is written. ``exif``: some
    posters' photos keep their phone's metadata (``synth.cameras``); off, all are stripped.
    """
    began = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    lex = lexicon()
    rng = random.Random(seed)
    world, generic = make_world(lex, seed, ads, rng)
    _spell_support(world)
    plans = _numbered(plan(ads, days, rng))
    ledger = Ledger(generic)
    if images:
        world.image_ref = ImageShelf(out_dir / "images", seed, ledger)
    _write_ads(out_dir, plans, world, ledger, start)
    meta = {"format": FORMAT, "seed": seed, "ads": ads, "start": start.isoformat(), "days": days}
    _write_summary(out_dir, meta | {"images": images}, plans, ledger, lex)
    if exif and images:
        add_cameras(out_dir, seed)
    return SynthSummary(
        out_dir=out_dir,
        ads=ads,
        operations=sum(p.operation for p in plans),
        independents=sum(not p.operation for p in plans),
        operation_ads=ledger.operation_ads,
        image_files=len(ledger.images),
        generic=len(generic),
        seconds=time.perf_counter() - began,
    )


def _write_ads(out_dir: Path, plans: list[Plan], world: World, ledger: Ledger, start: date) -> None:
    """Write the ads into ``ads.jsonl`` and their truth into ``truth_ads.jsonl``, in posting
    order, the first day starting at midnight UTC of START."""
    start_ts = int(datetime(start.year, start.month, start.day, tzinfo=UTC).timestamp())
    with (
        open(out_dir / "ads.jsonl", "w", encoding="utf-8", newline="\n") as ads_out,
        open(out_dir / "truth_ads.jsonl", "w", encoding="utf-8", newline="\n") as truth_out,
    ):
        _stream(plans, world, ledger, start_ts, ads_out, truth_out)


def _stream(
    plans: list[Plan],
    world: World,
    ledger: Ledger,
    start_ts: int,
    ads_out: TextIO,
    truth_out: TextIO,
) -> None:
    """Every poster's ads in UTC order; a poster lives in memory from its first ad to its last."""
    heap = [(start_ts + p.start_day * DAY, p.index, -1) for p in plans]
    heapq.heapify(heap)
    active: dict[int, Poster] = {}
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    number = 0
    while heap:
        _, index, k = heapq.heappop(heap)
        if k < 0:
            p = plans[index]
            build = build_operation if p.operation else build_independent
            poster = active[index] = build(p, world.seed, world.lex, world.book, start_ts)
        else:
            poster = active[index]
            number += 1
            ad, written = compose(poster, k, number, world)
            truth = ad_truth(ad, poster, poster.events[k][1], written)
            ledger.record(poster, truth, ad["posted_at"])
            ads_out.write(dumps(ad) + "\n")
            truth_out.write(dumps(truth) + "\n")
        if k + 1 < len(poster.events):
            heapq.heappush(heap, (poster.events[k + 1][0], index, k + 1))
        else:
            del active[index]


def _write_summary(
    out_dir: Path, meta: dict[str, Any], plans: list[Plan], ledger: Ledger, lex: Lexicon
) -> None:
    summary = ledger.summary()
    truth = meta | {
        "ad_truth": "truth_ads.jsonl",
        "posters": {
            "operations": sum(p.operation for p in plans),
            "independents": sum(not p.operation for p in plans),
        },
        "sites": [{"name": s.name, "domain": s.domain, "footer": s.footer} for s in lex.sites],
        **summary,
    }
    with open(out_dir / "truth.json", "w", encoding="utf-8", newline="\n") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")
