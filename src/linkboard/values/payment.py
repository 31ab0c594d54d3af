"""Payment accounts, ``service:account`` (``cashapp:cashqueen``, ``zelle:+17025550123``,
``giftcard:amazon``). Services come from ``data/extract/payments.yaml``."""

from __future__ import annotations

from functools import cache

from linkboard.extract.lexicon import load
from linkboard.values import email, handle, phone

KIND = "payment"
#: Services paid through a phone number or an e-mail address rather than a user name.
BY_CONTACT = frozenset({"zelle", "applepay"})


@cache
def services() -> tuple[str, ...]:
    return (*(str(s) for s in load("payments")["services"]), "giftcard")


def clean(service: str, account: str) -> str | None:
    """``service:account`` for an account typed after its service (``venmo:@jade``), else None."""
    service = service.strip().lower()
    account = account.strip().lstrip("$@").lower()
    if service in BY_CONTACT and (contact := phone.clean(account) or email.clean(account)):
        return f"{service}:{contact}"
    if service not in services() or not account or any(c.isspace() for c in account):
        return None
    return f"{service}:{account}"


def cashtag(text: str) -> str | None:
    """``cashapp:name`` for a ``$name`` cashtag, else None."""
    name = text.strip().lower()
    if not name.startswith("$") or not handle.is_name(name[1:]):
        return None
    return f"cashapp:{name[1:]}"


def display(value: str) -> str:
    service, _, account = value.partition(":")
    if service == "cashapp":
        return f"${account} (cashapp)"
    if service in BY_CONTACT and account.startswith("+"):
        return f"{phone.display(account)} ({service})"
    return f"{account} ({service})"


def read(text: str, namespace: str = "", region: str = "US") -> str | None:
    """The value a record's payment field holds: an account at the service NAMESPACE names, a
    ``$cashtag``, or ``service:account`` written out."""
    if namespace:
        return clean(namespace, text)
    if found := cashtag(text):
        return found
    service, sep, account = text.partition(":")
    return clean(service, account) if sep else None


def same(a: str, b: str) -> bool:
    return a == b
