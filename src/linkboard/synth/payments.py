"""A synthetic financial world with ground truth, to benchmark the FinCEN FIN-2020-A008 and
FINTRAC human-trafficking red-flag rules: bank statements and P2P exports as real files, and
what was planted in them.

``world(seed, accounts=300, days=120, ads_dir=None) -> PaymentsWorld`` plans the world in
memory (same arguments, same world): ``.accounts`` (holder, ``kind`` bank | p2p, ``iban`` or
``cashtag``, ``phones``, ``emails``, ``city``, ``utc_offset``, ``role``, ``op``, ``codes``,
``shares``, ``key``: the compact IBAN or ``cashapp:<tag>``), ``.operations`` and the payments
between accounts. ``world.transactions(account)`` generates an account's
:class:`~linkboard.payments.ledger.Transaction` values (``account`` is ``account:<key>``,
``booked_at`` local time with its UTC offset, naive midnight with ``timed=False`` where the
statement gives the day only, ``counterparty_id`` ``iban:<IBAN>`` or ``payment:cashapp:<tag>``
where the statement shows one) the same each time, from the account's own random stream, so a
big world never holds all of them. ``write(world, out_dir) -> dict`` writes the statements into
``out_dir/statements`` (the folder to give ``linkboard run``) and the truth beside it, account by
account (a million transactions stream through) and returns counts and seconds. From a shell::

    python -m linkboard.synth.payments OUT_DIR --seed 7 --accounts 300 --days 120 [--ads ADS]

ADS is an output folder of :func:`linkboard.synth.generate`: the world then starts on the ads'
first day, and its operations are the ads' (those printing a fictional 555-01XX phone, an e-mail
or a $cashtag): their accounts show one of those, their hotel stays and ad payments fall on the
days and in the cities of their ads. Without ADS (or when it has too few), operations are made
up (``op-s0001``) and nothing is shared with ads, so ``FIN_AD_IDENTIFIER`` is not planted.

``camt053_<country>_<NNNN>.xml`` — bank accounts, ISO 20022 ``camt.053.001.02`` (namespace
``urn:iso:std:iso:20022:tech:xsd:camt.053.001.02``), one fictional bank's message per file, up
to 25 ``Stmt`` each. Paths below ``Document/BkToCstmrStmt/Stmt``:

- ``Acct/Id/IBAN``, ``Acct/Ccy`` (USD), ``Acct/Ownr/Nm``, ``Acct/Ownr/PstlAdr/TwnNm``,
  ``CtrySubDvsn``, ``Ctry``; ``Acct/Ownr/CtctDtls/PhneNb`` (``+1-7025550143``), ``MobNb`` (a
  second phone), ``EmailAdr``; ``Acct/Svcr/FinInstnId/BIC`` and ``Nm``.
- ``Bal`` OPBD and CLBD (closing = opening + credits − debits), ``TxsSummry``.
- ``Ntry/Amt@Ccy``, ``Ntry/CdtDbtInd`` (CRDT/DBIT), ``Ntry/Sts`` BOOK, ``Ntry/BookgDt/DtTm``
  (``2025-03-02T23:15:00-05:00``, the local time where it happened) or, for about 10 % of
  entries, ``Ntry/BookgDt/Dt`` (the day only); ``Ntry/ValDt/Dt``; ``Ntry/AcctSvcrRef`` (unique,
  the Transaction id); ``Ntry/AddtlNtryInf`` (the bank's line: ``CARD PURCHASE …``).
- ``Ntry/BkTxCd/Domn/Cd`` PMNT, ``Fmly/Cd`` and ``Fmly/SubFmlyCd``, read to a channel as:
  CNTR/CDPT cash deposit at a counter → cash; CCRD/CWDL ATM withdrawal → cash; CCRD/POSD card
  payment → card (a virtual-currency buy is one under MCC 6051); RCDT or ICDT with DMCT/XBCT
  (domestic, cross-border wire) → wire, with ACDT (ACH), SALA (payroll), STDO (standing order)
  → ach; RDDT/PMDD direct debit → ach.
- ``Ntry/NtryDtls/TxDtls/RltdPties``: ``Dbtr/Nm`` + ``DbtrAcct/Id/IBAN`` and ``Cdtr/Nm`` +
  ``CdtrAcct/Id/IBAN``; the counterparty is the debtor of a credit and the creditor of a debit,
  the other side the owner. A card merchant is ``Cdtr/Nm``, with ``Cdtr/PstlAdr/TwnNm`` and
  ``Ctry``, and its MCC also in ``Cdtr/Id/OrgId/Othr/Id`` (``SchmeNm/Prtry`` ``MCC``). Cash and
  ATM entries have no ``RltdPties``.
- ``Ntry/NtryDtls/TxDtls/RmtInf/Ustrd``: the memo.
- ``Ntry/NtryDtls/TxDtls/AddtlTxInf``: where, as free text ``MCC <mcc> <city> <country>`` for a
  card or ATM entry (``MCC 7011 Las Vegas US``; an online merchant's city is its web address:
  ``MCC 7311 nightlist.example US``) and ``BRANCH <city> <country>`` for a cash deposit
  (``BRANCH Reno US``): ``^(?:MCC (\\d{4})|BRANCH) (.+) ([A-Z]{2})$``. The city is written as
  the Transaction has it (``Transaction.city``), not upper-cased.

``cash_app_report_<tag>.csv`` — each P2P account, as the Cash App exports it, newest first:
``Transaction ID,Date,Transaction Type,Currency,Amount,Fee,Net Amount,Asset Type,Asset Price,
Asset Amount,Status,Notes,Name of sender/receiver,Account``; Date ``2025-01-12 23:41:10 EST``;
Amount ``-$25.00`` / ``$1,250.00``, Fee ``$0.00``, Status COMPLETE, Account ``Your Cash``;
types P2P (→ p2p), Cash Card (a card payment: the merchant's name, no MCC or city), Paper Money
Deposit (cash paid in at a store, → cash), Bitcoin Buy (→ crypto, with Asset Type BTC, Asset
Price, Asset Amount), Deposit (payroll or a platform's pay-out, → ach), Transfer (a cash-out
to a bank, → ach). The name column holds the counterparty's name, or ``$tag`` when the holder paid a
$cashtag (then ``counterparty_id`` is ``payment:cashapp:<tag>``). The account's own $cashtag is
the file name's; the export prints no phone or e-mail.

``truth.json`` — ``format``, ``seed``, ``start``, ``days``, ``ads_dir``, ``accounts_count``,
``transactions``, ``codes`` (code → what was planted), ``roles``, ``planted`` (code → accounts),
``operations`` (``id``, ``from_ads``, ``home``, ``accounts`` keys, ``codes``, ``identifiers``,
``shared_with_accounts``, ``customers`` keys, ``cities`` [first day, last day, city]) and
``accounts``, one per account: ``key``, ``record`` (``account:<key>``), ``type``,
``identifier``, ``holder``, ``institution``, ``bic``, ``phones`` (E.164), ``emails``, ``city``,
``utc_offset`` (standard hours), ``role`` (operation | benign:<kind> | customer | plain |
confounder:generic_phone | confounder:surname | confounder:city), ``operation``, ``codes`` (the
exact set planted), ``resembles`` (the flag a look-alike or confounder resembles and must
not raise), ``shares_with_ads`` (its own identifiers an operation's ads print, ``phone:
+1…``, ``email:…``, ``payment:cashapp:…``), ``generic`` (generic ad identifiers it holds: must
not count), ``paid`` (operations a customer paid) and ``paid_account``, ``mentions``
(identifiers its memos name: ``for 702-555-0143``), ``note``, ``file``, ``transactions``.

Benign look-alikes (``benign:<kind>``): night_nurse, travelling_sales, shop_owner, student,
gig_driver, crypto_saver (bank or P2P), furniture_seller, bartender, ad_boosting_shop,
touring_musician (bank or P2P), landlord, cash_restaurant; see
:mod:`linkboard.synth.payments_lookalikes` and :mod:`linkboard.synth.payments_trades`.
Operations live ordinary lives beside their flags, and the flags come with noise (larger
deposits beside structured ones, funnel runs in two cities away, ad sites paid through generic
billing descriptors, repeat customers at night). Every phone is ``+1 <area code> 555 01XX``,
every IBAN is at a fictional bank code (GB ``ZZZZ999999``, DE ``99999999``, NL ``ZZZZ`` outside
the world), every business invented but the mainstream ad platforms a shop boosts its posts on.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from linkboard.synth.payments_camt import CamtWriter
from linkboard.synth.payments_cashapp import write_cash_app
from linkboard.synth.payments_truth import truth
from linkboard.synth.payments_world import PaymentsWorld, world

__all__ = ["PaymentsWorld", "main", "world", "write"]


#: The folder of OUT_DIR the statements are written in, apart from the truth.
STATEMENTS = "statements"


def write(world: PaymentsWorld, out_dir: Path) -> dict[str, Any]:
    """Write WORLD's statements into OUT_DIR/statements (the folder to give ``linkboard run``),
    one account at a time, and ``truth.json`` into OUT_DIR."""
    began = time.perf_counter()
    out = Path(out_dir)
    statements = out / STATEMENTS
    statements.mkdir(parents=True, exist_ok=True)
    camt = CamtWriter(statements, world.start, world.days)
    files: dict[str, str] = {}
    counts: dict[str, int] = {}
    try:
        for account in world.accounts:
            entries = world.entries(account)
            counts[account.key] = len(entries)
            if account.kind == "bank":
                files[account.key] = camt.add(account, entries)
            else:
                files[account.key] = write_cash_app(statements, account, entries)
    finally:
        camt.close()
    with open(out / "truth.json", "w", encoding="utf-8", newline="\n") as f:
        json.dump(truth(world, files, counts), f, ensure_ascii=False, indent=1)
        f.write("\n")
    banks = sum(a.kind == "bank" for a in world.accounts)
    return {
        "out_dir": str(out),
        "accounts": len(world.accounts),
        "bank_accounts": banks,
        "p2p_accounts": len(world.accounts) - banks,
        "transactions": sum(counts.values()),
        "camt_files": len(camt.files),
        "cash_app_files": len(world.accounts) - banks,
        "seconds": round(time.perf_counter() - began, 3),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m linkboard.synth.payments",
        description="Write a synthetic payments world (camt.053, Cash App CSV, truth.json).",
    )
    parser.add_argument("out_dir", type=Path, help="folder to write into")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--accounts", type=int, default=300)
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--ads", type=Path, default=None, help="an ad corpus folder to tie to")
    args = parser.parse_args(argv)
    try:
        made = world(args.seed, args.accounts, args.days, args.ads)
        summary = write(made, args.out_dir)
    except (ValueError, OSError, KeyError) as e:
        parser.exit(2, f"error: {e}\n")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
