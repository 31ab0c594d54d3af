"""The synthetic payments world: same seed, same files; well-formed camt.053 and Cash App
exports that agree with the world in memory; every red flag planted and said in the truth;
money that adds up; fictional identifiers only; written as a stream."""

from __future__ import annotations

import csv
import json
import re
import tracemalloc
from collections import Counter
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from linkboard.payments.ledger import CHANNELS, DIRECTIONS, Transaction
from linkboard.synth import generate
from linkboard.synth.payments import main, world, write
from linkboard.synth.payments_ads import is_fiction
from linkboard.synth.payments_camt import NS
from linkboard.synth.payments_cashapp import HEADER
from linkboard.synth.payments_names import AD_PLATFORMS
from linkboard.synth.payments_roster import CODES, LOOKALIKES
from linkboard.synth.payments_world import PaymentsWorld

C = f"{{{NS}}}"
CSV_HEADER = (
    "Transaction ID,Date,Transaction Type,Currency,Amount,Fee,Net Amount,Asset Type,"
    "Asset Price,Asset Amount,Status,Notes,Name of sender/receiver,Account"
)
PHONE_LIKE = re.compile(r"(?<!\d)(?:\+1-?)?\(?(\d{3})\)?[-. ]?(\d{3})[-. ]?(\d{4})(?!\d)")


@pytest.fixture(scope="module")
def ads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ads")
    generate(out, 800, seed=5, images=False, days=90)
    return out


@pytest.fixture(scope="module")
def made(ads: Path) -> PaymentsWorld:
    return world(4, accounts=200, days=90, ads_dir=ads)


@pytest.fixture(scope="module")
def written(made: PaymentsWorld, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("payments")
    return out, write(made, out)


@pytest.fixture(scope="module")
def truth(written: tuple[Path, dict]) -> dict[str, Any]:
    out, _ = written
    loaded: dict[str, Any] = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    return loaded


def _statements(out: Path) -> dict[str, Any]:
    """Each camt statement by its IBAN."""
    found = {}
    for path in sorted((out / "statements").glob("camt053_*.xml")):
        for stmt in etree.parse(str(path)).getroot().iter(f"{C}Stmt"):
            found[stmt.findtext(f"{C}Acct/{C}Id/{C}IBAN")] = stmt
    return found


def test_same_seed_same_files(written: tuple[Path, dict], ads: Path, tmp_path: Path) -> None:
    out, _ = written
    write(world(4, accounts=200, days=90, ads_dir=ads), tmp_path)
    names = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert names == sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    for name in names:
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_another_seed_another_world(made: PaymentsWorld, ads: Path) -> None:
    other = world(5, accounts=200, days=90, ads_dir=ads)
    assert [a.key for a in other.accounts] != [a.key for a in made.accounts]


def test_counts(written: tuple[Path, dict], truth: dict[str, Any]) -> None:
    out, summary = written
    accounts = truth["accounts"]
    assert summary["accounts"] == truth["accounts_count"] == len(accounts) == 200
    assert len({a["key"] for a in accounts}) == 200
    assert (
        summary["transactions"] == truth["transactions"] == sum(a["transactions"] for a in accounts)
    )
    statements = out / "statements"
    assert summary["cash_app_files"] == len(list(statements.glob("cash_app_report_*.csv")))
    assert summary["camt_files"] == len(list(statements.glob("camt053_*.xml")))
    roles = {a["role"].split(":")[0] for a in accounts}
    assert roles == {"operation", "benign", "customer", "confounder", "plain"}
    assert {f"benign:{kind}" for kind, _ in LOOKALIKES} <= {a["role"] for a in accounts}


def test_every_code_is_planted_and_said(truth: dict[str, Any]) -> None:
    planted = {c for a in truth["accounts"] for c in a["codes"]}
    assert planted == set(CODES) == set(truth["codes"])
    assert all(n > 0 for n in truth["planted"].values())
    for a in truth["accounts"]:
        assert bool(a["codes"]) == (a["role"] == "operation"), a["key"]
        assert ("FIN_AD_IDENTIFIER" in a["codes"]) == bool(a["shares_with_ads"]), a["key"]


def test_look_alikes_and_confounders_say_what_they_resemble(truth: dict[str, Any]) -> None:
    for a in truth["accounts"]:
        marked = a["role"].startswith(("benign:", "confounder:"))
        assert (a["resembles"] in CODES) == marked, a["key"]


def _night(t: Transaction) -> bool:
    return t.timed and (t.booked_at.hour >= 22 or t.booked_at.hour < 6)


def test_look_alikes_stay_short_of_their_flag(made: PaymentsWorld) -> None:
    for account in made.accounts:
        kind = account.role.removeprefix("benign:")
        txs = made.transactions(account)
        night_payers = {t.counterparty for t in txs if t.credit and _night(t)}
        if kind == "night_nurse":
            assert not night_payers
        if kind in ("student", "gig_driver"):
            assert len(night_payers) <= 4
        if kind == "shop_owner":
            near = sorted(t.booked_at.date() for t in txs if 8500 <= t.amount < 10000 and t.credit)
            assert all((b - a).days > 20 for a, b in pairwise(near))
        if kind in ("furniture_seller", "travelling_sales"):
            assert sum(t.mcc == "7311" for t in txs) == (kind == "furniture_seller")


def _of(made: PaymentsWorld, kind: str) -> list[tuple[Any, list[Transaction]]]:
    found = [(a, made.transactions(a)) for a in made.accounts if a.role == f"benign:{kind}"]
    assert found, kind
    return found


def test_a_bartender_is_tipped_small_amounts_late_by_many(made: PaymentsWorld) -> None:
    for _, txs in _of(made, "bartender"):
        tips = [t for t in txs if t.credit and t.channel == "p2p" and _night(t)]
        assert len({t.counterparty for t in tips}) >= 20
        assert all(Decimal(3) <= t.amount <= Decimal(40) for t in tips)
        assert all(t.booked_at.hour in (22, 23, 0, 1, 2) for t in tips)
        assert any(t.channel == "ach" and t.memo == "PAYROLL" for t in txs)


def test_an_ad_boosting_shop_pays_mainstream_platforms(made: PaymentsWorld) -> None:
    brands = tuple(d.split("*")[0].split(" ADS")[0] for d, _ in AD_PLATFORMS)
    for account, txs in _of(made, "ad_boosting_shop"):
        ads = [t for t in txs if t.mcc == "7311"]
        assert len(ads) >= made.days // 10, account.key
        assert all(t.merchant.startswith(brands) for t in ads)
        assert all(t.amount == int(t.amount) and t.amount <= 60 for t in ads)
        assert sum(t.amount % 12 == 0 for t in ads) >= len(ads) // 2  # fee-like on purpose


def test_a_touring_musician_stays_in_many_cities_and_spends_on_the_band(
    made: PaymentsWorld,
) -> None:
    kinds = set()
    for account, txs in _of(made, "touring_musician"):
        kinds.add(account.kind)
        assert not any(t.memo == "PAYROLL" for t in txs)  # no salary
        if account.kind == "bank":
            assert len({t.city for t in txs if t.mcc == "7011"}) >= 5
            assert sum(t.mcc in {"5733", "7394", "7513", "7922"} for t in txs) >= 3
        else:
            merch = [t for t in txs if t.credit and t.memo == "merch"]
            assert len({t.counterparty for t in merch}) >= 20
            assert all(Decimal(20) <= t.amount <= Decimal(40) and _night(t) for t in merch)
    assert kinds == {"bank", "p2p"}


def test_a_landlords_tenants_pay_round_rents_monthly(made: PaymentsWorld) -> None:
    for _, txs in _of(made, "landlord"):
        rents = [t for t in txs if t.credit and (t.memo == "rent" or t.channel == "cash")]
        assert rents
        assert all(800 <= t.amount <= 2000 and t.amount % 50 == 0 for t in rents)
        per_month = Counter((t.counterparty, t.booked_at.month) for t in rents if t.counterparty)
        assert max(per_month.values()) <= 2  # one rent a month (paid early or late)
        assert len({t.counterparty for t in rents if t.counterparty}) >= 3


def test_a_cash_restaurant_banks_most_days_at_one_branch_at_home(made: PaymentsWorld) -> None:
    busy_days = 0
    for account, txs in _of(made, "cash_restaurant"):
        cash = [t for t in txs if t.credit and t.channel == "cash"]
        assert len(cash) >= made.days // 2
        assert {t.city for t in cash} == {account.city.name}
        near = [t for t in cash if Decimal(8000) <= t.amount < Decimal(10000)]
        assert len(near) < len(cash) * 0.2
        busy_days += len(near)
        assert any(not t.credit and t.memo == "PAYROLL" for t in txs)
    assert busy_days > 0


@pytest.fixture(scope="module")
def busy() -> PaymentsWorld:
    """A world without ads with enough operations that each kind of noise shows."""
    return world(3, accounts=600, days=120)


def test_operations_are_noisy(busy: PaymentsWorld) -> None:
    """Operations live ordinary lives too, and their flags are planted with some noise: larger
    deposits beside structured ones, repeat customers at night, ad sites paid through generic
    billing descriptors."""
    ops = [(a, busy.transactions(a)) for a in busy.accounts if a.role == "operation"]
    assert all(any(t.channel == "card" and not t.credit for t in txs) for _, txs in ops)
    structured = [txs for a, txs in ops if "FIN_STRUCTURING" in a.codes]
    assert any(t.channel == "cash" and t.amount >= 10000 for txs in structured for t in txs)
    advertised = [txs for a, txs in ops if "FIN_AD_SITE_PAYMENTS" in a.codes]
    assert any("BILLING" in t.merchant and t.mcc != "7311" for txs in advertised for t in txs)
    repeat = 0
    for a, txs in ops:
        if "FIN_NIGHT_ACTIVITY" in a.codes:
            payers = Counter(t.counterparty for t in txs if t.credit and _night(t))
            repeat += payers.most_common(1)[0][1] >= 6
    assert repeat > 0


def test_some_funnel_runs_use_only_two_cities_away(busy: PaymentsWorld) -> None:
    narrow = 0
    for account in (a for a in busy.accounts if "FIN_FUNNEL" in a.codes):
        cash = [t for t in busy.transactions(account) if t.credit and t.channel == "cash"]
        for i, first in enumerate(cash):
            run = [t for t in cash[i:] if (t.booked_at.date() - first.booked_at.date()).days < 14]
            away = [t for t in run if t.city != account.city.name]
            narrow += len(away) >= 5 and len({t.city for t in away}) == 2
    assert narrow > 0


def test_without_ads_no_identifier_is_shared() -> None:
    made = world(2, accounts=80, days=45)
    codes = {c for a in made.accounts for c in a.codes}
    assert codes == set(CODES) - {"FIN_AD_IDENTIFIER"}
    assert all(op.id.startswith("op-s") for op in made.operations)


def test_shared_identifiers_are_the_operations_and_no_others_are(
    made: PaymentsWorld, truth: dict[str, Any]
) -> None:
    assert made.ads is not None
    ops = {op["id"]: op for op in truth["operations"]}
    for a in truth["accounts"]:
        own = {f"phone:{p}" for p in a["phones"]} | {f"email:{e}" for e in a["emails"]}
        if a["type"] == "p2p":
            own.add(f"payment:cashapp:{a['key'].removeprefix('cashapp:')}")
        in_ads = own & made.ads.taken
        assert in_ads == set(a["shares_with_ads"]) | set(a["generic"]), a["key"]
        if a["shares_with_ads"]:
            assert set(a["shares_with_ads"]) <= set(ops[a["operation"]]["identifiers"])


def test_customers_pay_but_stay_out(made: PaymentsWorld, truth: dict[str, Any]) -> None:
    by_key = {a["key"]: a for a in truth["accounts"]}
    customers = [a for a in truth["accounts"] if a["role"] == "customer"]
    assert customers
    assert any(a["mentions"] for a in customers)  # memos naming the operation's phone
    for a in customers:
        target = by_key[a["paid_account"]]
        assert a["operation"] is None
        assert not a["codes"]
        assert a["paid"] == [target["operation"]]
        ids = {t.counterparty_id for t in made.transactions(made.account(a["key"]))}
        prefix = "payment:" if target["type"] == "p2p" else "iban:"
        assert f"{prefix}{target['key']}" in ids


def test_confounders(truth: dict[str, Any], made: PaymentsWorld) -> None:
    assert made.ads is not None
    generic = {g for g, _ in made.ads.generic}
    found = {a["role"]: a for a in truth["accounts"] if a["role"].startswith("confounder:")}
    assert set(found) == {"confounder:generic_phone", "confounder:surname", "confounder:city"}
    phone = found["confounder:generic_phone"]
    assert phone["generic"]
    assert set(phone["generic"]) <= generic
    assert not phone["shares_with_ads"]
    assert phone["operation"] is None


def test_camt_is_well_formed_and_agrees(written: tuple[Path, dict], made: PaymentsWorld) -> None:
    out, _ = written
    for path in (out / "statements").glob("camt053_*.xml"):
        root = etree.parse(str(path)).getroot()
        assert root.tag == f"{C}Document"
        assert root.nsmap[None] == NS
    statements = _statements(out)
    banks = [a for a in made.accounts if a.kind == "bank"]
    assert set(statements) == {a.iban for a in banks}
    refs: set[str] = set()
    for account in banks:
        entries = statements[account.iban].findall(f"{C}Ntry")
        txs = made.transactions(account)
        assert [e.findtext(f"{C}AcctSvcrRef") for e in entries] == [t.id for t in txs]
        refs |= {t.id for t in txs}
        _balances_add_up(statements[account.iban], txs)
    assert len(refs) == sum(len(made.transactions(a)) for a in banks)


def _balances_add_up(stmt: Any, txs: list) -> None:
    balances = {
        b.findtext(f"{C}Tp/{C}CdOrPrtry/{C}Cd"): Decimal(b.findtext(f"{C}Amt"))
        * (1 if b.findtext(f"{C}CdtDbtInd") == "CRDT" else -1)
        for b in stmt.findall(f"{C}Bal")
    }
    net = sum((t.amount if t.credit else -t.amount for t in txs), Decimal(0))
    assert balances["CLBD"] == balances["OPBD"] + net


def test_camt_entries_say_when_how_and_where(written: tuple[Path, dict]) -> None:
    out, _ = written
    entries = [e for s in _statements(out).values() for e in s.findall(f"{C}Ntry")]
    day_only = [e for e in entries if e.find(f"{C}BookgDt/{C}Dt") is not None]
    assert 0.05 < len(day_only) / len(entries) < 0.15
    for e in entries:
        when = e.findtext(f"{C}BookgDt/{C}DtTm")
        assert when is None or re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[4-8]:00", when)
        assert e.findtext(f"{C}Sts") == "BOOK"
        assert e.findtext(f"{C}BkTxCd/{C}Domn/{C}Cd") == "PMNT"
    codes = {
        (e.findtext(f"{C}BkTxCd/{C}Domn/{C}Fmly/{C}Cd"), e.findtext(f".//{C}SubFmlyCd"))
        for e in entries
    }
    assert {("CNTR", "CDPT"), ("CCRD", "POSD"), ("CCRD", "CWDL"), ("ICDT", "DMCT")} <= codes
    where = [e.findtext(f"{C}NtryDtls/{C}TxDtls/{C}AddtlTxInf") for e in entries]
    assert any(w and re.fullmatch(r"MCC 7011 [A-Z][\w. ]+ US", w) for w in where)
    assert any(w and re.fullmatch(r"BRANCH [A-Z][\w. ]+ US", w) for w in where)


def test_cash_app_exports(written: tuple[Path, dict], made: PaymentsWorld) -> None:
    out, _ = written
    for account in (a for a in made.accounts if a.kind == "p2p"):
        path = out / "statements" / f"cash_app_report_{account.cashtag}.csv"
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == CSV_HEADER == ",".join(HEADER)
        rows = list(csv.DictReader(text.splitlines()))
        txs = made.transactions(account)
        assert [r["Transaction ID"] for r in rows] == [t.id for t in reversed(txs)]
        for r in rows:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [ECMP][SD]T", r["Date"])
            assert re.fullmatch(r"-?\$\d{1,3}(,\d{3})*\.\d\d", r["Amount"])
            assert r["Status"] == "COMPLETE"


def test_transactions_are_ledger_values(made: PaymentsWorld) -> None:
    for account in made.accounts[:60]:
        for t in made.transactions(account):
            assert t.account == f"account:{account.key}"
            assert t.channel in CHANNELS
            assert t.direction in DIRECTIONS
            assert t.amount > 0
            assert t.currency == "USD"
            assert t.mcc == "" or re.fullmatch(r"\d{4}", t.mcc)
            assert (t.booked_at.tzinfo is not None) == t.timed


def test_funnel_money_adds_up(made: PaymentsWorld) -> None:
    funnels = [a for a in made.accounts if "FIN_FUNNEL" in a.codes]
    assert funnels
    for account in funnels:
        txs = made.transactions(account)
        cash_in = sum(t.amount for t in txs if t.channel == "cash" and t.credit)
        out = sum(
            t.amount for t in txs if not t.credit and (t.channel == "wire" or t.mcc == "6051")
        )
        assert Decimal("0.8") * cash_in <= out <= cash_in, account.key


def test_structuring_deposits_sit_under_the_threshold(made: PaymentsWorld) -> None:
    """Six or more deposits just under the threshold; any other is one of a few larger ones."""
    for account in (a for a in made.accounts if "FIN_STRUCTURING" in a.codes):
        cash = [t.amount for t in made.transactions(account) if t.channel == "cash" and t.credit]
        near = [c for c in cash if Decimal(8500) <= c < Decimal(10000)]
        larger = [c for c in cash if c not in near]
        assert len(near) >= 6
        assert all(Decimal(10000) <= c < Decimal(16000) for c in larger)
        assert len(larger) <= len(near) * 2 // 3


def test_night_credits_come_from_many_payers(made: PaymentsWorld) -> None:
    for account in (a for a in made.accounts if "FIN_NIGHT_ACTIVITY" in a.codes):
        night = [
            t
            for t in made.transactions(account)
            if t.credit and t.channel == "p2p" and (t.booked_at.hour >= 22 or t.booked_at.hour < 6)
        ]
        assert len({t.counterparty for t in night}) >= 15


def test_phones_are_fictional(written: tuple[Path, dict], truth: dict[str, Any]) -> None:
    """Every phone an account holds, and every phone-like number a memo writes, is on a
    555-01XX line."""
    out, _ = written
    assert all(is_fiction(p) for a in truth["accounts"] for p in a["phones"])
    texts = []
    for stmt in _statements(out).values():
        for tag in ("PhneNb", "MobNb", "Ustrd"):
            texts += [e.text for e in stmt.iter(f"{C}{tag}")]
    for path in (out / "statements").glob("cash_app_report_*.csv"):
        texts += [r["Notes"] for r in csv.DictReader(path.read_text(encoding="utf-8").splitlines())]
    phones = [m for t in texts for m in PHONE_LIKE.finditer(t or "")]
    assert phones
    for m in phones:
        assert m.group(2) == "555", m.group(0)
        assert 100 <= int(m.group(3)) <= 199, m.group(0)


def test_write_streams(tmp_path: Path) -> None:
    """Writing keeps one account's statement in memory, not the world's."""
    made = world(7, accounts=100, days=120)
    tracemalloc.start()
    try:
        write(made, tmp_path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        held = list(made.all_transactions())
        whole, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(held) > 6_000
    assert peak < whole / 3


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main([str(tmp_path / "w"), "--seed", "3", "--accounts", "60", "--days", "30"])
    summary = json.loads(capsys.readouterr().out)
    assert summary["accounts"] == 60
    assert (tmp_path / "w" / "truth.json").exists()
    with pytest.raises(SystemExit) as exited:
        main([str(tmp_path / "x"), "--accounts", "5"])
    assert exited.value.code == 2
    assert "at least" in capsys.readouterr().err
