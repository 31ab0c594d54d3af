"""One camt.053 entry (``Ntry``) read into the transactions it books: one, or one for each of
its transaction details (``NtryDtls/TxDtls``, a batch booking). The counterparty of a credit is
its debtor, of a debit its creditor; the channel comes from the bank transaction code
(``BkTxCd``, ``channels.yaml``), a card entry (``CardTx``) being a card payment otherwise.
Paths are written without namespaces: every camt.053 version reads alike (``Nm`` or, from .08
on, ``Pty/Nm``; ``BIC`` or ``BICFI``)."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from lxml import etree

from linkboard.ingest.fields import BadRecord
from linkboard.model import sha256_text
from linkboard.payments.readers import channels, clock, holders
from linkboard.payments.readers.clock import Booked
from linkboard.payments.readers.records import Entry, Origin, mcc

Element = Any  # lxml.etree._Element: lxml ships no types
_AMOUNT = re.compile(r"^\d{1,18}(?:\.\d{1,5})?$")
_SIDES = {True: "Dbtr", False: "Cdtr"}  # credit -> debtor; debit -> creditor
#: Where a bank's free-text line (AddtlTxInf, AddtlNtryInf) says a card, ATM or counter entry
#: happened: ``MCC 7011 Las Vegas US``, ``BRANCH Reno US``, ``ATM Austin US``, ``POS …``.
_WHERE = re.compile(r"^(?:MCC[ :=]?(\d{4})|BRANCH|ATM|POS)\s+(.+?)\s+([A-Z]{2})$")
_MCC_IN_TEXT = re.compile(r"\bMCC[ :=]?(\d{4})\b")


@cache
def path(steps: str) -> str:
    """STEPS (``BkTxCd/Domn/Cd``, ``.//MrchntCtgyCd``) in any namespace."""
    return "/".join(s if s in ("", ".") else "{*}" + s for s in steps.split("/"))


def text(elem: Element, *steps: str) -> str:
    """The text of the first of STEPS that ELEM holds with text; "" when none does."""
    for step in steps:
        found = elem.find(path(step))
        if found is not None and found.text and found.text.strip():
            return str(found.text).strip()
    return ""


def texts(elem: Element, steps: str) -> list[str]:
    return [str(e.text).strip() for e in elem.iterfind(path(steps)) if e.text and e.text.strip()]


@dataclass(frozen=True, slots=True)
class Head:
    """What an entry says for all its transactions."""

    amount: Decimal  # signed: a debit is negative
    credit: bool
    currency: str
    booked: Booked
    status: str
    ref: str
    codes: tuple[str, str, str]  # sub-family, family, proprietary code
    card: bool
    info: str
    mcc: str


@dataclass(slots=True)
class Party:
    """The other side of a transaction."""

    name: str = ""
    iban: str = ""
    account: str = ""
    bank: str = ""
    city: str = ""
    country: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def transactions(ntry: Element, origin: Origin, currency: str) -> list[Entry]:
    """The transactions NTRY books (CURRENCY: the account's, for an amount without one);
    BadRecord when it cannot be read."""
    head = _head(ntry, currency)
    details = ntry.findall(path("NtryDtls/TxDtls"))
    if len(details) <= 1:
        tx = details[0] if details else None
        ref = head.ref or (text(tx, "Refs/AcctSvcrRef") if tx is not None else "")
        return [_entry(head, tx, origin, ref, len(details) == 1)]
    skeleton = copy.deepcopy(ntry)
    for box in skeleton.iterfind(path("NtryDtls")):
        for tx in box.findall(path("TxDtls")):
            box.remove(tx)
    box = skeleton.find(path("NtryDtls"))
    base = head.ref or sha256_text(origin.raw)
    out = []
    for number, tx in enumerate(details, start=1):
        box.append(copy.deepcopy(tx))
        raw = etree.tostring(skeleton, encoding="unicode")
        box.remove(box[-1])
        part = Origin(origin.source, origin.locator.rsplit(":", 1)[0] + f":{tx.sourceline}", raw)
        out.append(_entry(head, tx, part, f"{base}/{number}", False))
    return out


def _head(ntry: Element, currency: str) -> Head:
    amount, found_currency = _amount(ntry, "Amt")
    if amount is None:
        raise BadRecord("entry without an amount (Amt)")
    credit = _credit(ntry)
    when = text(ntry, "BookgDt/DtTm", "BookgDt/Dt", "ValDt/DtTm", "ValDt/Dt")
    if not when:
        raise BadRecord("entry without a booking date (BookgDt)")
    return Head(
        amount=amount if credit else -amount,
        credit=credit,
        currency=found_currency or currency,
        booked=clock.parse(when),
        status=text(ntry, "Sts/Cd", "Sts/Prtry", "Sts"),
        ref=text(ntry, "AcctSvcrRef", "NtryRef"),
        codes=_codes(ntry),
        card=ntry.find(path("CardTx")) is not None,
        info=text(ntry, "AddtlNtryInf"),
        mcc=mcc(text(ntry, "CardTx/Tx/MrchntCtgyCd", ".//CardTx//MrchntCtgyCd")),
    )


def _amount(elem: Element, *steps: str) -> tuple[Decimal | None, str]:
    """The amount at the first of STEPS ELEM holds, and its currency (``Ccy``)."""
    for step in steps:
        found = elem.find(path(step))
        if found is None:
            continue
        value = (found.text or "").strip()
        if not _AMOUNT.match(value):
            raise BadRecord(f"bad amount: {value[:40]!r}")
        return Decimal(value), str(found.get("Ccy") or "").strip().upper()
    return None, ""


def _credit(elem: Element, default: bool | None = None) -> bool:
    mark = text(elem, "CdtDbtInd")
    if not mark and default is not None:
        return default
    if mark not in ("CRDT", "DBIT"):
        raise BadRecord(f"CdtDbtInd must be CRDT or DBIT, not {mark[:20]!r}")
    return mark == "CRDT"


def _codes(elem: Element) -> tuple[str, str, str]:
    return (
        text(elem, "BkTxCd/Domn/Fmly/SubFmlyCd"),
        text(elem, "BkTxCd/Domn/Fmly/Cd"),
        text(elem, "BkTxCd/Prtry/Cd"),
    )


def channel(codes: tuple[str, str, str], card: bool) -> str:
    """The channel a bank transaction code names: its sub-family's, its family's, a BAI2 code's
    or its words'; a card entry's when none does."""
    sub, family, proprietary = codes
    return (
        channels.lookup("camt_subfamily", sub)
        or channels.lookup("camt_family", family)
        or channels.lookup("bai", proprietary)
        or channels.by_words(proprietary)
        or ("card" if card else "other")
    )


def _entry(head: Head, tx: Element | None, origin: Origin, ref: str, only: bool) -> Entry:
    amount, currency, credit = head.amount, head.currency, head.credit
    if tx is not None:
        found, found_currency = _amount(tx, "Amt", "AmtDtls/TxAmt/Amt", "AmtDtls/InstdAmt/Amt")
        if found is None and not only:
            raise BadRecord("transaction details without an amount, in a batch entry")
        credit = _credit(tx, credit)
        amount = abs(head.amount) if found is None else found
        amount = amount if credit else -amount
        currency = found_currency or currency
    codes = _codes(tx) if tx is not None else head.codes
    codes = codes if any(codes) else head.codes
    card = head.card or (tx is not None and tx.find(path("CardTx")) is not None)
    kind = channel(codes, card)
    party = _party(tx, credit, kind == "card") if tx is not None else Party()
    memo, where = _memo(tx, head, party)
    found_mcc = _mcc(tx) or head.mcc or _text_mcc(memo.line, head.info)
    return Entry(
        origin,
        head.booked,
        amount,
        "credit" if credit else "debit",
        currency,
        kind,
        ref=ref,
        name=party.name,
        memo=memo.text or ("" if where else head.info),
        city=party.city,
        details={
            "status": head.status,
            **party.extra,
            "mcc": found_mcc,
        },
    )


@dataclass(frozen=True, slots=True)
class Memo:
    text: str
    line: str  # the bank's free-text line (AddtlTxInf)


def _memo(tx: Element | None, head: Head, party: Party) -> tuple[Memo, bool]:
    """The entry's memo, and whether the bank's free-text line says where it happened (then
    that is the merchant's city and country, never the memo)."""
    memo = " ".join(texts(tx, "RmtInf/Ustrd")) if tx is not None else ""
    line = text(tx, "AddtlTxInf") if tx is not None else ""
    where = _WHERE.match(line) or _WHERE.match(head.info)
    if tx is not None and not memo:
        memo = text(tx, "RmtInf/Strd/CdtrRefInf/Ref") or ("" if where else line)
    if where and not party.city:
        party.city = where.group(2)
        party.extra.setdefault("merchant_country", where.group(3))
    return Memo(memo, line), where is not None


def _text_mcc(*lines: str) -> str:
    """An MCC a bank's free-text line names (``MCC 7011 …``), checked like any other."""
    for line in lines:
        if found := _MCC_IN_TEXT.search(line):
            return mcc(found.group(1))
    return ""


def _party(tx: Element, credit: bool, card: bool) -> Party:
    side = _SIDES[credit]
    pty = f"RltdPties/{side}"
    agent = f"RltdAgts/{side}Agt/FinInstnId"
    party = Party(
        name=text(tx, f"{pty}/Nm", f"{pty}/Pty/Nm", f"RltdPties/Ultmt{side}/Nm",
                  f"RltdPties/Ultmt{side}/Pty/Nm", f"{pty}/Agt/FinInstnId/Nm"),
        iban=text(tx, f"{pty}Acct/Id/IBAN"),
        account=text(tx, f"{pty}Acct/Id/Othr/Id"),
        bank=text(tx, f"{agent}/BIC", f"{agent}/BICFI", f"{agent}/ClrSysMmbId/MmbId",
                  f"{agent}/Nm"),
    )  # fmt: skip
    iban = party.iban if holders.iban(party.iban) else ""
    party.extra = {
        "counterparty_iban": iban,
        "counterparty_account": party.account or ("" if iban else party.iban),
        "counterparty_bank": party.bank,
    }
    if card and not credit:  # the creditor of a card payment is the merchant
        party.city = text(tx, f"{pty}/PstlAdr/TwnNm", f"{pty}/Pty/PstlAdr/TwnNm")
        party.country = text(tx, f"{pty}/PstlAdr/Ctry", f"{pty}/Pty/PstlAdr/Ctry")
        party.extra |= {"merchant": party.name, "merchant_country": party.country}
    return party


def _mcc(tx: Element | None) -> str:
    """The merchant category code a card transaction gives: a ``MrchntCtgyCd`` element where a
    bank adds one, or the creditor's ``Othr`` identifier whose scheme is ``MCC``."""
    if tx is None:
        return ""
    found = text(tx, ".//MrchntCtgyCd")
    if found:
        return mcc(found)
    for other in tx.iterfind(path("RltdPties/Cdtr") + "//" + path("Othr")):
        if text(other, "SchmeNm/Prtry", "SchmeNm/Cd").upper() == "MCC":
            return mcc(text(other, "Id"))
    return ""
