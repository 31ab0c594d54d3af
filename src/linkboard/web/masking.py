"""Account numbers as a role may see them: an IBAN, an account number or a card whose value
type has a ``mask`` is shown in full only to a role that may ``accounts.reveal``; every other
role sees it through the type's mask (``DE89 **** 3000``), on the pages and in the JSON API.

A page built from stored values (a record's mentions, its other fields, a network's
identifiers, a graph) is concealed after it is built: each full value, and each spelling of it
as written, is replaced wherever it appears. In a record's own text (title, body) a value is
blanked to the same length, so the spans that highlight the text still fit it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from pydantic import BaseModel

from linkboard import hooks
from linkboard.cases.roles import can
from linkboard.values import Identifier, NotAnIdentifier, display, value_type
from linkboard.web.schemas import Graph, NetworkDetail, RecordDetail
from linkboard.web.schemas_casework import CaseDetail

M = TypeVar("M", bound=BaseModel)
ACTION = "accounts.reveal"
#: The fields of a record page whose text spans point into: blanked to the same length.
TEXT_FIELDS = frozenset({"title", "body", "url", "location", "memo"})
BLANK = "•"


def may_reveal(role: str) -> bool:
    return can(role, ACTION)


def masked_kinds() -> frozenset[str]:
    """The identifier kinds whose value type masks them (IBAN, account number, ...)."""
    hooks.load_default_plugins()
    return frozenset(k for k, t in hooks.value_types.all().items() if t.mask is not None)


def is_masked(value: str) -> bool:
    """Whether VALUE is already a mask (it hides digits behind ``*``)."""
    return "*" in value or BLANK in value


def mask(kind: str, value: str) -> str:
    """VALUE as a role without ``accounts.reveal`` sees it (unchanged if KIND has no mask)."""
    if kind not in masked_kinds() or is_masked(value):
        return value
    masker = value_type(kind).mask
    return masker(value) if masker is not None else value


def shown(kind: str, value: str, reveal: bool) -> str:
    """How a page prints the identifier KIND:VALUE to a role that may (REVEAL) or may not see
    account numbers in full."""
    if kind in masked_kinds() and not reveal:
        return mask(kind, value)
    return display(Identifier(kind, value))


def identifier(kind: str, value: str, reveal: bool) -> str:
    """``kind:value``, the value masked unless REVEAL."""
    return f"{kind}:{value if reveal else mask(kind, value)}"


def blank(text: str) -> str:
    """TEXT blanked to the same length: the first and last four characters kept, letters and
    digits between them hidden."""
    if len(text) <= 8:
        return BLANK * len(text)
    middle = "".join(BLANK if c.isalnum() else c for c in text[4:-4])
    return text[:4] + middle + text[-4:]


class Concealer:
    """Replaces the full values of masked identifiers, as stored, as written and as displayed,
    in any text."""

    def __init__(self, found: Iterable[tuple[str, str, str]]) -> None:
        """FOUND: (kind, value, text as written) of identifiers; those of masked kinds hide."""
        kinds = masked_kinds()
        masks: dict[str, str] = {}
        by_value: dict[str, str] = {}
        for kind, value, text in found:
            if kind in kinds and value and not is_masked(value):
                if value not in by_value:  # two values one mask hides are told apart
                    hidden = mask(kind, value)
                    taken = sum(1 for m in by_value.values() if m.startswith(hidden))
                    by_value[value] = f"{hidden} ({taken + 1})" if taken else hidden
                for spelling in (value, text, display(Identifier(kind, value))):
                    if len(spelling) >= 4:
                        masks.setdefault(spelling, by_value[value])
        # longest first: a spelling never leaves part of a longer one in view
        self.masks = sorted(masks.items(), key=lambda kv: -len(kv[0]))

    def __bool__(self) -> bool:
        return bool(self.masks)

    def text(self, value: str, same_length: bool = False) -> str:
        for needle, masked in self.masks:
            if needle in value:
                value = value.replace(needle, blank(needle) if same_length else masked)
        return value

    def data(self, value: Any, key: str = "") -> Any:
        """VALUE (JSON-like data) with every string concealed; the strings under a key of
        ``TEXT_FIELDS`` blanked to the same length."""
        if isinstance(value, str):
            return self.text(value, key in TEXT_FIELDS)
        if isinstance(value, list):
            return [self.data(v, key) for v in value]
        if isinstance(value, dict):
            return {self.text(k): self.data(v, k) for k, v in value.items()}
        return value

    def model(self, model: M) -> M:
        """MODEL with every string concealed (a copy; MODEL itself is left as it is)."""
        if not self.masks:
            return model
        return type(model).model_validate(self.data(model.model_dump(mode="json")))


def concealer_for(reveal: bool, found: Callable[[], Iterable[tuple[str, str, str]]]
                  ) -> Concealer:  # fmt: skip
    """A concealer of what FOUND yields, or one that hides nothing when the role may REVEAL."""
    return Concealer(() if reveal else found())


def conceal_record(detail: RecordDetail, reveal: bool) -> RecordDetail:
    """A record page's detail with the account numbers it holds masked, unless REVEAL."""
    found = concealer_for(reveal, lambda: ((m.kind, m.value, m.text) for m in detail.mentions))
    return found.model(detail)


def conceal_network(detail: NetworkDetail, reveal: bool) -> NetworkDetail:
    """A network's detail with its members' account numbers masked, unless REVEAL."""
    found = concealer_for(reveal, lambda: ((k, v, v) for k, vs in detail.identifiers.items()
                                           for v in vs))  # fmt: skip
    return found.model(detail)


def conceal_graph(graph: Graph, reveal: bool) -> Graph:
    """A network's graph with the account numbers of its identifier nodes masked (in their ids,
    labels and the edges' reasons), unless REVEAL."""
    nodes = [e.data for e in graph.elements if e.data.get("type") == "identifier"]
    found = concealer_for(reveal, lambda: ((str(d.get("kind")), str(d.get("label")), "")
                                           for d in nodes))  # fmt: skip
    return found.model(graph)


def conceal_case(case: CaseDetail, reveal: bool) -> CaseDetail:
    """A case with the account numbers among its identifier items masked (in its items, notes
    and timeline), unless REVEAL."""
    refs = [i.ref for i in case.items if i.kind == "identifier"]
    return concealer_for(reveal, lambda: _parsed(refs)).model(case)


def _parsed(refs: Iterable[str]) -> Iterator[tuple[str, str, str]]:
    for ref in refs:
        try:
            found = Identifier.parse(ref)
        except NotAnIdentifier:
            continue
        yield found.kind, found.value, ""
