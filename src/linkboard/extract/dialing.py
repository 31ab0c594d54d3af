"""Which countries' dialling rules read an ad's phones, in the order they are tried.

A source's region (``ingest --region``, a JSON line's ``region``) says how its ads write phones.
Where it is the default (``US``), the ad itself may say it is elsewhere, and that country's rules
come first, the default's after (a visitor's US number still reads):

- its location box names a foreign city or country ("Pune", "London, UK", "Milano"); a box that
  names a US state or Canadian province is North American;
- its site's country-code domain (``escorts.co.uk``, ``anzeigen.de``; not ``.co``, ``.io``...);
- its title or body names, capitalised, a foreign city of 300,000+ people ("Visiting Tokyo").

A place is a *weak* sign when a US or Canadian city of more than a fifth of its size shares its
name (Birmingham, Vancouver) or it is also a given name (London, Paris, Sydney): a 10-digit US
number is often a valid number of the other country too (702 555 0123 is a Japanese mobile), so
then the default's rules come first and the other country's only read what they cannot.
"""

from __future__ import annotations

from functools import cache, lru_cache

from linkboard.extract import gazetteer, lexicon

DEFAULT = "US"
_NANP = frozenset({"US", "CA"})
_TEXT_MIN_POPULATION = 300_000


def regions(
    default: str, box: str = "", site: str = "", texts: tuple[tuple[frozenset[str], str], ...] = ()
) -> tuple[str, ...]:
    """The regions to try, best first: ``(default,)`` unless the ad says it is elsewhere.
    ``texts`` holds a title's or body's lower-case words and its clean text, each."""
    default = (default or DEFAULT).upper()
    if default != DEFAULT:
        return (default,)
    country, strong = box_country(box)
    if not country and site:
        country, strong = site_country(site), True
    if not country and texts:
        country, strong = text_country(texts)
    if not country or country in _NANP:
        return (default,)
    return (country, default) if strong else (default, country)


@lru_cache(maxsize=4096)
def box_country(box: str) -> tuple[str, bool]:
    """(country, strong) that a location box names; ``("", False)`` when none or North American."""
    words = gazetteer.key(box).split()
    if not words:
        return "", False
    parts = [gazetteer.key(p) for p in box.split(",")]
    if any(p in gazetteer.regions() for p in parts[1:]):  # "Birmingham, AL", "London, ON"
        return "", False
    grams = [
        " ".join(words[i : i + size])
        for size in range(min(len(words), 3), 0, -1)
        for i in range(len(words) - size + 1)
    ]
    places, countries = _places(), gazetteer.countries()
    for gram in grams:
        if gram in places or gram in countries:
            return places.get(gram) or countries[gram], True
    for gram in grams:
        country, strong = _city_country(gram, box=True)
        if country:
            return country, strong
    return "", False


@lru_cache(maxsize=4096)
def site_country(site: str) -> str:
    """The country of a site's country-code domain (``.co.uk`` -> GB); '' for generic ones."""
    host = site.lower().split("://")[-1].split("/")[0].split(":")[0].rstrip(".")
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(tld) != 2 or not tld.isalpha() or tld in _vanity_tlds():
        return ""
    country = "GB" if tld == "uk" else tld.upper()
    return country if _dialable(country) else ""


def text_country(texts: tuple[tuple[frozenset[str], str], ...]) -> tuple[str, bool]:
    """(country, strong) of the foreign cities the texts name capitalised, if they agree."""
    cities = _text_cities()
    found = {
        cities[w] for words, text in texts for w in words if w in cities and _capitalised(text, w)
    }
    if len({c for c, _ in found}) != 1:
        return "", False
    return found.pop() if len(found) == 1 else (next(iter(found))[0], True)


def _capitalised(text: str, word: str) -> bool:
    return word.capitalize() in text or word.upper() in text


def _city_country(key: str, box: bool = False) -> tuple[str, bool]:
    """(country, strong) of the most populous city so called, when it is not North American;
    a given name (London, Paris) is weak in a text, not in a location box."""
    found = gazetteer.cities().get(key, ())
    if not found or found[0].country in _NANP:
        return "", False
    top = found[0]
    namesake = max((c.population for c in found if c.country in _NANP), default=0)
    weak = namesake * 5 > top.population or (not box and key in gazetteer.name_cities())
    return top.country, not weak


@cache
def _text_cities() -> dict[str, tuple[str, bool]]:
    """One-word city name -> (country, strong), for cities of 300,000+ outside North America."""
    stop = frozenset(str(w) for w in lexicon.load("phone_regions")["text_stopwords"])
    out: dict[str, tuple[str, bool]] = {}
    for key, found in gazetteer.cities().items():
        if " " in key or key in stop or found[0].population < _TEXT_MIN_POPULATION:
            continue
        country, strong = _city_country(key)
        if country:
            out[key] = (country, strong)
    for name, country in _places().items():
        if " " not in name and len(name) > 3 and name not in stop:
            out[name] = (country, True)
    return out


@cache
def _places() -> dict[str, str]:
    return {
        gazetteer.key(str(k)): str(v) for k, v in lexicon.load("phone_regions")["places"].items()
    }


@cache
def _vanity_tlds() -> frozenset[str]:
    return frozenset(str(t) for t in lexicon.load("phone_regions")["vanity_tlds"])


@cache
def _dialable(country: str) -> bool:
    import phonenumbers

    return phonenumbers.country_code_for_region(country) != 0
