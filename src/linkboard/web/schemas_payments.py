"""The JSON shapes of the payments pages: an account (its card, alerts, transactions, totals,
the ads that print its identifiers, its counterparties), a transaction, a network's accounts and
the financial alerts of the triage queue. Account numbers come masked to a role that may not
see them (``accounts.reveal``)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from linkboard.web.schemas_text import Highlight


class HeldValue(BaseModel):
    """One identifier an account holds, as the page shows it."""

    kind: str
    label: str = Field(description="what it is: IBAN, account number, card, phone, $cashtag...")
    value: str = Field(description="the value (masked when `masked`)")
    identifier: str = Field(description="kind:value; masked when `masked`")
    shown: str = Field(description="how the page prints it (masked when `masked`)")
    masked: bool = False


class AccountCard(BaseModel):
    id: str
    source_id: str
    holder: str
    account_type: str = ""
    institution: str = ""
    bic: str = ""
    numbers: list[HeldValue] = Field([], description="IBAN, account number, card")
    contacts: list[HeldValue] = Field([], description="phones, e-mails, handles, payments, wallets")
    risk: float | None = None
    network_id: str | None = None
    network_name: str = ""


class FinancialAlert(BaseModel):
    """A red flag a payments rule raised on an account, with the transactions behind it."""

    rule: str
    name: str = ""
    rule_version: str = ""
    band: str = ""
    strength: float = 0.0
    reason: str
    transactions: list[str] = []


class TransactionRow(BaseModel):
    id: str
    booked: str = Field(description="the booking time as the statement wrote it")
    direction: str = Field(description="credit (money in) or debit (money out)")
    amount: str
    currency: str = ""
    channel: str = ""
    counterparty: str = Field("", description="the counterparty's name")
    counterparty_id: str = Field("", description="its identifier, kind:value (masked)")
    counterparty_shown: str = ""
    counterparty_account: str | None = Field(
        None, description="the account record that holds the counterparty's identifier"
    )
    merchant: str = ""
    mcc: str = ""
    city: str = ""
    memo: str = ""
    memo_highlights: list[Highlight] = []
    alerts: list[str] = Field([], description="the rules of the account's alerts that cite it")


class Total(BaseModel):
    currency: str
    credits: int = 0
    credit_total: str = "0.00"
    debits: int = 0
    debit_total: str = "0.00"


class AdUse(BaseModel):
    """The ads (outside the payments channel) that print one of the account's identifiers."""

    identifier: str
    shown: str
    ads: list[str]
    titles: dict[str, str] = {}
    networks: list[str] = []


class Counterparty(BaseModel):
    """An account on the other side of this one's transactions, in another network: an edge
    between the networks, never a member of this one."""

    identifier: str
    shown: str
    account_id: str
    holder: str = ""
    network_id: str | None = None
    transactions: int = 0


class AccountView(BaseModel):
    card: AccountCard
    alerts: list[FinancialAlert] = []
    transactions: list[TransactionRow] = []
    total_transactions: int = 0
    page: int = 1
    pages: int = 1
    totals: list[Total] = []
    ads: list[AdUse] = []
    counterparties: list[Counterparty] = []


class TransactionView(BaseModel):
    row: TransactionRow
    account_id: str | None = Field(None, description="the account record it is booked on")
    account_holder: str = ""
    account_network: str | None = None
    alerts: list[FinancialAlert] = Field([], description="the account's alerts that cite it")


class NetworkAccount(BaseModel):
    id: str
    holder: str
    account_type: str = ""
    institution: str = ""
    risk: float | None = None
    transactions: int = 0
    alerts: list[FinancialAlert] = []


class AlertedAccount(BaseModel):
    """An account with financial alerts, as the triage queue lists it."""

    id: str
    holder: str
    account_type: str = ""
    institution: str = ""
    risk: float | None = None
    network_id: str | None = None
    strength: float = 0.0
    alerts: list[FinancialAlert] = []
