"""Shared-template worlds: the corpora where text says "one template" and not "one poster".

Unrelated operations copy each other's wording (and ad-writing services hand one template to
many posters), so a linker that merges by text alone merges operations. A world is built to
make that mistake costly, with the confounders a real corpus has:

- **several operations per template** (1 to 4), each with its own phones and photos, its
  personas (names drawn from one common pool, so operations sometimes share one) and its rate
  card;
- **phones that never co-occur**: an operation of the ``pool`` kind posts each phase of its
  life under a new phone, one phone an ad; an operation of the ``rotating`` kind uses a new
  phone in every ad (only text, personas and photos tie its ads);
- **boilerplate footers**: each site appends its own terms to every ad;
- **rate cards that mislead**: some templates come from a writing service with its rate card
  (``service_share``), copied by every operation that uses them; some operations raise their
  prices partway through their life (``reprice_share``); some ads leave the rates out;
- **independents whose style overlaps**: one to three ads under one phone, written from the
  same sentence pools as the templates, and some of them (``copy_share``) copy a template;
- **one-off ads**, and, with ``infoshield=True``, InfoShield's kind of data: template clusters
  whose phone and name are slots that change in every ad (each cluster one poster) and
  one-off ads around them.

``write_world`` writes ``ads.jsonl`` (linkboard JSON Lines, photos as files under ``images/``
when ``photos``) and ``truth.jsonl`` (id, poster, template or null). Everything is synthetic:
fictional phone numbers (``synth.phones``), generated abstract images, non-explicit text.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from linkboard.synth import images as imaging
from linkboard.synth.lexicon import City, Lexicon, lexicon
from linkboard.synth.phones import PhoneBook

START = datetime(2024, 1, 1, tzinfo=UTC)
DAYS = 120
KINDS = (("single", 0.35), ("pool", 0.35), ("rotating", 0.3))
SEPARATORS = (" ~ ", ". ", " * ", " | ", "\n")
CONTACT = ("call {p}", "text {p}", "call or text {p}", "{p} text only", "txt {p} now")
RATES = ("${a}/qv", "{a} hh", "${a}/hr", "{a} roses/h", "${a} half hour", "{a}/hh")


@dataclass(slots=True)
class Template:
    number: int
    title: str
    sentences: list[str]  # with {name}, {city} slots
    sep: str
    rates: list[str] | None = None  # a writing service's rate card, copied by its users


@dataclass(slots=True)
class Poster:
    id: str
    kind: str  # single | pool | rotating | independent | cluster | oneoff
    template: Template | None
    names: list[str]
    ages: list[int]
    rates: list[str]
    cities: list[City]
    photos: list[int] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    repriced: list[str] | None = None  # the rate card from the middle of its life on


def write_world(
    out: Path,
    ads: int,
    *,
    seed: int = 7,
    photos: bool = False,
    infoshield: bool = False,
    copy_share: float = 0.1,
    service_share: float = 0.25,
    reprice_share: float = 0.2,
) -> int:
    """Write a world of about ADS ads into OUT; returns the number written."""
    rng = random.Random(seed)
    lex = lexicon()
    book = PhoneBook(sorted({c for city in lex.cities for c in city.area_codes}))
    posters = _posters(ads, rng, lex, book, infoshield, copy_share)
    _misleading_rates(posters, rng, service_share, reprice_share)
    out.mkdir(parents=True, exist_ok=True)
    if photos:
        (out / "images").mkdir(exist_ok=True)
    plan = [(p, i) for p in posters for i in range(_count(p, rng))]
    rng.shuffle(plan)
    written = 0
    with (out / "ads.jsonl").open("w") as f_ads, (out / "truth.jsonl").open("w") as f_truth:
        for n, (poster, i) in enumerate(plan[:ads], start=1):
            rid = f"tw-{n:07d}"
            ad = _ad(rid, poster, i, rng, lex, seed, out if photos else None)
            f_ads.write(json.dumps(ad, ensure_ascii=False) + "\n")
            template = poster.template.number if poster.template else None
            truth = {"id": rid, "poster": poster.id, "kind": poster.kind, "template": template}
            f_truth.write(json.dumps(truth) + "\n")
            written += 1
    return written


def _posters(
    ads: int,
    rng: random.Random,
    lex: Lexicon,
    book: PhoneBook,
    infoshield: bool,
    copy_share: float,
) -> list[Poster]:
    aliases = list(lex.phrases["aliases"])
    templates: list[Template] = []
    posters: list[Poster] = []
    left = ads // 2 if infoshield else int(ads * 0.6)
    while left > 0:  # template users
        t = _template(len(templates) + 1, rng, lex)
        templates.append(t)
        users = 1 if infoshield else rng.choice((1, 2, 2, 3, 3, 4))
        for _ in range(users):
            kind = "cluster" if infoshield else _pick(KINDS, rng)
            p = _poster(f"op-{len(posters):05d}", kind, t, rng, lex, aliases)
            p.ages = [0] * _op_size(rng)  # how many ads, kept in ages' length until drawn
            posters.append(p)
            left -= len(p.ages)
    while sum(len(p.ages) for p in posters) < ads:
        oneoff = infoshield or rng.random() < 0.5
        copied = None if oneoff or rng.random() >= copy_share else rng.choice(templates)
        p = _poster(f"ind-{len(posters):05d}", "oneoff" if oneoff else "independent", copied,
                    rng, lex, aliases)  # fmt: skip
        p.ages = [0] * (1 if oneoff else rng.randint(1, 3))
        posters.append(p)
    for p in posters:
        count = len(p.ages)
        p.ages = [rng.randint(21, 38) for _ in p.names]
        p.photos = [rng.randrange(10**6, 10**7) for _ in range(rng.randint(1, 3))]
        p.phones = _phones(p.kind, count, rng, book, p.cities[0])
    return posters


def _misleading_rates(
    posters: list[Poster], rng: random.Random, service_share: float, reprice_share: float
) -> None:
    """Rate cards that do not tell operations apart: a service template's card is every
    user's; an operation that reprices changes every amount at once."""
    seen: set[int] = set()
    for p in posters:
        t = p.template
        if t is not None and t.number not in seen and p.kind not in ("independent", "oneoff"):
            seen.add(t.number)
            if rng.random() < service_share:
                t.rates = list(p.rates)
        if t is not None and t.rates is not None and p.kind != "oneoff":
            p.rates = list(t.rates)
        if p.kind in ("single", "pool", "rotating") and rng.random() < reprice_share:
            p.repriced = [r.replace(a, str(int(a) + 40)) for r in p.rates for a in _amount(r)]


def _amount(rate: str) -> list[str]:
    return [w for w in rate.replace("$", " ").replace("/", " ").split() if w.isdigit()][:1]


def _count(p: Poster, rng: random.Random) -> int:
    return len(p.phones)


def _op_size(rng: random.Random) -> int:
    return max(3, min(80, int(rng.lognormvariate(2.6, 0.6))))


def _pick(weighted: tuple[tuple[str, float], ...], rng: random.Random) -> str:
    return rng.choices([k for k, _ in weighted], weights=[w for _, w in weighted])[0]


def _template(number: int, rng: random.Random, lex: Lexicon) -> Template:
    pools = lex.pools
    picks = [rng.choice(pools["intro"])]
    picks += rng.sample(pools["describe"], rng.randint(2, 3))
    picks += [rng.choice(pools["offer"]), rng.choice(pools["availability"])]
    picks += [rng.choice(pools["location"])]
    return Template(number, rng.choice(pools["titles"]), picks, rng.choice(SEPARATORS))


def _poster(
    pid: str,
    kind: str,
    template: Template | None,
    rng: random.Random,
    lex: Lexicon,
    aliases: list[str],
) -> Poster:
    home = lex.pick_city(rng)
    circuit = [home, *rng.sample(lex.neighbours[home.name][:8], rng.randint(0, 3))]
    names = rng.sample(aliases, 1 if kind in ("independent", "oneoff") else rng.randint(1, 3))
    rates = [r.format(a=rng.randrange(80, 400, 20)) for r in rng.sample(RATES, 2)]
    return Poster(pid, kind, template, names, [], rates, circuit)


def _ad(
    rid: str,
    p: Poster,
    i: int,
    rng: random.Random,
    lex: Lexicon,
    seed: int,
    out: Path | None,
) -> dict[str, object]:
    city = p.cities[min(i * len(p.cities) // max(1, len(p.phones)), len(p.cities) - 1)]
    person = rng.randrange(len(p.names))
    name = p.names[person] if p.kind != "cluster" else rng.choice(lex.phrases["aliases"])
    phone = p.phones[i]
    site = rng.choices(lex.sites, weights=lex.site_weights)[0]
    t = p.template or _template(0, rng, lex)
    sentences = list(t.sentences)
    if p.template and rng.random() < 0.2:  # an edit of its own: a sentence left out
        del sentences[rng.randrange(1, len(sentences))]
    fill = {"name": name.title(), "city": city.name, "age": str(p.ages[person])}
    body = t.sep.join(_fill(s, fill) for s in sentences)
    body += t.sep + f"{p.ages[person]} yo"
    rates = p.repriced if p.repriced and i >= len(p.phones) // 2 else p.rates
    if rng.random() >= 0.15:  # some ads leave the rates out
        body += t.sep + " ".join(rates)
    body += t.sep + rng.choice(CONTACT).format(p=_written(phone, rng))
    body += "\n\n" + site.footer
    when = START + timedelta(days=rng.randrange(DAYS), seconds=rng.randrange(86400))
    ad: dict[str, object] = {
        "id": rid,
        "url": f"https://{site.domain}/{city.slug}/{rid}.html",
        "site": site.name,
        "posted_at": when.isoformat(),
        "title": _fill(t.title, fill),
        "body": body,
        "location": f"{city.name}, {city.state}",
    }
    if out is not None and p.kind != "oneoff":
        shown = rng.sample(p.photos, min(len(p.photos), rng.randint(1, 2)))
        ad["images"] = [_image(out, seed, photo, rng) for photo in shown]
    return ad


def _fill(sentence: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        sentence = sentence.replace("{" + key + "}", value)
    return sentence


def _phones(kind: str, count: int, rng: random.Random, book: PhoneBook, home: City) -> list[str]:
    """The phone of each of a poster's ads: one for life (single, independent), a new one
    every few ads (pool: its phones never share an ad), a new one each ad (rotating, cluster,
    one-off)."""
    out: list[str] = []
    for i in range(count):
        fresh = (
            i == 0
            or kind in ("rotating", "cluster", "oneoff")
            or (kind == "pool" and i % rng.choice((4, 6, 8)) == 0)
        )
        out.append(book.allocate(home.area_codes, rng) if fresh else out[-1])
    return out


def _written(e164: str, rng: random.Random) -> str:
    area, mid, line = e164[2:5], e164[5:8], e164[8:]
    return rng.choice((f"{area}-{mid}-{line}", f"({area}) {mid}-{line}", f"{area}.{mid}.{line}",
                       f"{area}{mid}{line}"))  # fmt: skip


def _image(out: Path, seed: int, photo: int, rng: random.Random) -> str:
    variant = rng.randrange(4)
    name = imaging.file_name(seed, photo, variant)
    path = out / "images" / name
    if not path.exists():
        imaging.write_variant(path, seed, photo, variant)
    return f"images/{name}"
