"""Bank statements as ISO 20022 ``camt.053.001.02`` XML: a few accounts' statements (``Stmt``)
per file, each file one bank's message, written account by account as they are generated.
The element paths are listed in :mod:`linkboard.synth.payments`.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TextIO
from xml.sax.saxutils import escape

from linkboard.synth.payments_book import Entry
from linkboard.synth.payments_roster import Account

NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"
STATEMENTS_PER_FILE = 25


def _amount(value: int) -> str:
    return f"{abs(value) // 100}.{abs(value) % 100:02d}"


def _cents(entry: Entry) -> int:
    return int(entry.tx.amount.scaleb(2))


class CamtWriter:
    """Appends each bank account's statement to its bank's current file; a file holds up to
    STATEMENTS_PER_FILE statements."""

    def __init__(self, out_dir: Path, start: date, days: int) -> None:
        self.out_dir, self.start, self.days = out_dir, start, days
        self.created = f"{(start + timedelta(days)).isoformat()}T06:00:00+00:00"
        self._open: dict[str, tuple[TextIO, str, int]] = {}
        self._numbers: dict[str, int] = {}
        self.files: list[str] = []

    def add(self, account: Account, entries: list[Entry]) -> str:
        """Write ACCOUNT's statement; the name of the file it is in."""
        assert account.bank is not None
        code = account.bank.country
        f, file_name, count = self._open.get(code) or self._new(code)
        f.write(self._statement(account, entries))
        count += 1
        self._open[code] = (f, file_name, count)
        if count == STATEMENTS_PER_FILE:
            self._finish(code)
        return file_name

    def close(self) -> None:
        for code in list(self._open):
            self._finish(code)

    def _new(self, code: str) -> tuple[TextIO, str, int]:
        number = self._numbers[code] = self._numbers.get(code, 0) + 1
        file_name = f"camt053_{code}_{number:04d}.xml"
        self.files.append(file_name)
        # open across calls (a file takes 25 statements), closed by _finish
        f = open(self.out_dir / file_name, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        f.write(
            f'<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="{NS}">\n<BkToCstmrStmt>\n'
            f"<GrpHdr><MsgId>LB-{code}-{number:04d}</MsgId><CreDtTm>{self.created}</CreDtTm>"
            "<MsgPgntn><PgNb>1</PgNb><LastPgInd>true</LastPgInd></MsgPgntn></GrpHdr>\n"
        )
        return f, file_name, 0

    def _finish(self, code: str) -> None:
        f, _, _ = self._open.pop(code)
        f.write("</BkToCstmrStmt>\n</Document>\n")
        f.close()

    def _statement(self, account: Account, entries: list[Entry]) -> str:
        opening = 150_000 + account.index * 7919 % 400_000
        net = sum(_cents(e) * (1 if e.tx.credit else -1) for e in entries)
        last = self.start + timedelta(self.days - 1)
        parts = [
            f"<Stmt><Id>STMT-{account.iban}-{self.start:%Y%m}</Id>"
            f"<ElctrncSeqNb>1</ElctrncSeqNb><CreDtTm>{self.created}</CreDtTm>"
            f"<FrToDt><FrDtTm>{self.start}T00:00:00</FrDtTm><ToDtTm>{last}T23:59:59</ToDtTm>"
            f"</FrToDt>{_owner(account)}",
            _balance("OPBD", opening, self.start),
            _balance("CLBD", opening + net, last),
            _summary(entries),
            *(_entry(account, e) for e in entries),
            "</Stmt>\n",
        ]
        return "".join(parts)


def _owner(account: Account) -> str:
    """``Acct``: the IBAN, the currency, the owner with address and contact details, the bank."""
    assert account.bank is not None
    phones = [f"+1-{p[2:]}" for p in account.phones]
    contact = "".join(
        [f"<PhneNb>{phones[0]}</PhneNb>" if phones else ""]
        + [f"<MobNb>{p}</MobNb>" for p in phones[1:2]]
        + [f"<EmailAdr>{escape(e)}</EmailAdr>" for e in account.emails[:1]]
    )
    city = account.city
    return (
        f"<Acct><Id><IBAN>{account.iban}</IBAN></Id><Ccy>USD</Ccy><Ownr>"
        f"<Nm>{escape(account.holder)}</Nm><PstlAdr><TwnNm>{escape(city.name)}</TwnNm>"
        f"<CtrySubDvsn>{city.state}</CtrySubDvsn><Ctry>US</Ctry></PstlAdr>"
        + (f"<CtctDtls>{contact}</CtctDtls>" if contact else "")
        + f"</Ownr><Svcr><FinInstnId><BIC>{account.bank.bic}</BIC>"
        f"<Nm>{escape(account.bank.name)}</Nm></FinInstnId></Svcr></Acct>"
    )


def _balance(code: str, value: int, day: date) -> str:
    sign = "CRDT" if value >= 0 else "DBIT"
    return (
        f"<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp>"
        f'<Amt Ccy="USD">{_amount(value)}</Amt><CdtDbtInd>{sign}</CdtDbtInd>'
        f"<Dt><Dt>{day}</Dt></Dt></Bal>"
    )


def _summary(entries: list[Entry]) -> str:
    out = "<TxsSummry>"
    for tag, credit in (("TtlCdtNtries", True), ("TtlDbtNtries", False)):
        chosen = [_cents(e) for e in entries if e.tx.credit == credit]
        out += f"<{tag}><NbOfNtries>{len(chosen)}</NbOfNtries><Sum>{_amount(sum(chosen))}</Sum>"
        out += f"</{tag}>"
    return out + "</TxsSummry>"


def _entry(account: Account, entry: Entry) -> str:
    tx = entry.tx
    when = tx.booked_at
    booked = f"<DtTm>{when.isoformat()}</DtTm>" if tx.timed else f"<Dt>{when.date()}</Dt>"
    domain, family, sub = entry.code.split("/")
    details = (
        _parties(account, entry)
        + (f"<RmtInf><Ustrd>{escape(tx.memo)}</Ustrd></RmtInf>" if tx.memo else "")
        + (f"<AddtlTxInf>{escape(_where(tx.mcc, tx.city))}</AddtlTxInf>" if tx.city else "")
    )
    return (
        f'<Ntry><Amt Ccy="{tx.currency}">{tx.amount}</Amt>'
        f"<CdtDbtInd>{'CRDT' if tx.credit else 'DBIT'}</CdtDbtInd><Sts>BOOK</Sts>"
        f"<BookgDt>{booked}</BookgDt><ValDt><Dt>{when.date()}</Dt></ValDt>"
        f"<AcctSvcrRef>{tx.id}</AcctSvcrRef>"
        f"<BkTxCd><Domn><Cd>{domain}</Cd><Fmly><Cd>{family}</Cd>"
        f"<SubFmlyCd>{sub}</SubFmlyCd></Fmly></Domn></BkTxCd>"
        + (f"<NtryDtls><TxDtls>{details}</TxDtls></NtryDtls>" if details else "")
        + (f"<AddtlNtryInf>{escape(entry.note)}</AddtlNtryInf>" if entry.note else "")
        + "</Ntry>\n"
    )


def _where(mcc: str, city: str) -> str:
    """``MCC 7011 Reno US`` for a card or ATM entry, ``BRANCH Reno US`` for a counter one."""
    return f"{f'MCC {mcc}' if mcc else 'BRANCH'} {city} US"


def _parties(account: Account, entry: Entry) -> str:
    """``RltdPties``: the counterparty is the debtor of a credit, the creditor of a debit; the
    other side is the account's owner. A card merchant's city is its creditor's address."""
    tx = entry.tx
    if not tx.counterparty:
        return ""
    other = f"<Nm>{escape(tx.counterparty)}</Nm>"
    if tx.merchant and tx.city:
        other += f"<PstlAdr><TwnNm>{escape(tx.city)}</TwnNm><Ctry>{tx.country}</Ctry></PstlAdr>"
    if tx.merchant and tx.mcc:
        other += f"<Id><OrgId><Othr><Id>{tx.mcc}</Id><SchmeNm><Prtry>MCC</Prtry></SchmeNm>"
        other += "</Othr></OrgId></Id>"
    other_acct = ""
    if tx.counterparty_id.startswith("iban:"):
        other_acct = f"<Id><IBAN>{tx.counterparty_id.removeprefix('iban:')}</IBAN></Id>"
    own = f"<Nm>{escape(account.holder)}</Nm>"
    own_acct = f"<Id><IBAN>{account.iban}</IBAN></Id>"
    if tx.credit:
        dbtr, dbtr_acct, cdtr, cdtr_acct = other, other_acct, own, own_acct
    else:
        dbtr, dbtr_acct, cdtr, cdtr_acct = own, own_acct, other, other_acct
    return (
        f"<RltdPties><Dbtr>{dbtr}</Dbtr>"
        + (f"<DbtrAcct>{dbtr_acct}</DbtrAcct>" if dbtr_acct else "")
        + f"<Cdtr>{cdtr}</Cdtr>"
        + (f"<CdtrAcct>{cdtr_acct}</CdtrAcct>" if cdtr_acct else "")
        + "</RltdPties>"
    )
