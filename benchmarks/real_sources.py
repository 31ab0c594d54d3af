"""The public research data sets of real ads that benchmarks/real_ads.py scores extraction on.

Each ``Source`` names the repository, commit, file and licence it comes from and reads that file,
as its repository publishes it, from a folder outside this repository (real people's ads never
enter it): every ad becomes a record and its labels, kind -> the set of values it states, written
as the extractor writes them. Beside a source's file, ``hand_labels.jsonl`` holds the labels
written by hand for this benchmark (kinds the source does not label) and corrections of the
source's labels, each row naming its ad by position and by a hash of its text.

To fetch a source: ``git show <commit>:<path>`` in a clone of its repository, saved under its own
file name in ``DATA/<source name>/`` (etk's file was removed after that commit).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from linkboard.ingest.fields import site_of
from linkboard.model import Provenance, Record

#: A rate's unit as the price source writes it -> the minutes it buys (None: no fixed length).
UNIT_MINUTES: dict[str, int | None] = {
    **dict.fromkeys(["hr", "hour", "h", "1 hour", "1 hr", "1hour", "one hour"], 60),
    **dict.fromkeys(["full hr", "full hour", "fh", "hourly", "per hour"], 60),
    **dict.fromkeys(["hh", "hhr", "hf", "half", "half hour", "half hr", "hlf hr", "hf hr"], 30),
    **dict.fromkeys(["h hr", "30", "30 min", "30min", "30min.qv"], 30),
    **dict.fromkeys(["qk", "qv", "qs", "15 min", "15min", "15mins"], 15),
    **dict.fromkeys(["2 hr", "2 hrs", "2 hour"], 120),
    **dict.fromkeys(["90 min"], 90),
    **dict.fromkeys(["45 min", "45min"], 45),
    **dict.fromkeys(["10 min", "ten minutes"], 10),
    **dict.fromkeys(["25min"], 25),
    **dict.fromkeys(["3minutes"], 3),
}


@dataclass
class Ad:
    """One real ad as a record, and its labels: kind -> the values it states."""

    index: int
    record: Record
    labels: dict[str, set[str]]


@dataclass(frozen=True)
class Source:
    name: str
    repo: str
    commit: str
    path: str
    licence: str
    kinds: tuple[str, ...]  # the kinds the source itself labels
    load: Callable[[Path], list[Ad]]
    #: Handle platforms the source labels: other platforms' handles are not scored.
    platforms: frozenset[str] = field(default_factory=frozenset)


def _record(source: str, index: int, *, body: str, title: str = "", url: str = "") -> Record:
    prov = Provenance(source, str(index), "2016-01-01T00:00:00+00:00", "")
    raw = "\n".join((title, body, url))
    return Record(f"{source}:{index}", "ad", raw, prov, title, body, url, site_of(url))


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def load_dig_age(folder: Path) -> list[Ad]:
    """usc-isi-i2's age test set: ``content`` and the ``correct`` ages (repeated ads read once)."""
    seen: set[str] = set()
    ads = []
    for row in _lines(folder / "age.json"):
        if row["content"] not in seen:
            seen.add(row["content"])
            record = _record("dig-age", len(ads), body=row["content"])
            ads.append(Ad(len(ads), record, {"age": set(row["correct"])}))
    return ads


def load_dig_phone(folder: Path) -> list[Ad]:
    """The DIG phone extractor's ground truth: url, title, body and every phone (E.164)."""
    rows = json.loads((folder / "groundtruth.json").read_text())["jsonlines"]
    return [
        Ad(i, _record("dig-phone", i, **_fields(r)), {"phone": set(r["int_ext_gt"])})
        for i, r in enumerate(rows)
    ]


def _fields(row: dict) -> dict[str, str]:
    return {"title": row["title"], "body": row["body"], "url": row["url"]}


def load_dig_price(folder: Path) -> list[Ad]:
    """The DIG price extractor's snippets with every ``amount-unit`` they state. Some rows give
    bare amounts: they label amounts only; a row labels one-hour rates where every amount has
    its unit, and rates with their minutes where every unit has a length ("ss" has none)."""
    ads = []
    rows = json.loads((folder / "groundtruth_all.json").read_text())["jsonlines"]
    for i, row in enumerate(rows):
        rates = [_rate(x) for x in row["extraction"]]
        labels = {"amount": {a for a, _, _ in rates}}
        if all(unit for _, unit, _ in rates):
            labels["hourly"] = {a for a, _, m in rates if m == 60}
            if all(m for _, _, m in rates):
                labels["rate"] = {f"{a}/{m}min" for a, _, m in rates}
        ads.append(Ad(i, _record("dig-price", i, body=row["text"]), labels))
    return ads


def _rate(label: object) -> tuple[str, str, int | None]:
    """``"150-hr"`` -> ("150", "hr", 60); a bare ``100`` -> ("100", "", None)."""
    text = str(label)
    amount, _, unit = text.partition("-") if "-" in text else text.partition(" ")
    unit = unit.strip().lower()
    return amount_text(amount), unit, UNIT_MINUTES.get(unit)


def amount_text(text: str) -> str:
    """An amount as both sides write it: ``"150.00"`` -> ``"150"``."""
    number = float(re.sub(r"[^0-9.]", "", text) or 0)
    return str(int(number)) if number == int(number) else str(number)


def load_etk_social(folder: Path) -> list[Ad]:
    """etk's social-media ground truth: an ad's text and its accounts by platform."""
    ads = []
    for row in _lines(folder / "social_media.jl"):
        if row["text"].strip():
            handles = {f"{p}:{h}".lower() for p, hs in row["correct"].items() for h in hs}
            record = _record("etk-social", len(ads), body=row["text"])
            ads.append(Ad(len(ads), record, {"handle": handles}))
    return ads


def load_dig_phone_lines(folder: Path) -> list[Ad]:
    """The DIG phone matcher's test lines (hidden digits), one expected line per text line."""
    texts = (folder / "test.txt").read_text().split("\n")
    expected = (folder / "test.txt.phm").read_text().split("\n")
    return [
        Ad(i, _record("dig-phone-lines", i, body=t), {"phone": {_nanp(n) for n in e.split()}})
        for i, (t, e) in enumerate(zip(texts, expected, strict=False))
        if t.strip()
    ]


def _nanp(digits: str) -> str:
    return "+" + digits if len(digits) == 11 and digits.startswith("1") else "+1" + digits


SOURCES = (
    Source(
        "dig-age",
        "usc-isi-i2/dig-age-extractor",
        "3a6653a8f197",
        "test/data/age.json",
        "Apache-2.0",
        ("age",),
        load_dig_age,
    ),
    Source(
        "dig-phone",
        "ZwEin27/dig-phone-extractor",
        "cd68b213c693",
        "test/groundtruth/groundtruth.json",
        "Apache-2.0",
        ("phone",),
        load_dig_phone,
    ),
    Source(
        "dig-phone-lines",
        "ZwEin27/phone-number-matcher",
        "acb1c94118a1",
        "tests/data/test.txt, test.txt.phm",
        "Apache-2.0",
        ("phone",),
        load_dig_phone_lines,
    ),
    Source(
        "dig-price",
        "ZwEin27/price-extractor",
        "f357039dd40e",
        "tests/groundtruth/groundtruth_all.json",
        "Apache-2.0",
        ("amount", "hourly", "rate"),
        load_dig_price,
    ),
    Source(
        "etk-social",
        "usc-isi-i2/etk",
        "ce9af9f0cdd0",
        "etk/unit_tests/ground_truth/social_media.jl",
        "MIT",
        ("handle",),
        load_etk_social,
        frozenset({"twitter", "snapchat", "instagram", "wechat"}),
    ),
)


def with_hand_labels(ads: list[Ad], folder: Path) -> tuple[set[str], int]:
    """Add the hand labels kept beside a source and apply its corrections: (the kinds labelled
    by hand, the number of corrections). A row that does not match its ad's text is refused."""
    path = folder / "hand_labels.jsonl"
    kinds: set[str] = set()
    fixes = 0
    for row in _lines(path) if path.exists() else []:
        ad = ads[row.pop("i")]
        if row.pop("key") != text_key(ad.record):
            raise SystemExit(f"{path}: row {ad.index} does not match its ad (the data changed?)")
        changes = row.pop("fix", {})
        for kind, change in changes.items():
            if kind in ad.labels:
                drop, add = set(change.get("drop", [])), set(change.get("add", []))
                ad.labels[kind] = ad.labels[kind] - drop | add
        fixes += bool(changes)
        for kind, values in row.items():
            ad.labels[kind] = set(values)
            kinds.add(kind)
    return kinds, fixes


def text_key(record: Record) -> str:
    """The hash that names an ad in ``hand_labels.jsonl``: of its title and body."""
    text = record.body if not record.url and not record.title else f"{record.title}\n{record.body}"
    return hashlib.sha1(text.encode()).hexdigest()[:12]
