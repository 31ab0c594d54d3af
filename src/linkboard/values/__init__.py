"""Value types: one module per kind of identifier, each with its verbs — ``clean`` what an
analyst or a file wrote, ``display`` a stored value — so the search box, watches, case items,
imports and exports read and show identifiers through the same code (docs/mentions.md).

``(702) 555-0123``, ``7025550123`` and ``+17025550123`` are all ``phone:+17025550123``;
``Jade.R@Gmail.com`` is ``email:jade.r@gmail.com``; ``ig:Lola_22``/``instagram:lola_22`` is
``handle:instagram:lola_22``; a bare ``@lola_22`` is that handle on any platform; ``$CashQueen``
is ``payment:cashapp:cashqueen``.
"""

from __future__ import annotations

from dataclasses import dataclass

from linkboard import hooks
from linkboard.values import crypto, email, handle, image, payment, phone
from linkboard.values.identifier import Identifier, NotAnIdentifier
from linkboard.values.kind import ValueType

__all__ = [
    "KINDS",
    "TYPES",
    "Identifier",
    "NotAnIdentifier",
    "Typed",
    "ValueType",
    "canonical",
    "display",
    "from_typed",
    "value_type",
]

#: linkboard's own value types, by kind, registered as a plugin's are (``hooks.value_types``). A
#: new type (a bank account, a card fingerprint, a device serial) is a module with the same
#: verbs, registered by the package that brings it.
TYPES = {
    module.KIND: hooks.value_types.register(
        module.KIND,
        ValueType(module.KIND, module.read, module.display, module.same,
                  linkable=module is not image),
    )
    for module in (phone, email, handle, payment, crypto, image)
}  # fmt: skip
KINDS = tuple(TYPES)


def value_type(kind: str) -> ValueType:
    """The value type of KIND, a plugin's included; KeyError names the known kinds when there
    is none."""
    found = hooks.value_types.get(kind)
    if found is None:
        known = ", ".join(hooks.value_types.all())
        raise KeyError(f"no value type {kind!r}: known types are {known}")
    return found


@dataclass(frozen=True)
class Typed:
    """What an analyst typed and the identifiers it stands for (one, or a bare handle on every
    platform)."""

    typed: str
    identifiers: tuple[Identifier, ...]

    @property
    def label(self) -> str:
        if len(self.identifiers) == 1:
            return str(self.identifiers[0])
        return f"handle:*:{self.identifiers[0].name}"


def display(identifier: Identifier) -> str:
    """How a page shows ``identifier``: ``+1 702-555-0123``, ``@lola_22 (instagram)``."""
    found = hooks.value_types.get(identifier.kind)
    return found.display(identifier.value) if found else identifier.value


def from_typed(typed: str) -> Typed | None:
    """The identifier(s) ``typed`` stands for, or None when it is not one (then it is text)."""
    text = typed.strip().strip(",;")
    if not text:
        return None
    values = _bare(text) or _prefixed(text)
    return Typed(text, tuple(Identifier(k, v) for k, v in values)) if values else None


def _bare(text: str) -> list[tuple[str, str]]:
    if number := phone.clean(text):
        return [("phone", number)]
    if account := payment.cashtag(text):
        return [("payment", account)]
    if text.startswith("@") and handle.is_name(text[1:].lower()):
        return [("handle", v) for v in handle.on_every_platform(text[1:].lower())]
    if address := email.clean(text):
        return [("email", address)]
    if coin := crypto.clean(text):
        return [("crypto", coin)]
    return [(k, v) for k, t in hooks.value_types.all().items()
            if t.bare and (v := t.read(text, "", "US"))][:1]  # fmt: skip


def _prefixed(text: str) -> list[tuple[str, str]]:
    prefix, sep, rest = text.partition(":")
    prefix, rest = prefix.strip().lower(), rest.strip()
    if not sep or not rest:
        return []
    if prefix in ("phone", "email"):
        inner = _bare(rest)
        return inner if inner and inner[0][0] == prefix else []
    if prefix == "image":
        return [("image", value)] if (value := image.clean(rest)) else []
    if prefix in ("handle", "payment"):
        sub, sep, name = rest.partition(":")
        return _namespaced(sub, name) if sep else []
    if prefix not in TYPES and (vtype := hooks.value_types.get(prefix)) is not None:
        return [(prefix, value)] if (value := vtype.read(rest, "", "US")) else []
    return _namespaced(prefix, rest)


def _namespaced(label: str, name: str) -> list[tuple[str, str]]:
    if value := handle.clean(label, name):
        return [("handle", value)]
    if value := payment.clean(label, name):
        return [("payment", value)]
    return []


def canonical(text: str) -> Identifier:
    """The one identifier ``text`` names, cleaned when it is typed in a known way (``phone:(702)
    555-0123`` is ``phone:+17025550123``), else as written ``kind:value``; NotAnIdentifier when
    it is neither (or names a handle on every platform)."""
    found = from_typed(text)
    if found is not None and len(found.identifiers) == 1:
        return found.identifiers[0]
    return Identifier.parse(text.strip())
