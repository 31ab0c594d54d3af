"""One ad of one poster: its text, identifiers, images, and the truth of what was written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from linkboard.synth.clock import local_iso
from linkboard.synth.lexicon import City, Lexicon
from linkboard.synth.phones import PhoneBook
from linkboard.synth.posters import Person, Poster
from linkboard.synth.spelling import spell_email, spell_handle, spell_payment, spell_phone
from linkboard.synth.writing import as_sentence, edit, fill, pick, price_text, redraw

LOW_PRICE = 100  # dollars per hour: far below the market of this corpus (150–350)


@dataclass(slots=True)
class World:
    """What every ad is written against: the data, the phone book and the generic numbers."""

    lex: Lexicon
    book: PhoneBook
    seed: int
    footers: list[str]  # per site, generic identifiers filled in
    site_generic: list[list[tuple[str, str, str]]]  # per site: (kind, value, text)
    spam: list[str]  # generic spam numbers (E.164)
    spam_rate: float
    image_ref: Callable[[int, int, Person], str] | None


@dataclass(slots=True)
class Written:
    """The truth of one ad, gathered as its text is written."""

    persons: list[Person] = field(default_factory=list)
    written: list[list[str]] = field(default_factory=list)
    generic: list[str] = field(default_factory=list)
    ages: list[int] = field(default_factory=list)
    prices: list[str] = field(default_factory=list)
    photos: list[str] = field(default_factory=list)
    indicators: set[str] = field(default_factory=set)
    possible_minor: bool = False

    def add(self, kind: str, value: str, text: str, generic: bool = False) -> None:
        self.written.append([kind, value, text])
        if generic:
            self.generic.append(f"{kind}:{value}")

    def by_kind(self) -> dict[str, list[str]]:
        """The poster's own identifiers written, per kind, first-seen order, generic ones out."""
        out: dict[str, list[str]] = {"phone": [], "email": [], "handle": [], "payment": []}
        generic = self.generic
        for kind, value, _ in self.written:
            values = out[kind]
            if value not in values and (not generic or f"{kind}:{value}" not in generic):
                values.append(value)
        return out


def pick_phone(poster: Poster, person: Person, city: City, book: PhoneBook) -> str:
    """The number this ad gives: the person's current phone, now and then a new burner."""
    rng = poster.rng
    if poster.new_phone_rate and rng.random() < poster.new_phone_rate:
        codes = poster.home.area_codes if rng.random() < 0.7 else city.area_codes
        new = book.allocate(codes, rng)
        poster.pool.append(new)
        person.phone = new
        if len(poster.pool) > poster.pool_max:
            retired = poster.pool.pop(0)
            for p in poster.persons:
                if p.phone == retired:
                    p.phone = pick(rng, poster.pool)
    if len(poster.pool) > 1 and rng.random() < 0.1:
        return pick(rng, poster.pool)
    return person.phone


def flag_sentences(poster: Poster, w: Written, ph: dict[str, Any]) -> list[str]:
    rng = poster.rng
    out = []
    for family, rate in poster.flags.items():
        if rng.random() >= rate:
            continue
        if family == "multiple_persons":
            if len(w.persons) < 2:
                continue
        elif family == "low_price" and rng.random() < 0.5:
            continue  # the price itself says it; the phrase only sometimes
        out.append(as_sentence(pick(rng, ph["red_flags"][family]), rng))
        w.indicators.add(family)
    return out


def person_sentences(poster: Poster, main: Person, w: Written, ph: dict[str, Any]) -> list[str]:
    """Youth signal, stated age and price: the facts about the person in this ad."""
    rng = poster.rng
    out = []
    if main.minor and rng.random() < 0.85:
        out.append(as_sentence(main.youth_phrase, rng))
        w.indicators.add("youth")
        w.possible_minor = True
        if main.youth_phrase == "age 17":
            w.ages.append(17)
    if not w.ages and rng.random() < 0.55:
        age = main.age
        if rng.random() < poster.age_drift:
            age = max(18, age + pick(rng, (-2, -1, 1, 2, 3)))
        out.append(pick(rng, ph["ages"]).format(age=age))
        w.ages.append(age)
    if rng.random() < 0.65:
        text, value = price_text(poster.hourly, rng, ph)
        out.append(text)
        w.prices.append(value)
        if poster.hourly < LOW_PRICE:
            w.indicators.add("low_price")
    return out


def contact_lines(
    poster: Poster, main: Person, phone: str, w: Written, ph: dict[str, Any]
) -> list[str]:
    rng = poster.rng
    styles, rate = poster.obfuscation
    hidden = bool(styles) and rng.random() < rate
    text = spell_phone(phone, rng, pick(rng, styles) if hidden else "plain")
    w.add("phone", phone, text)
    out = [pick(rng, ph["contact"]).format(contact=text)]
    if main.handle and rng.random() < 0.6:
        handle_text, value = spell_handle(*main.handle, rng)
        w.add("handle", value, handle_text)
        out.append(handle_text)
    email = main.email or poster.email
    if email and rng.random() < 0.5:
        email_text = spell_email(email, rng, hidden or rng.random() < 0.3)
        w.add("email", email, email_text)
        out.append(email_text)
    if poster.payment and rng.random() < 0.5:
        pay_text, value = spell_payment(*poster.payment, rng)
        w.add("payment", value, pay_text)
        out.append(pay_text)
    return out


def body_text(
    poster: Poster, city_text: str, phone: str, w: Written, world: World
) -> tuple[str, str]:
    rng, ph = poster.rng, world.lex.phrases
    op = poster.plan.operation
    draft = edit(poster.draft, rng, ph) if op else redraw(poster.draft, rng, world.lex.pools, 0.3)
    main = w.persons[0]
    slots = {"{name}": main.alias, "{name2}": w.persons[-1].alias, "{city}": city_text}
    parts = [text for _, text in draft.sentences]
    for extra in flag_sentences(poster, w, ph) + person_sentences(poster, main, w, ph):
        parts.insert(1 + int(rng.random() * len(parts)), extra)
    body = fill(draft.separator.join(parts), slots)
    parts = [body]
    parts += contact_lines(poster, main, phone, w, ph)
    if not op and world.spam and rng.random() < world.spam_rate:
        spam = pick(rng, world.spam)
        spam_text = spell_phone(spam, rng)
        w.add("phone", spam, spam_text, generic=True)
        parts.append(pick(rng, ph["spam"]).format(contact=spam_text))
    return fill(draft.title, slots), draft.separator.join(parts)


def compose(poster: Poster, k: int, number: int, world: World) -> tuple[dict[str, Any], Written]:
    """Ad number ``number`` (1-based in the corpus), the ``k``-th of ``poster``."""
    rng = poster.rng
    ts, city = poster.events[k]
    site_index = pick(rng, poster.sites)
    site = world.lex.sites[site_index]
    main = pick(rng, poster.persons)
    w = Written(persons=[main])
    if "multiple_persons" in poster.flags and len(poster.persons) > 1:
        w.persons.append(pick(rng, [p for p in poster.persons if p is not main]))
    phone = pick_phone(poster, main, city, world.book)
    city_text = pick(rng, (city.name, city.name, *city.aliases))
    title, body = body_text(poster, city_text, phone, w, world)
    for kind, value, text in world.site_generic[site_index]:
        w.add(kind, value, text, generic=True)
    if len(w.persons) > 1 and "multiple_persons" not in w.indicators:
        w.persons.pop()
    images = ad_images(poster, w, world)
    post_id = (number * 2654435761 + 977) % 1_000_000_000
    ad = {
        "id": f"ad-{number:06d}",
        "url": f"https://{site.domain}/{city.slug}/{site.category}/{post_id:09d}.html",
        "site": site.name,
        "posted_at": local_iso(ts, city),
        "title": title,
        "body": f"{body}\n\n{world.footers[site_index]}",
        "location": f"{city.name}, {city.state}" if rng.random() < 0.75 else city_text,
        "images": images,
    }
    return ad, w


def ad_images(poster: Poster, w: Written, world: World) -> list[str]:
    """Photos of the persons in the ad; drawn even when images are off, so text stays the same."""
    rng = poster.rng
    share = 0.6 if poster.plan.operation else 0.1
    picks = []
    for person in w.persons:
        photos = person.photos
        if len(photos) > 1:
            photos = rng.sample(photos, 1 + int(rng.random() * min(3, len(photos))))
        for photo in photos:
            variant = int(rng.random() * poster.variants) if rng.random() < share else 0
            picks.append((photo, variant, person))
    if world.image_ref is None:
        return []
    w.photos = [f"ph-{photo:07d}" for photo, _, _ in picks]
    return [world.image_ref(photo, variant, person) for photo, variant, person in picks]
