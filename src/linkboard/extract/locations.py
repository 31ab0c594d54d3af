"""Cities an ad places itself in: ``visiting Houston``, ``Portland, OR``, the location box.

A name is looked up in the gazetteer; which of several same-named cities is meant comes from a
state written next to it, else a state named elsewhere in the text, else a phone's area code,
else population.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from linkboard.extract import gazetteer
from linkboard.extract.city_context import a_person, not_the_city, placed
from linkboard.extract.gazetteer import City
from linkboard.extract.keyed import Keyed
from linkboard.extract.normalise import Field
from linkboard.extract.patterns import words
from linkboard.extract.spans import Spans
from linkboard.extract.views import View
from linkboard.model import Mention

#: A capitalised word. Its letters are matched possessively (``*+``): what may follow a word (a
#: space, a comma, a dot) never starts with a letter, so giving letters back could not help, and
#: ``re`` no longer tries to at each failed position.
_WORD = r"(?:[A-Z][A-Za-z'\-]*+\.?|[A-Z]\.[A-Z]\.)"
_PLACE = rf"(?P<place>{_WORD}(?:[ \t]+{_WORD}){{0,3}})"
#: ``_PLACE`` not just after a letter, written to start on its capital (see ``patterns``).
_PLACE_NOT_IN_WORD = (
    r"(?P<place>[A-Z](?<![A-Za-z'\-.].)(?:[A-Za-z'\-]*+\.?|\.[A-Z]\.)"
    rf"(?:[ \t]+{_WORD}){{0,3}})"
)
_QUALIFIED = re.compile(
    _PLACE_NOT_IN_WORD
    + r"(?:[ \t]*,[ \t]*(?P<qual>[A-Z][A-Za-z]++(?:[ \t]+[A-Z][a-z]+){0,2}|[A-Z]{2})"
    r"|[ \t]+(?P<code>[A-Z]{2}))(?![A-Za-z])"
)
#: Words that put the ad in the place named next, in the order they are tried at one position.
_TRIGGERS = (
    r"visiting",
    r"in\s+town\s*[:\-]?",
    r"located\s+in",
    r"based\s+in",
    r"now\s+in",
    r"arriv(?:ing|ed)\s+(?:in|to)",
    r"touring",
    r"new\s+(?:in|to)",
    r"back\s+in",
    r"here\s+in",
    r"staying\s+in",
    r"available\s+in",
    r"hosting\s+in",
    r"incalls?\s+in",
    r"outcalls?\s+(?:to|in)",
    r"near",
    r"landed\s+in",
    r"live\s+in",
    r"living\s+in",
    r"coming\s+to",
    r"heading\s+to",
    r"passing\s+through",
    r"location\s*[:\-]",
    r"city\s*[:\-]",
    r"in\s+the",
    r"in",
    r"at",
    r"from",
    r"to",
)
_TRIGGER = Keyed(
    re.compile(
        "(?P<trigger>" + words(_TRIGGERS, r"[\w]", raw=True) + ")"
        # a label ("Location:") may have its value on the next line, as scraped pages do
        r"(?:(?<=[:\-])\s+|[ \t]*:?[ \t]+)(?:the[ \t]+)?(?=[a-z])"
    )
)
_PLACE_AT = re.compile(_PLACE)
_WEAK_TRIGGERS = frozenset({"in", "at", "from", "to", "in the"})
#: Weak triggers that come before a person as often as a place ("hi from Savannah", "talk to
#: Madison"): a city that is also a given name needs more of a place's context after them.
_NAME_TRIGGERS = frozenset({"at", "from", "to"})
WEAK_MIN_POPULATION = 100_000
_SPLIT = re.compile(r"[ \t]*(?:[,/|;()]|\s-\s|\n)[ \t]*")


@cache
def _state_names() -> re.Pattern[str]:
    names = [k for k in gazetteer.regions() if len(k) > 2]
    return re.compile("(?:" + words(names, r"[\w]", spaces=r"\s+") + r")(?![\w])")


def find(field: Field, phone_regions: frozenset[str] = frozenset()) -> list[Mention]:
    if not field.has_capital and field.name != "location":  # a place is written with a capital
        return []
    view = field.clean
    qualified = list(_QUALIFIED.finditer(view.text))
    nearby = _nearby_states(field, qualified)
    out: list[Mention] = []
    claimed = Spans()
    if field.name == "location":
        _location_box(field, nearby, phone_regions, out, claimed)
    _qualified(field, view, qualified, out, claimed)
    _triggered(field, view, nearby, phone_regions, out, claimed)
    _bare(field, view, nearby, phone_regions, out, claimed)
    return sorted(out, key=lambda m: m.start)


_CAPITALISED = re.compile(
    r"[A-Z](?<![\w@./#$&'].)[^\W\d_]+\.?(?:[ \t]+(?:[A-Z][^\W\d_]*\.?|de|del|la|los|las)){0,4}"
)
_TOKEN = re.compile(r"\S+")
BARE_MIN_POPULATION = 100_000


def _bare(
    field: Field,
    view: View,
    nearby: frozenset[str],
    phone_regions: frozenset[str],
    out: list[Mention],
    claimed: Spans,
) -> None:
    """A well-known city named on its own ("Denver outcall"), not part of a person's name."""
    names = Spans((n.start, n.end) for n in field.found.get("name", []))
    for m in _CAPITALISED.finditer(view.text):
        for offset, name in _bare_names(m.group()):
            start, end = m.start() + offset, m.start() + offset + len(name)
            city = gazetteer.resolve(name, None, None, nearby, phone_regions)
            if city is None or names.overlaps(start, end) or not_the_city(name, city, view, end):
                continue
            if gazetteer.key(name) in gazetteer.name_cities() and a_person(
                field, view.text, (start, end), city.region, nearby, phone_regions
            ):
                continue  # "Aurora visiting Denver": Aurora is a person
            _add(field, view, (start, end), city, "location.bare", out, claimed)


#:ache(maxsize=65536)
def _bare_names(run: str) -> tuple[tuple[int, str], ...]:
    """The city names in a run of capitalised words, as (offset, name): at each word the longest
    name of up to four words that the gazetteer knows (one word only if a big city), then on
    after it. Which city a name means is chosen later, from the ad's states."""
    words = list(_TOKEN.finditer(run))
    out = []
    i = 0
    while i < len(words):
        region = _region_name_at(run, words, i)
        if region:  # "South Carolina", "British Columbia": no Carolina, no Columbia
            i += region
            continue
        found = _longest_name_at(run, words, i) if _may_start_city(words[i].group()) else None
        if found is None:
            i += 1
            continue
        name, j = found
        out.append((words[i].start(), name))
        i = j
    return tuple(out)


def _region_name_at(run: str, words: list[re.Match[str]], i: int) -> int:
    """The number of words of a state's or province's name of two or three words that starts at
    word ``i`` and is no city's name ("New York" is both); 0 if none."""
    for j in range(min(len(words), i + 3), i + 1, -1):
        key = gazetteer.key(run[words[i].start() : words[j - 1].end()])
        if key in gazetteer.regions() and key not in gazetteer.cities():
            return j - i
    return 0


def _longest_name_at(run: str, words: list[re.Match[str]], i: int) -> tuple[str, int] | None:
    """The longest city name starting at word ``i`` and the index of the word after it."""
    for j in range(min(len(words), i + 4), i, -1):
        name = run[words[i].start() : words[j - 1].end()].rstrip(".")
        found = gazetteer.cities().get(gazetteer.key(name))
        if found and (j - i > 1 or found[0].population >= BARE_MIN_POPULATION):
            return name, j
    return None


@lru_cache(maxsize=65536)
def _may_start_city(word: str) -> bool:
    """Whether a bare city name can start with this word (see ``_bare_firsts``)."""
    return gazetteer.key(word.rstrip(".,")).split(" ")[0] in _bare_firsts()


@cache
def _bare_firsts() -> frozenset[str]:
    """The first words of city names written on their own: of every name of several words, and
    of one-word names only when a city that big goes by it."""
    return frozenset(
        k.split(" ")[0]
        for k, found in gazetteer.cities().items()
        if " " in k or found[0].population >= BARE_MIN_POPULATION
    )


@cache
def _state_words() -> dict[str, tuple[frozenset[str], ...]]:
    """First word of a state or province name -> the words of each name it starts: a name can
    match only where all its words appear."""
    out: dict[str, set[frozenset[str]]] = {}
    for k in gazetteer.regions():
        if len(k) > 2:
            out.setdefault(k.split()[0], set()).add(frozenset(k.split()))
    return {first: tuple(names) for first, names in out.items()}


def _nearby_states(field: Field, qualified: list[re.Match[str]]) -> frozenset[str]:
    text, words = field.clean.text, field.words
    found: set[str] = set()
    by_first = _state_words()
    if any(name <= words for w in by_first.keys() & words for name in by_first[w]):
        found = {
            gazetteer.regions()[gazetteer.key(m.group())][1]
            for m in _state_names().finditer(field.lower)
            if not re.match(r"[ \t]+[A-Z]", text[m.end() : m.end() + 2])  # Kansas City
        }
    for m in qualified:
        written = m.group("qual") or m.group("code")
        qual = gazetteer.regions().get(gazetteer.key(written))
        if qual and (len(written) > 2 or _city_of(m.group("place"), qual[1])):
            found.add(qual[1])
    return frozenset(found)


def _city_of(place: str, state: str) -> bool:
    """Whether the words before a two-letter code end with a city of that state: "Omaha NE"
    names Nebraska, "CALL ME" and "TEXT OR CALL" name no state."""
    words = place.split()
    return any(gazetteer.resolve(" ".join(words[i:]), state) for i in range(len(words)))


def _qualified(
    field: Field,
    view: View,
    qualified: list[re.Match[str]],
    out: list[Mention],
    claimed: Spans,
) -> None:
    """``City, ST`` / ``City, State`` / ``City, Country`` / ``City ST``."""
    for m in qualified:
        qual = m.group("qual") or m.group("code")
        region = gazetteer.regions().get(gazetteer.key(qual))
        country = None if region else gazetteer.countries().get(gazetteer.key(qual))
        if region is None and country is None:
            continue
        words = list(re.finditer(r"\S+", m.group("place")))
        for w in words:  # longest suffix first
            name = m.group("place")[w.start() :]
            state, nation = (region[1], region[0]) if region else (None, country)
            city = gazetteer.resolve(name, state, nation)
            if city is not None:
                span = (m.start("place") + w.start(), m.end())
                _add(field, view, span, city, "location.qualified", out, claimed)
                break


def _triggered(
    field: Field,
    view: View,
    nearby: frozenset[str],
    phone_regions: frozenset[str],
    out: list[Mention],
    claimed: Spans,
) -> None:
    text = view.text
    for t in _TRIGGER.finditer(field.index):
        if not "A" <= text[t.end()] <= "Z":  # a place starts with a capital
            continue
        m = _PLACE_AT.match(text, t.end())
        if m is None:
            continue
        trigger = " ".join(t.group("trigger").split())
        weak = trigger in _WEAK_TRIGGERS
        rule = "location.weak" if weak else "location.context"
        for name in _leading_names(m.group("place")):
            city = gazetteer.resolve(name, None, None, nearby, phone_regions)
            if city is None or (weak and city.population < WEAK_MIN_POPULATION):
                continue
            span = (m.start("place"), m.start("place") + len(name))
            if not_the_city(name, city, view, span[1]):
                break
            if (
                trigger in _NAME_TRIGGERS
                and gazetteer.key(name) in gazetteer.name_cities()
                and not placed(field, text, span, city.region, nearby | phone_regions)
            ):
                break  # "hi from Savannah": from a person
            _add(field, view, span, city, rule, out, claimed)
            break


@lru_cache(maxsize=65536)
def _leading_names(place: str) -> tuple[str, ...]:
    """The runs of ``place``'s first words that the gazetteer knows as a city, longest first."""
    prefixes = [place[: w.end()].rstrip(".") for w in _TOKEN.finditer(place)]
    return tuple(p for p in reversed(prefixes) if gazetteer.key(p) in gazetteer.cities())


def _location_box(
    field: Field,
    nearby: frozenset[str],
    phone_regions: frozenset[str],
    out: list[Mention],
    claimed: Spans,
) -> None:
    """The site's location field: every part that names a city, qualified by the next part."""
    view = field.clean
    parts = [(m.start(), m.end()) for m in re.finditer(r"[^,/|;()\n]+", view.text)]
    for i, (s, e) in enumerate(parts):
        text = view.text[s:e].strip(" \t-")
        if not text or gazetteer.key(text) in gazetteer.regions():
            continue
        qual = view.text[parts[i + 1][0] : parts[i + 1][1]].strip() if i + 1 < len(parts) else ""
        region = gazetteer.regions().get(gazetteer.key(qual))
        country = None if region else gazetteer.countries().get(gazetteer.key(qual))
        city = gazetteer.resolve(
            text,
            region[1] if region else None,
            country or (region or [None])[0],
            nearby,
            phone_regions,
        )
        if city is None and region is None and country is None:
            city = _with_trailing_code(text, nearby, phone_regions)
        if city is not None:
            start = s + view.text[s:e].find(text)
            _add(field, view, (start, start + len(text)), city, "location.field", out, claimed)


def _with_trailing_code(
    text: str, nearby: frozenset[str], phone_regions: frozenset[str]
) -> City | None:
    """``Houston TX``, ``houston texas``: a city then its state."""
    words = text.split()
    for n in (1, 2):
        if len(words) > n:
            region = gazetteer.regions().get(gazetteer.key(" ".join(words[-n:])))
            if region:
                return gazetteer.resolve(" ".join(words[:-n]), region[1], region[0])
    return None


def _add(
    field: Field,
    view: View,
    span: tuple[int, int],
    city: City,
    rule: str,
    out: list[Mention],
    claimed: Spans,
) -> None:
    if claimed.overlaps(*view.to_original(*span)):
        return
    mention = field.mention(
        view,
        span,
        "location",
        city.value,
        rule,
        city=city.name,
        region=city.region,
        country=city.country,
        lat=city.lat,
        lon=city.lon,
        geonameid=city.geonameid,
    )
    if mention is None:
        return
    claimed.add(mention.start, mention.end)
    out.append(mention)
