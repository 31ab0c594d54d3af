"""An identifier: a value that points at one poster, written ``kind:value`` where it is stored."""

from __future__ import annotations

from dataclasses import dataclass

#: Kinds whose value is ``namespace:name`` (a platform, a payment service, a coin).
NAMESPACED = frozenset({"handle", "payment", "crypto"})


class NotAnIdentifier(ValueError):
    """Text that is not ``kind:value``."""


@dataclass(frozen=True, slots=True, order=True)
class Identifier:
    """A kind (``phone``, ``email``, ``handle``, ``payment``, ``crypto``, ``image``) and its clean
    value: ``phone:+17025550123``, ``handle:instagram:lola_22``, ``image:<pdq hex>``."""

    kind: str
    value: str

    @classmethod
    def parse(cls, text: str) -> Identifier:
        """The identifier written ``kind:value``; NotAnIdentifier when ``text`` is not one."""
        kind, sep, value = text.partition(":")
        if not sep or not kind or not value:
            raise NotAnIdentifier(f"not an identifier: {text!r} (write it kind:value)")
        return cls(kind, value)

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"

    @property
    def namespace(self) -> str:
        """The platform, payment service or coin of a namespaced kind, else ``""``."""
        return self.value.partition(":")[0] if self.kind in NAMESPACED else ""

    @property
    def name(self) -> str:
        """The value less its namespace: the handle, the account, the address."""
        if self.kind not in NAMESPACED:
            return self.value
        namespace, sep, name = self.value.partition(":")
        return name if sep else namespace
