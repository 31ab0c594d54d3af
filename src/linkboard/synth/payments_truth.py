"""The ground truth of a payments world (``truth.json``): every account's role, operation,
planted red flags and identifiers shared with the ads; every operation's accounts. See
:mod:`linkboard.synth.payments` for each field.
"""

from __future__ import annotations

from typing import Any

from linkboard.synth.payments_roster import CODES, RESEMBLES, Account
from linkboard.synth.payments_world import PaymentsWorld

FORMAT = 1
ROLES = {
    "operation": "an account an operation controls: its flags are planted (codes)",
    "benign:<kind>": "an honest account that resembles a flag and must raise none",
    "customer": "pays an operation once or twice: never merged into it",
    "confounder:generic_phone": "holds a generic phone of the ads (support, spam): no evidence",
    "confounder:surname": "shares only a surname with an operation's account",
    "confounder:city": "shares only a home city with an operation",
    "plain": "an ordinary account",
}


def account_truth(account: Account, accounts: list[Account], file: str, n: int) -> dict[str, Any]:
    target = accounts[account.target].key if account.target >= 0 else None
    return {
        "key": account.key,
        "record": f"account:{account.key}",
        "type": account.kind,
        "identifier": account.identifier,
        "holder": account.holder,
        "institution": account.bank.name if account.bank else "Cash App",
        "bic": account.bank.bic if account.bank else None,
        "phones": list(account.phones),
        "emails": list(account.emails),
        "city": account.city.label,
        "utc_offset": account.utc_offset,
        "role": account.role,
        "operation": account.op.id if account.op else None,
        "codes": sorted(account.codes),
        "resembles": RESEMBLES.get(account.role.split(":")[-1]),
        "shares_with_ads": list(account.shares),
        "generic": list(account.generic),
        "paid": list(account.paid),
        "paid_account": target,
        "mentions": sorted(set(account.mentions)),
        "note": account.note,
        "file": file,
        "transactions": n,
    }


def operation_truth(world: PaymentsWorld) -> list[dict[str, Any]]:
    mine: dict[str, list[Account]] = {}
    customers: dict[str, list[str]] = {}
    for a in world.accounts:
        if a.op:
            mine.setdefault(a.op.id, []).append(a)
        for op_id in a.paid:
            customers.setdefault(op_id, []).append(a.key)
    return [
        {
            "id": op.id,
            "from_ads": op.from_ads,
            "home": op.home.label,
            "accounts": [a.key for a in mine.get(op.id, [])],
            "codes": sorted({c for a in mine.get(op.id, []) for c in a.codes}),
            "identifiers": sorted(op.identifiers()),
            "shared_with_accounts": sorted({s for a in mine.get(op.id, []) for s in a.shares}),
            "customers": sorted(customers.get(op.id, [])),
            "cities": [[first, last, city.label] for first, last, city in op.stops],
        }
        for op in world.operations
    ]


def truth(world: PaymentsWorld, files: dict[str, str], counts: dict[str, int]) -> dict[str, Any]:
    accounts = [
        account_truth(a, world.accounts, files[a.key], counts[a.key]) for a in world.accounts
    ]
    return {
        "format": FORMAT,
        "seed": world.seed,
        "start": world.start.isoformat(),
        "days": world.days,
        "ads_dir": str(world.ads_dir) if world.ads_dir else None,
        "accounts_count": len(accounts),
        "transactions": sum(counts.values()),
        "codes": CODES,
        "roles": ROLES,
        "planted": {code: sum(code in a["codes"] for a in accounts) for code in CODES},
        "operations": operation_truth(world),
        "accounts": accounts,
    }
