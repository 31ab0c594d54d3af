"""A value type's verbs in one object, so that callers reach every type the same way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linkboard.model import Mention


@dataclass(frozen=True, slots=True)
class ValueType:
    """One linkable kind of value (phone, email, handle, payment, crypto, image) and its verbs:

    - ``read(text, namespace, region)``: the clean value a record's field (or an analyst) gives,
      NAMESPACE being the platform, service or coin the record names beside it; None when the
      text is not one;
    - ``display(value)``: how a page shows a clean value;
    - ``same(a, b)``: whether two clean values name one thing (equal, or for photos near);
    - ``find(text, region)``: every value of this kind in free text, as the extractor finds it;
    - ``mask(value)``: how a page shows it to a role without the right to see it in full (an
      account number), None when every role sees it whole;
    - ``generic(value)``: why a clean value links nothing by itself, whoever holds it (a
      factory-default serial that many devices report), None when it may link; None when no
      value of the kind is generic by itself (the linker still judges each by its holders).

    ``linkable``: a shared value links records (an image is linked by its own near-duplicate
    search, not as an identifier). ``bare``: an analyst may type a value without its kind (an
    IBAN carries its own check digits; a card fingerprint could be any word, so it is typed
    ``card:…``).
    """

    kind: str
    read: Callable[[str, str, str], str | None]
    display: Callable[[str], str]
    same: Callable[[str, str], bool]
    mask: Callable[[str], str] | None = None
    linkable: bool = True
    bare: bool = False
    generic: Callable[[str], str | None] | None = None

    def find(self, text: str, region: str = "US") -> list[Mention]:
        from linkboard.extract import extract_text

        return [m for m in extract_text(text, region=region) if m.kind == self.kind]
