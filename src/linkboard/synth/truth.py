"""The ground truth of a synthetic corpus: one line per ad, and a summary of the whole.

``truth_ads.jsonl`` has one line per ad, in the order of ``ads.jsonl`` (streamed, so 1M ads
never sit in memory). ``truth.json`` holds what is small: the generic identifiers, every
operation's persons, phones and circuit, the image files, the sites. See the package docstring
for every field.
"""

from __future__ import annotations

from typing import Any

from linkboard.synth.composing import Written
from linkboard.synth.lexicon import City
from linkboard.synth.posters import Poster

FORMAT = 1


def ad_truth(ad: dict[str, Any], poster: Poster, city: City, w: Written) -> dict[str, Any]:
    """One line of ``truth_ads.jsonl``."""
    own = w.by_kind()
    return {
        "id": ad["id"],
        "poster": poster.id,
        "is_operation": poster.plan.operation,
        "persons": [p.alias.lower() for p in w.persons],
        "person_ids": [p.id for p in w.persons],
        "phones": own["phone"],
        "emails": own["email"],
        "handles": own["handle"],
        "payments": own["payment"],
        "ages": w.ages,
        "prices": w.prices,
        "city": city.label,
        "possible_minor": w.possible_minor,
        "indicators": sorted(w.indicators),
        "generic": list(dict.fromkeys(w.generic)),
        "written": w.written,
        "photos": w.photos,
    }


def _count_phones(op: dict[str, Any], truth: dict[str, Any], posted_at: str) -> None:
    """An operation's phones: when each was first and last seen, in how many ads, by whom."""
    for phone in truth["phones"]:
        entry = op["phones"].setdefault(
            phone,
            {"phone": phone, "first": posted_at, "last": posted_at, "ads": 0, "persons": []},
        )
        entry["last"] = posted_at
        entry["ads"] += 1
        for pid in truth["person_ids"][:1]:
            if pid not in entry["persons"]:
                entry["persons"].append(pid)


class Ledger:
    """What truth.json needs, gathered ad by ad: operations, generic identifiers, images."""

    def __init__(self, generic: dict[str, dict[str, Any]]) -> None:
        self.generic = generic
        self._generic_posters: dict[str, set[str]] = {key: set() for key in generic}
        self.operations: dict[str, dict[str, Any]] = {}
        self.images: dict[str, dict[str, Any]] = {}
        self.operation_ads = 0

    def record(self, poster: Poster, truth: dict[str, Any], posted_at: str) -> None:
        for key in truth["generic"]:
            self.generic[key]["ads"] += 1
            self._generic_posters[key].add(poster.id)
        if poster.plan.operation:
            self.operation_ads += 1
            self._operation(poster, truth, posted_at)

    def _operation(self, poster: Poster, truth: dict[str, Any], posted_at: str) -> None:
        op = self.operations.get(poster.id)
        if op is None:
            op = self.operations[poster.id] = _new_operation(poster, posted_at)
        op["ads"] += 1
        op["last"] = posted_at
        day = posted_at[:10]
        if op["cities"] and op["cities"][-1]["city"] == truth["city"]:
            op["cities"][-1]["to"] = day
            op["cities"][-1]["ads"] += 1
        else:
            op["cities"].append({"city": truth["city"], "from": day, "to": day, "ads": 1})
        _count_phones(op, truth, posted_at)
        for kind in ("emails", "handles", "payments"):
            for value in truth[kind]:
                op["identifiers"].setdefault(f"{kind[:-1]}:{value}", 0)
                op["identifiers"][f"{kind[:-1]}:{value}"] += 1
        for family in truth["indicators"]:
            op["indicators"][family] = op["indicators"].get(family, 0) + 1
        for pid, age in zip(truth["person_ids"], truth["ages"], strict=False):
            ages = op["persons_by_id"][pid]["ages_stated"]
            if age not in ages:
                ages.append(age)

    def summary(self) -> dict[str, Any]:
        for key, posters in self._generic_posters.items():
            self.generic[key]["posters"] = len(posters)
        operations = []
        for op in self.operations.values():
            out = {k: v for k, v in op.items() if k != "persons_by_id"}
            out["persons"] = list(op["persons_by_id"].values())
            out["phones"] = list(op["phones"].values())
            operations.append(out)
        return {
            "generic": [{"identifier": k, **v} for k, v in self.generic.items()],
            "operations": operations,
            "images": self.images,
        }


def _new_operation(poster: Poster, posted_at: str) -> dict[str, Any]:
    persons = {
        p.id: {"id": p.id, "alias": p.alias.lower(), "possible_minor": p.minor, "ages_stated": []}
        for p in poster.persons
    }
    return {
        "id": poster.id,
        "home": poster.home.label,
        "round_the_clock": poster.round_the_clock,
        "hourly_price": poster.hourly,
        "ads": 0,
        "first": posted_at,
        "last": posted_at,
        "persons_by_id": persons,
        "phones": {},
        "cities": [],
        "identifiers": {},
        "indicators": {},
    }
