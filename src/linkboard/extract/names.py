"""Aliases an ad uses: ``ask for Jasmine``, ``I'm Lola``, ``call me Bella``, ``xoxo, Mia``.

A city's name is a person's only where it is no place: "I'm Charlotte" and "ask for Savannah" are
names, "Sweet Latina - Atlanta" (a title), "Atlanta - Boston - Charlotte" and any big city that is
no one's name (Atlanta, Boston) are not (see ``places.yaml``'s ``name_cities``).
"""

from __future__ import annotations

import re

from linkboard.extract import ages, city_context, gazetteer, lexicon, locations
from linkboard.extract.keyed import Keyed, Scanned, leftmost
from linkboard.extract.normalise import Field
from linkboard.extract.patterns import words
from linkboard.extract.spans import Spans
from linkboard.model import Mention

_NAME = r"(?P<name>[A-Z][a-z]{1,15}|[A-Z]{2,12}(?![a-z]))"
#: Words that introduce a name, searched in the lower-cased text; the name follows.
_INTRO = Keyed(
    re.compile(
        "(?:"
        + words(
            [
                r"ask(?:ing)?\s+for",
                r"i'?m",
                r"i\s+am",
                r"call\s+me",
                r"my\s+name\s+is",
                r"my\s+name'?s",
                r"name\s*[:\-]",
                r"this\s+is",
                r"it'?s",
                r"me\s+llamo",
                r"soy",
                r"they\s+call\s+me",
                r"pregunta\s+por",
                r"call",
                r"text",
                r"txt",
                r"my\s+friend",
                r"friend",
                r"your\s+girl",
            ],
            r"[\w']",
            raw=True,
        )
        # a word ends where the introduction does ("IMPECCABLE" is no "I'm Peccable")
        + r")(?:(?<=[a-z])(?![a-z0-9])|(?<![a-z]))"
        + r"\s*(?:(?:miss|ms\.?|lady|mistress|sweet|sexy|the\s+lovely)\s+)?(?=[a-z])"
    )
)
_NAME_AT = re.compile(_NAME + r"(?![\w'@])(?:\s+or\s+(?P<other>[A-Z][a-z]{1,15})(?![\w'@]))?")
_INTRODUCED = re.compile(
    r"(?P<name>[A-Z](?<![\w'@#$].)(?:[a-z]{1,15}+|[A-Z]{1,11}+(?![a-z])))"
    r"(?:[ \t]+here\b|(?P<sep>\s*[,!]\s*|\s*\(\s*|\s+is\s+|\s+)[0-9]{2}(?![0-9])"
    r"(?=\s*\)|\s*,|\s*[.!;](?![0-9])|\s*$|\s+(?:and|visiting|new|here|available|in|from|yrs?"
    r"|years\s+old|y/?o)\b))"
)
_SIGN_OFF_WORDS = frozenset(
    "xoxo xo kisses hugs love luv besos besitos muah yours sincerely cheers regards".split()
)
#: What comes before a signature: a sign-off word, or a dash or tilde. Together they match what
#: one alternation of both would (``leftmost``).
_SIGN_OFFS = (
    Keyed(re.compile(words(_SIGN_OFF_WORDS, r"[a-z]", then=r"(?![a-z])\s*[,!.~\-]*\s*"))),
    Scanned(re.compile(r"~(?<![^\s.!].)~*\s*|-(?<![^\s.!].)-?\s*|—(?<![^\s.!].)\s*")),
)
_SIGNED = re.compile(_NAME + r"\s*[!.~*<3♥❤]*\s*(?:$|\n)", re.M)


def find(field: Field) -> list[Mention]:
    if not field.has_capital:  # a name is written with a capital
        return []
    text = field.clean.text
    found = _introduced(field, text)
    found += [
        (*m.span("name"), "name.age")
        for m in _INTRODUCED.finditer(text)
        if m.group("sep") is None or not ages.dated(m.group("name"), m.group("sep"), text, m.end())
    ]
    found += _signed(field, text)
    return _accepted(field, text, found)


def _introduced(field: Field, text: str) -> list[tuple[int, int, str]]:
    """(start, end, rule) of the names after an introduction ("I'm Lola", "my name is Lola")."""
    found: list[tuple[int, int, str]] = []
    for m in _INTRO.finditer(field.index):
        if not "A" <= text[m.end()] <= "Z":  # a name starts with a capital
            continue
        n = _NAME_AT.match(text, m.end())
        if n is not None:
            found.append((*n.span("name"), "name.intro"))
            if n.group("other"):
                found.append((*n.span("other"), "name.intro"))
    return found


def _signed(field: Field, text: str) -> list[tuple[int, int, str]]:
    """(start, end, rule) of the names after a sign-off ("xoxo, Lola")."""
    found: list[tuple[int, int, str]] = []
    for m in leftmost(_SIGN_OFFS, field.index):
        if m.end() == len(text) or not "A" <= text[m.end()] <= "Z":
            continue
        n = _SIGNED.match(text, m.end())
        if n is not None:
            found.append((*n.span("name"), "name.signature"))
    return found


def _accepted(field: Field, text: str, found: list[tuple[int, int, str]]) -> list[Mention]:
    """The plausible names, first found first, that overlap no earlier one and are no place."""
    out: list[Mention] = []
    claimed = Spans()
    for start, end, rule in found:
        name = text[start:end]
        if not _plausible(name) or claimed.overlaps(start, end):
            continue
        if _a_place(field.name, text, (start, end), rule):
            continue
        mention = field.mention(field.clean, (start, end), "name", name.lower(), rule)
        if mention is not None:
            claimed.add(start, end)
            out.append(mention)
    return out


def _plausible(name: str) -> bool:
    lower = name.lower()
    if lower in lexicon.name_stopwords() or len(lower) < 2:
        return False
    return not (name.isupper() and len(name) <= 3)


def _a_place(field: str, text: str, span: tuple[int, int], rule: str) -> bool:
    """Whether the name at ``span`` is a city's, written as a place: a big city that is no one's
    name ("Atlanta here", "Sweet Latina - Atlanta"), or a city after a dash at the end of a title
    ("Sweet and classy - Charlotte") or in a list of cities ("Atlanta - Boston - Charlotte"), or
    any city in the location box.
    "I'm Charlotte", "ask for Savannah", "xoxo, Charlotte" stay names."""
    start, end = span
    key = gazetteer.key(text[start:end])
    found = gazetteer.cities().get(key)
    if not found:
        return False
    if field == "location":
        return True  # the site's location box names places
    if key not in gazetteer.name_cities():
        return found[0].population >= locations.BARE_MIN_POPULATION
    if rule != "name.signature" or text[:start].rstrip()[-1:] not in _DASHES:
        return False
    return field == "title" or city_context.in_city_list(text, start, end)


_DASHES = frozenset("-~—")
