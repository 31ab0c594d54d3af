"""Whether a city's name, where it stands in an ad, names the place: the words around it tell a
street ("Burbank Blvd"), a person ("Savannah, 23", "Miss Aurora") or a place ("downtown
Charlotte", "Charlotte area", a list of cities) apart."""

from __future__ import annotations

import re

from linkboard.extract import gazetteer, lexicon
from linkboard.extract.gazetteer import City
from linkboard.extract.normalise import Field
from linkboard.extract.views import View

#: A street named for a city: "Burbank Blvd", "Houston St."
_STREET_AFTER = re.compile(
    r"[ \t]+(?:blvd|boulevard|ave|avenue|st|street|rd|road|dr|drive|hwy|highway|pkwy|parkway"
    r"|ln|lane)\b",
    re.I,
)


def not_the_city(name: str, city: City, view: View, end: int) -> bool:
    """Whether a city's name, named without a state, means something else: a street ("Burbank
    Blvd"), or a state, province or country that is a city only in another country ("Ontario
    escorts": the province, not Ontario, California; "Puerto Rico": not Puerto Rico, Colombia)."""
    return bool(_STREET_AFTER.match(view.text, end)) or gazetteer.named_elsewhere(name, city)


#: Words after a city's name that make it a place: "Charlotte area", "Austin based", a site's
#: section "Phoenix escorts".
_PLACE_AFTER = re.compile(r"[ \t]*(?:area|metro|downtown|based|suburbs|region|escorts)\b", re.I)
#: A dash (or bar, tilde, bullet) before the last words of a title: "Sweet and classy - Charlotte".
_TITLE_END = re.compile(r"[\-–—|~•*:][ \t]*$")
_ONLY_PUNCTUATION = re.compile(r"[\s!.,*~♥❤]*$")
_LIST_SEP = r"[ \t]*(?:[\-–—|/,→>&~•*]+|and)[ \t]*"
_CITY_BEFORE = re.compile(rf"(?P<city>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){{0,2}}){_LIST_SEP}$")
_CITY_AFTER = re.compile(rf"{_LIST_SEP}(?P<city>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){{0,2}})")


#: What follows a person's name, not a place's: "Aurora visiting Denver", "Florence, new to
#: Phoenix", "Savannah, 23", "Madison (23)", "Paris is 25".
_PERSON_AFTER = re.compile(
    r"[ \t]*,?[ \t]*(?:\(|[0-9]{2}(?![0-9])|(?:here|visiting|touring|is|new|available|back"
    r"|arriv(?:ing|ed)|from|in[ \t]+[A-Z]|x{1,3}o)\b)",
    re.I,
)


def a_person(
    field: Field,
    text: str,
    span: tuple[int, int],
    region: str,
    nearby: frozenset[str],
    phone_regions: frozenset[str],
) -> bool:
    """Whether a city that is also a given name, named on its own, is a person: no place's
    context (``_placed``), and a person's after it, or phones of other states only."""
    if placed(field, text, span, region, nearby | phone_regions):
        return False
    if _PERSON_AFTER.match(text, span[1]):
        return True
    before = _WORD_BEFORE.search(text, max(0, span[0] - 24), span[0])
    if before is not None and before.group(1).lower() in _PERSON_BEFORE | lexicon.name_stopwords():
        return True  # "sweet Charlotte", "Miss Aurora", "hi from Savannah"
    return bool(phone_regions) and region not in phone_regions


_WORD_BEFORE = re.compile(r"([A-Za-z']+)[ \t]+$")
_PLACE_BEFORE = frozenset(
    {"downtown", "uptown", "midtown", "greater", "central", "north", "south", "east", "west"}
)
_PERSON_BEFORE = frozenset({"miss", "ms", "lady", "mistress", "mrs", "princess", "queen"})


def placed(
    field: Field, text: str, span: tuple[int, int], region: str, states: frozenset[str]
) -> bool:
    """Whether a city that is also a given name is used as a place where it stands: before
    "area", after "downtown", at the end of a title after a dash, in a list of cities, or in a
    state the text or a phone's area code names."""
    start, end = span
    if region in states or _PLACE_AFTER.match(text, end):
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 24), start)
    if before is not None and before.group(1).lower() in _PLACE_BEFORE:
        return True  # "downtown Charlotte"
    if (
        field.name == "title"
        and _ONLY_PUNCTUATION.match(text, end)
        and _TITLE_END.search(text, max(0, start - 4), start)
    ):
        return True
    return in_city_list(text, start, end)


def in_city_list(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` stands in a list of cities ("Atlanta - Boston -
    Charlotte", "Houston → Dallas → Austin"): the name next to it, across a dash, a bar, an
    arrow or a comma, is a city's."""
    cities = gazetteer.cities()
    before = _CITY_BEFORE.search(text, max(0, start - 40), start)
    if before is not None:
        words = before.group("city").split()
        if any(gazetteer.key(" ".join(words[i:])) in cities for i in range(len(words))):
            return True
    after = _CITY_AFTER.match(text, end)
    if after is not None:
        words = after.group("city").split()
        return any(gazetteer.key(" ".join(words[:j])) in cities for j in range(1, len(words) + 1))
    return False
